"""The consume -> handle -> produce -> commit loop every Kafka-reading stage runs.

Delivery is at-least-once: a batch's offsets are committed only after every output record of the
batch was acknowledged by the broker (or, for sinks, after the handler returned, i.e. after the
webhook accepted). A record the handler cannot process becomes a dead letter with its reason and
original bytes, and the loop goes on. A handler that needs to wait (a webhook answering 429)
raises ``Backpressure``: that partition is rewound to the record and paused, the others continue.

Two options serve bounded re-runs (``newswatch replay``): ``stop_at`` gives a per-partition end offset
(records at or beyond it are neither handled nor committed; the partition is paused there), and
``transactional`` makes each batch's outputs and its offset commit one Kafka transaction, so a crash
between produce and commit leaves no visible duplicate for ``read_committed`` consumers.

Scaling out: every process of a stage joins one consumer group and the partitions are shared.
Each batch is committed synchronously before the next ``poll`` (where rebalances happen), so a
revoked partition never has uncommitted work and its new owner resumes from the committed offset.
Pauses are reconciled with the assignment before every poll: a paused partition this member lost
is forgotten (never resumed by a member that no longer owns it), and one that came back with a
fresh state (unpaused, position from the committed offset) is simply retried.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from kafka import KafkaConsumer, KafkaProducer
from kafka.consumer.fetcher import ConsumerRecord
from kafka.errors import KafkaError
from kafka.structs import OffsetAndMetadata, TopicPartition

from newswatch.dead_letters import DeadLetters
from newswatch.metrics import PipelineMetrics
from newswatch.offset_commits import commit_offsets

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Output:
    """One record a handler wants written."""

    topic: str
    value: bytes
    key: bytes | None = None
    timestamp_ms: int | None = None
    headers: Sequence[tuple[str, bytes]] | None = None
    #: None: the producer's partitioner picks from the key. A stage whose output must sit on the same
    #: partition number as its input (the meeting resolver's state) sets it.
    partition: int | None = None


class Backpressure(Exception):
    """Raised by a handler: retry this record after ``retry_after`` seconds; pause its partition."""

    def __init__(self, retry_after: float, reason: str = "backpressure"):
        super().__init__(f"{reason}: retry after {retry_after:.1f} s")
        self.retry_after = retry_after
        self.reason = reason


class Handler(Protocol):
    """What a stage does with one record. Raising (other than Backpressure) dead-letters it.

    A handler that writes in batches (a database sink) also defines ``flush() -> Sequence[Output]``:
    the loop calls it once per batch, after every record was handled and before anything is committed.
    """

    stage: str

    def handle(self, record: ConsumerRecord) -> Sequence[Output]: ...


class StreamLoop:
    """Runs a handler over a consumer's records with commit-after-durable semantics."""

    def __init__(self, *, consumer: KafkaConsumer, producer: KafkaProducer | None, handler: Handler,
                 dlq_topic: str, metrics: PipelineMetrics, max_records: int = 500,
                 poll_timeout_ms: int = 500, clock: Callable[[], float] = time.monotonic,
                 stop_at: Mapping[TopicPartition, int] | None = None, transactional: bool = False,
                 commit_metadata: Mapping[TopicPartition, str] | None = None):
        self.consumer = consumer
        self.producer = producer
        self.handler = handler
        self.dlq_topic = dlq_topic
        self.dead_letters = DeadLetters(handler.stage, dlq_topic, metrics)
        self.metrics = metrics
        self.max_records = max_records
        self.poll_timeout_ms = poll_timeout_ms
        self.clock = clock
        self._paused: dict[TopicPartition, float] = {}
        self._assignment: frozenset[TopicPartition] = frozenset()
        self.records_done = 0
        metrics.start(handler.stage)
        self.stop_at = dict(stop_at or {})
        self.finished: set[TopicPartition] = set()  # partitions that reached their ``stop_at`` offset
        self.transactional = transactional
        self.commit_metadata = dict(commit_metadata or {})  # stored with each partition's committed offset

    # -- one iteration -------------------------------------------------------------------
    def poll_once(self) -> int:
        """Poll one batch, handle it, make outputs durable, commit. Returns records handled."""
        self._resume_due()
        batch = self.consumer.poll(timeout_ms=self.poll_timeout_ms, max_records=self.max_records)
        if not batch:
            return 0
        stage = self.handler.stage
        started = time.perf_counter()
        futures: list[Any] = []
        next_offsets: dict[TopicPartition, int] = {}
        handled = 0
        if self.transactional:
            self._begin_transaction()
        for tp, records in batch.items():
            for record in records:
                if tp in self.stop_at and record.offset >= self.stop_at[tp]:
                    self.finish(tp)
                    break
                self.metrics.received.labels(stage).inc()
                try:
                    outputs = self.handler.handle(record)
                except Backpressure as bp:
                    self.consumer.seek(tp, record.offset)
                    self.consumer.pause(tp)
                    self._paused[tp] = self.clock() + bp.retry_after
                    self.metrics.pauses.labels(stage, bp.reason).inc()
                    log.info("pausing partition", extra={"stage": stage, "partition": tp.partition,
                                                         "retry_after": bp.retry_after, "reason": bp.reason})
                    break
                except Exception as exc:  # noqa: BLE001 - one bad record must not stop the stage
                    outputs = [self._dead_letter(record, exc)]
                for out in outputs:
                    futures.append(self._send(out))
                    if out.topic != self.dlq_topic:
                        self.metrics.sent.labels(stage).inc()
                next_offsets[tp] = record.offset + 1
                handled += 1
        flush = getattr(self.handler, "flush", None)
        if flush is not None and handled:
            for out in flush():  # a batching handler writes its batch: raising here commits nothing
                futures.append(self._send(out))
        if self.transactional:
            self._commit_transaction(futures, next_offsets)
        else:
            self._make_durable(futures)
            self._commit(next_offsets)
        self.metrics.committed.labels(stage).inc(handled)
        self.metrics.batch_seconds.labels(stage).observe(time.perf_counter() - started)
        self.records_done += handled
        return handled

    def run(self, stop: threading.Event, *, idle_exit_after: float | None = None) -> None:
        """Loop until ``stop`` is set (or, with ``idle_exit_after``, after that many idle seconds)."""
        idle_since = self.clock()
        while not stop.is_set():
            if self.poll_once():
                idle_since = self.clock()
            elif idle_exit_after is not None and not self._paused and self.clock() - idle_since >= idle_exit_after:
                return

    def finish(self, tp: TopicPartition) -> None:
        """Stop reading ``tp`` at its ``stop_at`` offset: rewind there and pause for good."""
        self.consumer.seek(tp, self.stop_at[tp])
        self.consumer.pause(tp)
        self._paused.pop(tp, None)
        self.finished.add(tp)

    # -- helpers -------------------------------------------------------------------------
    def _dead_letter(self, record: ConsumerRecord, exc: Exception) -> Output:
        error_type = getattr(exc, "error_type", None) or type(exc).__name__
        letter = self.dead_letters.record(error_type, str(exc), topic=record.topic, partition=record.partition,
                                          offset=record.offset, key=record.key, value=record.value)
        return Output(letter.topic, letter.value, key=letter.key)

    def _send(self, out: Output) -> Any:
        if self.producer is None:
            raise RuntimeError(f"stage {self.handler.stage} has no producer but emitted a record")
        return self.producer.send(out.topic, value=out.value, key=out.key, timestamp_ms=out.timestamp_ms,
                                  headers=list(out.headers) if out.headers else None, partition=out.partition)

    def _make_durable(self, futures: list[Any]) -> None:
        if not futures or self.producer is None:
            return
        self.producer.flush()
        for future in futures:
            future.get()  # raises if the broker did not acknowledge: nothing is committed then

    def _commit(self, next_offsets: dict[TopicPartition, int]) -> None:
        commit_offsets(self.consumer, next_offsets, metadata=self.commit_metadata)

    def _begin_transaction(self) -> None:
        if self.producer is None:
            raise RuntimeError("a transactional loop needs a transactional producer")
        self.producer.begin_transaction()

    def _commit_transaction(self, futures: list[Any], next_offsets: dict[TopicPartition, int]) -> None:
        """Outputs and offsets become visible together, or (on any failure) not at all."""
        assert self.producer is not None
        try:
            self._make_durable(futures)
            if next_offsets:
                offsets = {tp: OffsetAndMetadata(offset, self.commit_metadata.get(tp, ""), -1)
                           for tp, offset in next_offsets.items()}
                self.producer.send_offsets_to_transaction(offsets, self.consumer.group_metadata())
            self.producer.commit_transaction()
        except Exception as exc:
            log.warning("transaction failed; aborting it (its outputs stay invisible, offsets uncommitted)",
                        extra={"stage": self.handler.stage, "error": f"{type(exc).__name__}: {exc}"[:300]})
            with contextlib.suppress(KafkaError):
                self.producer.abort_transaction()
            raise

    def _resume_due(self) -> None:
        self._reconcile_assignment()
        if not self._paused:
            return
        now = self.clock()
        due = [tp for tp, until in self._paused.items() if until <= now]
        if due:
            self.consumer.resume(*due)
            for tp in due:
                del self._paused[tp]

    def _reconcile_assignment(self) -> None:
        """After a rebalance, keep pause bookkeeping only for partitions still owned and still paused."""
        owned = frozenset(self.consumer.assignment())
        if owned == self._assignment:
            return
        log.info("partition assignment changed",
                 extra={"stage": self.handler.stage, "partitions": sorted(tp.partition for tp in owned),
                        "gained": len(owned - self._assignment), "lost": len(self._assignment - owned)})
        self._assignment = owned
        if self._paused:
            still_paused = self.consumer.paused()
            for tp in list(self._paused):
                if tp not in owned or tp not in still_paused:
                    del self._paused[tp]
