"""Questions to the meeting store: which meetings, and how many by counterpart and by month.

Filters: ``country`` (a party), ``with_`` (another party: the counterpart), ``since``/``until``
(the meeting's date: when first reported held, else its first report; ``until`` exclusive),
``status``. Results are newest first, paginated by ``limit``/``offset``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import msgspec

from newswatch.schema import MeetingRecord
from newswatch.sinks.meeting_store.database import Database


@dataclass(frozen=True)
class MeetingFilter:
    country: str | None = None
    with_: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    status: str | None = None

    def where(self, db: Database) -> tuple[str, str, list[Any], str]:
        """(joins, where clause, parameters, the date column to sort by) over ``meetings m``.

        Two parties read ``meeting_pairs`` and one reads ``meeting_parties``, each by an index on
        (parties, date): the newest page is an index range, whatever the table's size."""
        joins: list[str] = []
        clauses: list[str] = []
        params: list[Any] = []
        date = "m.meeting_date"
        if self.country and self.with_:
            joins.append("JOIN meeting_pairs p ON p.meeting_id = m.meeting_id")
            clauses += ["p.country = ?", "p.counterpart = ?"]
            params += [self.country.upper(), self.with_.upper()]
            date = "p.meeting_date"
        elif self.country or self.with_:
            joins.append("JOIN meeting_parties a ON a.meeting_id = m.meeting_id")
            clauses.append("a.country = ?")
            params.append((self.country or self.with_ or "").upper())
            date = "a.meeting_date"
        if self.since is not None:
            clauses.append(f"{date} >= ?")
            params.append(self.since)
        if self.until is not None:
            clauses.append(f"{date} < ?")
            params.append(self.until)
        if self.status:
            clauses.append("m.status = ?")
            params.append(self.status)
        return " ".join(joins), (" WHERE " + " AND ".join(clauses)) if clauses else "", params, date


@dataclass(frozen=True)
class MeetingRow:
    """One meeting as a question's answer lists it (the full record rides along)."""

    meeting_id: str
    date: datetime
    status: str
    parties: list[str]
    kind: str
    location: str | None
    event: str | None
    reports: int
    first_outlet: str | None
    record: MeetingRecord


_decoder = msgspec.json.Decoder(MeetingRecord)


def find_meetings(db: Database, flt: MeetingFilter, *, limit: int = 100, offset: int = 0,
                  meeting_id: str | None = None) -> list[MeetingRow]:
    joins, where, params, date = flt.where(db)
    if meeting_id is not None:
        where = (where + " AND " if where else " WHERE ") + "m.meeting_id = ?"
        params.append(meeting_id)
    rows = db.query(f"SELECT m.meeting_id, m.meeting_date, m.status, m.parties, m.kind, m.location, m.event, "
                    f"m.report_count, m.first_outlet, m.record FROM meetings m {joins}{where} "
                    f"ORDER BY {date} DESC, m.meeting_id LIMIT ? OFFSET ?", [*params, limit, offset])
    return [MeetingRow(meeting_id=r["meeting_id"], date=db.read_timestamp(r["meeting_date"]),  # type: ignore[arg-type]
                       status=r["status"], parties=r["parties"].split("+"), kind=r["kind"], location=r["location"],
                       event=r["event"], reports=r["report_count"], first_outlet=r["first_outlet"],
                       record=_decoder.decode(r["record"])) for r in rows]


def count_meetings(db: Database, flt: MeetingFilter) -> int:
    joins, where, params, _date = flt.where(db)
    return int(db.query(f"SELECT count(*) AS n FROM meetings m {joins}{where}", params)[0]["n"])


def counts_by_counterpart(db: Database, flt: MeetingFilter) -> list[tuple[str, int]]:
    """Meetings per other party: the parties beside ``country`` (every party when no country is given)."""
    if flt.country:
        clauses: list[str] = ["p.country = ?"]
        params: list[Any] = [flt.country.upper()]
        for clause, value in (("p.counterpart = ?", flt.with_ and flt.with_.upper()),
                              ("p.meeting_date >= ?", flt.since), ("p.meeting_date < ?", flt.until),
                              ("m.status = ?", flt.status)):
            if value is not None:
                clauses.append(clause)
                params.append(value)
        rows = db.query(f"SELECT p.counterpart AS country, count(*) AS n FROM meetings m "
                        f"JOIN meeting_pairs p ON p.meeting_id = m.meeting_id WHERE {' AND '.join(clauses)} "
                        f"GROUP BY p.counterpart ORDER BY n DESC, p.counterpart", params)
    else:
        joins, where, params, _date = flt.where(db)
        rows = db.query(f"SELECT c.country AS country, count(*) AS n FROM meetings m {joins} "
                        f"JOIN meeting_parties c ON c.meeting_id = m.meeting_id{where} "
                        f"GROUP BY c.country ORDER BY n DESC, c.country", params)
    return [(r["country"], int(r["n"])) for r in rows]


def counts_by_month(db: Database, flt: MeetingFilter) -> list[tuple[str, int]]:
    joins, where, params, date = flt.where(db)
    month = db.month_of(date)
    rows = db.query(f"SELECT {month} AS month, count(*) AS n FROM meetings m {joins}{where} "
                    f"GROUP BY {month} ORDER BY month", params)
    return [(r["month"], int(r["n"])) for r in rows]
