"""Start-up benchmark: the alert sink and the collector with no history and with a million records of
history older than their retention, side by side.

    python bench/bench_startup.py [--history 1000000] [--before]

For each stage and each history, fresh topics are seeded, then a fresh process starts the stage and
reports when it is *ready to consume*, and its peak RSS:

- alert sink: ``run_alert_sink`` until its delivery consumer owns its partitions with the idempotency
  keys caught up (the ``alert partitions assigned`` log record);
- collector: ``run_collector`` until its memory is loaded (the ``collector state loaded`` log record).

History: the alert sink's keys topic gets ``--history`` keys written (record time and ``sent_at``) a
day past ``alert.keys_retention_days``; the collector gets ``--history`` ids, 500 a record as it
writes them, a day past ``collector.seen_retention_days``: once in its seen topic, once in its state
topic (where versions before this one kept them). The topics are created compact-only, as before
this change, so Kafka deletes none of that history: the worst case (an upgraded deployment, or
segments Kafka has not deleted yet). Each row says how many records the topic held at start.
``--before`` adds a row with the same keys read the way start-up read them before (the whole topic,
every key kept): the time of that read alone, which dominated start-up.

Kafka: ``$NEWSWATCH_BENCH_BOOTSTRAP``, else an embedded broker in a temporary folder. Targets
(issue 12): ready in < 10 s with and without the history, peak RSS < 300 MB.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DAY = 86_400
READY_LOGS = {"alert": "alert partitions assigned", "collector": "collector state loaded"}


class ReadyLog(logging.Handler):
    """Sets ``ready`` when a log record with ``message`` is emitted."""

    def __init__(self, message: str):
        super().__init__()
        self.message, self.ready, self.fields = message, threading.Event(), {}

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage() == self.message:
            self.fields = {k: v for k, v in record.__dict__.items() if k in ("keys_read", "keys_known", "seen",
                                                                              "records_read")}
            self.ready.set()


def child(stage: str, bootstrap: str, prefix: str, before: bool) -> None:
    """One stage in this (fresh) process: time to ready, peak RSS; one JSON line on stdout."""
    started = time.monotonic()
    from prometheus_client import CollectorRegistry

    from newswatch.collectors.config import CollectorConfig, FeedConfig
    from newswatch.config import TopicsConfig
    from newswatch.kafka_io import Kafka
    from newswatch.sinks.config import AlertConfig

    kafka = Kafka(bootstrap=bootstrap)
    topics = TopicsConfig(articles=f"{prefix}.articles", tagged=f"{prefix}.tagged", dlq=f"{prefix}.dlq", partitions=3)
    handler = ReadyLog(READY_LOGS[stage])
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    logging.getLogger("kafka").setLevel(logging.WARNING)
    stop = threading.Event()
    error: list[BaseException] = []

    def run() -> None:
        try:
            if stage == "alert":
                from newswatch.sinks.meeting_keys import KeyStore
                from newswatch.sinks.run import run_alert_sink

                cfg = AlertConfig(group=f"{prefix}-alert", source="articles")
                if before:  # start-up's key read as it was: the whole topic from the beginning, every key kept
                    store = KeyStore(cfg.topic_names(topics.tagged)[1], kafka.consumer(group=None), kafka.producer(),
                                     cfg.dedup_window_hours * 3600, retention_seconds=None)
                    read = store.catch_up(timeout=1800)
                    handler.fields = {"keys_read": read, "keys_known": len(store.index)}
                    handler.ready.set()
                    return
                run_alert_sink(cfg, topics, kafka, stop=stop, registry=CollectorRegistry(), console=io.StringIO())
            else:
                from newswatch.collectors.run import run_collector

                cfg = CollectorConfig(feeds=[FeedConfig(url="http://127.0.0.1:9/none.xml", name="none")],
                                      parse_workers=0)
                run_collector(cfg, topics, kafka, stop=stop, registry=CollectorRegistry(), once=True)
        except BaseException as exc:  # noqa: BLE001 - reported below
            error.append(exc)
            handler.ready.set()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    handler.ready.wait(timeout=300)
    ready = time.monotonic() - started
    stop.set()
    thread.join(timeout=60)
    if error:
        raise error[0]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"ready_seconds": ready, "peak_rss_mb": peak_mb, **handler.fields}), flush=True)


def seed_alert_keys(kafka, prefix: str, count: int, retention_days: float) -> None:  # noqa: ANN001
    import msgspec

    from newswatch.config import TopicsConfig
    from newswatch.sinks.config import AlertConfig
    from newswatch.sinks.meeting_keys import SentKey
    from newswatch.sinks.run import ensure_alert_topics

    topics = TopicsConfig(articles=f"{prefix}.articles", tagged=f"{prefix}.tagged", dlq=f"{prefix}.dlq", partitions=3)
    keys_topic = AlertConfig().topic_names(topics.tagged)[1]
    compact_only(kafka, keys_topic, topics.partitions)
    ensure_alert_topics(AlertConfig(), topics, kafka)
    if not count:
        return
    old = time.time() - (retention_days + 1) * DAY
    stamp, sent_at = int(old * 1000), datetime.fromtimestamp(old, UTC)
    producer = kafka.producer(batch_size=1024 * 1024, linger_ms=50, enable_idempotence=False,
                              acks=1)
    try:
        for n in range(count):
            key = SentKey(route="desk", signature=f"KR>C{n % 200}", article_id=f"{n:016x}",
                          published=old - n, sent_at=sent_at)
            producer.send(keys_topic, key=key.kafka_key, value=msgspec.json.encode(key), timestamp_ms=stamp)
        producer.flush()
    finally:
        producer.close()


def seed_seen_ids(kafka, prefix: str, count: int, retention_days: float, *, legacy: bool) -> None:  # noqa: ANN001
    """``count`` old ids in the seen topic, or (``legacy``) in the state topic as earlier versions wrote them."""
    from newswatch.collectors.state_store import SEEN_BATCH, KafkaStateStore

    producer = kafka.producer(batch_size=1024 * 1024, linger_ms=50, enable_idempotence=False, acks=1)
    try:
        store = KafkaStateStore(kafka, f"{prefix}.articles.collector-state", producer,
                                seen_retention_seconds=retention_days * DAY)
        compact_only(kafka, store.seen_topic, 1)
        compact_only(kafka, store.topic, 1)
        store.ensure_topic()
        old = time.time() - (retention_days + 1) * DAY
        for start in range(0, count, SEEN_BATCH):
            ids = [f"{n:040x}" for n in range(start, min(count, start + SEEN_BATCH))]
            topic, key = ((store.topic, f"seen:{ids[0]}") if legacy
                          else (store.seen_topic, f"seen:{int(old // DAY)}:{ids[0]}"))
            producer.send(topic, key=key.encode(), partition=0, timestamp_ms=int(old * 1000),
                          value=json.dumps({"t": int(old), "ids": ids}).encode())
        producer.flush()
    finally:
        producer.close()


def compact_only(kafka, topic: str, partitions: int) -> None:  # noqa: ANN001
    from kafka.errors import TopicAlreadyExistsError

    admin = kafka.admin()
    try:
        admin.create_topics({topic: {"num_partitions": partitions, "replication_factor": 1,
                                     # history written all at once with old record times would roll a segment
                                     # per batch; written as it happened it filled ordinary segments
                                     "configs": {"cleanup.policy": "compact", "segment.ms": str(365 * DAY * 1000)}}},
                            wait_for_metadata=True)
    except TopicAlreadyExistsError:
        pass
    finally:
        admin.close()


def records_in(kafka, *topics: str) -> int:  # noqa: ANN001
    from kafka.structs import TopicPartition

    consumer = kafka.consumer(group=None)
    try:
        tps = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t))]
        ends, starts = consumer.end_offsets(tps), consumer.beginning_offsets(tps)
        return sum(ends[tp] - starts[tp] for tp in tps)
    finally:
        consumer.close()


def run_child(stage: str, bootstrap: str, prefix: str, before: bool = False) -> dict:
    argv = [sys.executable, __file__, "--child", stage, "--bootstrap", bootstrap, "--prefix", prefix]
    if before:
        argv.append("--before")
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=2400)
    if proc.returncode != 0:
        print(f"{stage} child failed:\n{proc.stderr[-3000:]}", file=sys.stderr, flush=True)
        error = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return {"ready_seconds": float("nan"), "peak_rss_mb": float("nan"), "error": error[:150]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bootstrap_servers(stack: list) -> str:
    explicit = os.environ.get("NEWSWATCH_BENCH_BOOTSTRAP")
    if explicit:
        return explicit
    from newswatch.broker import LocalBroker

    broker = LocalBroker(Path(tempfile.mkdtemp(prefix="nw-bench-broker-")), port=0)
    stack.append(broker)
    return broker.start(timeout=180)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--history", type=int, default=1_000_000)
    parser.add_argument("--before", action="store_true", help="also time start-up as it read the keys before")
    parser.add_argument("--child", choices=sorted(READY_LOGS))
    parser.add_argument("--bootstrap")
    parser.add_argument("--prefix")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.bootstrap, args.prefix, args.before)
        return

    from newswatch.collectors.config import CollectorConfig
    from newswatch.kafka_io import Kafka
    from newswatch.sinks.config import AlertConfig

    stack: list = []
    try:
        bootstrap = bootstrap_servers(stack)
        kafka = Kafka(bootstrap=bootstrap)
        keys_days, seen_days = AlertConfig().keys_retention_days, CollectorConfig().seen_retention_days
        rows: list[tuple[str, str, dict]] = []
        old = f"{args.history:,} old"

        def measure(stage: str, label: str, prefix: str, topics: tuple[str, ...], before: bool = False) -> None:
            held = records_in(kafka, *topics)
            rows.append((stage, label, {**run_child(stage, bootstrap, prefix, before), "in_topic": held}))
            print(f"measured {stage}, {label}: {rows[-1][2]}", file=sys.stderr, flush=True)

        for label, count, legacy in (("none", 0, False), (old, args.history, False),
                                     (f"{old}, in the state topic", args.history, True)):
            prefix = f"bs{uuid.uuid4().hex[:8]}"
            seeded = time.monotonic()
            if not legacy:
                seed_alert_keys(kafka, prefix, count, keys_days)
            seed_seen_ids(kafka, prefix, count, seen_days, legacy=legacy)
            print(f"seeded {label} in {time.monotonic() - seeded:.1f} s", file=sys.stderr, flush=True)
            state = f"{prefix}.articles.collector-state"
            if not legacy:
                measure("alert", label, prefix, (f"{prefix}.alert-keys",))
            measure("collector", label, prefix, (state, f"{prefix}.articles.collector-seen"))
            if args.before and count and not legacy:
                measure("alert", f"{label}, read whole (before)", prefix, (f"{prefix}.alert-keys",), before=True)
        print(f"\nstart-up until ready to consume (history older than the retention: alert keys "
              f"{keys_days:g} d, collector seen ids {seen_days:g} d)")
        print(f"{'stage':<10} {'history':<40} {'in topic':>9} {'ready':>8} {'peak RSS':>9}  read")
        for stage, label, r in rows:
            read = {k: v for k, v in r.items() if k not in ("ready_seconds", "peak_rss_mb", "in_topic")}
            print(f"{stage:<10} {label:<40} {r['in_topic']:>9,} {r['ready_seconds']:>6.2f} s "
                  f"{r['peak_rss_mb']:>6.0f} MB  {read}")
        by = {(stage, label): r for stage, label, r in rows}
        for stage in ("alert", "collector"):
            none = by[(stage, "none")]
            for stage_, label, r in rows:
                if stage_ != stage or label == "none":
                    continue
                verdict = "meets" if r["ready_seconds"] < 10 and r["peak_rss_mb"] < 300 else "misses"
                print(f"{stage}: ready with '{label}' / with none = {r['ready_seconds'] / none['ready_seconds']:.2f}"
                      f" ({verdict} < 10 s and < 300 MB)")
    finally:
        for broker in stack:
            broker.stop()


if __name__ == "__main__":
    main()
