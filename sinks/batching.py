"""What a route sends next: one alert, or a digest when more wait than its rate allows.

Duplicates are dropped here, at the last moment, against the keys already sent (and, inside a
digest, against the alerts ahead in the same digest), so an alert queued behind the first report
of the same meeting is suppressed once that first report was accepted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from newswatch.schema import Alert, Meeting
from newswatch.sinks.meeting_events import alert_event, meeting_key
from newswatch.sinks.meeting_keys import KeyIndex, SentKey, keys_for
from newswatch.sinks.meeting_message import build_meeting_message, meeting_digest_item, trigger_article
from newswatch.sinks.route_state import Queued, RouteState
from newswatch.sinks.slack_digest import build_digest, build_meeting_digest
from newswatch.sinks.slack_message import build_message

Batch = list[tuple[Queued, list[Meeting]]]


def keys_of(route: str, alert: Alert, meetings: list[Meeting]) -> list[SentKey]:
    """The idempotency keys sending ``alert`` writes: one per (meeting, event), or per article signature."""
    if alert.meeting is not None:
        found = alert_event(alert.meeting)
        return [meeting_key(route, alert.meeting, found[0], found[1])] if found else []
    assert alert.article is not None
    return keys_for(route, alert.article, meetings)


def unsent(index: KeyIndex, route: str, alert: Alert, meetings: list[Meeting] | None = None) -> list[Meeting] | None:
    """What of ``alert`` the route has not sent: its meetings (article alerts; ``[]`` when nothing), or
    ``[]`` for a meeting alert not yet sent; None for a meeting alert already sent."""
    if alert.meeting is not None:
        keys = keys_of(route, alert, [])
        if not keys or any(index.is_sent(k.route, k.signature, k.published, k.article_id) for k in keys):
            return None
        return []
    assert alert.article is not None
    return index.unsent(route, alert.article, alert.article.held_meetings if meetings is None else meetings)


def is_duplicate(index: KeyIndex, route: str, alert: Alert) -> bool:
    fresh = unsent(index, route, alert)
    return fresh is None or (alert.meeting is None and not fresh)


def drop_head_duplicates(route: RouteState, index: KeyIndex, on_duplicate: Callable[[Queued], None]) -> None:
    """Remove already-alerted alerts from the head of the queue."""
    while route.queue:
        head = route.queue[0]
        if not is_duplicate(index, route.name, head.alert):
            return
        route.queue.popleft()
        on_duplicate(head)


def ready_at(route: RouteState, gather_seconds: float) -> float:
    """When the head may go: a meeting alert waits ``gather_seconds`` after it was read, so the other
    meetings of the same report (on other partitions of the meetings topic) join its message."""
    if route.queue and route.queue[0].alert.meeting is not None:
        return max(route.not_before, route.queue[0].read_at + gather_seconds)
    return route.not_before


def wants_digest(route: RouteState, digest_min_queue: int) -> bool:
    """More alerts wait than the bucket can send right now (one token was just taken for this send)."""
    return len(route.queue) >= digest_min_queue and route.bucket.available() < len(route.queue) - 1


def take_batch(route: RouteState, index: KeyIndex, *, digest: bool, digest_max: int,
               on_duplicate: Callable[[Queued], None]) -> Batch:
    """Pop the next single alert or up to ``digest_max`` alerts from the route's queue."""
    scratch = KeyIndex(index.window)
    batch: Batch = []
    limit = digest_max if digest else 1
    groups: list[str] = []  # a group goes out as one message: an article, or one report's meetings
    while route.queue:
        item = route.queue[0]
        group = group_of(item.alert) or f"article:{item.tp.partition}:{item.offset}"
        if group not in groups and len(groups) >= limit:
            break
        if batch and (item.alert.meeting is None) != (batch[0][0].alert.meeting is None):
            break  # never mix the two sources in one message (only around a change of alert.source)
        route.queue.popleft()
        fresh = unsent(index, route.name, item.alert)
        fresh = None if fresh is None else unsent(scratch, route.name, item.alert, fresh)
        if fresh is None or (item.alert.meeting is None and not fresh):
            on_duplicate(item)
            continue
        for key in keys_of(route.name, item.alert, fresh):
            scratch.add(key)
        batch.append((item, fresh))
        if group not in groups:
            groups.append(group)
    return batch


def group_of(alert: Alert) -> str | None:
    """Meeting alerts that go out as one message: same report, same event. None for an article alert."""
    if alert.meeting is None:
        return None
    return f"{alert.event}|{trigger_article(alert)}"


def grouped(batch: Batch) -> list[list[Queued]]:
    out: dict[str, list[Queued]] = {}
    for item, _ in batch:
        out.setdefault(group_of(item.alert) or f"article:{item.tp.partition}:{item.offset}", []).append(item)
    return list(out.values())


def payload_for(batch: Batch, pages_url: str | None = None) -> tuple[dict[str, Any], str]:
    if batch and batch[0][0].alert.meeting is not None:
        groups = [[i.alert for i in g] for g in grouped(batch)]
        if len(groups) == 1:
            return build_meeting_message(groups[0], pages_url), "single"
        return build_meeting_digest([(g, meeting_digest_item(g, pages_url)) for g in groups]), "digest"
    if len(batch) == 1:
        item, meetings = batch[0]
        assert item.alert.article is not None
        return build_message(item.alert.article, meetings, pages_url), "single"
    return build_digest([(item.alert.article, meetings) for item, meetings in batch
                         if item.alert.article is not None], pages_url), "digest"
