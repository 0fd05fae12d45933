"""The ids the collector has published, remembered for a retention and no longer.

A feed lists a story for days or weeks; the collector must know it published it for as long as the
feed may still list it, and not forever: ``collector.seen_retention_days``. Ids are kept by the UTC
day they were marked (published, or read back from Kafka with that record's time); a whole day is
dropped once it is past the retention. Membership is a dict lookup.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, MutableSet

DAY = 86_400


class SeenIds(MutableSet[str]):
    def __init__(self, retention_seconds: float | None = None, clock: Callable[[], float] = time.time):
        self.retention = retention_seconds  # None: never forget
        self.clock = clock
        self._day_of: dict[str, int] = {}
        self._by_day: dict[int, set[str]] = defaultdict(set)
        self._checked_day: int | None = None

    def __contains__(self, ident: object) -> bool:
        return ident in self._day_of

    def __iter__(self) -> Iterator[str]:
        return iter(self._day_of)

    def __len__(self) -> int:
        return len(self._day_of)

    def add(self, ident: str) -> None:
        self.add_at(ident, self.clock())

    def add_at(self, ident: str, when: float) -> bool:
        """Remember ``ident`` as marked at ``when`` (epoch seconds); False when that is past the retention."""
        self.expire()
        day = int(when // DAY)
        if self.retention is not None and day < self._oldest_kept_day():
            return False
        old = self._day_of.get(ident)
        if old is not None and old >= day:
            return True
        if old is not None:
            self._by_day[old].discard(ident)
        self._day_of[ident] = day
        self._by_day[day].add(ident)
        return True

    def update_at(self, ids: Iterable[str], when: float) -> None:
        for ident in ids:
            self.add_at(ident, when)

    def discard(self, ident: str) -> None:
        day = self._day_of.pop(ident, None)
        if day is not None:
            self._by_day[day].discard(ident)

    def expire(self, *, force: bool = False) -> int:
        """Drop the days past the retention (looked at once per day unless ``force``); returns ids dropped."""
        if self.retention is None:
            return 0
        today = int(self.clock() // DAY)
        if today == self._checked_day and not force:
            return 0
        self._checked_day = today
        oldest = self._oldest_kept_day()
        dropped = 0
        for day in [d for d in self._by_day if d < oldest]:
            for ident in self._by_day.pop(day):
                if self._day_of.get(ident) == day:
                    del self._day_of[ident]
                    dropped += 1
        return dropped

    def _oldest_kept_day(self) -> int:
        assert self.retention is not None
        return int((self.clock() - self.retention) // DAY)
