"""Alerts on meetings, through the real broker: tagged records -> meeting resolver -> meetings topic ->
alert sink (source "meetings") -> Slack-like receiver, with the meeting store beside it.

One alert per meeting when it is first seen held, one more when a held meeting is called off; other
outlets, late reports and replays only add to the record. Every wait is on observable state: offsets
committed to the end of each step's input and nothing in flight.
"""

from __future__ import annotations

from datetime import timedelta

import msgspec
from pydantic import SecretStr

from newswatch.processors.resolve_meetings.config import ResolverConfig
from newswatch.processors.resolve_meetings.run import run_meeting_resolver
from newswatch.schema import Participant, TaggedArticle, utcnow
from newswatch.sinks.meeting_store.config import MeetingStoreConfig
from newswatch.sinks.meeting_store.database import Database
from newswatch.sinks.meeting_store.run import run_meeting_store
from newswatch.sinks.run import run_alert_sink
from newswatch.stages import stage_arguments
from tests.meetings.factories import tagged
from tests.meetings.kafka_helpers import lags, latest, publish, settled
from tests.sinks.kafka_helpers import with_alert
from tests.support.groups import committed_lag
from tests.support.settle import committed_to_end
from tests.support.stages import running
from tests.support.timing import deadline as scaled_deadline

FAST = {"rate_per_second": 1000.0, "burst": 1000, "meeting_gather_seconds": 0.2}


def fresh(story: TaggedArticle) -> TaggedArticle:
    """The story as if fetched just now (a meeting first seen longer ago than the keys retention is stale)."""
    return msgspec.structs.replace(story, fetched_at=utcnow())


def meeting_settings(settings, slack, **alert):
    return with_alert(settings, source="meetings", webhook_url=SecretStr(slack.url), **{**FAST, **alert})


def all_settled(kafka, settings, resolver: ResolverConfig, sink, store: MeetingStoreConfig | None = None) -> bool:
    alerts, _keys = settings.alert.topic_names(settings.topics.tagged)
    inputs = [(f"{settings.alert.group}-router", settings.topics.meetings_topic), (settings.alert.group, alerts)]
    if store is not None:
        inputs.append((store.group, settings.topics.meetings_topic))
    return (settled(kafka, settings, resolver.group) and committed_to_end(kafka, inputs)
            and sink.value("newswatch_alerts_routed_total", route="default")
            <= sink.value("newswatch_alerts_sent_total", route="default")
            + sink.value("newswatch_alerts_suppressed_total", route="default", reason="duplicate"))


def state(kafka, settings, resolver: ResolverConfig, sink, store: MeetingStoreConfig | None = None) -> dict:
    """What each step has yet to commit, and the sink's counters: the message of a failed settle wait."""
    alerts, _keys = settings.alert.topic_names(settings.topics.tagged)
    out = {**lags(kafka, settings, resolver.group),
           "router": committed_lag(kafka, f"{settings.alert.group}-router", settings.topics.meetings_topic),
           "delivery": committed_lag(kafka, settings.alert.group, alerts)}
    if store is not None:
        out["store"] = committed_lag(kafka, store.group, settings.topics.meetings_topic)
    for name in ("routed", "sent"):
        out[name] = sink.value(f"newswatch_alerts_{name}_total", route="default")
    out["duplicate"] = sink.value("newswatch_alerts_suppressed_total", route="default", reason="duplicate")
    return out


def wait(predicate, timeout: float = 90.0) -> bool:
    import time

    deadline = scaled_deadline(timeout)
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def headers(payloads: list[dict]) -> list[str]:
    return [p["blocks"][0]["text"]["text"] for p in payloads]


def section_texts(payload: dict) -> str:
    return "\n".join(b["text"]["text"] for b in payload["blocks"] if b["type"] == "section")


