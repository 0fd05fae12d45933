"""Wiring for ``newswatch meeting-store`` and ``newswatch meetings rebuild``."""

from __future__ import annotations

import threading
import time

from kafka.structs import TopicPartition
from prometheus_client import CollectorRegistry

from newswatch.config import TopicsConfig
from newswatch.kafka_io import Kafka, wait_for_partitions
from newswatch.metrics import MeetingMetrics, PipelineMetrics
from newswatch.records import decode_record
from newswatch.schema import MeetingRecord
from newswatch.sinks.meeting_store.config import MeetingStoreConfig
from newswatch.sinks.meeting_store.database import Database
from newswatch.sinks.meeting_store.migrations import migrate
from newswatch.sinks.meeting_store.sink import StopRequested, StoreMeetings
from newswatch.sinks.meeting_store.store import MeetingStore
from newswatch.stream import StreamLoop


def open_store(config: MeetingStoreConfig) -> MeetingStore:
    """Connect and migrate (fail fast at start: an unreachable database is an error before consuming)."""
    db = Database(config.url.get_secret_value())
    migrate(db)
    return MeetingStore(db)


def run_meeting_store(cfg: MeetingStoreConfig, topics: TopicsConfig, kafka: Kafka, *, stop: threading.Event,
                      registry: CollectorRegistry, idle_exit_after: float | None = None) -> int:
    """Upsert meeting records into the database until stopped; returns the records handled."""
    store = open_store(cfg)
    handler = StoreMeetings(store, cfg, MeetingMetrics(registry), stop)
    spec = {"num_partitions": topics.partitions, "replication_factor": topics.replication_factor}
    kafka.ensure_topics(topics, extra={topics.meetings_topic: {**spec, "configs": {"cleanup.policy": "compact"}}})
    # A batch may wait for the database for max_wait_seconds: the group must not evict us meanwhile.
    poll_interval_ms = int((cfg.max_wait_seconds + 120) * 1000)
    consumer = kafka.consumer(group=cfg.group, max_poll_interval_ms=poll_interval_ms)
    wait_for_partitions(consumer, [topics.meetings_topic])
    consumer.subscribe([topics.meetings_topic])
    loop = StreamLoop(consumer=consumer, producer=kafka.producer(), handler=handler, dlq_topic=topics.dlq,
                      metrics=PipelineMetrics(registry), max_records=cfg.max_batch,
                      poll_timeout_ms=cfg.poll_timeout_ms)
    try:
        loop.run(stop, idle_exit_after=idle_exit_after)
    except StopRequested:
        pass  # the batch in flight stays uncommitted: it is written after the restart
    finally:
        consumer.close(autocommit=False)
        if loop.producer is not None:
            loop.producer.close()
        store.db.close()
    return loop.records_done


def rebuild(config: MeetingStoreConfig, topics: TopicsConfig, kafka: Kafka, *, batch: int = 2000,
            timeout: float = 600.0) -> int:
    """Empty the database and load every meeting record on the (compacted) meetings topic; returns meetings."""
    store = open_store(config)
    consumer = kafka.consumer(group=None)
    try:
        parts = consumer.partitions_for_topic(topics.meetings_topic) or set()
        tps = [TopicPartition(topics.meetings_topic, p) for p in sorted(parts)]
        store.clear()
        if not tps:
            return 0
        consumer.assign(tps)
        consumer.seek_to_beginning(*tps)
        end = consumer.end_offsets(tps)
        pending: list[MeetingRecord] = []
        ids: set[str] = set()
        deadline = time.monotonic() + timeout
        while any(consumer.position(tp) < end[tp] for tp in tps):
            if time.monotonic() > deadline:
                raise TimeoutError(f"could not read {topics.meetings_topic} within {timeout:.0f} s")
            for records in consumer.poll(timeout_ms=500, max_records=batch).values():
                for record in records:
                    if record.value is not None and record.offset < end[TopicPartition(record.topic,
                                                                                     record.partition)]:
                        pending.append(decode_record(record.value, MeetingRecord))
            if len(pending) >= batch:
                store.upsert(pending)
                ids.update(r.meeting_id for r in pending)
                pending = []
        store.upsert(pending)
        ids.update(r.meeting_id for r in pending)
        return len(ids)
    finally:
        consumer.close()
        store.db.close()
