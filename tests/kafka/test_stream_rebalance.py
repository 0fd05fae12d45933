"""Scaling out: two members of one consumer group share the partitions, and a rebalance that takes
away a partition the loop had paused (a webhook said "retry later") neither crashes the loop nor
loses the record: the new owner starts from the committed offset.

Regression: before the loop forgot revoked partitions, resuming one it no longer owned raised
KeyError out of ``poll_once`` and killed the stage.
"""

from __future__ import annotations

import threading

from kafka.structs import TopicPartition
from prometheus_client import CollectorRegistry

from newswatch.metrics import PipelineMetrics
from newswatch.stream import Backpressure, StreamLoop


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class _RetryLaterUntilOpen:
    """Asks for every record to be retried in 60 s until ``open`` is set."""

    stage = "alert"

    def __init__(self) -> None:
        self.open = False
        self.handled: list[tuple[int, bytes]] = []

    def handle(self, record):
        if not self.open:
            raise Backpressure(60.0, "http_429")
        self.handled.append((record.partition, record.value))
        return []


def test_revoked_paused_partition_is_handed_over_not_resumed(settings, kafka):
    topic = settings.topics.articles
    producer = kafka.producer()
    for partition in range(3):
        producer.send(topic, value=f"record-{partition}".encode(), partition=partition).get(timeout=30)
    producer.close()

    clock = _Clock()
    handler = _RetryLaterUntilOpen()
    member_a = kafka.consumer(topic, group="g-" + topic, max_poll_records=10)
    loop = StreamLoop(consumer=member_a, producer=None, handler=handler, dlq_topic=settings.topics.dlq,
                      metrics=PipelineMetrics(CollectorRegistry()), poll_timeout_ms=100, clock=clock)
    try:
        for _ in range(100):  # until all three partitions were tried once and paused
            loop.poll_once()
            if len(loop._paused) == 3:
                break
        assert set(loop._paused) == {TopicPartition(topic, p) for p in range(3)}

        # A second member joins: the group rebalances and member A loses at least one partition.
        got_b: list[bytes] = []
        b_ready = threading.Event()

        def member_b() -> None:
            consumer = kafka.consumer(topic, group="g-" + topic)
            try:
                while not b_ready.is_set():
                    for records in consumer.poll(timeout_ms=200).values():
                        got_b.extend(r.value for r in records)
                    if consumer.assignment() and len(got_b) >= len(consumer.assignment()):
                        consumer.commit()
                        b_ready.set()
            finally:
                consumer.close(autocommit=False)

        thread = threading.Thread(target=member_b, daemon=True)
        thread.start()
        for _ in range(600):
            loop.poll_once()
            if len(member_a.assignment()) < 3 and b_ready.is_set():
                break
        thread.join(timeout=30)
        kept = member_a.assignment()
        assert 1 <= len(kept) < 3
        loop.poll_once()
        assert set(loop._paused) <= kept  # forgot what it lost
        assert set(loop._paused) <= member_a.paused()

        clock.now = 61.0  # the retry time passes: resuming must only touch partitions it still owns
        handler.open = True
        for _ in range(100):
            loop.poll_once()
            if len(handler.handled) == len(kept):
                break
    finally:
        member_a.close(autocommit=False)

    mine = sorted(value for _partition, value in handler.handled)
    assert sorted(mine + got_b) == [b"record-0", b"record-1", b"record-2"]
    assert sorted(p for p, _v in handler.handled) == sorted(tp.partition for tp in kept)