def test_three_outlets_are_one_alert_and_a_month_later_a_second(settings, kafka, stage_kafka, unique, slack,
                                                                tmp_path):
    settings = meeting_settings(settings, slack)
    resolver = ResolverConfig(group=f"g{unique}-meetings", poll_timeout_ms=100)
    url = f"sqlite:///{tmp_path / 'alerts-meetings.db'}"
    store = MeetingStoreConfig(url=url, group=f"g{unique}-store", poll_timeout_ms=100)
    yonhap = fresh(tagged("yonhap", day=0))
    publish(kafka, settings, [yonhap, fresh(tagged("kyodo", day=0.3))])
    with running(run_meeting_resolver, cfg=resolver, topics=settings.topics, kafka=stage_kafka), \
            running(run_meeting_store, cfg=store, topics=settings.topics, kafka=stage_kafka), \
            running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=stage_kafka) as sink:
        assert wait(lambda: sink.value("newswatch_alerts_sent_total", route="default") == 1)
        # a day later a third outlet, and a replay of the first story (re-tagged by a new tagger)
        publish(kafka, settings, [fresh(tagged("nhk", day=1.0)),
                                  msgspec.structs.replace(yonhap, replayed=True, tagger_version="v2")])
        assert wait(lambda: len(next(iter(latest(kafka, settings.topics.meetings_topic).values())).reports) == 3)
        assert wait(lambda: all_settled(kafka, settings, resolver, sink, store)), state(kafka, settings, resolver, sink,
                                                                                       store)
        assert len(slack.accepted) == 1  # settled: nothing more can go out
        assert sink.value("newswatch_alerts_suppressed_total", route="default", reason="duplicate") >= 1  # nhk

        publish(kafka, settings, [fresh(tagged("yonhap", day=31))])  # the same ministers a month later
        assert wait(lambda: sink.value("newswatch_alerts_sent_total", route="default") == 2)
        assert wait(lambda: all_settled(kafka, settings, resolver, sink, store)), state(kafka, settings, resolver, sink,
                                                                                       store)
    assert len(slack.accepted) == 2
    assert headers(slack.accepted) == ["Defense-ministerial meeting: South Korea – Japan"] * 2
    first = section_texts(slack.accepted[0])
    # whichever of the two first-day stories the resolver read first (they sit on different partitions)
    assert ("yonhap.example" in first or "kyodo.example" in first) and "Shin Won-sik" in first
    assert "Minoru Kihara" in first
    meetings = latest(kafka, settings.topics.meetings_topic)
    assert sorted(len(m.reports) for m in meetings.values()) == [1, 3]
    db = Database(url)
    try:
        assert [r["report_count"] for r in db.query("SELECT report_count FROM meetings ORDER BY meeting_id")] == [3, 1]
    finally:
        db.close()


def test_a_restart_or_a_reread_of_the_meetings_topic_never_alerts_again(settings, kafka, stage_kafka, unique,
                                                                         slack):
    settings = meeting_settings(settings, slack)
    resolver = ResolverConfig(group=f"g{unique}-meetings", poll_timeout_ms=100)
    publish(kafka, settings, [fresh(tagged("yonhap", day=0)), fresh(tagged("kyodo", day=0.2))])
    with running(run_meeting_resolver, cfg=resolver, topics=settings.topics, kafka=stage_kafka) as res:
        with running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=stage_kafka) as sink:
            assert wait(lambda: all_settled(kafka, settings, resolver, sink)
                        and sink.value("newswatch_alerts_sent_total", route="default") == 1)
        # A new alert group reads the whole meetings topic again (as after a reset or a topic replay):
        # the keys topic says every meeting in it was already alerted.
        again = with_alert(settings, group=f"g{unique}-alert-again")
        with running(run_alert_sink, **stage_arguments(again, "alert"), kafka=stage_kafka) as second:
            assert wait(lambda: all_settled(kafka, again, resolver, second))
            assert second.value("newswatch_alerts_routed_total", route="default") >= 2  # both revisions re-read
            assert second.value("newswatch_alerts_suppressed_total", route="default", reason="duplicate") >= 2
            assert second.value("newswatch_alerts_sent_total", route="default") == 0
        assert res.value("newswatch_meetings_total", status="held") == 1
    assert len(slack.accepted) == 1


