"""Consumers subscribe only to topics their metadata knows, and a member whose group was assigned
from stale metadata rejoins within seconds instead of idling until the next metadata refresh.

Regression (issue 12): `newswatch demo` logged `No partition metadata for topic ...alerts` while the
alert group was assigned, then sat without partitions until the demo's 180 s limit."""

from __future__ import annotations

import logging
import time
from types import SimpleNamespace

import pytest
from kafka.admin import NewPartitions
from kafka.coordinator.assignors.abstract import ConsumerProtocolAssignment
from kafka.coordinator.assignors.range import RangePartitionAssignor
from kafka.structs import TopicPartition

from newswatch.assignment import GroupConsumer, StarvationGuard, owned_partitions
from newswatch.errors import BrokerError
from newswatch.kafka_io import Kafka
from tests.support.timing import deadline


def _topic(kafka: Kafka, name: str, partitions: int = 3) -> str:
    admin = kafka.admin()
    try:
        admin.create_topics({name: {"num_partitions": partitions, "replication_factor": 1}})
    finally:
        admin.close()
    return name


def _poll_until_assigned(consumer, count: int, seconds: float = 30) -> set[TopicPartition]:
    end = deadline(seconds)
    while len(consumer.assignment()) < count and time.monotonic() < end:
        consumer.poll(timeout_ms=100)
    return set(consumer.assignment())


def test_a_fresh_topic_is_assigned_on_the_first_join(kafka: Kafka, unique: str,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="kafka.coordinator.assignors")
    for i in range(3):  # before the fix, 9 joins in 10 right after creating the topic logged the warning
        topic = _topic(kafka, f"a{unique}-{i}")
        consumer = kafka.consumer(topic, group=f"g{unique}-{i}")
        try:
            assert len(_poll_until_assigned(consumer, 3)) == 3
        finally:
            consumer.close(autocommit=False)
    assert not [r for r in caplog.records if "No partition metadata" in r.getMessage() and unique in r.getMessage()]


def test_a_member_that_subscribes_itself_later_is_guarded_too(kafka: Kafka, unique: str) -> None:
    """The resolver and the meeting store subscribe themselves (the resolver with a rebalance listener):
    they too must rejoin when starved and commit what a rebalance refused. Regression: they were plain
    KafkaConsumers, and the meeting store's lag stayed at 12 for minutes on a busy machine."""
    member = kafka.consumer(group=f"g{unique}")
    loner = kafka.consumer(group=None)
    try:
        assert isinstance(member, GroupConsumer)
        assert not isinstance(loner, GroupConsumer)  # no group: nothing to rejoin, nothing to commit
    finally:
        member.close()
        loner.close()


def test_a_missing_topic_is_a_clear_error(kafka: Kafka, unique: str) -> None:
    with pytest.raises(BrokerError, match=f"m{unique}.nowhere"):
        kafka.consumer(f"m{unique}.nowhere", group=f"g{unique}", topic_timeout=1.0)


def test_a_rejoin_that_outlives_its_poll_is_finished(kafka: Kafka, unique: str) -> None:
    """Partitions added to a topic make the leader rejoin; polled with a 1 ms timeout, every join outlives
    the poll that started it. Regression: kafka-python 3.0 then left the member *rebalancing* for good
    (3 of 3 tries with a plain KafkaConsumer), which on a busy machine stalled the meeting store and the
    processor of the pages' pipeline with their last batch uncommitted until the test's 180 s limit."""
    topic = _topic(kafka, f"j{unique}", partitions=1)
    consumer = kafka.consumer(topic, group=f"g{unique}", metadata_max_age_ms=500)
    admin = kafka.admin()
    try:
        assert len(_poll_until_assigned(consumer, 1)) == 1
        admin.create_partitions({topic: NewPartitions(total_count=3)})
        end = deadline(30)
        while len(consumer.assignment()) < 3 and time.monotonic() < end:
            consumer.poll(timeout_ms=1)
        assert len(consumer.assignment()) == 3
        assert consumer._coordinator.stable()
        assert consumer.abandoned_joins >= 1  # the join was left unfinished at least once, and finished
    finally:
        admin.close()
        consumer.close(autocommit=False)


