"""Which revisions of a meeting record alert, and the idempotency key of each such alert.

A meeting alerts at most twice per route: ``held`` when it is first seen held (held from its first
report, or a planned or postponed meeting reported held), and ``called-off`` when a meeting that
was held is later reported cancelled or denied. Every other revision (another outlet's report, a
late report, a replayed one) changes nothing that matters and alerts nothing. Each revision carries
its whole status history, so the decision needs no state: the key ``(route, event, meeting_id)``
says whether a route was already told, and it is the same for every revision of the meeting.
"""

from __future__ import annotations

from datetime import datetime

from newswatch.schema import AlertEvent, MeetingRecord, MeetingReport, StatusChange
from newswatch.sinks.sent_keys import SentKey

CALLED_OFF = frozenset({"cancelled", "denied"})


def alert_event(meeting: MeetingRecord) -> tuple[AlertEvent, StatusChange] | None:
    """The event this revision stands for and the status change that made it, or None."""
    history = meeting.status_history
    held = next((c for c in history if c.status == "held"), None)
    if meeting.status == "held" and held is not None:
        return "held", held
    if meeting.status in CALLED_OFF and held is not None:
        after = [c for c in history if c.status in CALLED_OFF and c.at >= held.at]
        change = after[-1] if after else history[-1]
        return "called-off", change
    return None


def report_of(meeting: MeetingRecord, change: StatusChange) -> MeetingReport | None:
    """The report that said so (the status change names its article)."""
    return next((r for r in meeting.reports if r.article_id == change.article_id), None)


def only_replayed(meeting: MeetingRecord, event: AlertEvent) -> bool:
    """Every report that says what the event says is a replayed one not allowed to alert (``replay
    --alerts`` allows it): history re-read, not news. A live report of it makes it news again."""
    said = {"held"} if event == "held" else CALLED_OFF
    return all(r.replayed and not r.alerts_allowed for r in meeting.reports if r.status in said)


def event_signature(event: AlertEvent, meeting_id: str) -> str:
    """Unique per meeting and event, so ``KeyIndex``'s window check never joins two meetings."""
    return f"{event}:{meeting_id}"


def meeting_key(route: str, meeting: MeetingRecord, event: AlertEvent, change: StatusChange) -> SentKey:
    return SentKey(route=route, signature=event_signature(event, meeting.meeting_id),
                   article_id=meeting.meeting_id, published=change.at.timestamp())


def is_stale(change: StatusChange, now: datetime, retention_seconds: float) -> bool:
    """First seen longer ago than the keys are kept: it was alerted (and the key has expired) or
    could not be for that long; either way it is not news any more, and sending it could repeat it."""
    return (now - change.first_seen).total_seconds() > retention_seconds
