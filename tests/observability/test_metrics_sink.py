"""The metrics sink against a real broker: business metrics from the tagged topic, poison to the DLQ,
and the lag of the pipeline's groups on its own /metrics."""

from __future__ import annotations

import urllib.request

from newswatch.metrics import serve
from newswatch.schema import DeadLetter, TaggedArticle, encode
from newswatch.sinks.metrics_run import run_metrics_sink
from newswatch.stages import stage_arguments
from tests.support.stages import running
from tests.support.topics import produce, read_records


def test_sink_counts_tagged_articles_dead_letters_poison_and_exports_lag(settings, kafka):
    cfg = settings.model_copy(update={"metrics_sink": settings.metrics_sink.model_copy(
        update={"lag_interval_seconds": 0.2, "lag_group_prefixes": ()})})
    meeting = TaggedArticle(article_id="a1", url="https://example.org/1", title="t", score=0.9,
                            is_defense_ministerial_meeting=True, host_country="KR",
                            counterpart_countries=["JP", "NATO"])
    other = TaggedArticle(article_id="a2", url="https://example.org/2", title="u", score=0.1,
                          is_defense_ministerial_meeting=False)
    produce(kafka, cfg.topics.tagged, [encode(meeting), encode(other), b"not json"],
            keys=[b"a1", b"a2", b"p"])
    produce(kafka, cfg.topics.articles, [b"x", b"y"], keys=[b"x", b"y"])  # nobody tagged these yet

    with running(run_metrics_sink, **stage_arguments(cfg, "metrics_sink"), kafka=kafka) as sink:
        server = serve(sink.registry)
        try:
            assert sink.wait_until(
                lambda: sink.value("newswatch_records_received_total", stage="metrics_sink") >= 3)
            processor_lag = {"group": cfg.processor.group, "topic": cfg.topics.articles}

            def processor_behind() -> float:
                return sum(sink.value("newswatch_consumer_lag_records", partition=str(p), **processor_lag)
                           for p in range(cfg.topics.partitions))

            assert sink.wait_until(lambda: processor_behind() == 2, timeout=20)
            sink_lag = {"group": cfg.metrics_sink.group, "topic": cfg.topics.tagged}
            assert sink.wait_until(lambda: sum(
                sink.value("newswatch_consumer_lag_records", partition=str(p), **sink_lag)
                for p in range(cfg.topics.partitions)) == 0, timeout=20)
            with urllib.request.urlopen(server.url, timeout=5) as response:
                text = response.read().decode()
        finally:
            server.close()

    assert sink.value("newswatch_meetings_detected_total", host_country="KR", counterpart_country="NATO") == 1
    assert sink.value("newswatch_articles_tagged_total", outcome="no_meeting") == 1
    assert sink.value("newswatch_records_sent_total", stage="metrics_sink") == 2
    assert sink.value("newswatch_dlq_records_total", stage="metrics_sink") == 1
    assert sink.value("newswatch_errors_total", stage="metrics_sink", error_type="invalid_json") == 1
    [dead] = read_records(kafka, cfg.topics.dlq, DeadLetter)
    assert (dead.stage, dead.error_type, dead.value) == ("metrics_sink", "invalid_json", b"not json")
    assert f'newswatch_consumer_lag_records{{group="{cfg.processor.group}"' in text
    assert 'newswatch_meetings_detected_total{counterpart_country="JP",host_country="KR"} 1.0' in text
