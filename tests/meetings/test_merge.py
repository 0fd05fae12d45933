"""Resolving meeting reports into meeting records, without a broker: identity, merging, status."""

from __future__ import annotations

from datetime import timedelta

import msgspec
import pytest

from newswatch.processors.resolve_meetings.book import MeetingBook
from newswatch.processors.resolve_meetings.reports import reported_meetings
from newswatch.schema import MeetingRecord, Participant, encode
from tests.meetings.factories import JP_MINISTER, KR_MINISTER, tagged


def book() -> MeetingBook:
    return MeetingBook(window=timedelta(days=3), horizon=timedelta(days=14))


def feed(b: MeetingBook, *articles) -> list[MeetingRecord]:
    """Resolve every meeting of ``articles``; returns the records that changed, in order."""
    out = []
    for article in articles:
        for item in reported_meetings(article):
            result = b.resolve(item)
            if result.record is not None:
                out.append(result.record)
    return out


def test_three_outlets_one_a_day_later_one_a_replay_make_one_meeting_with_three_reports():
    b = book()
    yonhap = tagged("yonhap", day=0)
    changes = feed(b, yonhap, tagged("kyodo", day=0.2), tagged("nhk", day=1.0),
                   msgspec.structs.replace(yonhap, replayed=True, tagger_version="test-2"))
    final = changes[-1]
    assert len(b) == 1
    assert {r.outlet for r in final.reports} == {"yonhap", "kyodo", "nhk"}
    assert len(final.reports) == 3
    assert final.meeting_id == "2024-06-02.in-person.JP-KR"
    assert final.parties == ["JP", "KR"]
    assert final.status == "held" and [c.status for c in final.status_history] == ["held"]


def test_a_redelivered_report_changes_nothing():
    b = book()
    article = tagged("yonhap")
    assert feed(b, article)
    assert feed(b, article) == []
    assert len(b) == 1


def test_the_same_ministers_a_month_later_are_a_second_meeting():
    b = book()
    feed(b, tagged("yonhap", day=0), tagged("yonhap", day=30))
    assert len(b) == 2


def test_planned_then_held_is_one_meeting_with_its_history():
    b = book()
    changes = feed(b, tagged("yonhap", day=0, status="planned"), tagged("kyodo", day=7, status="held"))
    final = changes[-1]
    assert len(b) == 1
    assert final.status == "held"
    assert [(c.status, c.outlet) for c in final.status_history] == [("planned", "yonhap"), ("held", "kyodo")]
    assert final.status_history[1].at == final.reports[1].published


def test_a_late_planned_report_opens_the_history_but_does_not_undo_held():
    b = book()
    changes = feed(b, tagged("kyodo", day=7, status="held"), tagged("yonhap", day=0, status="planned"))
    final = changes[-1]
    assert final.status == "held"
    assert [c.status for c in final.status_history] == ["planned", "held"]
    assert final.window_start < final.window_end


def test_a_held_meeting_can_be_denied_but_not_planned_again():
    b = book()
    changes = feed(b, tagged("a", day=0), tagged("b", day=1, status="planned"), tagged("c", day=1.5, status="denied"))
    assert [c.status for c in changes[-1].status_history] == ["held", "denied"]
    assert changes[-1].status == "denied"


def test_a_re_tag_that_changes_an_article_s_status_updates_the_same_meeting():
    b = book()
    first = tagged("yonhap", day=0, status="planned", article="a1")
    feed(b, first)
    changes = feed(b, tagged("yonhap", day=0, status="held", article="a1"))
    assert len(b) == 1 and len(changes[-1].reports) == 1
    assert changes[-1].status == "held" and changes[-1].revision == 2


def test_participants_merge_across_reports():
    b = book()
    unnamed = Participant(name=None, role="defense minister", country="JP")
    roleless = Participant(name="Shin Won-sik", role=None, country="KR")
    feed(b, tagged("a", people=(roleless, unnamed)))
    final = feed(b, tagged("b", day=0.1, people=(KR_MINISTER, JP_MINISTER)))[-1]
    assert [(p.name, p.role, p.country) for p in final.participants] == [
        ("Minoru Kihara", "Defense Minister", "JP"), ("Shin Won-sik", "Defense Minister", "KR")]


def test_a_call_is_not_the_in_person_meeting():
    b = book()
    feed(b, tagged("a"), tagged("b", kind="call"))
    assert len(b) == 2


def test_reports_carry_outlet_language_dates_and_evidence():
    record = feed(book(), tagged("yonhap", language="ko", sentence="국방장관 회담을 가졌다."))[0]
    report = record.reports[0]
    assert (report.outlet, report.language, report.evidence) == ("yonhap", "ko", "국방장관 회담을 가졌다.")
    assert report.first_seen - report.published == timedelta(minutes=5)
    assert record.first_seen == record.last_seen == report.first_seen


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 0, 2)])
def test_a_rebuilt_book_resolves_like_the_one_that_wrote_the_topic(order):
    """What the resolver does after a restart: load the latest revisions, then see reports again."""
    articles = [tagged("yonhap", day=0), tagged("kyodo", day=0.5), tagged("nhk", day=1)]
    first = book()
    records = feed(first, *[articles[i] for i in order])
    rebuilt = book()
    for record in records:
        rebuilt.load(msgspec.json.decode(encode(record), type=MeetingRecord))
    assert feed(rebuilt, *articles) == []
