"""Full text for summary-only feeds: fetched from loopback when allow-listed, refused otherwise."""

from __future__ import annotations

import threading

from prometheus_client import CollectorRegistry

from newswatch.collectors.config import FeedConfig
from newswatch.collectors.full_text import extract_text
from newswatch.collectors.run import run_collector
from newswatch.schema import Article
from tests.support.feed_server import Page, rss
from tests.support.topics import read_records

BODY = " ".join(f"Sentence number {i} of the long article about the ministers' talks in Seoul." for i in range(40))
PAGE = (f"<html><head><title>Talks</title></head><body><nav>Home | World | Sport</nav>"
        f"<article><h1>Ministers meet</h1><p>{BODY}</p><p>{BODY}</p></article>"
        f"<footer>Copyright</footer></body></html>").encode()


def test_extract_text_finds_the_article_body():
    text = extract_text(PAGE)
    assert "Sentence number 39 of the long article" in text
    assert "Home | World | Sport" not in text
    assert extract_text(b"") == ""
    assert extract_text(b"\x00\xff<<<") == ""


def test_full_text_feed(collector_settings, kafka, feed_server, clock):
    feed_server.pages["/story.html"] = Page(PAGE, content_type="text/html; charset=utf-8")
    feed_server.pages["/f.xml"] = Page(rss("F", [("Ministers meet", feed_server.url("/story.html")),
                                                 ("Internal", "http://10.0.0.1/admin"),
                                                 ("Gone", feed_server.url("/gone.html"))]))
    registry = CollectorRegistry()
    stats = run_collector(collector_settings.collector, collector_settings.topics, kafka, stop=threading.Event(),
                          registry=registry, once=True,
                          clock=clock, feeds=[FeedConfig(url=feed_server.url("/f.xml"), full_text=True)])
    assert (stats.new, stats.errors) == (3, 0)
    articles = {a.title: a for a in read_records(kafka, collector_settings.topics.articles, Article)}
    assert "Sentence number 39" in articles["Ministers meet"].content
    assert articles["Internal"].content == "" and articles["Internal"].summary == "About Internal."
    assert registry.get_sample_value("newswatch_collector_full_text_total", {"outcome": "ok"}) == 1
    assert registry.get_sample_value("newswatch_collector_full_text_total", {"outcome": "blocked_address"}) == 1
    assert registry.get_sample_value("newswatch_collector_full_text_total", {"outcome": "http_404"}) == 1
