"""`newswatch serve`'s read-only JSON API over a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from newswatch.sinks.meeting_store.api import create_app
from newswatch.sinks.meeting_store.config import MeetingStoreConfig
from newswatch.sinks.meeting_store.database import Database
from newswatch.sinks.meeting_store.migrations import migrate
from newswatch.sinks.meeting_store.store import MeetingStore
from tests.meetings.factories import tagged
from tests.meetings.test_store import resolve


def client(url: str) -> TestClient:
    db = Database(url)
    migrate(db)
    MeetingStore(db).upsert(resolve(tagged("yonhap", day=0), tagged("kyodo", day=0.5), tagged("yonhap", day=40),
                                    tagged("nhk", day=80, status="planned")))
    db.close()
    return TestClient(create_app(MeetingStoreConfig(url=url)))


def test_meetings_are_paginated_and_filtered_in_the_query_string(database_url):
    api = client(database_url)
    page = api.get("/meetings", params={"country": "KR", "with": "JP", "status": "held", "limit": 1}).json()
    assert (page["total"], page["next_offset"], len(page["items"])) == (2, 1, 1)
    assert page["items"][0]["meeting_id"] == "2024-07-12.in-person.JP-KR"
    last = api.get("/meetings", params={"country": "KR", "with": "JP", "status": "held", "limit": 1,
                                        "offset": 1}).json()
    assert last["next_offset"] is None
    first = last["items"][0]
    assert first["outlets"] == ["yonhap", "kyodo"] and len(first["reports"]) == 2
    assert first["reports"][0]["evidence"].startswith("The defense ministers held talks")
    since = api.get("/meetings", params={"since": "2024-07-01", "until": "2024-08-01"}).json()
    assert [m["meeting_id"] for m in since["items"]] == ["2024-07-12.in-person.JP-KR"]
    assert api.get("/meetings", params={"status": "maybe"}).status_code == 422


def test_one_meeting_and_counts(database_url):
    api = client(database_url)
    one = api.get("/meetings/2024-06-02.in-person.JP-KR").json()
    assert one["status"] == "held" and one["date"].startswith("2024-06-02")
    assert api.get("/meetings/nope").status_code == 404
    assert api.get("/counts/counterparts", params={"country": "KR"}).json() == {
        "by": "counterpart", "items": [{"key": "JP", "meetings": 3}]}
    months = api.get("/counts/months", params={"status": "held"}).json()["items"]
    assert months == [{"key": "2024-06", "meetings": 1}, {"key": "2024-07", "meetings": 1}]


def test_the_api_describes_itself_and_only_reads(database_url):
    api = client(database_url)
    spec = api.get("/openapi.json").json()
    assert {"/meetings", "/meetings/{meeting_id}", "/counts/counterparts", "/counts/months"} <= set(spec["paths"])
    assert {name["name"] for name in spec["paths"]["/meetings"]["get"]["parameters"]} >= {
        "country", "with", "since", "until", "status", "limit", "offset"}
    assert all(set(ops) == {"get"} for ops in spec["paths"].values())
    assert api.post("/meetings").status_code == 405
