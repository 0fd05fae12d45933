"""Scenario 4: poison records of every kind, interleaved with good articles on every partition.
Each poison record lands on the dead-letter topic with its reason (and its original bytes, capped),
and every good article is tagged exactly once.

Two runs: a real ``newswatch process`` for everything that is wrong on the wire, and the same
processor wiring in-process with a tagger that raises on one article, the only honest way to make
tagging fail: the real tagger recovers from its own errors, so no input makes it raise.
"""

from __future__ import annotations

import msgspec
import pytest

from newswatch.kafka_io import DLQ_MAX_ORIGINAL_BYTES
from newswatch.processors.run import run_processor
from newswatch.processors.tag_meetings import MeetingTagger
from newswatch.schema import Article, DeadLetter, TaggedArticle, encode
from newswatch.stages import stage_arguments
from tests.support.corpus import article_stream
from tests.support.groups import committed_lag
from tests.support.processes import wait_until
from tests.support.stages import running
from tests.support.topics import produce, read_all

pytestmark = pytest.mark.faults

GOOD = 60

#: key -> (value, the reason the dead letter must carry)
WIRE_POISON: dict[bytes, tuple[bytes, str]] = {
    b"p-utf8": (b'{"id": "p-utf8", "url": "https://x.example/\xff\xfe", "title": "bad"}', "invalid_utf8"),
    b"p-json": (b'{"id": "p-json", "url": "https://x.example/", "title": "unterminated', "invalid_json"),
    b"p-empty": (b"", "invalid_json"),
    b"p-list": (b'["an", "array", "not", "an", "article"]', "invalid_schema"),
    b"p-missing": (b'{"id": "p-missing", "title": "no url"}', "invalid_schema"),
    b"p-type": (b'{"id": 42, "url": "https://x.example/", "title": ["not", "text"]}', "invalid_schema"),
    b"p-date": (b'{"id": "p-date", "url": "https://x.example/", "title": "t", "published": "yesterday"}',
                "invalid_schema"),
    b"p-huge": (encode(Article(id="p-huge", url="https://x.example/huge", title="Huge",
                               content="defense minister " * (5 * 1024 * 1024 // 17))), "too_large"),
}


Poison = dict[bytes, tuple[bytes, str]]


def _interleaved(good: list[Article], poison: Poison) -> tuple[list[bytes], list[bytes]]:
    """Good records with a poison one after every few, so each partition sees both kinds."""
    values, keys = [], []
    bad = list(poison.items())
    step = max(1, len(good) // (len(bad) + 1))
    for i, article in enumerate(good):
        values.append(encode(article))
        keys.append(article.id.encode())
        if i % step == step - 1 and bad:
            key, (value, _reason) = bad.pop()
            values.append(value)
            keys.append(key)
    for key, (value, _reason) in bad:
        values.append(value)
        keys.append(key)
    return values, keys


def _letters(kafka, topic: str) -> dict[bytes, DeadLetter]:
    return {(letter := msgspec.json.decode(r.value, type=DeadLetter)).key: letter
            for r in read_all(kafka, topic)}


def _assert_outcome(kafka, settings, good: list[Article], poison: Poison) -> None:
    letters = _letters(kafka, settings.topics.dlq)
    assert {key: letter.error_type for key, letter in letters.items()} == {
        key: reason for key, (_value, reason) in poison.items()}
    for key, letter in letters.items():
        original = poison[key][0]
        assert letter.stage == "processor" and letter.topic == settings.topics.articles and letter.error
        assert letter.value == original[:DLQ_MAX_ORIGINAL_BYTES]
    records = read_all(kafka, settings.topics.tagged)
    tagged = [msgspec.json.decode(r.value, type=TaggedArticle) for r in records]
    assert sorted(t.article_id for t in tagged) == sorted(a.id for a in good)  # each exactly once


def test_wire_poison_goes_to_the_dlq_from_a_real_processor(pipeline):
    kafka, s = pipeline.kafka, pipeline.settings
    good, _expected = article_stream(GOOD, prefix="good", defense_share=0.2)
    values, keys = _interleaved(good, WIRE_POISON)
    produce(kafka, s.topics.articles, values, keys)

    processor = pipeline.start("processor", "process")
    wait_until(lambda: committed_lag(kafka, s.processor.group, s.topics.articles) == 0, 90,
               what="the processor to commit every record")
    assert processor.terminate() == 0
    _assert_outcome(kafka, s, good, WIRE_POISON)
    huge = _letters(kafka, s.topics.dlq)[b"p-huge"]
    assert "more than the processor's max_record_bytes" in huge.error


class _TaggerWithABug:
    """The real tagger, except that it raises on one article: a stand-in for a tagger bug."""

    def __init__(self, real: MeetingTagger, breaks_on: str):
        self.real = real
        self.breaks_on = breaks_on

    def tag(self, article: Article) -> TaggedArticle:
        if article.id == self.breaks_on:
            raise IndexError("list index out of range")
        return self.real.tag(article)


def test_every_poison_kind_including_a_tagger_error(pipeline):
    kafka, s = pipeline.kafka, pipeline.settings
    good, _expected = article_stream(GOOD, prefix="ok", defense_share=0.2)
    breaking = Article(id="p-tagger", url="https://x.example/breaks", title="Defense ministers meet")
    poison = {**WIRE_POISON, b"p-tagger": (encode(breaking), "tagging_failed")}
    values, keys = _interleaved(good, poison)
    produce(kafka, s.topics.articles, values, keys)

    tagger = _TaggerWithABug(MeetingTagger(), breaks_on="p-tagger")
    with running(run_processor, **stage_arguments(s, "processor"), kafka=kafka, tagger=tagger) as processor:
        assert processor.wait_until(
            lambda: processor.value("newswatch_records_received_total", stage="processor") == len(values), 90)
        wait_until(lambda: committed_lag(kafka, s.processor.group, s.topics.articles) == 0, 30,
                   what="every record committed")
    _assert_outcome(kafka, s, good, poison)
    letter = _letters(kafka, s.topics.dlq)[b"p-tagger"]
    assert letter.error == "tagger raised IndexError: list index out of range"
    assert processor.value("newswatch_dlq_records_total", stage="processor") == len(poison)
    assert processor.value("newswatch_records_sent_total", stage="processor") == len(good)
