"""What a route sends next: one alert, or a digest when more wait than its rate allows.

Duplicates are dropped here, at the last moment, against the keys already sent (and, inside a
digest, against the alerts ahead in the same digest), so an alert queued behind the first report
of the same meeting is suppressed once that first report was accepted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from newswatch.schema import Meeting
from newswatch.sinks.meeting_keys import KeyIndex, keys_for
from newswatch.sinks.route_state import Queued, RouteState
from newswatch.sinks.slack_digest import build_digest
from newswatch.sinks.slack_message import build_message

Batch = list[tuple[Queued, list[Meeting]]]


def drop_head_duplicates(route: RouteState, index: KeyIndex, on_duplicate: Callable[[Queued], None]) -> None:
    """Remove already-alerted alerts from the head of the queue."""
    while route.queue:
        head = route.queue[0]
        if index.unsent(route.name, head.alert.article, head.alert.article.held_meetings):
            return
        route.queue.popleft()
        on_duplicate(head)


def wants_digest(route: RouteState, digest_min_queue: int) -> bool:
    """More alerts wait than the bucket can send right now (one token was just taken for this send)."""
    return len(route.queue) >= digest_min_queue and route.bucket.available() < len(route.queue) - 1


def take_batch(route: RouteState, index: KeyIndex, *, digest: bool, digest_max: int,
               on_duplicate: Callable[[Queued], None]) -> Batch:
    """Pop the next single alert or up to ``digest_max`` alerts from the route's queue."""
    scratch = KeyIndex(index.window)
    batch: Batch = []
    limit = digest_max if digest else 1
    while route.queue and len(batch) < limit:
        item = route.queue.popleft()
        tagged = item.alert.article
        fresh = index.unsent(route.name, tagged, tagged.held_meetings)
        fresh = scratch.unsent(route.name, tagged, fresh)
        if not fresh:
            on_duplicate(item)
            continue
        for key in keys_for(route.name, tagged, fresh):
            scratch.add(key)
        batch.append((item, fresh))
    return batch


def payload_for(batch: Batch, pages_url: str | None = None) -> tuple[dict[str, Any], str]:
    if len(batch) == 1:
        item, meetings = batch[0]
        return build_message(item.alert.article, meetings, pages_url), "single"
    return build_digest([(item.alert.article, meetings) for item, meetings in batch], pages_url), "digest"
