"""Reading and writing test topics directly, as a data team would with a console consumer."""

from __future__ import annotations

import time
from typing import TypeVar

import msgspec
from kafka import KafkaConsumer
from kafka.structs import TopicPartition

from newswatch.kafka_io import Kafka
from tests.support.timing import deadline as scaled_deadline

T = TypeVar("T", bound=msgspec.Struct)


def read_all(kafka: Kafka, topic: str, *, timeout: float = 30.0) -> list:
    """Every record in ``topic`` (all partitions, from the beginning), without a group, once it has settled.

    The consumer reads committed data only, so it stops at each partition's last stable offset. A
    transaction's commit reaches its partitions one by one: a stage's output on one topic can be readable
    while its marker on another is still being written. So this first waits (within ``timeout``) until the
    last stable offsets have caught up with the high watermarks, as a console consumer would be read once
    the pipeline has settled."""
    consumer: KafkaConsumer = kafka.consumer(group=None, enable_auto_commit=False)
    try:
        deadline = scaled_deadline(timeout)
        partitions: set[int] = set()
        while not partitions and time.monotonic() < deadline:
            partitions = consumer.partitions_for_topic(topic)  # empty until the metadata knows the topic
            if not partitions:
                time.sleep(0.1)
        tps = [TopicPartition(topic, p) for p in sorted(partitions or ())]
        consumer.assign(tps)
        consumer.seek_to_beginning(*tps)
        end = _settled_ends(kafka, consumer, tps, deadline)
        records = []
        while any(consumer.position(tp) < end[tp] for tp in tps) and time.monotonic() < deadline:
            for batch in consumer.poll(timeout_ms=500).values():
                records.extend(batch)
        return sorted(records, key=lambda r: (r.partition, r.offset))
    finally:
        consumer.close()


def _settled_ends(kafka: Kafka, consumer: KafkaConsumer, tps: list[TopicPartition], deadline: float) -> dict:
    """The committed end of each partition, once no transaction marker is pending (or the deadline passes)."""
    watermarks: KafkaConsumer = kafka.consumer(group=None, enable_auto_commit=False,
                                               isolation_level="read_uncommitted")
    try:
        while True:
            stable, high = consumer.end_offsets(tps), watermarks.end_offsets(tps)
            if all(stable[tp] >= high[tp] for tp in tps) or time.monotonic() >= deadline:
                return stable
            time.sleep(0.1)
    finally:
        watermarks.close()


def read_records(kafka: Kafka, topic: str, kind: type[T], **kw) -> list[T]:
    return [msgspec.json.decode(r.value, type=kind) for r in read_all(kafka, topic, **kw)]


def wait_for_count(kafka: Kafka, topic: str, count: int, *, timeout: float = 60.0) -> list:
    """Poll ``topic`` until it holds at least ``count`` records (or the timeout passes)."""
    deadline = scaled_deadline(timeout)
    records: list = []
    while time.monotonic() < deadline:
        records = read_all(kafka, topic)
        if len(records) >= count:
            return records
        time.sleep(0.3)
    return records


def produce(kafka: Kafka, topic: str, values: list[bytes], keys: list[bytes | None] | None = None) -> None:
    producer = kafka.producer()
    try:
        futures = [producer.send(topic, value=v, key=(keys[i] if keys else None)) for i, v in enumerate(values)]
        producer.flush()
        for f in futures:
            f.get()
    finally:
        producer.close()
