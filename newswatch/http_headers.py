"""HTTP header values the stages read the same way: ``Retry-After`` (feeds and webhooks alike)."""

from __future__ import annotations

from email.utils import parsedate_to_datetime


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """``Retry-After`` as seconds from ``now`` (a Unix time): delta-seconds or an HTTP date
    (RFC 9110 section 10.2.3). None when absent or unreadable; a date in the past is 0."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - now)
