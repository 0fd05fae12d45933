"""Poison records written straight into the articles topic land on the DLQ with their reason,
and the processor keeps going with the good records around them."""

from __future__ import annotations

import msgspec

from newswatch.processors.run import run_processor
from newswatch.schema import Article, DeadLetter, TaggedArticle, encode
from newswatch.stages import stage_arguments
from tests.support.stages import running
from tests.support.topics import produce, read_records, wait_for_count


def _article(i: int) -> bytes:
    return encode(Article(id=f"good-{i}", url=f"https://example.org/{i}", title=f"Weather report {i}"))


def test_poison_records_go_to_the_dlq_with_their_reason(settings, kafka, tagger):
    poison = {
        b"\xff\xfe not utf-8": "invalid_utf8",
        b"{this is not json": "invalid_json",
        b'{"id": "x1", "title": "no url field"}': "invalid_schema",
        b'["a", "list"]': "invalid_schema",
    }
    values = [_article(0), *poison, _article(1), _article(2)]
    produce(kafka, settings.topics.articles, values, keys=[b"same-key"] * len(values))

    with running(run_processor, **stage_arguments(settings, "processor"), kafka=kafka, tagger=tagger) as processor:
        dead = wait_for_count(kafka, settings.topics.dlq, len(poison))
        tagged = wait_for_count(kafka, settings.topics.tagged, 3)
        processor.wait_until(lambda: processor.value("newswatch_records_received_total", stage="processor") == 7)

    letters = [msgspec.json.decode(r.value, type=DeadLetter) for r in dead]
    assert {letter.value: letter.error_type for letter in letters} == poison
    assert all(letter.stage == "processor" and letter.topic == settings.topics.articles for letter in letters)
    assert all(letter.error for letter in letters)
    assert sorted(t.article_id for t in read_records(kafka, settings.topics.tagged, TaggedArticle)) == [
        "good-0", "good-1", "good-2"]
    assert len(tagged) == 3
    assert processor.value("newswatch_errors_total", stage="processor", error_type="invalid_json") == 1
    assert processor.value("newswatch_dlq_records_total", stage="processor") == 4
