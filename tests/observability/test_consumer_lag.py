"""Consumer lag read from a real broker: end offsets minus committed offsets, per group and partition."""

from __future__ import annotations

from kafka.structs import OffsetAndMetadata, TopicPartition
from prometheus_client import CollectorRegistry

from newswatch.lag import LagMonitor, consumer_lag, discover_groups, total_by_group
from newswatch.metrics import ConsumerLagCollector
from tests.support.topics import produce


def commit(kafka, group: str, offsets: dict[TopicPartition, int]) -> None:
    consumer = kafka.consumer(group=group)
    try:
        consumer.assign(list(offsets))
        consumer.commit({tp: OffsetAndMetadata(o, "", -1) for tp, o in offsets.items()})
    finally:
        consumer.close(autocommit=False)


def test_lag_is_end_minus_committed_and_counts_uncommitted_partitions_from_the_start(settings, kafka, unique):
    topic = settings.topics.articles
    produce(kafka, topic, [b"%d" % i for i in range(5)], keys=[b"k"] * 5)  # one key: one partition
    admin = kafka.admin()
    try:
        lags = consumer_lag(admin, {f"g{unique}-lagging": (topic,)})
        loaded = [item for item in lags if item.end == 5]
        assert len(loaded) == 1 and loaded[0].committed is None and loaded[0].lag == 5
        assert {item.partition for item in lags} == {0, 1, 2}

        commit(kafka, f"g{unique}-lagging", {TopicPartition(topic, loaded[0].partition): 2})
        lags = consumer_lag(admin, {f"g{unique}-lagging": (topic,)})
        assert total_by_group(lags) == {f"g{unique}-lagging": 3}
        [busy] = [item for item in lags if item.partition == loaded[0].partition]
        assert (busy.committed, busy.end, busy.lag) == (2, 5, 3)
    finally:
        admin.close()


def test_groups_are_discovered_by_prefix_with_the_topics_they_committed_on(settings, kafka, unique):
    topic = settings.topics.tagged
    produce(kafka, topic, [b"a", b"b"], keys=[b"k", b"k"])
    admin = kafka.admin()
    try:
        partition = next(item.partition for item in consumer_lag(admin, {"probe": (topic,)}) if item.end == 2)
        commit(kafka, f"g{unique}-replay", {TopicPartition(topic, partition): 1})
        assert discover_groups(admin, [f"g{unique}"]) == [f"g{unique}-replay"]
        assert discover_groups(admin, []) == []
    finally:
        admin.close()

    monitor = LagMonitor(admin_factory=kafka.admin, groups={}, prefixes=[f"g{unique}"], clock=lambda: 1234.0)
    registry = CollectorRegistry()
    registry.register(ConsumerLagCollector(monitor.snapshot))
    assert registry.get_sample_value("newswatch_consumer_lag_updated_timestamp_seconds") is None
    monitor.refresh()
    monitor._admin.close()
    labels = {"group": f"g{unique}-replay", "topic": topic, "partition": str(partition)}
    assert registry.get_sample_value("newswatch_consumer_lag_records", labels) == 1
    end = {"topic": topic, "partition": str(partition)}
    assert registry.get_sample_value("newswatch_topic_end_offset", end) == 2
    assert registry.get_sample_value("newswatch_consumer_lag_updated_timestamp_seconds") == 1234.0
