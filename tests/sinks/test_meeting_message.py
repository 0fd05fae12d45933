"""The Slack payload for meeting alerts: pure, no broker. Events, grouping, "also reported by",
escaping and Slack's limits."""

from __future__ import annotations

from datetime import timedelta

import msgspec

from newswatch.processors.resolve_meetings.book import MeetingBook
from newswatch.processors.resolve_meetings.reports import reported_meetings
from newswatch.schema import Alert, MeetingRecord, Participant
from newswatch.sinks.meeting_events import alert_event
from newswatch.sinks.meeting_message import build_meeting_message, meeting_digest_item
from newswatch.sinks.slack_digest import build_meeting_digest
from tests.meetings.factories import KR_MINISTER, tagged
from tests.support.slack_receiver import payload_problem


def resolve(*stories) -> MeetingRecord:
    book = MeetingBook(window=timedelta(days=3), horizon=timedelta(days=14))
    record = None
    for story in stories:
        for report in reported_meetings(story):
            record = book.resolve(report).record or record
    assert record is not None
    return record


def alert(record: MeetingRecord) -> Alert:
    found = alert_event(record)
    assert found is not None
    return Alert(alert_id="a", route="default", meeting=record, event=found[0])


def test_events_follow_the_status_history():
    planned = resolve(tagged("yonhap", status="planned"))
    assert alert_event(planned) is None
    held = resolve(tagged("yonhap", status="planned"), tagged("kyodo", day=6))
    assert alert_event(held)[0] == "held" and alert_event(held)[1].outlet == "kyodo"
    denied = resolve(tagged("yonhap"), tagged("kyodo", day=0.5, status="denied"))
    assert alert_event(denied)[0] == "called-off" and alert_event(denied)[1].outlet == "kyodo"
    assert alert_event(resolve(tagged("kyodo", status="denied"))) is None  # never held: no news


def test_one_message_names_the_report_the_participants_and_the_other_outlets():
    record = resolve(tagged("yonhap"), tagged("kyodo", day=0.3), tagged("nhk", day=1))
    payload = build_meeting_message([alert(record)], pages_url="https://newswatch.example")
    assert payload_problem(payload) is None
    text = msgspec.json.encode(payload).decode()
    assert payload["blocks"][0]["text"]["text"] == "Defense-ministerial meeting: South Korea – Japan"
    assert "https://yonhap.example/" in text and "*Also reported by:* kyodo, nhk" in text
    assert "Minoru Kihara" in text and "/view/meetings/" in text


def test_hostile_text_is_escaped_and_limits_hold():
    long = "x" * 5000
    story = msgspec.structs.replace(tagged("<!channel>", sentence=f"<!here> {long}"), title=f"<!channel> {long}")
    others = [Participant(name=f"<@U{n}>", role="defense minister", country="JP") for n in range(60)]
    story = msgspec.structs.replace(story, meetings=[msgspec.structs.replace(story.meetings[0],
                                                                             participants=[KR_MINISTER, *others])])
    record = resolve(story)
    payload = build_meeting_message([alert(record)])
    assert payload_problem(payload) is None
    text = msgspec.json.encode(payload).decode()
    assert "<!channel>" not in text and "<!here>" not in text and "<@U1>" not in text


def test_a_digest_lists_one_item_per_report():
    records = [resolve(tagged(f"o{c}", article=f"d{c}", people=(KR_MINISTER, Participant(name="M", country=c))))
               for c in ("CA", "FI", "MN")]
    items = [([alert(r)], meeting_digest_item([alert(r)])) for r in records]
    payload = build_meeting_digest(items)
    assert payload_problem(payload) is None
    assert payload["blocks"][0]["text"]["text"] == "Defense-ministerial meetings digest: 3 alerts"
    assert [b["text"]["text"].split("\n")[0] for b in payload["blocks"][1:4]] == [
        "*Defense-ministerial meeting: South Korea – Canada*", "*Defense-ministerial meeting: South Korea – Finland*",
        "*Defense-ministerial meeting: South Korea – Mongolia*"]
