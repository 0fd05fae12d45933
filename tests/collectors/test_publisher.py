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


def test_state_records_are_read_in_both_seen_formats():
    from newswatch.collectors.state_store import KafkaStateStore

    feeds, seen = {}, set()
    KafkaStateStore._apply(b"seen:aaa", b'{"t": 1}', feeds, seen)  # one id per record (first format)
    KafkaStateStore._apply(b"seen:bbb", b'{"t": 1, "ids": ["bbb", "ccc"]}', feeds, seen)
    KafkaStateStore._apply(b"seen:ddd", b"not json", feeds, seen)
    KafkaStateStore._apply(b"feed:http://x/f.xml", b'{"url": "http://x/f.xml", "etag": "\\"e\\"", "new": 1}',
                           feeds, seen)
    KafkaStateStore._apply(b"feed:http://x/g.xml", b"{broken", feeds, seen)
    assert seen == {"aaa", "bbb", "ccc", "ddd"}
    assert list(feeds) == ["http://x/f.xml"] and feeds["http://x/f.xml"].etag == '"e"'
