"""Each story once: across feeds, across cycles, across a restart of the collector (real broker)."""

from __future__ import annotations

import threading
import time

from prometheus_client import CollectorRegistry

from newswatch.collectors.config import FeedConfig
from newswatch.collectors.run import run_collector
from newswatch.collectors.state_store import KafkaStateStore
from newswatch.schema import Article
from tests.support.feed_server import Page, rss
from tests.support.topics import read_all, read_records


def collect(settings, kafka, feeds, clock):
    return run_collector(settings.collector, settings.topics, kafka, stop=threading.Event(),
                         registry=CollectorRegistry(), feeds=feeds,
                         once=True, clock=clock)


def test_restart_republishes_nothing(collector_settings, kafka, feed_server, clock):
    items = [(f"Story {i}", f"http://example.org/story/{i}?utm_source=rss") for i in range(5)]
    feed_server.pages["/a.xml"] = Page(rss("A", items))
    feeds = [FeedConfig(url=feed_server.url("/a.xml"), name="a")]
    assert collect(collector_settings, kafka, feeds, clock).new == 5

    # A new process with no memory but the broker's: the validators come back too, so the
    # next poll is conditional; and a changed body (new ETag) still publishes only the new item.
    clock.advance(61)
    again = collect(collector_settings, kafka, feeds, clock)
    assert (again.new, again.not_modified) == (0, 1)
    assert "if-none-match" in feed_server.hits("/a.xml")[-1].headers

    feed_server.pages["/a.xml"] = Page(rss("A", [*items, ("Story 5", "http://example.org/story/5")]))
    clock.advance(61)
    changed = collect(collector_settings, kafka, feeds, clock)
    assert (changed.new, changed.duplicates) == (1, 5)
    published = read_records(kafka, collector_settings.topics.articles, Article)
    assert len(published) == 6 == len({a.id for a in published})


def test_restart_with_lost_validators_republishes_nothing(collector_settings, kafka, feed_server, clock):
    """A server that never sends validators: every poll is a full body, the ids alone stop repeats."""
    feed_server.pages["/plain.xml"] = Page(rss("P", [("One", "http://example.org/p1")]), etag="", last_modified="")
    feeds = [FeedConfig(url=feed_server.url("/plain.xml"))]
    assert collect(collector_settings, kafka, feeds, clock).new == 1
    clock.advance(61)
    again = collect(collector_settings, kafka, feeds, clock)
    assert (again.new, again.not_modified) == (0, 1)  # same bytes as last time: not even parsed
    assert [h.status for h in feed_server.hits("/plain.xml")] == [200, 200]

    feed_server.pages["/plain.xml"] = Page(rss("P", [("One", "http://example.org/p1"), ("Two", "http://example.org/p2")]),
                                           etag="", last_modified="")
    clock.advance(61)
    changed = collect(collector_settings, kafka, feeds, clock)
    assert (changed.new, changed.duplicates) == (1, 1)
    assert len(read_records(kafka, collector_settings.topics.articles, Article)) == 2


def test_same_story_through_two_feeds_is_published_once(collector_settings, kafka, feed_server, clock):
    feed_server.pages["/wire.xml"] = Page(rss("Wire", [("Talks", "https://Example.ORG/news/talks?utm_medium=rss#top")]))
    feed_server.pages["/paper.xml"] = Page(rss("Paper", [("Talks", "https://example.org/news/talks"),
                                                         ("Other", "https://example.org/news/other")]))
    feeds = [FeedConfig(url=feed_server.url("/wire.xml")), FeedConfig(url=feed_server.url("/paper.xml"))]
    stats = collect(collector_settings, kafka, feeds, clock)
    assert (stats.new, stats.duplicates) == (2, 1)
    published = read_records(kafka, collector_settings.topics.articles, Article)
    assert sorted(a.title for a in published) == ["Other", "Talks"]


def test_start_up_reads_seen_ids_only_within_the_retention(collector_settings, kafka):
    day = 86_400
    store = KafkaStateStore(kafka, collector_settings.collector.state_topic_for(collector_settings.topics.articles),
                            kafka.producer(), seen_retention_seconds=30 * day)
    store.ensure_topic()
    now = time.time()
    old_ms, recent_ms = int((now - 40 * day) * 1000), int((now - day) * 1000)
    producer = kafka.producer()
    try:
        # an earlier version kept seen ids beside the feed states; feed states never expire
        for key, value, ms in ((b"seen:old1", b'{"ids": ["old1"]}', old_ms),
                               (b"seen:new1", b'{"ids": ["new1"]}', recent_ms),
                               (b"feed:http://x/f.xml", b'{"url": "http://x/f.xml", "etag": "e"}', old_ms)):
            producer.send(store.topic, key=key, value=value, timestamp_ms=ms, partition=0)
        for n in range(50):
            producer.send(store.seen_topic, key=f"seen:1:old{n}".encode(), value=b'{"ids": ["x%d"]}' % n,
                          timestamp_ms=old_ms, partition=0)
        producer.send(store.seen_topic, key=b"seen:2:new2", value=b'{"ids": ["new2", "new3"]}',
                      timestamp_ms=recent_ms, partition=0)
        producer.flush()
    finally:
        producer.close()
    feeds, seen = store.load()
    assert set(seen) == {"new1", "new2", "new3"}
    assert list(feeds) == ["http://x/f.xml"] and feeds["http://x/f.xml"].etag == "e"
    assert store.records_read == 3 + 1  # the whole state topic, the seen topic from the retention on
    store.flush()
    states = read_all(kafka, store.topic)
    assert [(r.key, r.value) for r in states if r.key == b"seen:old1"][-1] == (b"seen:old1", None)  # tombstoned
    store.producer.close()
