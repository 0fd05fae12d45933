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
from tests.support.processes import wait_until


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



class _Member(threading.Thread):
    """Another member of the group, on a topic of its own: it never takes the loop's partition."""

    def __init__(self, kafka, group: str, topic: str, *, poll_until: threading.Event | None = None) -> None:
        super().__init__(daemon=True)
        self.kafka, self.group, self.topic = kafka, group, topic
        self.poll_until = poll_until  # stop polling (but stay a member) once set; None: poll until closed
        self.close = threading.Event()

    def run(self) -> None:
        consumer = self.kafka.consumer(self.topic, group=self.group, max_poll_interval_ms=10_000)
        try:
            while not self.close.is_set() and not (self.poll_until is not None and self.poll_until.is_set()):
                consumer.poll(timeout_ms=100)
            self.close.wait()
        finally:
            consumer.close()


class _CommitRefusedMidRejoin:
    """Puts its own consumer in the middle of a rejoin before the batch's commit, as a busy machine does
    when a poll's join outlasts its timeout: a silent member keeps the join open, so the member is
    still rebalancing when the loop commits, and the commit is refused. The loop's member joined
    first, so it leads the group and always assigns its partition to itself."""

    stage = "processor"

    def __init__(self, kafka, consumer, group: str, other_topic: str) -> None:
        self.kafka, self.consumer, self.group, self.other_topic = kafka, consumer, group, other_topic
        self.silence = threading.Event()
        self.members: list[_Member] = []
        self.handled = 0

    def _stable_with(self, members: int) -> bool:
        self.consumer.poll(timeout_ms=50)  # the loop's member takes part in each rejoin (nothing left to fetch)
        group = self.kafka.describe_group(self.group) or {}
        return group.get("group_state") == "Stable" and len(group.get("members") or ()) == members

    def handle(self, record):
        self.handled += 1
        if not self.members:
            held = _Member(self.kafka, self.group, self.other_topic, poll_until=self.silence)
            self.members.append(held)
            held.start()
            wait_until(lambda: self._stable_with(2), timeout=60, what="a second member in the group")
            self.silence.set()  # it stops polling but stays in the group: the next join waits for it
            joiner = _Member(self.kafka, self.group, self.other_topic)
            self.members.append(joiner)
            joiner.start()
            coordinator = self.consumer._coordinator
            wait_until(lambda: self.consumer.poll(timeout_ms=50) == {} and coordinator.rebalance_in_progress(),
                       timeout=60, what="the loop's member to be mid-rejoin")
        return []


def test_offsets_a_rebalance_refused_are_committed_when_the_partition_comes_back(settings, kafka):
    """kafka-python keeps a member's position on a partition it gets back after a rebalance, so a
    refused commit would stay missing (lag > 0 with the work done) until more records arrive."""
    topic, other = settings.topics.articles, settings.topics.tagged
    group = "g-" + topic
    producer = kafka.producer()
    for n in range(3):
        producer.send(topic, value=f"record-{n}".encode(), partition=0).get(timeout=30)
    producer.close()
    # Subscribed to the other members' topic too: as the group's leader it must know that topic's partitions.
    member_a = kafka.consumer(topic, other, group=group, max_poll_records=10, max_poll_interval_ms=10_000)
    handler = _CommitRefusedMidRejoin(kafka, member_a, group, other)
    loop = StreamLoop(consumer=member_a, producer=None, handler=handler, dlq_topic=settings.topics.dlq,
                      metrics=PipelineMetrics(CollectorRegistry()), poll_timeout_ms=100)
    tp = TopicPartition(topic, 0)
    try:
        def committed_to_the_end() -> bool:
            loop.poll_once()
            return member_a.committed(tp) == 3

        try:
            wait_until(committed_to_the_end, timeout=120, interval=0, what="the refused offsets to be committed")
        except AssertionError as exc:  # say where the member is stuck, as a busy CI machine will not replay it
            coordinator = member_a._coordinator
            raise AssertionError(
                f"{exc}; state={coordinator.state} need_rejoin={coordinator.need_rejoin()} "
                f"generation={coordinator._generation} assignment={sorted(map(str, member_a.assignment()))} "
                f"deferred={member_a._deferred} committed={member_a.committed(tp)} handled={handler.handled} "
                f"abandoned_joins={member_a.abandoned_joins} group={kafka.describe_group(group)}") from None
        assert handler.handled == 3  # each record handled once: the refused offsets were committed, not redone
        assert member_a.deferred_commits == 1
        assert tp in member_a.assignment()
    finally:
        for member in handler.members:
            member.close.set()
            member.join(timeout=30)
        member_a.close()
