"""The meetings one resolver partition knows, and how a new report finds its meeting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from newswatch.processors.resolve_meetings.merge import distance, meeting_id, merge, new_record, reaches
from newswatch.schema import MeetingRecord, ReportedMeeting


@dataclass(frozen=True)
class Resolution:
    """What one report did: the record as it now is (None: nothing changed) and the one before."""

    record: MeetingRecord | None
    previous: MeetingRecord | None

    @property
    def created(self) -> bool:
        return self.record is not None and self.previous is None

    @property
    def status_changed(self) -> bool:
        return self.record is not None and self.previous is not None and self.record.status != self.previous.status


class MeetingBook:
    """Every meeting of one partition, by pair key; a report joins the nearest one it reaches.

    A report of an article the book already holds (a redelivery, a replay, a re-tag) goes back to
    the meeting that holds it, whatever its date, so a replay never makes a second meeting.
    """

    def __init__(self, *, window: timedelta, horizon: timedelta):
        self.window = window
        self.horizon = horizon
        self._by_pair: dict[str, dict[str, MeetingRecord]] = {}
        self._by_article: dict[tuple[str, str], str] = {}
        self._ids: set[str] = set()

    def __len__(self) -> int:
        return len(self._ids)

    def load(self, record: MeetingRecord) -> None:
        """Take ``record`` as the meeting's latest revision (rebuilding from the meetings topic)."""
        have = self._by_pair.get(record.pair_key, {}).get(record.meeting_id)
        if have is not None and have.revision > record.revision:
            return
        self._store(record)

    def resolve(self, item: ReportedMeeting) -> Resolution:
        """Fold ``item`` into the meeting it belongs to, or start a new one."""
        key = item.pair_key
        meetings = self._by_pair.get(key, {})
        held_by = self._by_article.get((key, item.report.article_id))
        target = meetings.get(held_by) if held_by else None
        if target is None:
            near = [m for m in meetings.values()
                    if reaches(m, item.report, window=self.window, horizon=self.horizon)]
            target = min(near, key=lambda m: (distance(m, item.report), m.meeting_id), default=None)
        if target is None:
            record = new_record(item, self._fresh_id(item))
            self._store(record)
            return Resolution(record, None)
        merged = merge(target, item)
        if merged is not None:
            self._store(merged)
        return Resolution(merged, target)

    def _fresh_id(self, item: ReportedMeeting) -> str:
        base = meeting_id(item.parties, item.kind, item.report.reported_at)
        ident, n = base, 1
        while ident in self._ids:
            n += 1
            ident = f"{base}~{n}"
        return ident

    def _store(self, record: MeetingRecord) -> None:
        key = record.pair_key
        self._by_pair.setdefault(key, {})[record.meeting_id] = record
        self._ids.add(record.meeting_id)
        for report in record.reports:
            self._by_article[(key, report.article_id)] = record.meeting_id
