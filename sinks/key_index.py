"""The alert sink's in-memory idempotency keys: O(1) checks, bounded by the retention.

A route has already alerted a meeting (a *signature*, ``CA+JP+KR``) when it sent that signature for
the same article, or for an article published within ``window`` seconds of this one. Both checks
are constant time:

- the same article: a set of ``(route, signature, article)``;
- the window: publication times are bucketed by ``window`` (bucket ``floor(published / window)``),
  so every earlier publication within the window lies in this article's bucket or one of its two
  neighbours. A bucket holds what was *sent*, and two sends of one signature in one bucket would
  have been within the window of each other, so each bucket holds a key or two.

Keys expire ``retention`` seconds after they were sent (the keys topic's ``retention.ms``), by day:
keys sent on one UTC day are dropped together once the newest of them is older than the retention.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newswatch.schema import Meeting, TaggedArticle
from newswatch.sinks.sent_keys import SentKey, published_at, signature

DAY = 86_400


@dataclass(frozen=True, slots=True)
class _Entry:
    route: str
    signature: str
    article_id: str
    published: float
    bucket: int


class KeyIndex:
    """Per (route, signature): the articles already alerted and their publication times."""

    def __init__(self, window_seconds: float, retention_seconds: float | None = None,
                 clock: Callable[[], float] = time.time):
        self.window = window_seconds
        self.retention = retention_seconds  # None: never expire (a batch's scratch index)
        self.clock = clock
        self._width = window_seconds if window_seconds > 0 else 1.0
        self._known: set[tuple[str, str, str, float]] = set()  # (route, signature, article, published)
        self._articles: dict[tuple[str, str, str], int] = {}  # (route, signature, article) -> keys
        self._buckets: dict[tuple[str, str, int], dict[float, int]] = {}  # publication time -> keys
        self._by_day: dict[int, list[_Entry]] = defaultdict(list)
        self._checked_day: int | None = None

    # -- writing -------------------------------------------------------------------------
    def add(self, key: SentKey) -> bool:
        """Remember a sent key; False when it was already known or is already past the retention."""
        sent_day = int(key.sent_at.timestamp() // DAY)
        self.expire()
        if self.retention is not None and sent_day < self._oldest_kept_day():
            return False
        full = (key.route, key.signature, key.article_id, key.published)
        if full in self._known:
            return False
        self._known.add(full)
        ident = full[:3]
        self._articles[ident] = self._articles.get(ident, 0) + 1
        bucket = self._bucket(key.published)
        times = self._buckets.setdefault((key.route, key.signature, bucket), {})
        times[key.published] = times.get(key.published, 0) + 1
        self._by_day[sent_day].append(_Entry(key.route, key.signature, key.article_id, key.published, bucket))
        return True

    def expire(self, now: float | None = None) -> int:
        """Drop the days past the retention (checked once per day); returns the keys dropped."""
        if self.retention is None:
            return 0
        today = int((self.clock() if now is None else now) // DAY)
        if today == self._checked_day and now is None:
            return 0
        self._checked_day = today
        oldest = self._oldest_kept_day(now)
        dropped = 0
        for day in [d for d in self._by_day if d < oldest]:
            for entry in self._by_day.pop(day):
                self._known.discard((entry.route, entry.signature, entry.article_id, entry.published))
                ident = (entry.route, entry.signature, entry.article_id)
                left = self._articles.pop(ident, 1) - 1
                if left:
                    self._articles[ident] = left
                slot = (entry.route, entry.signature, entry.bucket)
                times = self._buckets.get(slot)
                if times is not None:
                    count = times.pop(entry.published, 1) - 1
                    if count:
                        times[entry.published] = count
                    if not times:
                        del self._buckets[slot]
                dropped += 1
        return dropped

    # -- reading -------------------------------------------------------------------------
    def is_sent(self, route: str, sig: str, published: float, article_id: str) -> bool:
        if (route, sig, article_id) in self._articles:
            return True
        bucket = self._bucket(published)
        for neighbour in (bucket - 1, bucket, bucket + 1):
            for ts in self._buckets.get((route, sig, neighbour), {}):
                if abs(ts - published) <= self.window:
                    return True
        return False

    def unsent(self, route: str, tagged: TaggedArticle, meetings: Sequence[Meeting]) -> list[Meeting]:
        """The meetings of ``tagged`` this route has not alerted yet (each signature once)."""
        ts = published_at(tagged)
        fresh: list[Meeting] = []
        seen: set[str] = set()
        for meeting in meetings:
            sig = signature(meeting, tagged)
            if sig not in seen and not self.is_sent(route, sig, ts, tagged.article_id):
                fresh.append(meeting)
            seen.add(sig)
        return fresh

    def __len__(self) -> int:
        return len(self._known)

    # -- helpers -------------------------------------------------------------------------
    def _bucket(self, published: float) -> int:
        return math.floor(published / self._width)

    def _oldest_kept_day(self, now: float | None = None) -> int:
        assert self.retention is not None
        return int(((self.clock() if now is None else now) - self.retention) // DAY)

