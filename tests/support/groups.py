"""Consumer-group state as an operator sees it: members, their partitions, committed lag."""

from __future__ import annotations

import time
from typing import Any

from kafka.errors import KafkaError
from kafka.structs import TopicPartition

from newswatch.kafka_io import Kafka
from tests.support.timing import deadline as scaled_deadline


def _partitions_of(consumer: Any, topic: str) -> set[int]:
    """The topic's partitions, once the consumer's metadata knows them (never "no lag" for an unknown topic)."""
    deadline = scaled_deadline(30)
    while time.monotonic() < deadline:
        partitions = consumer.partitions_for_topic(topic)
        if partitions:
            return set(partitions)
        time.sleep(0.1)
    raise AssertionError(f"topic {topic} has no partitions")


def committed_lag(kafka: Kafka, group: str, topic: str) -> int:
    """Records in ``topic`` not yet committed by ``group`` (a partition never committed counts whole)."""
    consumer = kafka.consumer(group=group)  # not subscribed: it never joins, it only reads offsets
    try:
        tps = [TopicPartition(topic, p) for p in sorted(_partitions_of(consumer, topic))]
        ends = consumer.end_offsets(tps)
        return sum(ends[tp] - (consumer.committed(tp) or 0) for tp in tps)
    finally:
        consumer.close(autocommit=False)


def unread_records(kafka: Kafka, group: str, topic: str) -> int:
    """Records of ``topic`` a ``read_committed`` member of ``group`` would still get after its committed
    offsets. Unlike ``committed_lag`` it does not count transaction markers: after a transactional
    producer (a replay) the end offset stays one past the last record a consumer can see."""
    consumer = kafka.consumer(group=group)
    try:
        tps = [TopicPartition(topic, p) for p in sorted(_partitions_of(consumer, topic))]
        ends = consumer.end_offsets(tps)
        behind = {tp: consumer.committed(tp) or 0 for tp in tps}
        behind = {tp: offset for tp, offset in behind.items() if offset < ends[tp]}
    finally:
        consumer.close(autocommit=False)
    if not behind:
        return 0
    reader = kafka.consumer(group=None)
    try:
        reader.assign(list(behind))
        for tp, offset in behind.items():
            reader.seek(tp, offset)
        unread = 0
        deadline = scaled_deadline(30)
        while any(reader.position(tp) < ends[tp] for tp in behind):
            if time.monotonic() > deadline:
                raise AssertionError(f"could not read {topic} to its end")
            unread += sum(len(batch) for batch in reader.poll(timeout_ms=200).values())
        return unread
    finally:
        reader.close()


def member_partitions(kafka: Kafka, group: str) -> list[set[int]]:
    """The partitions each member of a stable ``group`` owns (empty list while it rebalances)."""
    admin = kafka.admin()
    try:
        description = admin.describe_groups([group])[group]
    except KafkaError:  # no coordinator yet (fresh broker) or the broker is restarting
        return []
    finally:
        admin.close()
    if description.get("group_state") != "Stable":
        return []
    return [_partitions(m.get("member_assignment") or {}) for m in description.get("members", [])]


def _partitions(assignment: dict[str, Any]) -> set[int]:
    found: set[int] = set()
    for entry in assignment.get("assigned_partitions") or []:
        parts = entry.get("partitions") if isinstance(entry, dict) else entry[1]
        found.update(int(p) for p in parts)
    return found
