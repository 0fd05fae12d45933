"""The resolver step: meeting reports in, meeting records out (``newswatch.meetings``, compacted).

State is a ``MeetingBook`` per owned partition of ``newswatch.meeting-reports``. Each meeting record is
written to the *same partition number* of ``newswatch.meetings`` as the reports it came from, so after
every assignment the resolver rebuilds exactly its partitions' state (at each partition's first record)
by reading those partitions of the meetings topic to their end; a revoked partition's state is dropped.

Crash safety: ``StreamLoop`` commits a batch's report offsets only after the meeting records it
produced were acknowledged. After a kill the reports since the last commit are read again; the
rebuilt state already holds whatever was written, and merging a report a meeting already holds
changes nothing (no output), so the topic ends with exactly the records it would have had.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import timedelta

from kafka import ConsumerRebalanceListener, KafkaConsumer
from kafka.consumer.fetcher import ConsumerRecord
from kafka.errors import KafkaError
from kafka.structs import TopicPartition

from newswatch.metrics import MeetingMetrics
from newswatch.processors.resolve_meetings.book import MeetingBook
from newswatch.processors.resolve_meetings.config import ResolverConfig
from newswatch.records import decode_record
from newswatch.schema import MeetingRecord, ReportedMeeting, encode
from newswatch.stream import Backpressure, Output

log = logging.getLogger(__name__)


class ResolveMeetings(ConsumerRebalanceListener):
    """Handler for ``StreamLoop`` over ``newswatch.meeting-reports``, and its rebalance listener."""

    stage = "meeting-resolver"

    def __init__(self, meetings_topic: str, state_consumer: Callable[[], KafkaConsumer], config: ResolverConfig,
                 metrics: MeetingMetrics):
        self.meetings_topic = meetings_topic
        self.state_consumer = state_consumer  # builds a consumer without a group, one per rebuild
        self.config = config
        self.metrics = metrics
        self.books: dict[int, MeetingBook] = {}

    # -- rebalance listener -------------------------------------------------------------
    def on_partitions_revoked(self, revoked: Iterable[TopicPartition]) -> None:
        for tp in revoked:
            self.books.pop(tp.partition, None)
        self.metrics.known.set(sum(len(b) for b in self.books.values()))

    def on_partitions_assigned(self, assigned: Iterable[TopicPartition]) -> None:
        """Nothing here: kafka-python calls listeners inside its network loop, where reading another
        topic would stall the group protocol. A partition's book is rebuilt at its first record."""

    # -- state -----------------------------------------------------------------------------
    def _book(self) -> MeetingBook:
        return MeetingBook(window=timedelta(days=self.config.match_window_days),
                           horizon=timedelta(days=self.config.planned_horizon_days))

    def rebuild(self, partitions: Sequence[int], timeout: float = 120.0) -> int:
        """Read ``partitions`` of the meetings topic to their end into fresh books; returns records read."""
        if not partitions:
            return 0
        started = time.monotonic()
        books = {p: self._book() for p in partitions}
        tps = [TopicPartition(self.meetings_topic, p) for p in partitions]
        consumer = self.state_consumer()
        read = 0
        try:
            consumer.assign(tps)
            consumer.seek_to_beginning(*tps)
            end = consumer.end_offsets(tps)
            deadline = time.monotonic() + timeout
            while any(consumer.position(tp) < end[tp] for tp in tps):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"could not read {self.meetings_topic} to its end within {timeout:.0f} s")
                for tp, records in consumer.poll(timeout_ms=200).items():
                    for record in records:
                        if record.value is None or record.offset >= end[tp]:
                            continue
                        books[tp.partition].load(decode_record(record.value, MeetingRecord))
                        read += 1
        finally:
            consumer.close()
        self.books.update(books)
        self.metrics.known.set(sum(len(b) for b in self.books.values()))
        log.info("meeting state rebuilt", extra={"partitions": list(partitions), "records": read,
                                                 "meetings": sum(len(b) for b in books.values()),
                                                 "seconds": round(time.monotonic() - started, 3)})
        return read

    # -- handler ---------------------------------------------------------------------------
    def handle(self, record: ConsumerRecord) -> Sequence[Output]:
        item = decode_record(record.value, ReportedMeeting)
        if record.partition not in self.books:  # newly assigned: its state first
            try:
                self.rebuild([record.partition])
            except (KafkaError, TimeoutError) as exc:  # never dead-letter a report for it: retry the partition
                log.warning("could not rebuild meeting state; retrying", extra={"partition": record.partition,
                                                                               "error": str(exc)[:200]})
                raise Backpressure(2.0, "state_rebuild") from exc
        result = self.books[record.partition].resolve(item)
        changed = result.record
        if changed is None:
            self.metrics.reports.labels("duplicate").inc()
            return []
        if result.created:
            self.metrics.meetings.labels(changed.status).inc()
            self.metrics.reports.labels("new_meeting").inc()
            self.metrics.known.inc()
        else:
            self.metrics.reports.labels("merged").inc()
            if result.status_changed:
                self.metrics.status_changes.labels(changed.status).inc()
        return [Output(self.meetings_topic, encode(changed), key=changed.meeting_id.encode(),
                       partition=record.partition, timestamp_ms=record.timestamp)]
