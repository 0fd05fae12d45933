"""Meetings as a network: parties are nodes, each pair of parties that met is an edge.

An edge's weight is its number of meetings, with the count per status (statuses with none are left
out of the JSON); its ``status`` (what the pages colour it by) is the status most of its meetings
have, ties going to the earlier of held, planned, postponed, cancelled, denied. A region keeps the
meetings that have at least one party in it (so the page shows whom that region's countries meet).
The counting is SQL (``GROUP BY`` over the store's party index); :func:`assemble` shapes the answer.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from newswatch.sinks.meeting_pages.regions import Regions
from newswatch.sinks.meeting_store.database import Database
from newswatch.sinks.meeting_store.query import MeetingFilter

STATUSES = ("held", "planned", "postponed", "cancelled", "denied")


def _where(db: Database, flt: MeetingFilter, region_codes: list[str] | None) -> tuple[str, str, list[Any]]:
    joins, where, params, _date = flt.where(db)
    if region_codes is not None:
        clause = (f"EXISTS (SELECT 1 FROM meeting_parties r WHERE r.meeting_id = m.meeting_id "
                  f"AND r.country IN ({', '.join('?' for _ in region_codes) or 'NULL'}))")
        where = (where + " AND " if where else " WHERE ") + clause
        params = [*params, *region_codes]
    return joins, where, params


def graph(db: Database, flt: MeetingFilter, regions: Regions, region: str | None = None) -> dict[str, Any]:
    """``{"meetings": N, "nodes": [...], "edges": [...]}`` for the meetings ``flt`` (and ``region``) keep."""
    codes = [c.code for c in regions.countries.values() if c.region == region] if region else None
    joins, where, params = _where(db, flt, codes)
    total = db.query(f"SELECT count(*) AS n FROM meetings m {joins}{where}", params)[0]["n"]
    nodes = db.query(f"SELECT np.country AS country, count(*) AS n FROM meetings m {joins} "
                     f"JOIN meeting_parties np ON np.meeting_id = m.meeting_id{where} GROUP BY np.country", params)
    pairs = db.query(f"SELECT pa.country AS a, pb.country AS b, m.status AS status, count(*) AS n "
                     f"FROM meetings m {joins} JOIN meeting_parties pa ON pa.meeting_id = m.meeting_id "
                     f"JOIN meeting_parties pb ON pb.meeting_id = m.meeting_id AND pa.country < pb.country"
                     f"{where} GROUP BY pa.country, pb.country, m.status", params)
    return assemble(int(total), [(r["country"], int(r["n"])) for r in nodes],
                    [(r["a"], r["b"], r["status"], int(r["n"])) for r in pairs], regions)


def assemble(total: int, node_counts: list[tuple[str, int]], pair_counts: list[tuple[str, str, str, int]],
             regions: Regions) -> dict[str, Any]:
    """Nodes and edges, sorted for a stable answer, from per-party and per-(pair, status) counts."""
    by_pair: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for a, b, status, n in pair_counts:
        by_pair[(a, b)][status] = by_pair[(a, b)].get(status, 0) + n
    nodes = [{"id": code, "name": _name(regions, code), "region": regions.region_of(code), "meetings": n}
             for code, n in sorted(node_counts)]
    edges = []
    for (a, b), counts in sorted(by_pair.items()):
        edges.append({"id": f"{a}-{b}", "source": a, "target": b, "meetings": sum(counts.values()),
                      "status": max(STATUSES, key=lambda s: (counts.get(s, 0), -STATUSES.index(s))), **counts})
    return {"meetings": total, "nodes": nodes, "edges": edges}


def _name(regions: Regions, code: str) -> str:
    known = regions.countries.get(code)
    return known.name if known else code