class StaleUntilGuarded(RangePartitionAssignor):
    """Assigns nothing, as a leader whose metadata lacked the topic would, until the guard asked for a rejoin.

    kafka-python rejoins by itself when a metadata refresh shows partitions its snapshot lacked, and
    ``GroupConsumer`` rejoins a join left unfinished on a busy machine; those joins get nothing too, so
    only the guard's rejoin can end the starvation. Regression: assigning nothing on exactly two joins
    let an unfinished second join's retry assign the partitions before the guard looked (CI, stop 28)."""

    name = "stale-until-guarded"
    joins = 0
    guard: StarvationGuard | None = None

    @classmethod
    def assign(cls, cluster, members):  # noqa: ANN001, ANN206 - kafka-python's assignor signature
        cls.joins += 1
        if cls.guard is None or not cls.guard.rejoins:
            return {m.member_id: ConsumerProtocolAssignment(cls.version, [], b"") for m in members}
        return super().assign(cluster, members)


def test_a_member_assigned_nothing_of_a_topic_with_partitions_rejoins(kafka: Kafka, unique: str) -> None:
    topic = _topic(kafka, f"s{unique}")
    StaleUntilGuarded.joins, StaleUntilGuarded.guard = 0, None
    consumer = kafka.consumer(topic, group=f"g{unique}", partition_assignment_strategy=[StaleUntilGuarded])
    consumer.starvation = StarvationGuard(consumer, kafka.describe_group, grace=1.0)  # the default is 5 s
    StaleUntilGuarded.guard = consumer.starvation
    try:
        end = deadline(30)
        while not StaleUntilGuarded.joins and time.monotonic() < end:
            consumer.poll(timeout_ms=100)
        assert StaleUntilGuarded.joins >= 1 and not consumer.assignment()  # a stale assignment: nothing
        # kafka-python alone would wait for a metadata change that never comes; the guard rejoins
        assert len(_poll_until_assigned(consumer, 3, seconds=30)) == 3
        assert consumer.starvation.rejoins >= 1
    finally:
        StaleUntilGuarded.guard = None
        consumer.close(autocommit=False)


# -- the guard's decisions, without a broker ------------------------------------------------------
class FakeConsumer:
    def __init__(self, owned: set[int], partitions: set[int]):
        self.config = {"group_id": "g"}
        self.owned, self.partitions = owned, partitions
        self.rejoins = 0
        self._coordinator = SimpleNamespace(request_rejoin=self._rejoin)

    def _rejoin(self) -> None:
        self.rejoins += 1

    def subscription(self) -> set[str]:
        return {"t"}

    def assignment(self) -> set[TopicPartition]:
        return {TopicPartition("t", p) for p in self.owned}

    def partitions_for_topic(self, topic: str) -> set[int]:
        return self.partitions


def _group(state: str, *members: list[int]) -> dict:
    return {"group_state": state, "members": [
        {"member_assignment": {"assigned_partitions": [{"topic": "t", "partitions": parts}]}} for parts in members]}


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def test_guard_leaves_an_extra_member_alone_when_every_partition_is_owned() -> None:
    consumer, clock = FakeConsumer(owned=set(), partitions={0}), Clock()
    guard = StarvationGuard(consumer, lambda group: _group("Stable", [0], []), grace=5, clock=clock)
    for clock.now in (0, 4, 6, 12, 30, 100, 1000):
        assert not guard.check()
    assert consumer.rejoins == 0


def test_guard_waits_out_a_rebalance_then_rejoins_once_after_the_grace() -> None:
    consumer, clock = FakeConsumer(owned=set(), partitions={0, 1, 2}), Clock()
    described = {"state": "PreparingRebalance"}
    guard = StarvationGuard(consumer, lambda group: _group(described["state"], [], []), grace=5, clock=clock)
    assert not guard.check()  # starved from now
    clock.now = 4.9
    assert not guard.check()  # within the grace
    clock.now = 5.0
    assert not guard.check()  # a rebalance is under way: its result is not known yet
    described["state"] = "Stable"
    clock.now = 9.9
    assert not guard.check()  # the next look is backed off
    clock.now = 15.0
    assert guard.check() and consumer.rejoins == 1


def test_owned_partitions_reads_only_a_stable_group() -> None:
    assert owned_partitions(_group("Stable", [0, 2], [1]), "t") == {0, 1, 2}
    assert owned_partitions(_group("CompletingRebalance", [0]), "t") is None
    assert owned_partitions(None, "t") is None
