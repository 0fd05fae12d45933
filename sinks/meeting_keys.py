"""Which meetings a route has already been told about: the idempotency keys behind "one alert per meeting".

A route has already alerted a meeting when it sent the same signature for the same article (a replay,
a redelivery after a crash) or for an article published within the dedup window (the same meeting
reported by another outlet); ``KeyIndex`` (``key_index.py``) answers that in memory.

Durably, keys live in a Kafka topic (key ``route|signature|article``) that is compacted *and*
time-limited (``cleanup.policy=compact,delete``, ``retention.ms`` = ``alert.keys_retention_days``,
one segment a day, so whole days expire together). ``KeyStore.catch_up()`` reads it at start from
the first record inside the retention (``offsets_for_times``), never from the beginning, then only
what is new on each partition assignment; ``KeyStore.record(...)`` writes a key and waits for the
broker's acknowledgement.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import msgspec
from kafka import KafkaConsumer, KafkaProducer
from kafka.structs import TopicPartition

from newswatch.sinks.key_index import DAY, KeyIndex
from newswatch.sinks.sent_keys import SentKey, alert_id, keys_for, published_at, signature

__all__ = ["KeyIndex", "KeyStore", "SentKey", "alert_id", "keys_for", "keys_topic_config", "published_at",
           "signature"]


def keys_topic_config(retention_seconds: float) -> dict[str, str]:
    """Topic configs for the keys topic: one record per key, gone ``retention_seconds`` after it was written."""
    return {"cleanup.policy": "compact,delete", "retention.ms": str(int(retention_seconds * 1000)),
            "segment.ms": str(DAY * 1000), "min.cleanable.dirty.ratio": "0.1"}


class KeyStore:
    """``KeyIndex`` backed by the keys topic; only keys written within ``retention_seconds`` count."""

    def __init__(self, topic: str, consumer: KafkaConsumer, producer: KafkaProducer, window_seconds: float,
                 retention_seconds: float | None = None, clock: Callable[[], float] = time.time):
        self.topic = topic
        self.consumer = consumer  # no group: assigned to every partition of ``topic``
        self.producer = producer
        self.retention = retention_seconds
        self.clock = clock
        self.index = KeyIndex(window_seconds, retention_seconds, clock)
        self._decoder = msgspec.json.Decoder(SentKey)
        self._assigned = False
        self.records_read = 0  # every record polled, skipped ones included (start-up cost)

    def catch_up(self, timeout: float = 60.0) -> int:
        """Read the keys topic up to its current end (the first time: from the oldest record within
        the retention); returns the number of keys read."""
        if not self._assigned:
            parts = None
            deadline = time.monotonic() + timeout
            while not parts and time.monotonic() < deadline:
                parts = self.consumer.partitions_for_topic(self.topic)
                if not parts:
                    time.sleep(0.1)
            tps = [TopicPartition(self.topic, p) for p in sorted(parts or ())]
            self.consumer.assign(tps)
            self._seek_to_retention(tps)
            self._assigned = True
        tps = list(self.consumer.assignment())
        end = self.consumer.end_offsets(tps)
        read = 0
        oldest_ms = None if self.retention is None else (self.clock() - self.retention) * 1000
        deadline = time.monotonic() + timeout
        while any(self.consumer.position(tp) < end[tp] for tp in tps):
            if time.monotonic() > deadline:
                raise TimeoutError(f"could not read {self.topic} to its end within {timeout:.0f} s")
            for records in self.consumer.poll(timeout_ms=200).values():
                self.records_read += len(records)
                for record in records:
                    if record.value is None or (oldest_ms is not None and record.timestamp < oldest_ms):
                        continue  # a tombstone, or a key Kafka has not deleted yet but is past the retention
                    try:
                        self.index.add(self._decoder.decode(record.value))
                    except msgspec.DecodeError:
                        continue  # not ours; never let a stray record stop the sink
                    read += 1
        return read

    def _seek_to_retention(self, tps: list[TopicPartition]) -> None:
        if self.retention is None:
            self.consumer.seek_to_beginning(*tps)
            return
        since_ms = max(0, int((self.clock() - self.retention) * 1000))
        found = self.consumer.offsets_for_times({tp: since_ms for tp in tps})
        ends = self.consumer.end_offsets(tps)
        for tp in tps:
            hit = found.get(tp)
            self.consumer.seek(tp, hit.offset if hit is not None else ends[tp])  # None: every key is older

    def write(self, keys: Sequence[SentKey], timeout: float = 60.0) -> None:
        """Write ``keys`` durably: returns once the broker acknowledged every one (thread-safe)."""
        futures = [self.producer.send(self.topic, key=k.kafka_key, value=msgspec.json.encode(k)) for k in keys]
        for future in futures:
            future.get(timeout=timeout)

    def remember(self, keys: Sequence[SentKey]) -> None:
        """Add written keys to the in-memory index (on the delivery loop's thread)."""
        for key in keys:
            self.index.add(key)

    def record(self, keys: Sequence[SentKey], timeout: float = 60.0) -> None:
        self.write(keys, timeout)
        self.remember(keys)
