"""Every file of ../shared/corpora (feedparser's own test feeds, real publishers' feeds) through
the collector's parse path: nothing escapes, every item with a link or GUID becomes exactly one
article, bozo feeds are counted. Then all of them at once through the real broker."""

from __future__ import annotations

import io
import re
import threading
from pathlib import Path

import feedparser
import pytest
from prometheus_client import CollectorRegistry

from newswatch.collectors.config import FeedConfig
from newswatch.collectors.rss import parse_feed
from newswatch.collectors.run import run_collector
from newswatch.collectors.service import Publisher
from newswatch.collectors.state_store import MemoryStateStore
from newswatch.collectors.xml_safety import defuse
from tests.collectors.conftest import CORPORA
from tests.support.topics import read_all

FILES = sorted(p for d in ("feedparser-tests", "real-feeds") for p in (CORPORA / d).rglob("*")
               if p.is_file() and p.name != "README.md")
_HEADER = re.compile(rb"^Header:\s*([\w-]+):\s*(.*?)\s*$", re.MULTILINE)


def ident(path: Path) -> str:
    return str(path.relative_to(CORPORA))


def declared_headers(body: bytes) -> dict[str, str]:
    """The ``Header:`` lines of feedparser's test comments (NULs dropped for UTF-16/32 files)."""
    return {k.decode().lower(): v.decode("latin-1") for k, v in _HEADER.findall(body.replace(b"\x00", b""))}


class RecordingProducer:
    """Stands in for KafkaProducer in this pure parse-path test: keeps what would be sent."""

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


def test_the_corpora_are_there():
    assert len([f for f in FILES if "feedparser-tests" in str(f)]) == 295
    assert len([f for f in FILES if "real-feeds" in str(f)]) == 8


@pytest.mark.parametrize("path", FILES, ids=ident)
def test_parse_path(path: Path):
    body = path.read_bytes()
    headers = declared_headers(body)
    parsed = parse_feed(body, source=path.stem, headers=headers, base_url=f"http://127.0.0.1/{ident(path)}")

    reference = feedparser.parse(io.BytesIO(defuse(body)[0]), response_headers=headers)
    linked = [e for e in reference.entries if e.get("link") or e.get("id")]
    assert len(parsed.articles) == len(linked)
    assert parsed.skipped == len(reference.entries) - len(linked)
    assert parsed.bozo == bool(reference.bozo)
    if parsed.bozo:
        assert parsed.bozo_reason

    producer = RecordingProducer()
    publisher = Publisher(producer, "articles", MemoryStateStore(), set())
    fresh, duplicates = publisher.claim(parsed.articles)
    for article in fresh:
        publisher.send(article, path.name)
    publisher.commit()
    assert len(producer.sent) == len({a.id for a in parsed.articles}) == len(fresh)
    assert len(fresh) + duplicates == len(parsed.articles)
    again, _ = publisher.claim(parsed.articles)
    assert again == []


def test_real_feeds_yield_their_stories():
    counts = {p.name: len(parse_feed(p.read_bytes(), source=p.stem).articles)
              for p in FILES if "real-feeds" in str(p)}
    assert counts["photojournalism-bbc.xml"] == 16
    assert counts["photojournalism-japantimes.xml"] == 30
    assert counts["rss-parser-guardian.rss"] == 55
    assert all(n > 0 for n in counts.values())


def test_whole_corpus_in_one_cycle_through_the_broker(collector_settings, kafka, clock):
    parsed = {p: parse_feed(p.read_bytes(), source=p.stem) for p in FILES}
    feeds_ok = [p for p, r in parsed.items() if not r.not_a_feed]
    expected_ids = {a.id for p in feeds_ok for a in parsed[p].articles}
    registry = CollectorRegistry()
    settings = collector_settings.model_copy(update={"collector": collector_settings.collector.model_copy(
        update={"parse_workers": 1})})  # through the parse worker process, as in production
    stats = run_collector(settings.collector, settings.topics, kafka, stop=threading.Event(), registry=registry,
                          once=True,
                          clock=clock, feeds=[FeedConfig(url=p.as_uri(), name=ident(p)) for p in FILES])
    assert stats.feeds == len(FILES)
    assert stats.errors == len(FILES) - len(feeds_ok)
    assert stats.bozo == sum(1 for p in feeds_ok if parsed[p].bozo) > 0
    assert stats.new == len(expected_ids)
    assert registry.get_sample_value("newswatch_collector_feed_errors_total", {"reason": "bozo"}) == stats.bozo
    assert registry.get_sample_value("newswatch_records_sent_total", {"stage": "collector"}) == stats.new
    assert len(read_all(kafka, collector_settings.topics.articles)) == len(expected_ids)
