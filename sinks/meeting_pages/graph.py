"""Meetings as a network: parties are nodes, each pair of parties that met is an edge.

An edge's weight is its number of meetings, with the count per status; its ``status`` (what the
pages colour it by) is the status most of its meetings have, ties going to the earlier of
held, planned, postponed, cancelled, denied. A region keeps the meetings that have at least one
party in it (so the page shows whom that region's countries meet).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from newswatch.sinks.meeting_pages.regions import Regions
from newswatch.sinks.meeting_store.database import Database
from newswatch.sinks.meeting_store.query import MeetingFilter

STATUSES = ("held", "planned", "postponed", "cancelled", "denied")


@dataclass(frozen=True)
class MeetingLink:
    """What the network needs of one meeting."""

    parties: tuple[str, ...]
    status: str


def meeting_links(db: Database, flt: MeetingFilter) -> list[MeetingLink]:
    joins, where, params = flt.where(db)
    rows = db.query(f"SELECT m.parties, m.status FROM meetings m {joins}{where}", params)
    return [MeetingLink(tuple(r["parties"].split("+")), r["status"]) for r in rows]


def build_graph(meetings: Iterable[MeetingLink], regions: Regions, region: str | None = None) -> dict[str, Any]:
    """``{"nodes": [...], "edges": [...], "meetings": N}``, nodes and edges sorted for stable output."""
    node_count: Counter[str] = Counter()
    edge_status: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    total = 0
    for meeting in meetings:
        parties = sorted(set(meeting.parties))
        if region and not any(regions.region_of(p) == region for p in parties):
            continue
        total += 1
        node_count.update(parties)
        for a, b in combinations(parties, 2):
            edge_status[(a, b)][meeting.status] += 1
    nodes = [{"id": code, "name": _name(regions, code), "region": regions.region_of(code), "meetings": n}
             for code, n in sorted(node_count.items())]
    edges = []
    for (a, b), by_status in sorted(edge_status.items()):
        edges.append({"id": f"{a}-{b}", "source": a, "target": b, "meetings": sum(by_status.values()),
                      "status": max(STATUSES, key=lambda s: (by_status[s], -STATUSES.index(s))),
                      **{s: by_status[s] for s in STATUSES}})
    return {"meetings": total, "nodes": nodes, "edges": edges}


def _name(regions: Regions, code: str) -> str:
    known = regions.countries.get(code)
    return known.name if known else code