def test_will_meet_then_held_talks_is_one_alert_at_held(settings, kafka, stage_kafka, unique, slack):
    settings = meeting_settings(settings, slack)
    resolver = ResolverConfig(group=f"g{unique}-meetings", poll_timeout_ms=100)
    publish(kafka, settings, [fresh(tagged("yonhap", day=0, status="planned"))])
    with running(run_meeting_resolver, cfg=resolver, topics=settings.topics, kafka=stage_kafka) as res, \
            running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=stage_kafka) as sink:
        assert wait(lambda: res.value("newswatch_meetings_total", status="planned") == 1)
        assert wait(lambda: all_settled(kafka, settings, resolver, sink)
                    and committed_lag(kafka, f"{settings.alert.group}-router", settings.topics.meetings_topic) == 0)
        assert slack.accepted == []  # a planned meeting is not news yet
        publish(kafka, settings, [fresh(tagged("kyodo", day=6, status="held"))])
        assert wait(lambda: sink.value("newswatch_alerts_sent_total", route="default") == 1)
        assert wait(lambda: all_settled(kafka, settings, resolver, sink))
    [meeting] = latest(kafka, settings.topics.meetings_topic).values()
    assert [c.status for c in meeting.status_history] == ["planned", "held"]
    assert len(slack.accepted) == 1
    assert headers(slack.accepted) == ["Defense-ministerial meeting: South Korea – Japan"]
    assert "kyodo.example" in section_texts(slack.accepted[0])  # the report that said it was held
    assert "Also reported by:* yonhap" in section_texts(slack.accepted[0])


def test_a_held_meeting_later_denied_alerts_once_more(settings, kafka, stage_kafka, unique, slack):
    settings = meeting_settings(settings, slack)
    resolver = ResolverConfig(group=f"g{unique}-meetings", poll_timeout_ms=100)
    publish(kafka, settings, [fresh(tagged("yonhap", day=0))])
    with running(run_meeting_resolver, cfg=resolver, topics=settings.topics, kafka=stage_kafka), \
            running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=stage_kafka) as sink:
        assert wait(lambda: sink.value("newswatch_alerts_sent_total", route="default") == 1)
        denied = fresh(tagged("kyodo", day=0.5, status="denied",
                              sentence="Japan denied that the defense ministers held talks."))
        publish(kafka, settings, [denied])
        assert wait(lambda: sink.value("newswatch_alerts_sent_total", route="default") == 2)
        publish(kafka, settings, [fresh(tagged("nhk", day=0.7, status="denied"))])  # a second denial
        assert wait(lambda: all_settled(kafka, settings, resolver, sink)
                    and len(next(iter(latest(kafka, settings.topics.meetings_topic).values())).reports) == 3)
    [meeting] = latest(kafka, settings.topics.meetings_topic).values()
    assert [c.status for c in meeting.status_history] == ["held", "denied"]
    assert len(slack.accepted) == 2  # held, then called off: the second denial is no news
    assert headers(slack.accepted) == ["Defense-ministerial meeting: South Korea – Japan",
                                       "Defense-ministerial meeting called off: South Korea – Japan"]
    text = section_texts(slack.accepted[1])
    assert "Reported denied* by kyodo" in text and "Also reported by:* yonhap" in text


def test_a_meeting_first_seen_before_the_keys_retention_is_not_alerted(settings, kafka, stage_kafka, unique, slack):
    settings = meeting_settings(settings, slack, keys_retention_days=4, dedup_window_hours=72)
    resolver = ResolverConfig(group=f"g{unique}-meetings", poll_timeout_ms=100)
    old = tagged("yonhap", day=0)
    publish(kafka, settings, [msgspec.structs.replace(old, fetched_at=utcnow() - timedelta(days=5))])
    with running(run_meeting_resolver, cfg=resolver, topics=settings.topics, kafka=stage_kafka), \
            running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=stage_kafka) as sink:
        assert wait(lambda: sink.value("newswatch_alerts_suppressed_total", route="default", reason="stale") == 1)
        assert wait(lambda: all_settled(kafka, settings, resolver, sink))
        assert sink.value("newswatch_alerts_routed_total", route="default") == 0
    assert slack.accepted == []


