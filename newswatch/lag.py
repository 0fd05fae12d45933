"""Consumer lag: how far each consumer group is behind the end of each partition it reads.

Lag = end offset - committed offset, per group, topic and partition, read with the admin API only
(one ListGroups, one OffsetFetch for all groups, one ListOffsets per leader), so reading it never
joins a group or disturbs the stages. A group that has not committed yet on a partition is counted
from the log start: everything there is still to be read.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from kafka import KafkaAdminClient
from kafka.admin import OffsetSpec
from kafka.errors import KafkaError
from kafka.structs import TopicPartition

from newswatch.metrics import PartitionLag

log = logging.getLogger(__name__)
T = TypeVar("T")


#: A group coordinator that is still loading (``CoordinatorNotAvailable`` after a broker start, or while
#: ``__consumer_offsets`` moves) answers again within a second or two: a retriable error is retried
#: this many times, the waits doubling from ``RETRY_BACKOFF`` seconds, before it is raised.
RETRIES = 5
RETRY_BACKOFF = 0.1


def _retrying(call: Callable[[], T]) -> T:
    """``call()``, retried on a retriable Kafka error (the coordinator or a leader not yet available)."""
    for attempt in range(RETRIES):
        try:
            return call()
        except KafkaError as exc:
            if not exc.retriable or attempt == RETRIES - 1:
                raise
            log.debug("retrying a lag read", extra={"error": str(exc)[:200], "attempt": attempt + 1})
            time.sleep(RETRY_BACKOFF * 2**attempt)
    raise AssertionError("unreachable")


def discover_groups(admin: KafkaAdminClient, prefixes: Sequence[str]) -> list[str]:
    """Consumer groups whose name starts with one of ``prefixes`` (sorted)."""
    if not prefixes:
        return []
    names = {g["group_id"] for g in admin.list_groups()}
    return sorted(n for n in names if n.startswith(tuple(prefixes)))


def _partitions(admin: KafkaAdminClient, topics: Iterable[str]) -> list[TopicPartition]:
    wanted = sorted(set(topics))
    if not wanted:
        return []
    described = admin.describe_topics(wanted)
    return sorted(TopicPartition(t["name"], p["partition_index"])
                  for t in described if t.get("error_code", 0) == 0 for p in t["partitions"])


def consumer_lag(admin: KafkaAdminClient, groups: Mapping[str, Sequence[str]]) -> list[PartitionLag]:
    """Lag of each group on each partition of its topics.

    ``groups`` maps a group id to the topics it is expected to read (its lag is reported on every
    partition of those, committed or not); any other topic the group has committed on is included too.
    """
    if not groups:
        return []
    committed = _retrying(lambda: admin.list_group_offsets({group: None for group in groups}))
    topics: dict[str, set[str]] = {group: set(expected) for group, expected in groups.items()}
    for group, offsets in committed.items():
        topics.setdefault(group, set()).update(tp.topic for tp in offsets)
    partitions = _partitions(admin, {t for ts in topics.values() for t in ts})
    if not partitions:
        return []
    ends = _retrying(lambda: admin.list_partition_offsets({tp: OffsetSpec.LATEST for tp in partitions}))
    starts = _retrying(lambda: admin.list_partition_offsets({tp: OffsetSpec.EARLIEST for tp in partitions}))
    result: list[PartitionLag] = []
    for group in sorted(topics):
        group_offsets = committed.get(group, {})
        for tp in partitions:
            if tp.topic not in topics[group]:
                continue
            done = group_offsets.get(tp)
            result.append(PartitionLag(
                group=group, topic=tp.topic, partition=tp.partition,
                committed=done.offset if done is not None and done.offset >= 0 else None,
                start=starts[tp].offset, end=ends[tp].offset,
            ))
    return result


def total_by_group(lags: Iterable[PartitionLag]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for item in lags:
        totals[item.group] = totals.get(item.group, 0) + item.lag
    return totals


@dataclass
class LagMonitor:
    """Reads lag every ``interval`` seconds in a background thread; ``snapshot()`` is what a scrape sees."""

    admin_factory: Callable[[], KafkaAdminClient]
    groups: Mapping[str, Sequence[str]]
    prefixes: Sequence[str] = ()
    interval: float = 15.0
    clock: Callable[[], float] = time.time
    _lags: list[PartitionLag] = field(default_factory=list)
    _taken_at: float | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _admin: KafkaAdminClient | None = None

    def refresh(self) -> list[PartitionLag]:
        if self._admin is None:
            self._admin = self.admin_factory()
        groups = dict(self.groups)
        for group in discover_groups(self._admin, self.prefixes):
            groups.setdefault(group, ())
        lags = consumer_lag(self._admin, groups)
        with self._lock:
            self._lags, self._taken_at = lags, self.clock()
        return lags

    def snapshot(self) -> tuple[float | None, list[PartitionLag]]:
        with self._lock:
            return self._taken_at, list(self._lags)

    def run(self, stop: threading.Event) -> None:
        """Refresh until ``stop`` is set; a failed read keeps the previous snapshot (its age shows it)."""
        try:
            while True:
                try:
                    self.refresh()
                except (KafkaError, OSError) as exc:
                    log.warning("could not read consumer lag", extra={"error": str(exc)[:300]})
                if stop.wait(self.interval):
                    return
        finally:
            if self._admin is not None:
                self._admin.close()
                self._admin = None
