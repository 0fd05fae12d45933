"""Backfill and replay throughput beside the live processor's, over the same records, in one run.

    python bench/bench_replay.py [--articles 3000] [--rounds 5] [--bootstrap host:port]

Builds a JSONL archive of ``--articles`` stories (the labelled dev set, realistic text with both
verdicts, repeated under distinct ids, stamped over the last three days), then measures, against the
same broker and with one warmed-up tagger:

  backfill        archive -> articles topic (read files, read the topic's ids, publish, acknowledge)
  live processor  ``run_processor`` over the articles topic (at-least-once commits)
  replay          ``run_replay`` over the same range (one Kafka transaction per batch: exactly-once)
  replay, no txn  ``run_replay`` with ``processor.replay.transactional=false`` (at-least-once)

in ``--rounds`` alternating rounds (so a machine busy with other work slows every step alike), and
prints for each the median records per second (wall clock) and CPU milliseconds per record (this
process only: what other load on a shared machine does not inflate), with their ratios to the live
processor. Without ``--bootstrap`` it
uses the configured Kafka (or starts the embedded broker). Topics it creates are deleted at the end.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec
from prometheus_client import CollectorRegistry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newswatch.collectors.backfill import run_backfill  # noqa: E402
from newswatch.config import TopicsConfig  # noqa: E402
from newswatch.kafka_io import Kafka, connect  # noqa: E402
from newswatch.processors.replay import ReplayRequest, ReplayWindow, run_replay  # noqa: E402
from newswatch.processors.run import run_processor  # noqa: E402
from newswatch.processors.tag_meetings import MeetingTagger  # noqa: E402
from newswatch.schema import Article, encode  # noqa: E402
from newswatch.settings import Settings, load_settings  # noqa: E402

DEV_SET = ROOT / "tests" / "data" / "dev_meetings.jsonl"
STEPS = ("backfill", "live processor", "replay (transactional)", "replay (at-least-once)")


def write_archive(path: Path, count: int, start: datetime) -> int:
    rows = [msgspec.json.decode(line) for line in DEV_SET.read_bytes().splitlines() if line.strip()]
    span = timedelta(days=3) / count
    with path.open("wb") as out:
        for i in range(count):
            row = {k: v for k, v in rows[i % len(rows)].items() if k != "label"}
            row.update(id=f"bench-{i:06d}", published=(start + span * i).isoformat())
            out.write(encode(msgspec.convert(row, Article)) + b"\n")
    return count


class Timer:
    """Wall-clock and this process's CPU seconds of a step (CPU time is what other load on a
    shared machine does not inflate)."""

    def __enter__(self) -> Timer:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def timed_processor(settings: Settings, kafka: Kafka, tagger: MeetingTagger, expected: int) -> float:
    registry, stop = CollectorRegistry(), threading.Event()
    thread = threading.Thread(target=run_processor, kwargs={"cfg": settings.processor, "topics": settings.topics,
                                                            "kafka": kafka, "stop": stop,
                                                            "registry": registry, "tagger": tagger}, daemon=True)
    started = time.perf_counter()
    thread.start()
    while (registry.get_sample_value("newswatch_records_received_total", {"stage": "processor"}) or 0) < expected:
        if not thread.is_alive():
            raise RuntimeError("the processor stopped early")
        time.sleep(0.01)
    seconds = time.perf_counter() - started
    stop.set()
    thread.join(60)
    return seconds


def with_replay(settings: Settings, **changes: object) -> Settings:
    replay = settings.processor.replay.model_copy(update=changes)
    return settings.model_copy(update={"processor": settings.processor.model_copy(update={"replay": replay})})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=5, help="Alternating rounds; medians are reported.")
    parser.add_argument("--bootstrap", default=None)
    args = parser.parse_args()
    base = load_settings(None, **({"kafka": {"bootstrap_servers": args.bootstrap}} if args.bootstrap else {}))
    kafka = connect(base.kafka, base.broker)
    run = uuid.uuid4().hex[:8]
    prefix = f"bench-replay-{run}"
    topics = TopicsConfig(articles=f"{prefix}.articles", tagged=f"{prefix}.live", dlq=f"{prefix}.dlq", partitions=6)
    created: list[str] = []

    def fresh_topic(name: str) -> str:
        kafka.ensure_topics(topics, extra={name: {"num_partitions": 6, "replication_factor": 1}})
        created.append(name)
        return name

    tagger = MeetingTagger()
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=3, hours=1)
    window = ReplayWindow(topic=topics.articles, since=start)
    rates: dict[str, list[float]] = {step: [] for step in STEPS}
    cpu: dict[str, list[float]] = {step: [] for step in STEPS}  # CPU milliseconds per record
    try:
        kafka.ensure_topics(topics)
        created.extend([topics.articles, topics.tagged, topics.dlq])
        with tempfile.TemporaryDirectory() as tmp:
            archive = Path(tmp) / "archive.jsonl"
            write_archive(archive, args.articles, start)
            list(tagger.tag_many(msgspec.json.decode(line, type=Article)
                                 for line in archive.read_bytes().splitlines()[:100]))  # warm-up
            for round_ in range(args.rounds):
                target = topics.articles if round_ == 0 else fresh_topic(f"{prefix}.articles-{round_}")
                with Timer() as timer:
                    backfill = run_backfill(base.collector, topics, kafka, [archive],
                                            topic=target)
                rates["backfill"].append(backfill.published / timer.wall)
                cpu["backfill"].append(timer.cpu * 1000 / backfill.published)
        for round_ in range(args.rounds):
            live = base.model_copy(update={
                "topics": topics.model_copy(update={"tagged": fresh_topic(f"{prefix}.live-{round_}")}),
                "processor": base.processor.model_copy(update={"group": f"{prefix}-live-{round_}"})})
            with Timer() as timer:
                timed_processor(live, kafka, tagger, args.articles)
            rates["live processor"].append(args.articles / timer.wall)
            cpu["live processor"].append(timer.cpu * 1000 / args.articles)
            for step, transactional in (("replay (transactional)", True), ("replay (at-least-once)", False)):
                output = fresh_topic(f"{prefix}.{'tx' if transactional else 'alo'}-{round_}")
                with Timer() as timer:
                    replay_settings = with_replay(live, transactional=transactional)
                    summary = run_replay(replay_settings.processor, replay_settings.topics, kafka,
                                         ReplayRequest(window=window, output_topic=output), stop=threading.Event(),
                                         registry=CollectorRegistry(), tagger=tagger)
                rates[step].append(summary.read / timer.wall)
                cpu[step].append(timer.cpu * 1000 / summary.read)
    finally:
        admin = kafka.admin()
        try:
            admin.delete_topics(created)
        finally:
            admin.close()
    live_rate = statistics.median(rates["live processor"])
    print(f"{args.articles} articles (dev set repeated), tagger {tagger.version}, batch "
          f"{base.processor.replay.max_batch}, median of {args.rounds} alternating rounds")
    live_cpu = statistics.median(cpu["live processor"])
    print(f"{'step':<24} {'records/s':>10} {'vs live':>8} {'CPU ms/rec':>11} {'vs live':>8}   records/s by round")
    for step, values in rates.items():
        rate, cost = statistics.median(values), statistics.median(cpu[step])
        print(f"{step:<24} {rate:>10.0f} {rate / live_rate:>7.2f}x {cost:>11.2f} {cost / live_cpu:>7.2f}x   "
              f"{', '.join(f'{v:.0f}' for v in values)}")


if __name__ == "__main__":
    main()
