"""Folding one report into a meeting record: pure functions, no I/O.

A report joins a meeting of the same parties and kind when its date lies near the meeting's reports
(``match_window_days``; ``planned_horizon_days`` while the meeting or the report is only planned or
postponed, so "will meet next week" finds the talks when they are held). Merging is idempotent:
folding a report the record already holds returns None, which is what makes a redelivered or
replayed report harmless.

Status follows the reports: a change needs a report at least as recent as the current status and a
transition that makes sense (a held meeting can only be denied; a planned one can be held,
postponed, cancelled or denied). A late report older than everything known may open the history
(planned, then the held talks already recorded).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import msgspec

from newswatch.schema import (
    MeetingRecord,
    MeetingReport,
    MeetingStatus,
    Participant,
    ReportedMeeting,
    StatusChange,
)

PENDING: frozenset[str] = frozenset({"planned", "postponed"})

#: Which status may follow which.
TRANSITIONS: dict[str, frozenset[str]] = {
    "planned": frozenset({"held", "postponed", "cancelled", "denied"}),
    "postponed": frozenset({"planned", "held", "cancelled", "denied"}),
    "cancelled": frozenset({"planned", "held"}),
    "held": frozenset({"denied"}),
    "denied": frozenset({"held"}),
}


def meeting_id(parties: list[str], kind: str, anchor: datetime) -> str:
    """A readable, stable id: the first report's date, the kind, the parties (hashed when many)."""
    names = sorted(parties)
    who = "-".join(names)
    if len(names) > 4:
        who = "-".join(names[:4]) + "-" + hashlib.sha256(who.encode()).hexdigest()[:8]
    return f"{anchor.date().isoformat()}.{kind}.{who}"


def reaches(record: MeetingRecord, report: MeetingReport, *, window: timedelta, horizon: timedelta) -> bool:
    """Whether ``report``'s date lies close enough to ``record``'s reports to describe the same talks."""
    when = report.reported_at
    before = horizon if report.status in PENDING else window
    after = horizon if record.status in PENDING else window
    return record.window_start - before <= when <= record.window_end + after


def distance(record: MeetingRecord, report: MeetingReport) -> float:
    when = report.reported_at
    if when < record.window_start:
        return (record.window_start - when).total_seconds()
    return max(0.0, (when - record.window_end).total_seconds())


def new_record(item: ReportedMeeting, ident: str) -> MeetingRecord:
    report = item.report
    return MeetingRecord(
        meeting_id=ident, parties=sorted(item.parties), kind=item.kind,
        participants=merge_participants([], item.participants), location=item.location, event=item.event,
        status=report.status, status_history=[change_for(report)], reports=[report],
        window_start=report.reported_at, window_end=report.reported_at,
        first_seen=report.first_seen, last_seen=report.first_seen)


def change_for(report: MeetingReport) -> StatusChange:
    return StatusChange(status=report.status, at=report.reported_at, article_id=report.article_id,
                        outlet=report.outlet, first_seen=report.first_seen)


def merge(record: MeetingRecord, item: ReportedMeeting) -> MeetingRecord | None:
    """``record`` with ``item`` folded in, or None when it adds nothing (a duplicate)."""
    report = item.report
    previous = next((r for r in record.reports if r.article_id == report.article_id), None)
    participants = merge_participants(record.participants, item.participants)
    if previous == report and participants == record.participants:
        return None
    reports = [r for r in record.reports if r.article_id != report.article_id] + [report]
    reports.sort(key=lambda r: (r.reported_at, r.article_id))
    status, history = next_status(record.status, record.status_history, report)
    return msgspec.structs.replace(
        record, participants=participants, location=record.location or item.location,
        event=record.event or item.event, status=status, status_history=history, reports=reports,
        window_start=min(r.reported_at for r in reports), window_end=max(r.reported_at for r in reports),
        first_seen=min(r.first_seen for r in reports), last_seen=max(r.first_seen for r in reports),
        revision=record.revision + 1)


def next_status(status: MeetingStatus, history: list[StatusChange],
                report: MeetingReport) -> tuple[MeetingStatus, list[StatusChange]]:
    if report.status == status:
        return status, history
    current_since = history[-1].at if history else report.reported_at
    if report.status in TRANSITIONS[status] and report.reported_at >= current_since:
        return report.status, [*history, change_for(report)]
    first = history[0] if history else None
    if first is not None and report.reported_at < first.at and first.status in TRANSITIONS[report.status]:
        return status, [change_for(report), *history]
    return status, history


def merge_participants(known: list[Participant], new: list[Participant]) -> list[Participant]:
    """Everyone named once (by country and name); an unnamed participant only when its country has
    nobody named; a missing role filled from a later report."""
    merged: dict[tuple[str | None, str | None], Participant] = {}
    for person in [*known, *new]:
        key = (person.country, person.name.casefold() if person.name else None)
        have = merged.get(key)
        if have is None:
            merged[key] = person
        elif have.role is None and person.role:
            merged[key] = msgspec.structs.replace(have, role=person.role)
    named = {country for country, name in merged if name is not None}
    people = [p for (country, name), p in merged.items() if name is not None or country not in named]
    return sorted(people, key=lambda p: (p.country or "", p.name or ""))