def test_a_burst_of_meetings_beyond_the_rate_becomes_one_digest(settings, kafka, stage_kafka, unique, slack):
    from tests.meetings.factories import KR_MINISTER
    from tests.sinks.factories import FakeClock

    clock = FakeClock()  # the delivery clock: tokens, and the gather wait (0 here)
    settings = meeting_settings(settings, slack, rate_per_second=1.0, burst=1, digest_min_queue=3,
                                meeting_gather_seconds=0.0)
    resolver = ResolverConfig(group=f"g{unique}-meetings", poll_timeout_ms=100)
    stories = [fresh(tagged(f"o{c}", day=0, article=f"d{c}",
                            people=(KR_MINISTER, Participant(name=f"Minister {c}", role="defense minister",
                                                             country=c))))
               for c in ("CA", "FI", "MN", "MY", "AU")]
    with running(run_meeting_resolver, cfg=resolver, topics=settings.topics, kafka=stage_kafka), \
            running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=stage_kafka, clock=clock) as sink:
        publish(kafka, settings, stories[:1])
        assert wait(lambda: len(slack.accepted) == 1)  # the burst token
        publish(kafka, settings, stories[1:])
        assert wait(lambda: sink.value("newswatch_alert_queue_depth", route="default") == 4)
        # each queued record counted once, by its offset, even when a rebalance reads the queue again
        assert wait(lambda: sink.value("newswatch_alerts_throttled_total", route="default", reason="rate_limit") == 4)
        assert len(slack.requests) == 1  # no token yet: all four wait
        clock.advance(1.0)
        assert wait(lambda: len(slack.accepted) == 2)
        assert wait(lambda: all_settled(kafka, settings, resolver, sink))
        assert sink.value("newswatch_alerts_throttled_total", route="default", reason="rate_limit") == 4
    digest = slack.accepted[1]
    assert digest["blocks"][0]["text"]["text"] == "Defense-ministerial meetings digest: 4 alerts"
    items = [b["text"]["text"] for b in digest["blocks"] if b["type"] == "section"]
    assert len(items) == 4 and all("Defense-ministerial meeting: South Korea – " in i for i in items)
    assert sink.value("newswatch_alert_messages_sent_total", route="default", kind="digest") == 1
    assert sink.value("newswatch_alerts_sent_total", route="default") == 5


def test_a_poison_meeting_record_is_dead_lettered_and_the_next_one_alerts(settings, kafka, unique, slack):
    """The router alone, on a meetings topic written here: two records it cannot read, then a real one."""
    from datetime import timedelta as days

    from newswatch.processors.resolve_meetings.book import MeetingBook
    from newswatch.processors.resolve_meetings.reports import reported_meetings
    from newswatch.schema import DeadLetter, encode
    from tests.support.topics import produce, read_records, wait_for_count

    settings = meeting_settings(settings, slack)
    [report] = reported_meetings(fresh(tagged("yonhap", day=0)))
    record = MeetingBook(window=days(days=3), horizon=days(days=14)).resolve(report).record
    assert record is not None
    with running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=kafka) as sink:
        produce(kafka, settings.topics.meetings_topic, [b'{"meeting_id": 7', b"\xff\xfe", encode(record)],
                keys=[b"bad1", b"bad2", record.meeting_id.encode()])
        assert wait(lambda: sink.value("newswatch_alerts_sent_total", route="default") == 1)
        alerts, _keys = settings.alert.topic_names(settings.topics.tagged)
        assert wait(lambda: committed_to_end(kafka, [(f"{settings.alert.group}-router", settings.topics.meetings_topic),
                                                     (settings.alert.group, alerts)]))
    wait_for_count(kafka, settings.topics.dlq, 2)
    letters = read_records(kafka, settings.topics.dlq, DeadLetter)
    assert sorted(letter.key or b"" for letter in letters) == [b"bad1", b"bad2"]
    assert {letter.stage for letter in letters} == {"alert-router"}
    assert len(slack.accepted) == 1
