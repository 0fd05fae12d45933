"""SIGTERM (what systemd, Kubernetes or a deploy script sends) while a processor is busy: it finishes
the batch in flight, commits it and exits 0. Everything it tagged is covered by its committed
offsets, so the next process resumes exactly there: no article lost, none tagged twice."""

from __future__ import annotations

import msgspec
import pytest

from newswatch.schema import TaggedArticle, encode
from tests.support.corpus import article_stream
from tests.support.groups import committed_lag
from tests.support.processes import scrape, wait_until
from tests.support.topics import produce, read_all

pytestmark = pytest.mark.faults

ARTICLES = 12_000


def test_sigterm_finishes_and_commits_the_batch_in_flight(pipeline):
    kafka, s = pipeline.kafka, pipeline.settings
    articles, expected = article_stream(ARTICLES, prefix="term")
    produce(kafka, s.topics.articles, [encode(a) for a in articles], [a.id.encode() for a in articles])

    first = pipeline.start("processor-first", "process")
    url = first.metrics_url()
    wait_until(lambda: scrape(url, "newswatch_records_received_total", stage="processor") >= 2_000, 90,
               what="the processor to be busy")
    assert first.terminate() == 0, first.log_text()[-2000:]
    lag = committed_lag(kafka, s.processor.group, s.topics.articles)
    done_before = len(read_all(kafka, s.topics.tagged))
    assert 0 < lag < ARTICLES, "the stop must land mid-stream"
    assert done_before == ARTICLES - lag  # what it emitted is exactly what it committed

    second = pipeline.start("processor-second", "process")
    try:
        wait_until(lambda: committed_lag(kafka, s.processor.group, s.topics.articles) == 0, 240,
                   what="the second processor to drain the rest")
    except AssertionError as exc:
        lag = committed_lag(kafka, s.processor.group, s.topics.articles)
        raise AssertionError(f"{exc}; lag {lag}; second processor alive {second.alive}:\n"
                             + "\n".join(line for line in second.log_text().splitlines()
                                          if "selector" not in line)[-4000:]) from None
    assert second.terminate() == 0

    tagged = [msgspec.json.decode(r.value, type=TaggedArticle) for r in read_all(kafka, s.topics.tagged)]
    assert len(tagged) == ARTICLES
    assert {t.article_id for t in tagged} == expected.ids
