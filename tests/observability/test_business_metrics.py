"""The metrics sink's counting rules, on records built in memory (no broker)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from prometheus_client import CollectorRegistry

from newswatch.errors import PoisonRecordError
from newswatch.metrics import BusinessMetrics, PipelineMetrics
from newswatch.schema import Meeting, Participant, TaggedArticle, encode
from newswatch.sinks.prometheus import ExportMetrics, record_tagged


def tagged(**kw) -> TaggedArticle:
    base = {"article_id": "a1", "url": "https://example.org/a", "title": "t",
            "is_defense_ministerial_meeting": True,
            "score": 0.93, "host_country": "KR", "counterpart_countries": ["JP", "NATO"],
            "meetings": [Meeting(participants=[Participant(name="Kim", country="KR"),
                                               Participant(name="Oniki", country="JP")])],
            "published": datetime(2024, 11, 20, 8, 50, tzinfo=UTC)}
    base.update(kw)
    return TaggedArticle(**base)


@pytest.fixture
def registry() -> CollectorRegistry:
    return CollectorRegistry()


def value(registry: CollectorRegistry, name: str, **labels: str) -> float:
    return registry.get_sample_value(name, labels) or 0.0


def meetings(registry: CollectorRegistry, host: str, counterpart: str) -> float:
    return value(registry, "newswatch_meetings_detected_total",
                 host_country=host, counterpart_country=counterpart)


def test_meeting_counts_each_counterpart_under_its_host(registry):
    metrics = BusinessMetrics(registry)
    record_tagged(metrics, tagged())
    record_tagged(metrics, tagged(counterpart_countries=["JP"]))
    assert meetings(registry, "KR", "JP") == 2
    assert meetings(registry, "KR", "NATO") == 1
    assert value(registry, "newswatch_articles_tagged_total", outcome="meeting") == 2
    assert value(registry, "newswatch_tagger_score_count", outcome="meeting") == 2
    assert value(registry, "newswatch_tagger_score_bucket", outcome="meeting", le="0.9") == 0
    assert value(registry, "newswatch_tagger_score_bucket", outcome="meeting", le="1.0") == 2
    assert value(registry, "newswatch_country_unresolved_total", field="host") == 0


def test_unresolved_host_participant_and_counterparts_are_counted(registry):
    metrics = BusinessMetrics(registry)
    record_tagged(metrics, tagged(host_country=None, counterpart_countries=["FI"]))
    record_tagged(metrics, tagged(counterpart_countries=[], meetings=[Meeting(participants=[
        Participant(name="Kim", country="KR"), Participant(name="someone", country=None),
        Participant(name="another", country=None)])]))
    assert meetings(registry, "unknown", "FI") == 1
    assert value(registry, "newswatch_country_unresolved_total", field="host") == 1
    assert value(registry, "newswatch_country_unresolved_total", field="counterpart") == 1
    assert value(registry, "newswatch_country_unresolved_total", field="participant") == 2


def test_non_meetings_only_count_outcome_and_score(registry):
    metrics = BusinessMetrics(registry)
    record_tagged(metrics, tagged(is_defense_ministerial_meeting=False, score=0.12, host_country=None,
                                  counterpart_countries=[], meetings=[]))
    assert value(registry, "newswatch_articles_tagged_total", outcome="no_meeting") == 1
    assert value(registry, "newswatch_tagger_score_bucket", outcome="no_meeting", le="0.2") == 1
    assert value(registry, "newswatch_country_unresolved_total", field="host") == 0
    assert registry.get_sample_value("newswatch_meetings_detected_total",
                                     {"host_country": "unknown", "counterpart_country": "JP"}) is None


def test_replayed_records_do_not_count_meetings_twice(registry):
    metrics = BusinessMetrics(registry)
    record_tagged(metrics, tagged(replayed=True))
    assert value(registry, "newswatch_articles_tagged_total", outcome="replayed") == 1
    assert value(registry, "newswatch_articles_tagged_total", outcome="meeting") == 0
    assert registry.get_sample_value("newswatch_meetings_detected_total",
                                     {"host_country": "KR", "counterpart_country": "JP"}) is None


def test_handler_counts_sent_and_rejects_poison(registry):
    handler = ExportMetrics(BusinessMetrics(registry), PipelineMetrics(registry))

    class Record:
        def __init__(self, value: bytes):
            self.value = value

    assert handler.handle(Record(encode(tagged()))) == []
    assert value(registry, "newswatch_records_sent_total", stage="metrics_sink") == 1
    with pytest.raises(PoisonRecordError) as err:
        handler.handle(Record(b'{"article_id": 1}'))
    assert err.value.error_type == "invalid_schema"
    assert value(registry, "newswatch_records_sent_total", stage="metrics_sink") == 1


def test_every_zero_series_exists_before_the_first_record(registry):
    """Panels show 0, not 'No data', on a fresh sink."""
    BusinessMetrics(registry)
    for outcome in ("meeting", "no_meeting", "replayed"):
        assert registry.get_sample_value("newswatch_articles_tagged_total", {"outcome": outcome}) == 0
    for field in ("host", "participant", "counterpart"):
        assert registry.get_sample_value("newswatch_country_unresolved_total", {"field": field}) == 0
