"""Reading consumer lag: one batched OffsetFetch for every group (what ``newswatch.lag`` does) vs. one
request per group, side by side against the same broker, groups and partitions.

    python bench/bench_lag.py [--groups 40] [--partitions 6] [--rounds 5] [--bootstrap host:port]

Without ``--bootstrap`` it uses the configured Kafka (or starts the embedded broker). It creates one
topic and ``--groups`` groups with committed offsets, prints the median time of each method and
their ratio, then deletes what it created.
"""

from __future__ import annotations

import argparse
import statistics
import time
import uuid

from kafka.admin import OffsetSpec
from kafka.structs import OffsetAndMetadata, TopicPartition

from newswatch.kafka_io import Kafka, connect
from newswatch.lag import consumer_lag
from newswatch.settings import load_settings


def per_group(admin, groups: dict[str, tuple[str, ...]], partitions: list[TopicPartition]) -> int:
    """The naive way: an OffsetFetch per group, then the end offsets."""
    total = 0
    ends = admin.list_partition_offsets({tp: OffsetSpec.LATEST for tp in partitions})
    for group in groups:
        committed = admin.list_group_offsets({group: None})[group]
        total += sum(ends[tp].offset - committed[tp].offset for tp in committed)
    return total


def median_seconds(fn, rounds: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(rounds):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--groups", type=int, default=40)
    parser.add_argument("--partitions", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--bootstrap", default=None)
    args = parser.parse_args()
    settings = load_settings()
    kafka = Kafka(bootstrap=args.bootstrap) if args.bootstrap else connect(settings.kafka, settings.broker)
    run = uuid.uuid4().hex[:8]
    topic = f"bench-lag-{run}"
    admin = kafka.admin()
    admin.create_topics({topic: {"num_partitions": args.partitions, "replication_factor": 1}},
                        wait_for_metadata=True)
    partitions = [TopicPartition(topic, p) for p in range(args.partitions)]
    groups = {f"bench-lag-{run}-{i}": (topic,) for i in range(args.groups)}
    try:
        producer = kafka.producer()
        for i in range(args.partitions * 20):
            producer.send(topic, value=b"x", partition=i % args.partitions)
        producer.flush()
        producer.close()
        for i, group in enumerate(groups):
            consumer = kafka.consumer(group=group)
            consumer.assign(partitions)
            consumer.commit({tp: OffsetAndMetadata(i % 20, "", -1) for tp in partitions})
            consumer.close(autocommit=False)
        batched, lags = median_seconds(lambda: consumer_lag(admin, groups), args.rounds)
        naive, naive_total = median_seconds(lambda: per_group(admin, groups, partitions), args.rounds)
        batched_total = sum(item.lag for item in lags)  # type: ignore[attr-defined]
        assert batched_total == naive_total, (batched_total, naive_total)
        print(f"groups {args.groups}, partitions {args.partitions}, total lag {batched_total} records")
        print(f"batched OffsetFetch (newswatch.lag): {batched * 1000:8.1f} ms")
        print(f"one request per group:               {naive * 1000:8.1f} ms")
        print(f"ratio per-group / batched:           {naive / batched:8.1f} x")
    finally:
        admin.delete_groups(list(groups))
        admin.delete_topics([topic])
        admin.close()


if __name__ == "__main__":
    main()
