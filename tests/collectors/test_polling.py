"""Polling a loopback feed server through the real broker: conditional GETs, Retry-After,
back-off and parking, permanent redirects, size caps, gzip."""

from __future__ import annotations

import threading

from prometheus_client import CollectorRegistry

from newswatch.collectors.config import FeedConfig
from newswatch.collectors.run import run_collector
from newswatch.schema import Article
from tests.support.feed_server import Page, Scripted, rss
from tests.support.topics import read_all, read_records


def collect(settings, kafka, feeds, clock, registry=None):
    return run_collector(settings.collector, settings.topics, kafka, stop=threading.Event(),
                         registry=registry or CollectorRegistry(),
                         feeds=feeds, once=True, clock=clock)


def test_second_cycle_is_conditional_and_publishes_nothing(collector_settings, kafka, feed_server, clock):
    feed_server.pages["/a.xml"] = Page(rss("A", [("One", "http://example.org/1"), ("Two", "http://example.org/2")]))
    feed_server.pages["/b.xml"] = Page(rss("B", [("Three", "http://example.org/3")]), etag=None,
                                       last_modified="Tue, 14 Nov 2023 22:13:20 GMT")
    feeds = [FeedConfig(url=feed_server.url("/a.xml"), name="a"), FeedConfig(url=feed_server.url("/b.xml"), name="b")]
    first = collect(collector_settings, kafka, feeds, clock)
    assert (first.feeds, first.new, first.errors) == (2, 3, 0)
    clock.advance(61 + 15)  # the interval, and (adaptive polling, on by default) 15 s between two polls of a host
    registry = CollectorRegistry()
    second = collect(collector_settings, kafka, feeds, clock, registry)

    assert (second.feeds, second.new, second.not_modified) == (2, 0, 2)
    conditional = feed_server.hits("/a.xml")[1].headers
    assert conditional["if-none-match"] == feed_server.pages["/a.xml"].etag
    assert conditional["if-modified-since"] == feed_server.pages["/a.xml"].last_modified
    assert [h.status for h in feed_server.hits("/a.xml")] == [200, 304]
    assert len(read_all(kafka, collector_settings.topics.articles)) == 3
    assert registry.get_sample_value("newswatch_collector_fetches_total", {"status_class": "3xx"}) == 2
    assert registry.get_sample_value("newswatch_collector_items_total", {"outcome": "new"}) is None


def test_etag_wins_over_an_unchanged_last_modified(collector_settings, kafka, feed_server, clock):
    page = Page(rss("A", [("One", "http://example.org/e1")]), last_modified="Tue, 14 Nov 2023 22:13:20 GMT")
    feed_server.pages["/a.xml"] = page
    feeds = [FeedConfig(url=feed_server.url("/a.xml"))]
    collect(collector_settings, kafka, feeds, clock)
    feed_server.pages["/a.xml"] = Page(rss("A", [("One", "http://example.org/e1"), ("New", "http://example.org/e2")]),
                                       last_modified=page.last_modified)
    clock.advance(61)
    stats = collect(collector_settings, kafka, feeds, clock)
    assert (stats.new, stats.duplicates) == (1, 1)


def test_retry_after_is_honoured(collector_settings, kafka, feed_server, clock):
    feed_server.pages["/busy.xml"] = Page(rss("Busy", [("One", "http://example.org/b1")]))
    feed_server.script("/busy.xml", Scripted(429, {"retry-after": "120"}))
    feeds = [FeedConfig(url=feed_server.url("/busy.xml"), interval_seconds=10)]

    assert collect(collector_settings, kafka, feeds, clock).errors == 1
    clock.advance(119)
    assert collect(collector_settings, kafka, feeds, clock).feeds == 0
    assert len(feed_server.hits("/busy.xml")) == 1
    clock.advance(2)
    stats = collect(collector_settings, kafka, feeds, clock)
    assert (stats.feeds, stats.new) == (1, 1)
    assert len(feed_server.hits("/busy.xml")) == 2


def test_failing_feed_backs_off_then_is_parked_and_others_go_on(collector_settings, kafka, feed_server, clock):
    feed_server.pages["/ok.xml"] = Page(rss("Ok", [("One", "http://example.org/o1")]))
    feeds = [FeedConfig(url=feed_server.url("/gone.xml"), name="gone"), FeedConfig(url=feed_server.url("/ok.xml"))]
    errors = []
    for cycle in range(5):  # error_limit is 3
        registry = CollectorRegistry()
        errors.append(collect(collector_settings, kafka, feeds, clock, registry).errors)
        clock.advance(10_000)  # past any back-off
        if cycle == 2:
            assert registry.get_sample_value("newswatch_collector_feed_errors_total", {"reason": "http_404"}) == 1
    hits = feed_server.hits("/gone.xml")
    assert len(hits) == 3 and all(h.status == 404 for h in hits)
    assert errors == [1, 1, 1, 0, 0]
    assert registry.get_sample_value("newswatch_collector_parked_feeds") == 1
    assert len(feed_server.hits("/ok.xml")) == 5
    assert registry.get_sample_value("newswatch_collector_seconds_since_last_success", {"feed": "gone"}) > 0


