"""Claimed ids and delivery failures: nothing claimed is lost when a send fails (regression for
articles claimed, never sent, and then remembered as published)."""

from __future__ import annotations

import asyncio

from kafka.errors import KafkaTimeoutError
from prometheus_client import CollectorRegistry

from newswatch.collectors.config import CollectorConfig, FeedConfig
from newswatch.collectors.poller import Poller
from newswatch.collectors.service import Publisher
from newswatch.collectors.state_store import MemoryStateStore
from newswatch.metrics import CollectorMetrics, PipelineMetrics
from tests.support.feed_server import Page, rss


class FlakyProducer:
    """Refuses the first ``failures`` sends the way a full buffer does, then records what it gets."""

    class Done:
        def get(self, timeout=None):
            return None

    def __init__(self, failures: int):
        self.failures = failures
        self.sent: list[bytes] = []

    def send(self, topic, *, key, value, timestamp_ms):
        if self.failures:
            self.failures -= 1
            raise KafkaTimeoutError("buffer full")
        self.sent.append(key)
        return self.Done()

    def flush(self):
        return None


def test_a_failed_send_releases_the_claims_and_the_next_poll_publishes(feed_server, clock):
    feed_server.pages["/f.xml"] = Page(rss("F", [(f"S{i}", f"http://example.org/s{i}") for i in range(3)]))
    producer = FlakyProducer(failures=1)
    store = MemoryStateStore()
    registry = CollectorRegistry()
    config = CollectorConfig(allow_networks=("127.0.0.1/32",), interval_seconds=60, parse_workers=0)
    poller = Poller(config, Publisher(producer, "articles", store, set()), {}, clock=clock,
                    metrics=CollectorMetrics(registry), pipeline=PipelineMetrics(registry))
    feeds = [FeedConfig(url=feed_server.url("/f.xml"))]

    first, _ = asyncio.run(poller.cycle(feeds))
    assert (first.new, first.errors) == (0, 1) and store.seen == set()
    clock.advance(10_000)
    second, _ = asyncio.run(poller.cycle(feeds))
    assert second.new == 3
    assert len(producer.sent) == 3 and len(store.seen) == 3
    assert feed_server.hits("/f.xml")[-1].status == 200  # validators were dropped: full body again


def test_state_records_are_read_in_every_seen_format():
    from newswatch.collectors.seen_ids import SeenIds
    from newswatch.collectors.state_store import KafkaStateStore

    now = 1_800_000_000.0
    feeds, seen = {}, SeenIds(30 * 86_400, clock=lambda: now)
    ms = int(now * 1000)
    KafkaStateStore._apply(b"seen:aaa", b'{"t": 1}', ms, feeds, seen)  # one id per record (first format)
    KafkaStateStore._apply(b"seen:bbb", b'{"t": 1, "ids": ["bbb", "ccc"]}', ms, feeds, seen)  # batches
    KafkaStateStore._apply(b"seen:ddd", b"not json", ms, feeds, seen)
    KafkaStateStore._apply(b"seen:20833:eee", b'{"t": 1, "ids": ["eee", "fff"]}', ms, feeds, seen)  # by day
    KafkaStateStore._apply(b"seen:20833:ggg", b"not json", ms, feeds, seen)
    KafkaStateStore._apply(b"seen:old", b'{"t": 1, "ids": ["old"]}', ms - 31 * 86_400_000, feeds, seen)
    KafkaStateStore._apply(b"feed:http://x/f.xml", b'{"url": "http://x/f.xml", "etag": "\\"e\\"", "new": 1}',
                           ms, feeds, seen)
    KafkaStateStore._apply(b"feed:http://x/g.xml", b"{broken", ms, feeds, seen)
    assert set(seen) == {"aaa", "bbb", "ccc", "ddd", "eee", "fff", "ggg"}  # "old" is past the retention
    assert list(feeds) == ["http://x/f.xml"] and feeds["http://x/f.xml"].etag == '"e"'
