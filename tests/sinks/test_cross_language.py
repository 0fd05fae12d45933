"""One meeting reported in Korean, English and Japanese is one Slack message (issue 15).

The three are real reports of the Ahn–Nakatani talks in Seoul on 8 September 2025 (Segye Ilbo in
Korean, the Korea Herald in English, a Korean paper's Japanese edition), tagged by the real
pipelines of their languages and sent through the real broker to the alert sink.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import SecretStr

from newswatch.processors.tag_meetings import MeetingTagger
from newswatch.processors.tag_meetings.article_files import read_articles
from newswatch.sinks.meeting_keys import signature
from newswatch.sinks.run import run_alert_sink
from newswatch.stages import stage_arguments
from tests.sinks.kafka_helpers import publish, with_alert
from tests.support.stages import running

REAL = Path(__file__).parents[1] / "data" / "real"
REPORTS: dict[str, tuple[str, str | None]] = {  # language -> (file, article id; None: the only one)
    "ko": ("ko/ko_dev_01.jsonl", "6b4b3d9cac2187e9"),
    "en": ("en/ahn_nakatani_2025.jsonl", None),
    "ja": ("ja/ja_dev_2.jsonl", "a6b1a8eda0e3a21e"),
}
FAST = {"rate_per_second": 1000.0, "burst": 1000, "retry_initial_seconds": 0.02, "retry_max_seconds": 0.1}


def _report(language: str):
    name, wanted = REPORTS[language]
    for article, _label in read_articles([REAL / name], None):
        if wanted in (None, article.id):
            return article
    raise AssertionError(f"{wanted} not in {name}")


@pytest.fixture(scope="module")
def reports():
    tagger = MeetingTagger()
    return [tagger.tag(_report(code)) for code in ("ko", "en", "ja")]


def test_the_three_reports_are_the_same_meeting(reports):
    assert [r.language for r in reports] == ["ko", "en", "ja"]
    assert all(r.is_defense_ministerial_meeting for r in reports)
    assert {signature(m, r) for r in reports for m in r.held_meetings} == {"JP+KR"}
    names = [[p.name for p in r.held_meetings[0].participants] for r in reports]
    assert names[0] == ["안규백", "나카타니 겐"]  # each in its article's script
    assert "Gen Nakatani" in names[1]


def test_a_korean_an_english_and_a_japanese_report_give_one_message(settings, kafka, slack, reports):
    settings = with_alert(settings, webhook_url=SecretStr(slack.url), **FAST)
    publish(kafka, settings, reports)
    with running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=kafka) as sink:
        assert sink.wait_until(lambda: sink.value("newswatch_alerts_sent_total", route="default")
                               + sink.value("newswatch_alerts_suppressed_total", route="default",
                                            reason="duplicate") == 3)
    assert len(slack.accepted) == 1
    assert sink.value("newswatch_alerts_suppressed_total", route="default", reason="duplicate") == 2
    message = json.dumps(slack.accepted[0], ensure_ascii=False)
    assert "South Korea – Japan: defense ministers met (회담) · 안규백 with 나카타니 겐" in message
    assert reports[0].title in message  # the original title


def test_tagged_articles_are_counted_by_language(reports):
    from prometheus_client import CollectorRegistry

    from newswatch.metrics import BusinessMetrics
    from newswatch.sinks.prometheus import record_tagged

    registry = CollectorRegistry()
    metrics = BusinessMetrics(registry)
    for tagged in reports:
        record_tagged(metrics, tagged)
    for code in ("ko", "en", "ja"):
        assert registry.get_sample_value("newswatch_articles_by_language_total",
                                         {"language": code, "outcome": "meeting"}) == 1


def test_the_alert_says_the_meeting_in_english_around_the_original_words(reports):
    from newswatch.sinks.slack_message import build_message

    korean, english, _japanese = reports
    message = build_message(korean)
    sections = [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]
    assert korean.title in sections[0]  # the original title, linked
    assert sections[2].splitlines()[0] == "South Korea – Japan: defense ministers met (회담) · 안규백 with 나카타니 겐"
    assert "Language: ko" in message["blocks"][-1]["elements"][0]["text"]
    english_sections = [b["text"]["text"] for b in build_message(english)["blocks"] if b["type"] == "section"]
    assert not any("defense ministers met (" in s for s in english_sections)  # English alerts are unchanged


def test_the_three_reports_are_one_meeting_alert_from_the_resolver(settings, kafka, slack, reports):
    """The same through the meeting resolver (``alert.source = "meetings"``, the default): one record
    with the three reports, one alert, in the first report's language, naming the other outlets."""
    import msgspec

    from newswatch.processors.resolve_meetings.run import run_meeting_resolver
    from newswatch.schema import MeetingRecord, utcnow
    from tests.support.settle import committed_to_end
    from tests.support.topics import read_records

    settings = with_alert(settings, source="meetings", webhook_url=SecretStr(slack.url), meeting_gather_seconds=0.2,
                          **FAST)
    alerts, _keys = settings.alert.topic_names(settings.topics.tagged)
    inputs = [(f"{settings.meetings.group}-reports", settings.topics.tagged),
              (settings.meetings.group, settings.topics.meeting_reports_topic),
              (f"{settings.alert.group}-router", settings.topics.meetings_topic), (settings.alert.group, alerts)]
    publish(kafka, settings, [msgspec.structs.replace(r, fetched_at=utcnow()) for r in reports])
    with running(run_meeting_resolver, **stage_arguments(settings, "resolver"), kafka=kafka), \
            running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=kafka) as sink:
        assert sink.wait_until(lambda: sink.value("newswatch_alerts_sent_total", route="default") == 1
                               and committed_to_end(kafka, inputs)
                               and sink.value("newswatch_alerts_routed_total", route="default")
                               == 1 + sink.value("newswatch_alerts_suppressed_total", route="default",
                                                 reason="duplicate"), timeout=120)
    records = {r.meeting_id: r for r in read_records(kafka, settings.topics.meetings_topic, MeetingRecord)}
    assert len(records) == 1
    [meeting] = records.values()
    assert sorted(r.language for r in meeting.reports) == ["en", "ja", "ko"]
    assert len(slack.accepted) == 1
    message = json.dumps(slack.accepted[0], ensure_ascii=False)
    assert "South Korea – Japan" in message
