"""The network's counting (SQL over the meeting store, SQLite and PostgreSQL): pairs, per-status counts,
the colour rule, regions, and a three-party meeting counted once per pair."""

from __future__ import annotations

from datetime import timedelta

import msgspec

from newswatch.sinks.meeting_pages.assets import CHECKOUT_ASSETS, WORLD_COUNTRIES
from newswatch.sinks.meeting_pages.graph import graph
from newswatch.sinks.meeting_pages.regions import Regions
from newswatch.sinks.meeting_store.database import Database
from newswatch.sinks.meeting_store.migrations import migrate
from newswatch.sinks.meeting_store.query import MeetingFilter
from newswatch.sinks.meeting_store.store import MeetingStore
from tests.pages.synthetic import T0, synthetic_meetings


def records():
    base = synthetic_meetings(1)[0]

    def one(i: int, parties: list[str], status: str):
        return msgspec.structs.replace(base, meeting_id=f"m{i}", parties=parties, status=status,
                                       window_start=T0 + timedelta(days=i), status_history=[])

    return [one(1, ["JP", "KR"], "held"), one(2, ["JP", "KR"], "planned"), one(3, ["JP", "KR"], "planned"),
            one(4, ["DE", "FR", "NATO"], "held"), one(5, ["BR", "US"], "cancelled")]


def test_pairs_statuses_and_regions(database_url):
    db = Database(database_url)
    migrate(db)
    MeetingStore(db).upsert(records())
    regions = Regions.load(CHECKOUT_ASSETS / WORLD_COUNTRIES)
    everything = graph(db, MeetingFilter(), regions)
    assert everything["meetings"] == 5
    edges = {e["id"]: e for e in everything["edges"]}
    assert set(edges) == {"JP-KR", "DE-FR", "DE-NATO", "FR-NATO", "BR-US"}
    assert (edges["JP-KR"]["meetings"], edges["JP-KR"]["planned"], edges["JP-KR"]["status"]) == (3, 2, "planned")
    assert "cancelled" not in edges["JP-KR"]  # zero counts are left out
    assert {n["id"]: n["meetings"] for n in everything["nodes"]}["NATO"] == 1
    europe = graph(db, MeetingFilter(), regions, "Europe")
    assert europe["meetings"] == 1 and {e["id"] for e in europe["edges"]} == {"DE-FR", "DE-NATO", "FR-NATO"}
    americas = graph(db, MeetingFilter(status="cancelled"), regions, "Americas")
    assert [e["id"] for e in americas["edges"]] == ["BR-US"]
    assert graph(db, MeetingFilter(status="held"), regions, "Oceania") == {"meetings": 0, "nodes": [], "edges": []}
    db.close()
