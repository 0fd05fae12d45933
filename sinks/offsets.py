"""Which offsets of each partition may be committed when records finish out of order.

Alerts of several routes share a partition and one route may wait (429, rate limit) while the
others go on, so records finish out of order. The committable offset of a partition is its lowest
unfinished offset (or one past the highest seen when all are done): nothing unfinished is ever
committed, and what finished beyond it is protected from re-sending by the idempotency keys.
"""

from __future__ import annotations

from kafka.structs import TopicPartition


class OffsetTracker:
    def __init__(self) -> None:
        self._pending: dict[TopicPartition, set[int]] = {}
        self._next: dict[TopicPartition, int] = {}
        self._committed: dict[TopicPartition, int] = {}
        self._first: dict[TopicPartition, int] = {}  # first offset seen since assignment

    def add(self, tp: TopicPartition, offset: int) -> None:
        self._pending.setdefault(tp, set()).add(offset)
        self._first.setdefault(tp, offset)
        self._next[tp] = max(self._next.get(tp, 0), offset + 1)

    def done(self, tp: TopicPartition, offset: int) -> None:
        self._pending.get(tp, set()).discard(offset)

    def pending(self, tp: TopicPartition) -> int:
        return len(self._pending.get(tp, ()))

    def first_unfinished(self, tp: TopicPartition) -> int | None:
        """The lowest offset read but not finished (None when every record read is done)."""
        pending = self._pending.get(tp)
        return min(pending) if pending else None

    def forget(self, tp: TopicPartition) -> None:
        """The partition was revoked: its unfinished records belong to the next owner now."""
        for table in (self._pending, self._next, self._committed, self._first):
            table.pop(tp, None)

    def to_commit(self) -> dict[TopicPartition, int]:
        """Partitions whose committable offset moved since the last ``committed`` call."""
        result = {}
        for tp, nxt in self._next.items():
            pending = self._pending.get(tp)
            offset = min(pending) if pending else nxt
            if offset > self._committed.get(tp, -1):
                result[tp] = offset
        return result

    def committed(self, offsets: dict[TopicPartition, int]) -> int:
        """Record a successful commit; returns how many records it newly covered."""
        covered = 0
        for tp, offset in offsets.items():
            previous = self._committed.get(tp, self._first.get(tp, offset))
            covered += max(0, offset - previous)
        self._committed.update(offsets)
        return covered
