"""When to poll a feed next: the politeness rules, as pure functions of the last answer.

next check = max(interval, the feed's TTL, Retry-After, Cache-Control max-age), capped by a
ceiling; after an error, the interval doubles per consecutive error (same ceiling), and after
``error_limit`` consecutive errors the feed is parked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from newswatch.http_headers import retry_after_seconds

_MAX_AGE = re.compile(r"(?:^|,)\s*(?:s-)?max-age\s*=\s*\"?(\d+)", re.IGNORECASE)


@dataclass
class FeedState:
    """What the collector remembers about one feed between polls (and across restarts)."""

    url: str  # the configured URL: the key
    current_url: str = ""  # where it lives now (after permanent redirects)
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None  # of the last body parsed: the same bytes again are not parsed again
    next_check: float = 0.0  # epoch seconds
    errors: int = 0  # consecutive failures
    parked: bool = False
    last_error: str | None = None
    last_success: float | None = None
    last_status: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def fetch_url(self) -> str:
        return self.current_url or self.url

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FeedState:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)



def max_age_seconds(cache_control: str | None) -> float | None:
    if not cache_control or "no-store" in cache_control.lower():
        return None
    match = _MAX_AGE.search(cache_control)
    return float(match.group(1)) if match else None


@dataclass(frozen=True)
class Policy:
    interval: float
    ceiling: float
    error_limit: int

    def after_success(self, state: FeedState, now: float, *, headers: Mapping[str, str],
                      ttl: float | None = None, feed_interval: float | None = None) -> None:
        hints = (feed_interval or self.interval, ttl, retry_after_seconds(headers.get("retry-after"), now),
                 max_age_seconds(headers.get("cache-control")))
        wait = max(x for x in hints if x is not None)
        state.errors = 0
        state.last_error = None
        state.last_success = now
        state.next_check = now + min(wait, self.ceiling)

    def after_error(self, state: FeedState, now: float, reason: str, *, headers: Mapping[str, str] | None = None,
                    feed_interval: float | None = None) -> None:
        state.errors += 1
        state.last_error = reason
        base = feed_interval or self.interval
        backoff = base * 2 ** (state.errors - 1)
        retry_after = retry_after_seconds((headers or {}).get("retry-after"), now)
        wait = max(backoff, retry_after or 0.0)
        state.next_check = now + min(wait, self.ceiling)
        if state.errors >= self.error_limit:
            state.parked = True

    def due(self, state: FeedState, now: float) -> bool:
        return not state.parked and state.next_check <= now
