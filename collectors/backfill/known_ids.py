"""The article ids already in the articles topic, read from the topic itself.

Why the topic and not a separate compacted index: the topic is the only record every writer
(live collectors, earlier backfills, a backfill killed mid-way) is guaranteed to have written to;
an index would be a second write that a crash or another writer can skip, and then a duplicate
gets through. Articles are keyed by id, so only keys are kept in memory (~100 bytes per article).
The cost is one sequential read of the topic, bounded by its retention.
"""

from __future__ import annotations

import time

from kafka.structs import TopicPartition

from newswatch.kafka_io import Kafka


def known_ids(kafka: Kafka, topic: str, *, timeout: float = 600.0) -> set[str]:
    """Keys of every record in ``topic`` up to its end at call time (committed data only)."""
    consumer = kafka.consumer(group=None, max_poll_records=5000)
    try:
        partitions = consumer.partitions_for_topic(topic) or set()
        tps = [TopicPartition(topic, p) for p in sorted(partitions)]
        if not tps:
            return set()
        consumer.assign(tps)
        consumer.seek_to_beginning(*tps)
        end = consumer.end_offsets(tps)
        ids: set[str] = set()
        deadline = time.monotonic() + timeout
        pending = {tp for tp in tps if consumer.position(tp) < end[tp]}
        while pending:
            if time.monotonic() > deadline:
                raise TimeoutError(f"reading the ids in {topic} took more than {timeout:.0f} s")
            for records in consumer.poll(timeout_ms=500).values():
                ids.update(r.key.decode("utf-8", "replace") for r in records if r.key is not None)
            pending = {tp for tp in pending if consumer.position(tp) < end[tp]}
        return ids
    finally:
        consumer.close()
