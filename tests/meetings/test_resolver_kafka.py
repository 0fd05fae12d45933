"""The meeting resolver through the real broker: one record per meeting on the compacted topic."""

from __future__ import annotations

import msgspec

from newswatch.processors.resolve_meetings.config import ResolverConfig
from newswatch.processors.resolve_meetings.run import run_meeting_resolver
from tests.meetings.factories import tagged
from tests.meetings.kafka_helpers import latest, publish, settled, wait
from tests.support.stages import running


def resolver(settings, kafka, unique):  # kafka: the stages' handle (stage_kafka)
    config = ResolverConfig(group=f"g{unique}-meetings", poll_timeout_ms=100)
    return config, dict(cfg=config, topics=settings.topics, kafka=kafka)


def test_three_outlets_give_one_meeting_and_a_month_later_a_second(settings, kafka, stage_kafka, unique):
    config, kw = resolver(settings, stage_kafka, unique)
    yonhap = tagged("yonhap", day=0)
    # Two outlets the same day and the same ministers a month later; a first meeting's id comes from the
    # first report the resolver sees, so the later ones are published once these are resolved.
    publish(kafka, settings, [yonhap, tagged("kyodo", day=0.3), tagged("yonhap", day=31)])
    with running(run_meeting_resolver, **kw) as stage:
        assert wait(lambda: settled(kafka, settings, config.group))
        # a day later a third outlet, and a replay of the first story
        publish(kafka, settings, [tagged("nhk", day=1.0), msgspec.structs.replace(yonhap, replayed=True,
                                                                                  tagger_version="v2")])
        assert wait(lambda: stage.value("newswatch_meeting_reports_total", outcome="merged")
                    + stage.value("newswatch_meeting_reports_total", outcome="duplicate") >= 3)
        assert wait(lambda: settled(kafka, settings, config.group))
        assert stage.value("newswatch_meetings_total", status="held") == 2
    meetings = latest(kafka, settings.topics.meetings_topic)
    assert sorted(meetings) == ["2024-06-02.in-person.JP-KR", "2024-07-03.in-person.JP-KR"]
    first = meetings["2024-06-02.in-person.JP-KR"]
    assert [r.outlet for r in first.reports] == ["yonhap", "kyodo", "nhk"]
    assert first.reports[0].tagger_version == "v2"  # the replay updated its report, made no second meeting
    assert len(meetings["2024-07-03.in-person.JP-KR"].reports) == 1


def test_planned_then_held_is_one_record_with_history(settings, kafka, stage_kafka, unique):
    config, kw = resolver(settings, stage_kafka, unique)
    publish(kafka, settings, [tagged("yonhap", day=0, status="planned")])
    with running(run_meeting_resolver, **kw) as stage:
        assert wait(lambda: stage.value("newswatch_meetings_total", status="planned") == 1)
        publish(kafka, settings, [tagged("kyodo", day=6, status="held")])
        assert wait(lambda: stage.value("newswatch_meeting_status_changes_total", status="held") == 1)
        assert wait(lambda: settled(kafka, settings, config.group))
    [meeting] = latest(kafka, settings.topics.meetings_topic).values()
    assert meeting.status == "held"
    assert [(c.status, c.outlet) for c in meeting.status_history] == [("planned", "yonhap"), ("held", "kyodo")]


def test_a_restarted_resolver_rebuilds_its_state_from_the_topic(settings, kafka, stage_kafka, unique):
    config, kw = resolver(settings, stage_kafka, unique)
    publish(kafka, settings, [tagged("yonhap", day=0)])
    with running(run_meeting_resolver, **kw) as stage:
        assert wait(lambda: settled(kafka, settings, config.group))
    publish(kafka, settings, [tagged("kyodo", day=1)])
    with running(run_meeting_resolver, **kw) as stage:
        assert wait(lambda: settled(kafka, settings, config.group))
        assert stage.value("newswatch_meetings_total", status="held") == 0  # merged, not created
    [meeting] = latest(kafka, settings.topics.meetings_topic).values()
    assert [r.outlet for r in meeting.reports] == ["yonhap", "kyodo"] and meeting.revision == 2