def test_back_off_doubles_the_wait(collector_settings, kafka, feed_server, clock):
    feeds = [FeedConfig(url=feed_server.url("/down.xml"), interval_seconds=100)]
    feed_server.script("/down.xml", Scripted(503), Scripted(503))
    collect(collector_settings, kafka, feeds, clock)
    clock.advance(101)
    collect(collector_settings, kafka, feeds, clock)  # second failure: next check in 200 s
    clock.advance(199)
    assert collect(collector_settings, kafka, feeds, clock).feeds == 0
    clock.advance(2)
    assert collect(collector_settings, kafka, feeds, clock).feeds == 1


def test_permanent_redirect_updates_the_stored_url(collector_settings, kafka, feed_server, clock):
    feed_server.pages["/new.xml"] = Page(rss("Moved", [("One", "http://example.org/m1")]))
    feed_server.script("/old.xml", Scripted(301, {"location": "/new.xml"}))
    feeds = [FeedConfig(url=feed_server.url("/old.xml"))]
    assert collect(collector_settings, kafka, feeds, clock).new == 1
    clock.advance(61)
    assert collect(collector_settings, kafka, feeds, clock).not_modified == 1
    assert len(feed_server.hits("/old.xml")) == 1
    assert [h.status for h in feed_server.hits("/new.xml")] == [200, 304]


def test_redirect_to_an_internal_address_is_refused(collector_settings, kafka, feed_server, clock):
    feed_server.script("/evil.xml", Scripted(302, {"location": "http://169.254.169.254/latest/meta-data/"}))
    registry = CollectorRegistry()
    stats = collect(collector_settings, kafka, [FeedConfig(url=feed_server.url("/evil.xml"))], clock, registry)
    assert stats.errors == 1
    assert registry.get_sample_value("newswatch_collector_feed_errors_total", {"reason": "blocked_address"}) == 1


def test_oversized_and_gzipped_bodies(collector_settings, kafka, feed_server, clock):
    small = rss("Zip", [("One", "http://example.org/z1")])
    padding = "<!-- " + "x" * 5000 + " -->"
    feed_server.pages["/zip.xml"] = Page(small.replace(b"<channel>", b"<channel>" + padding.encode()), gzip=True)
    big = rss("Big", [("B", "http://example.org/big")], extra="<x>" + "y" * 20_000 + "</x>")
    feed_server.pages["/big.xml"] = Page(big)
    settings = collector_settings.model_copy(update={"collector": collector_settings.collector.model_copy(
        update={"max_body_bytes": 10_000})})
    registry = CollectorRegistry()
    stats = collect(settings, kafka, [FeedConfig(url=feed_server.url("/zip.xml")),
                                      FeedConfig(url=feed_server.url("/big.xml"))], clock, registry)
    assert (stats.new, stats.errors) == (1, 1)
    assert registry.get_sample_value("newswatch_collector_feed_errors_total", {"reason": "too_large"}) == 1
    assert "gzip" in feed_server.hits("/zip.xml")[0].headers["accept-encoding"]


def test_bad_answers_never_stop_the_collector(collector_settings, kafka, feed_server, clock):
    feed_server.pages["/html.xml"] = Page(b"<html><body><p>Not a feed</p></body></html>", content_type="text/html")
    feed_server.pages["/empty.xml"] = Page(b"")
    broken = rss("Broken", [("One", "http://example.org/x1")]).replace(b"</channel>", b"")
    feed_server.pages["/broken.xml"] = Page(broken)
    feed_server.pages["/ok.xml"] = Page(rss("Ok", [("Two", "http://example.org/x2")]))
    feed_server.script("/500.xml", Scripted(500))
    feeds = [FeedConfig(url=feed_server.url(p)) for p in ("/html.xml", "/empty.xml", "/broken.xml", "/500.xml",
                                                           "/ok.xml", "/missing.xml")]
    feeds.append(FeedConfig(url="http://127.0.0.1:1/refused.xml"))
    stats = collect(collector_settings, kafka, feeds, clock)
    assert stats.new == 2  # the broken feed's item and the good one
    assert stats.bozo == 1
    assert stats.errors == 5  # html, empty, 500, 404, connection refused


def test_a_feeds_configured_country_reaches_every_article(collector_settings, kafka, feed_server, clock):
    feed_server.pages["/yonhap.xml"] = Page(rss("Y", [("Kim meets counterpart", "http://example.org/y1")]))
    feed_server.pages["/other.xml"] = Page(rss("O", [("Other", "http://example.org/o1")]))
    feeds = [FeedConfig(url=feed_server.url("/yonhap.xml"), country="KR"),
             FeedConfig(url=feed_server.url("/other.xml"))]
    collect(collector_settings, kafka, feeds, clock)
    articles = read_records(kafka, collector_settings.topics.articles, Article)
    assert {a.url: a.source_country for a in articles} == {"http://example.org/y1": "KR", "http://example.org/o1": None}
