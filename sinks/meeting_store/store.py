"""Writing meeting records: one transaction per batch, upsert by meeting id, children replaced.

At-least-once safe: the same record written twice leaves the same rows, and an older revision
arriving after a newer one (a redelivery) changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from newswatch.schema import MeetingRecord, encode
from newswatch.sinks.meeting_store.database import Database

MEETING_COLUMNS = ("meeting_id", "parties", "kind", "status", "location", "event", "meeting_date", "window_start",
                   "window_end", "first_seen", "last_seen", "report_count", "first_outlet", "revision", "record")

UPSERT_MEETING = (
    f"INSERT INTO meetings ({', '.join(MEETING_COLUMNS)}) VALUES ({', '.join('?' for _ in MEETING_COLUMNS)}) "
    f"ON CONFLICT (meeting_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in MEETING_COLUMNS[1:])
)


def meeting_date(record: MeetingRecord):
    """The date a meeting is filed under: when it was first reported held, else its first report."""
    held = next((c.at for c in record.status_history if c.status == "held"), None)
    return held or record.window_start


def latest_revisions(records: Iterable[MeetingRecord]) -> list[MeetingRecord]:
    """One record per meeting: the highest revision (the last one of a batch when equal)."""
    best: dict[str, MeetingRecord] = {}
    for record in records:
        have = best.get(record.meeting_id)
        if have is None or record.revision >= have.revision:
            best[record.meeting_id] = record
    return list(best.values())


class MeetingStore:
    def __init__(self, db: Database):
        self.db = db

    def stored_revisions(self, ids: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows = self.db.query(f"SELECT meeting_id, revision FROM meetings WHERE meeting_id IN "
                                 f"({', '.join('?' for _ in chunk)})", chunk)
            found.update({row["meeting_id"]: row["revision"] for row in rows})
        return found

    def upsert(self, records: Iterable[MeetingRecord]) -> int:
        """Write ``records`` in one transaction; returns how many meetings changed."""
        batch = latest_revisions(records)
        if not batch:
            return 0
        with self.db.transaction():
            stored = self.stored_revisions([r.meeting_id for r in batch])
            fresh = [r for r in batch if stored.get(r.meeting_id, 0) <= r.revision]
            if not fresh:
                return 0
            ids = [r.meeting_id for r in fresh]
            for table in ("meeting_parties", "meeting_pairs", "participants", "reports", "status_changes"):
                for start in range(0, len(ids), 500):
                    chunk = ids[start:start + 500]
                    self.db.execute(f"DELETE FROM {table} WHERE meeting_id IN ({', '.join('?' for _ in chunk)})",
                                    chunk)
            self.db.executemany(UPSERT_MEETING, [self._meeting_row(r) for r in fresh])
            self.db.executemany("INSERT INTO meeting_parties (country, meeting_id, meeting_date) VALUES (?, ?, ?)",
                                [(c, r.meeting_id, meeting_date(r)) for r in fresh for c in r.parties])
            self.db.executemany("INSERT INTO meeting_pairs (country, counterpart, meeting_id, meeting_date) "
                                "VALUES (?, ?, ?, ?)",
                                [(a, b, r.meeting_id, meeting_date(r)) for r in fresh for a in r.parties
                                 for b in r.parties if a != b])
            self.db.executemany("INSERT INTO participants (meeting_id, position, name, role, country) "
                                "VALUES (?, ?, ?, ?, ?)",
                                [(r.meeting_id, i, p.name, p.role, p.country)
                                 for r in fresh for i, p in enumerate(r.participants)])
            self.db.executemany("INSERT INTO reports (meeting_id, article_id, url, title, outlet, language, "
                                "published, first_seen, status, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                [(r.meeting_id, x.article_id, x.url, x.title, x.outlet, x.language, x.published,
                                  x.first_seen, x.status, x.evidence) for r in fresh for x in r.reports])
            self.db.executemany("INSERT INTO status_changes (meeting_id, position, status, at, article_id, outlet, "
                                "first_seen) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                [(r.meeting_id, i, c.status, c.at, c.article_id, c.outlet, c.first_seen)
                                 for r in fresh for i, c in enumerate(r.status_history)])
        return len(fresh)

    def _meeting_row(self, r: MeetingRecord) -> tuple:
        outlets = r.outlets
        return (r.meeting_id, "+".join(r.parties), r.kind, r.status, r.location, r.event, meeting_date(r),
                r.window_start, r.window_end, r.first_seen, r.last_seen, len(r.reports),
                outlets[0] if outlets else None, r.revision, encode(r).decode())

    def clear(self) -> None:
        with self.db.transaction():
            for table in ("meeting_parties", "meeting_pairs", "participants", "reports", "status_changes",
                          "meetings"):
                self.db.execute(f"DELETE FROM {table}")
