"""Restarting the processor neither loses nor re-emits work it already committed."""

from __future__ import annotations

from newswatch.processors.run import run_processor
from newswatch.schema import Article, TaggedArticle, encode
from newswatch.stages import stage_arguments
from tests.support.stages import running
from tests.support.topics import produce, read_records


def _batch(prefix: str, n: int) -> list[bytes]:
    return [encode(Article(id=f"{prefix}-{i}", url=f"https://example.org/{prefix}/{i}", title=f"Story {i}"))
            for i in range(n)]


def test_restart_resumes_from_committed_offsets(settings, kafka, tagger):
    produce(kafka, settings.topics.articles, _batch("first", 20))
    with running(run_processor, **stage_arguments(settings, "processor"), kafka=kafka, tagger=tagger) as first:
        assert first.wait_until(lambda: first.value("newswatch_records_sent_total", stage="processor") == 20)

    produce(kafka, settings.topics.articles, _batch("second", 15))
    with running(run_processor, **stage_arguments(settings, "processor"), kafka=kafka, tagger=tagger) as second:
        assert second.wait_until(lambda: second.value("newswatch_records_sent_total", stage="processor") == 15)
        # Give a wrongly re-consuming processor time to show itself.
        second.wait_until(lambda: False, timeout=2)
        assert second.value("newswatch_records_received_total", stage="processor") == 15

    ids = [t.article_id for t in read_records(kafka, settings.topics.tagged, TaggedArticle)]
    assert len(ids) == 35
    assert sorted(ids) == sorted({*(f"first-{i}" for i in range(20)), *(f"second-{i}" for i in range(15))})
