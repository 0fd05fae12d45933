"""The meeting store against real PostgreSQL and SQLite: migrations, at-least-once upserts, questions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import msgspec
import pytest

from newswatch.processors.resolve_meetings.book import MeetingBook
from newswatch.processors.resolve_meetings.reports import reported_meetings
from newswatch.schema import MeetingRecord, Participant
from newswatch.sinks.meeting_store.database import Database
from newswatch.sinks.meeting_store.migrations import LATEST, migrate
from newswatch.sinks.meeting_store.query import (
    MeetingFilter,
    count_meetings,
    counts_by_counterpart,
    counts_by_month,
    find_meetings,
)
from newswatch.sinks.meeting_store.store import MeetingStore
from tests.meetings.factories import KR_MINISTER, tagged


def resolve(*articles) -> list[MeetingRecord]:
    """Every revision the resolver would write for ``articles``."""
    book = MeetingBook(window=timedelta(days=3), horizon=timedelta(days=14))
    out = []
    for article in articles:
        for item in reported_meetings(article):
            if (record := book.resolve(item).record) is not None:
                out.append(record)
    return out


@pytest.fixture
def store(database_url):
    db = Database(database_url)
    migrate(db)
    yield MeetingStore(db)
    db.close()


def test_migrations_run_once_and_are_recorded(database_url):
    db = Database(database_url)
    assert migrate(db) == [1, 2]
    assert migrate(db) == []
    assert {r["version"] for r in db.query("SELECT version FROM schema_migrations")} == set(range(1, LATEST + 1))
    db.close()


def test_three_reports_make_one_row_and_redelivery_changes_nothing(store):
    revisions = resolve(tagged("yonhap"), tagged("kyodo", day=0.5), tagged("nhk", day=1))
    assert store.upsert(revisions) == 1
    assert store.upsert(revisions) == 1  # the same batch again: same rows
    assert store.upsert(revisions[:1]) == 0  # an older revision redelivered later: ignored
    db = store.db
    assert db.query("SELECT count(*) AS n FROM meetings")[0]["n"] == 1
    assert db.query("SELECT count(*) AS n FROM reports")[0]["n"] == 3
    assert db.query("SELECT count(*) AS n FROM meeting_parties")[0]["n"] == 2
    [row] = find_meetings(db, MeetingFilter(country="KR", with_="JP"))
    assert (row.reports, row.first_outlet, row.status) == (3, "yonhap", "held")
    assert row.record == revisions[-1]


def test_status_history_is_stored(store):
    revisions = resolve(tagged("yonhap", status="planned"), tagged("kyodo", day=6))
    store.upsert(revisions)
    rows = store.db.query("SELECT status, outlet FROM status_changes ORDER BY position")
    assert [(r["status"], r["outlet"]) for r in rows] == [("planned", "yonhap"), ("held", "kyodo")]
    [row] = find_meetings(store.db, MeetingFilter(status="held"))
    assert row.date == datetime(2024, 6, 8, 9, 0, tzinfo=UTC)  # filed under the day it was held


def test_questions_filter_by_parties_dates_and_status_and_count(store):
    us = Participant(name="Lloyd Austin", role="Secretary of Defense", country="US")
    articles = [tagged("yonhap", day=d) for d in (0, 40, 80)]
    articles += [tagged("yonhap", day=10, people=(KR_MINISTER, us)),
                 tagged("yonhap", day=50, status="planned", article="plan")]
    store.upsert(resolve(*articles))
    db = store.db
    kr_jp = MeetingFilter(country="KR", with_="JP")
    assert [r.date.date().isoformat() for r in find_meetings(db, kr_jp)] == [
        "2024-08-21", "2024-07-22", "2024-07-12", "2024-06-02"]  # the planned talks after July's are new ones
    assert count_meetings(db, kr_jp) == 4
    assert [r.meeting_id for r in find_meetings(db, kr_jp, limit=1, offset=2)] == ["2024-07-12.in-person.JP-KR"]
    since = MeetingFilter(country="KR", since=datetime(2024, 7, 1, tzinfo=UTC), until=datetime(2024, 8, 1, tzinfo=UTC))
    assert [r.meeting_id for r in find_meetings(db, since)] == ["2024-07-22.in-person.JP-KR",
                                                                 "2024-07-12.in-person.JP-KR"]
    assert count_meetings(db, MeetingFilter(status="planned")) == 1
    assert counts_by_counterpart(db, MeetingFilter(country="KR", status="held")) == [("JP", 3), ("US", 1)]
    assert counts_by_month(db, MeetingFilter(country="KR", status="held")) == [
        ("2024-06", 2), ("2024-07", 1), ("2024-08", 1)]


def test_clear_empties_every_table(store):
    store.upsert(resolve(tagged("yonhap")))
    store.clear()
    assert store.db.query("SELECT count(*) AS n FROM reports")[0]["n"] == 0
    assert msgspec.json.encode(find_meetings(store.db, MeetingFilter())) == b"[]"
