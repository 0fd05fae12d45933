"""The collector's memory: feed state and published article ids, in two Kafka topics.

Why Kafka and not a local file: the ids describe what is *in Kafka*, so they live beside the
data, survive the loss of the collector's host or container, and any replacement collector
(same config, another machine) picks them up.

- the state topic (compacted: one record per key, kept for good) holds ``feed:<configured url>`` ->
  the FeedState as JSON (ETag, Last-Modified, next check, errors, parked flag, current URL after
  permanent redirects);
- the seen topic (``cleanup.policy=compact,delete``, ``retention.ms`` = ``collector.seen_retention_days``,
  one segment a day) holds ``seen:<day>:<first article id>`` -> ``{"t": epoch, "ids": [...]}``: up to
  ``SEEN_BATCH`` ids acknowledged by the broker, written once (1/500th of the records one per id
  would take: one record per article doubled the collector's Kafka work in the benchmark).
  Start-up reads it from the first record within the retention (``offsets_for_times``), so the
  cost of a start does not grow with history; an id older than that may be published again if a
  feed still lists it.

Seen ids written by earlier versions into the state topic are still read when within the retention;
older ones are skipped undecoded and tombstoned, so compaction removes them.

Both topics have one partition so a restart reads them back in order. An article is marked seen
only after the broker acknowledged it: a crash in between republishes it (at-least-once), never
loses it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import Iterable, MutableSet
from typing import Any, Protocol

from kafka import KafkaProducer
from kafka.structs import TopicPartition

from newswatch.collectors.schedule import FeedState
from newswatch.collectors.seen_ids import DAY, SeenIds
from newswatch.kafka_io import Kafka

log = logging.getLogger(__name__)

SEEN_BATCH = 500
DEFAULT_SEEN_RETENTION_SECONDS = 30 * DAY

TOPIC_CONFIG = {"cleanup.policy": "compact", "min.cleanable.dirty.ratio": "0.1", "segment.ms": str(6 * 3600 * 1000)}


def seen_topic_config(retention_seconds: float) -> dict[str, str]:
    return {"cleanup.policy": "compact,delete", "retention.ms": str(int(retention_seconds * 1000)),
            "segment.ms": str(DAY * 1000), "min.cleanable.dirty.ratio": "0.1"}


def default_seen_topic(state_topic: str) -> str:
    """``<articles>.collector-state`` -> ``<articles>.collector-seen``; any other name gets ``.seen``."""
    stem = state_topic.removesuffix(".collector-state")
    return f"{stem}.collector-seen" if stem != state_topic else f"{state_topic}.seen"


class StateStore(Protocol):
    def load(self) -> tuple[dict[str, FeedState], MutableSet[str]]: ...
    def mark_seen(self, ids: Iterable[str]) -> None: ...
    def save_feeds(self, states: Iterable[FeedState]) -> None: ...
    def flush(self) -> None: ...


class MemoryStateStore:
    """A StateStore that forgets on exit: unit tests, ``feeds check``."""

    def __init__(self) -> None:
        self.feeds: dict[str, FeedState] = {}
        self.seen: set[str] = set()

    def load(self) -> tuple[dict[str, FeedState], MutableSet[str]]:
        return {u: FeedState.from_dict(s.to_dict()) for u, s in self.feeds.items()}, set(self.seen)

    def mark_seen(self, ids: Iterable[str]) -> None:
        self.seen.update(ids)

    def save_feeds(self, states: Iterable[FeedState]) -> None:
        for state in states:
            self.feeds[state.url] = FeedState.from_dict(state.to_dict())

    def flush(self) -> None:
        return


class KafkaStateStore:
    def __init__(self, kafka: Kafka, topic: str, producer: KafkaProducer, *, replication_factor: int = 1,
                 seen_topic: str | None = None, seen_retention_seconds: float = DEFAULT_SEEN_RETENTION_SECONDS,
                 clock: Any = time.time):
        self.kafka = kafka
        self.topic = topic
        self.seen_topic = seen_topic or default_seen_topic(topic)
        self.producer = producer
        self.replication_factor = replication_factor
        self.seen_retention = seen_retention_seconds
        self.clock = clock
        self.records_read = 0  # records polled by the last load, skipped ones included (start-up cost)

    def ensure_topic(self) -> None:
        from kafka.errors import TopicAlreadyExistsError

        admin = self.kafka.admin()
        try:
            existing = set(admin.list_topics())
            wanted = {self.topic: TOPIC_CONFIG, self.seen_topic: seen_topic_config(self.seen_retention)}
            for name, configs in wanted.items():
                if name not in existing:
                    with contextlib.suppress(TopicAlreadyExistsError):
                        admin.create_topics({name: {"num_partitions": 1, "replication_factor": self.replication_factor,
                                                    "configs": configs}}, wait_for_metadata=True)
        finally:
            admin.close()

    def load(self, timeout: float = 120.0) -> tuple[dict[str, FeedState], SeenIds]:
        """Feed states: the whole state topic. Seen ids: the seen topic from the retention on."""
        self.ensure_topic()
        feeds: dict[str, FeedState] = {}
        seen = SeenIds(self.seen_retention, self.clock)
        self.records_read = 0
        oldest_ms = (self.clock() - self.seen_retention) * 1000
        expired: list[bytes] = []
        consumer = self.kafka.consumer(group=None, max_poll_records=5000)
        try:
            for record in self._read(consumer, self.topic, None, timeout):
                if record.key and record.key.startswith(b"seen:") and record.value is not None \
                        and record.timestamp < oldest_ms:
                    expired.append(record.key)  # an earlier version's seen ids, past the retention
                    continue
                self._apply(record.key, record.value, record.timestamp, feeds, seen)
            for record in self._read(consumer, self.seen_topic, oldest_ms, timeout):
                self._apply(record.key, record.value, record.timestamp, feeds, seen)
        finally:
            consumer.close()
        for key in expired:  # compaction then drops them from the state topic
            self.producer.send(self.topic, key=key, value=None, partition=0)
        log.info("collector state loaded", extra={"topic": self.topic, "feeds": len(feeds), "seen": len(seen),
                                                  "records_read": self.records_read})
        return feeds, seen

    def _read(self, consumer: Any, topic: str, since_ms: float | None, timeout: float) -> Iterable[Any]:
        """Every record of ``topic``'s partition 0 from ``since_ms`` (None: the beginning) to its end now."""
        tp = TopicPartition(topic, 0)
        consumer.assign([tp])
        end = consumer.end_offsets([tp])[tp]
        if since_ms is None:
            consumer.seek_to_beginning(tp)
        else:
            hit = consumer.offsets_for_times({tp: max(0, int(since_ms))}).get(tp)
            consumer.seek(tp, hit.offset if hit is not None else end)
        deadline = time.monotonic() + timeout
        while consumer.position(tp) < end:
            if time.monotonic() > deadline:
                raise TimeoutError(f"could not read collector state from {topic} within {timeout} s")
            for records in consumer.poll(timeout_ms=500).values():
                self.records_read += len(records)
                yield from records

    @staticmethod
    def _apply(key: bytes | None, value: bytes | None, timestamp_ms: int, feeds: dict[str, FeedState],
               seen: SeenIds) -> None:
        if not key:
            return
        text = key.decode("utf-8", "replace")
        kind, _, ident = text.partition(":")
        if kind == "seen":
            if value is None:
                return  # a tombstone of an expired batch: its ids are not known to be gone one by one
            try:
                ids = json.loads(value).get("ids")
            except (ValueError, AttributeError):
                ids = None
            seen.update_at(ids if isinstance(ids, list) else [ident.rpartition(":")[2]], timestamp_ms / 1000)
        elif kind == "feed":
            if value is None:
                feeds.pop(ident, None)
                return
            try:
                feeds[ident] = FeedState.from_dict(json.loads(value))
            except (ValueError, TypeError):
                log.warning("ignoring unreadable feed state", extra={"feed": ident})

    def mark_seen(self, ids: Iterable[str]) -> None:
        batch = list(ids)
        now = self.clock()
        day = int(now // DAY)
        for start in range(0, len(batch), SEEN_BATCH):
            chunk = batch[start:start + SEEN_BATCH]
            value = json.dumps({"t": int(now), "ids": chunk}).encode()
            self.producer.send(self.seen_topic, key=f"seen:{day}:{chunk[0]}".encode(), value=value, partition=0,
                               timestamp_ms=int(now * 1000))

    def save_feeds(self, states: Iterable[FeedState]) -> None:
        for state in states:
            self.producer.send(self.topic, key=f"feed:{state.url}".encode(), value=json.dumps(state.to_dict()).encode(),
                               partition=0)

    def flush(self) -> None:
        self.producer.flush()
