"""A parse that stalls or kills its worker ends that worker, fails that feed only, and is never
parsed in the collector's own process (issue 19, holes 1 and 3)."""

from __future__ import annotations

import asyncio
import os

import pytest
from prometheus_client import CollectorRegistry

from newswatch.collectors import poller as poller_module
from newswatch.collectors.config import CollectorConfig, FeedConfig
from newswatch.collectors.parse_pool import ParseError, ParsePool
from newswatch.collectors.poller import Poller
from newswatch.collectors.service import Publisher
from newswatch.collectors.state_store import MemoryStateStore
from newswatch.metrics import CollectorMetrics, PipelineMetrics
from tests.support.feed_server import Page, rss

TARGET = "tests.collectors.parse_targets:parse"
FEED = rss("Good", [("One", "http://example.org/1"), ("Two", "http://example.org/2")])


def pool(workers: int = 1, timeout: float = 3.0, **kwargs) -> ParsePool:
    return ParsePool(workers, timeout=timeout, target=TARGET, **kwargs)


def parse(p: ParsePool, body: bytes):
    return p.parse(body, "src", {}, "http://example.org/feed")


def test_a_parse_over_the_time_limit_ends_its_worker_and_a_new_one_takes_over():
    p = pool(timeout=2.0)

    async def run():
        first = await parse(p, FEED)
        spun = p._idle[0].process
        with pytest.raises(ParseError) as stalled:
            await parse(p, b"spin")
        assert stalled.value.reason == "parse_timeout"
        assert not spun.is_alive() and spun.pid != os.getpid()
        after = await parse(p, FEED)
        return first, after

    try:
        first, after = asyncio.run(run())
    finally:
        p.shutdown()
    assert [a.url for a in first.articles] == [a.url for a in after.articles] == ["http://example.org/1",
                                                                                 "http://example.org/2"]
    assert p.replaced == 1


def test_other_parses_finish_while_one_stalls():
    p = pool(workers=2, timeout=4.0)
    finished: list[str] = []

    async def one(name: str, body: bytes) -> None:
        try:
            await parse(p, body)
        except ParseError as exc:
            finished.append(f"{name}:{exc.reason}")
        else:
            finished.append(name)

    async def run():
        await asyncio.gather(one("stall", b"spin"), *(one(f"good{i}", FEED) for i in range(3)))

    try:
        asyncio.run(run())
    finally:
        p.shutdown()
    assert finished == ["good0", "good1", "good2", "stall:parse_timeout"]


@pytest.mark.parametrize("body, message", [(b"die", "died"), (b"eat", "MemoryError")])
def test_a_worker_that_dies_or_runs_out_of_memory_fails_only_its_parse(body, message):
    p = pool(timeout=20.0, memory_bytes=512 * 1024 * 1024)

    async def run():
        with pytest.raises(ParseError) as failed:
            await parse(p, body)
        return failed.value, await parse(p, FEED)

    try:
        error, after = asyncio.run(run())
    finally:
        p.shutdown()
    assert error.reason == "parse_failed" and message in str(error)
    assert len(after.articles) == 2


class Recorder:
    class Done:
        def get(self, timeout=None):
            return None

    def __init__(self):
        self.sent: list[bytes] = []

    def send(self, topic, *, key, value, timestamp_ms):
        self.sent.append(key)
        return self.Done()

    def flush(self):
        return None


def test_the_poller_fails_the_feed_that_killed_a_worker_and_never_parses_it_itself(feed_server, clock, monkeypatch):
    """Regression: after a dead worker the poller used to parse every body in its own process."""
    def never(*args, **kwargs):
        raise AssertionError("the collector process parsed a feed")

    monkeypatch.setattr(poller_module, "parse_feed", never)
    feed_server.pages["/killer.xml"] = Page(b"die")
    feed_server.pages["/good.xml"] = Page(FEED)
    registry = CollectorRegistry()
    producer = Recorder()
    config = CollectorConfig(allow_networks=("127.0.0.1/32",), interval_seconds=60)
    p = pool(timeout=20.0)
    poller = Poller(config, Publisher(producer, "articles", MemoryStateStore(), set()), {}, clock=clock,
                    metrics=CollectorMetrics(registry), pipeline=PipelineMetrics(registry), parser=p)
    feeds = [FeedConfig(url=feed_server.url("/killer.xml"), name="killer"),
             FeedConfig(url=feed_server.url("/good.xml"), name="good")]
    try:
        stats, _ = asyncio.run(poller.cycle(feeds))
        clock.advance(10_000)
        again, _ = asyncio.run(poller.cycle(feeds[:1]))  # still through a worker, still failing
    finally:
        p.shutdown()
    assert (stats.new, stats.errors, again.errors) == (2, 1, 1)
    assert len(producer.sent) == 2
    assert registry.get_sample_value("newswatch_collector_feed_errors_total", {"reason": "parse_failed"}) == 2
    assert poller.parser is p


def test_feeds_check_reports_a_stalling_feed_and_still_checks_the_others(feed_server):
    from newswatch.collectors.check import check_feeds

    stall = rss("Stall", [("S1", "http://example.org/s1")]).replace(b"About S1.", b"&" * 3_000_000)
    feed_server.pages["/stall.xml"] = Page(stall)
    feed_server.pages["/good.xml"] = Page(FEED)
    config = CollectorConfig(allow_networks=("127.0.0.1/32",), parse_workers=1, parse_timeout_seconds=2.0)
    results = asyncio.run(check_feeds(config, [FeedConfig(url=feed_server.url("/stall.xml"), name="stall"),
                                               FeedConfig(url=feed_server.url("/good.xml"), name="good")]))
    by_name = {r.feed.label: r for r in results}
    assert by_name["good"].ok and by_name["good"].items == 2
    assert not by_name["stall"].ok and by_name["stall"].error.startswith("parse_timeout")
