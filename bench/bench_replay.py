"""Backfill and replay throughput beside the live processor's, over the same records, in one run.

    python bench/bench_replay.py [--articles 5000] [--bootstrap host:port]

Builds a JSONL archive of ``--articles`` stories (the labelled dev set, realistic text with both
verdicts, repeated under distinct ids, stamped over the last three days), then measures, against the
same broker and with one warmed-up tagger:

  backfill        archive -> articles topic (read files, read the topic's ids, publish, acknowledge)
  live processor  ``run_processor`` over the articles topic (at-least-once commits)
  replay          ``run_replay`` over the same range (one Kafka transaction per batch: exactly-once)
  replay, no txn  ``run_replay`` with ``processor.replay.transactional=false`` (at-least-once)

and prints records per second and each one's ratio to the live processor. Without ``--bootstrap`` it
uses the configured Kafka (or starts the embedded broker). Topics it creates are deleted at the end.
"""

from __future__ import annotations

import argparse
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

from collectors.backfill import run_backfill  # noqa: E402
from newswatch.config import Settings, TopicsConfig, load_settings  # noqa: E402
from newswatch.kafka_io import Kafka, connect  # noqa: E402
from newswatch.schema import Article, encode  # noqa: E402
from processors.replay import ReplayRequest, ReplayWindow, run_replay  # noqa: E402
from processors.run import run_processor  # noqa: E402
from processors.tag_meetings import MeetingTagger  # noqa: E402

DEV_SET = ROOT / "tests" / "data" / "dev_meetings.jsonl"


def write_archive(path: Path, count: int, start: datetime) -> int:
    rows = [msgspec.json.decode(line) for line in DEV_SET.read_bytes().splitlines() if line.strip()]
    span = timedelta(days=3) / count
    with path.open("wb") as out:
        for i in range(count):
            row = {k: v for k, v in rows[i % len(rows)].items() if k != "label"}
            row.update(id=f"bench-{i:06d}", published=(start + span * i).isoformat())
            out.write(encode(msgspec.convert(row, Article)) + b"\n")
    return count


def timed_processor(settings: Settings, kafka: Kafka, tagger: MeetingTagger, expected: int) -> float:
    registry, stop = CollectorRegistry(), threading.Event()
    thread = threading.Thread(target=run_processor, kwargs={"settings": settings, "kafka": kafka, "stop": stop,
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
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--bootstrap", default=None)
    args = parser.parse_args()
    base = load_settings(None, **({"kafka": {"bootstrap_servers": args.bootstrap}} if args.bootstrap else {}))
    kafka = connect(base)
    run = uuid.uuid4().hex[:8]
    topics = TopicsConfig(articles=f"bench-replay-{run}.articles", tagged=f"bench-replay-{run}.live",
                          dlq=f"bench-replay-{run}.dlq", partitions=6)
    outputs = [f"bench-replay-{run}.replay", f"bench-replay-{run}.replay-at-least-once"]
    settings = base.model_copy(update={"topics": topics, "processor": base.processor.model_copy(
        update={"group": f"bench-replay-{run}-live"})})
    kafka.ensure_topics(topics, extra={t: {"num_partitions": 6, "replication_factor": 1} for t in outputs})
    tagger = MeetingTagger()
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=3, hours=1)
    rows: list[tuple[str, int, float]] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            archive = Path(tmp) / "archive.jsonl"
            write_archive(archive, args.articles, start)
            list(tagger.tag_many(msgspec.json.decode(line, type=Article)
                                 for line in archive.read_bytes().splitlines()[:100]))  # warm-up
            backfill = run_backfill(settings, kafka, [archive], topic=topics.articles)
            rows.append(("backfill", backfill.published, backfill.seconds))
        rows.append(("live processor", args.articles, timed_processor(settings, kafka, tagger, args.articles)))
        window = ReplayWindow(topic=topics.articles, since=start)
        for label, output, cfg in (("replay (transactional)", outputs[0], with_replay(settings)),
                                   ("replay (at-least-once)", outputs[1], with_replay(settings, transactional=False))):
            summary = run_replay(cfg, kafka, ReplayRequest(window=window, output_topic=output),
                                 stop=threading.Event(), registry=CollectorRegistry(), tagger=tagger)
            rows.append((label, summary.read, summary.seconds))
    finally:
        admin = kafka.admin()
        try:
            admin.delete_topics([topics.articles, topics.tagged, topics.dlq, *outputs])
        finally:
            admin.close()
    live_rate = rows[1][1] / rows[1][2]
    print(f"{args.articles} articles (dev set repeated), tagger {tagger.version}, batch "
          f"{settings.processor.replay.max_batch}")
    print(f"{'step':<24} {'records':>8} {'seconds':>8} {'records/s':>10} {'vs live':>8}")
    for label, count, seconds in rows:
        rate = count / seconds
        print(f"{label:<24} {count:>8} {seconds:>8.2f} {rate:>10.0f} {rate / live_rate:>7.2f}x")


if __name__ == "__main__":
    main()
