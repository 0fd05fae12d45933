"""Load benchmark: processor throughput against the bare Kafka limit, and end-to-end latency at rising load.

    python bench/bench_load.py [--articles 20000] [--procs 1,2,3] [--rates 100,400,1000,2000]
                               [--seconds 5] [--bootstrap host:port] [--skip-latency]

Both parts run on one broker in one run (``--bootstrap``, else a fresh local broker in a temporary
folder), on a realistic stream where about 2% of articles are defense-related
(``tests/support/corpus.py``), with 6 partitions.

1. Throughput. The same pre-loaded topic is drained by K processes of one consumer group, for
   K in ``--procs``, twice: by a bare kafka-python pass-through (poll, send the bytes on, flush,
   commit: the same clients, acks and commit discipline, but no decoding, tagging or encoding),
   and by ``newswatch process``. Each rate is measured over the window in which all K members own
   partitions (from the first sample after the group is stable to lag 0), so process start-up and
   the first rebalance are not counted. The ratio newswatch / pass-through is the figure of merit.

2. Latency at rising load: K ``newswatch process`` plus one ``newswatch alert`` posting to a local
   Slack-like receiver; articles are published at each rate in ``--rates`` for ``--seconds``;
   latency is publish -> TaggedArticle written (every article) and publish -> webhook accepted
   (every meeting), p50/p95/p99.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import signal
import statistics
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kafka.structs import OffsetAndMetadata, TopicPartition  # noqa: E402

from newswatch.kafka_io import Kafka  # noqa: E402
from newswatch.schema import encode  # noqa: E402
from tests.support.corpus import article_stream  # noqa: E402
from tests.support.groups import member_partitions  # noqa: E402
from tests.support.processes import StageProcess  # noqa: E402

PARTITIONS = 6


# -- the bare pass-through (runs as its own process: ``bench_load.py passthrough ...``) -----------
def passthrough(bootstrap: str, group: str, source: str, sink: str) -> None:
    """Consume -> produce -> flush -> commit, nothing else: the most a Python Kafka stage can do."""
    kafka = Kafka(bootstrap=bootstrap)
    consumer = kafka.consumer(source, group=group)
    producer = kafka.producer()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.is_set():
            batch = consumer.poll(timeout_ms=200, max_records=500)
            if not batch:
                continue
            futures, offsets = [], {}
            for tp, records in batch.items():
                for record in records:
                    futures.append(producer.send(sink, key=record.key, value=record.value))
                    offsets[tp] = OffsetAndMetadata(record.offset + 1, "", -1)
            producer.flush()
            for future in futures:
                future.get()
            consumer.commit(offsets)
    finally:
        consumer.close(autocommit=False)
        producer.close()


# -- helpers ------------------------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


class Committed:
    """Sum of a group's committed offsets on a topic, read without joining the group."""

    def __init__(self, kafka: Kafka, group: str, topic: str):
        self.consumer = kafka.consumer(group=group)
        self.tps = [TopicPartition(topic, p) for p in range(PARTITIONS)]

    def total(self) -> int:
        return sum(self.consumer.committed(tp) or 0 for tp in self.tps)

    def close(self) -> None:
        self.consumer.close(autocommit=False)


def create_topics(kafka: Kafka, *names: str) -> None:
    admin = kafka.admin()
    try:
        admin.create_topics({n: {"num_partitions": PARTITIONS, "replication_factor": 1} for n in names},
                            wait_for_metadata=True)
    finally:
        admin.close()


def preload(kafka: Kafka, topic: str, values: list[tuple[bytes, bytes]]) -> float:
    producer = kafka.producer(linger_ms=20, batch_size=256 * 1024)
    started = time.perf_counter()
    for key, value in values:
        producer.send(topic, key=key, value=value)
    producer.flush()
    producer.close()
    return time.perf_counter() - started


@dataclass
class Drain:
    kind: str
    procs: int
    records: int  # records in the measured window
    seconds: float
    peak_rss_mib: float

    @property
    def rate(self) -> float:
        return self.records / self.seconds if self.seconds > 0 else float("nan")


def drain(kafka: Kafka, kind: str, procs: int, source: str, total: int, workdir: Path, bootstrap: str) -> Drain:
    """Start ``procs`` workers of ``kind`` on ``source`` and measure the steady-state drain rate."""
    run = uuid.uuid4().hex[:6]
    group, sink = f"bench-{kind}-{procs}-{run}", f"bench-out-{kind}-{procs}-{run}"
    create_topics(kafka, sink)
    env = {"NEWSWATCH_TOPICS__ARTICLES": source, "NEWSWATCH_TOPICS__TAGGED": sink,
           "NEWSWATCH_TOPICS__DLQ": f"{sink}.dlq", "NEWSWATCH_TOPICS__PARTITIONS": str(PARTITIONS),
           "NEWSWATCH_PROCESSOR__GROUP": group, "NEWSWATCH_METRICS__PROCESSOR_PORT": "0",
           "NEWSWATCH_LOG_LEVEL": "WARNING"}
    workers: list[StageProcess] = []
    for i in range(procs):
        if kind == "passthrough":
            command = [sys.executable, str(Path(__file__).resolve()), "passthrough", "--bootstrap", bootstrap,
                       "--group", group, "--source", source, "--sink", sink]
            workers.append(StageProcess(f"{kind}-{procs}-{i}", bootstrap, [], env, workdir, argv=command))
        else:
            workers.append(StageProcess(f"{kind}-{procs}-{i}", bootstrap, ["process"], env, workdir))
    committed = Committed(kafka, group, source)
    try:
        start: tuple[float, int] | None = None
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            done = committed.total()
            now = time.monotonic()
            if start is None:
                owners = member_partitions(kafka, group)
                if len(owners) == procs and all(owners):
                    start = (now, done)
            if done >= total:
                break
            time.sleep(0.2)
        else:
            raise RuntimeError(f"{kind} x{procs} did not drain {total} records in 600 s")
        end = (time.monotonic(), committed.total())
        if start is None or end[1] - start[1] < total // 10:
            raise RuntimeError(f"{kind} x{procs}: too little left after the group settled; use more --articles")
        return Drain(kind, procs, end[1] - start[1], end[0] - start[0],
                     max(w.peak_rss for w in workers) / 2**20)
    finally:
        committed.close()
        for w in workers:
            w.terminate()


# -- part 2: latency -----------------------------------------------------------------------------
@dataclass
class Step:
    procs: int
    offered: float
    achieved: float
    tagged: list[float]
    alerted: list[float]
    meetings: int


def latency_steps(kafka: Kafka, bootstrap: str, procs: int, rates: list[int], seconds: float,
                  workdir: Path) -> list[Step]:
    import msgspec

    from newswatch.schema import TaggedArticle
    from newswatch.sinks.config import AlertConfig
    from tests.support.slack_receiver import SlackReceiver
    from tests.support.topics import read_all

    run = uuid.uuid4().hex[:6]
    articles_t, tagged_t, dlq_t = f"lat-{run}.articles", f"lat-{run}.tagged", f"lat-{run}.dlq"
    create_topics(kafka, articles_t, tagged_t, dlq_t)
    steps: list[Step] = []
    with SlackReceiver() as slack:
        env = {"NEWSWATCH_TOPICS__ARTICLES": articles_t, "NEWSWATCH_TOPICS__TAGGED": tagged_t,
               "NEWSWATCH_TOPICS__DLQ": dlq_t, "NEWSWATCH_TOPICS__PARTITIONS": str(PARTITIONS),
               "NEWSWATCH_PROCESSOR__GROUP": f"lat-{run}-p", "NEWSWATCH_ALERT__GROUP": f"lat-{run}-a",
               "NEWSWATCH_ALERT__SOURCE": "articles",  # per tagged article, as these figures were measured
               "NEWSWATCH_PROCESSOR__POLL_TIMEOUT_MS": "50",
               "NEWSWATCH_METRICS__PROCESSOR_PORT": "0", "NEWSWATCH_METRICS__ALERT_PORT": "0",
               "NEWSWATCH_LOG_LEVEL": "WARNING", "NEWSWATCH_ALERT__WEBHOOK_URL": slack.url}
        if "rate_per_second" in AlertConfig.model_fields:
            # Measure the pipeline, not Slack's one-message-per-second courtesy limit (its digests).
            env.update({"NEWSWATCH_ALERT__RATE_PER_SECOND": "1000", "NEWSWATCH_ALERT__BURST": "100"})
        workers = [StageProcess(f"lat-p{procs}-{i}", bootstrap, ["process"], env, workdir) for i in range(procs)]
        workers.append(StageProcess(f"lat-a{procs}", bootstrap, ["alert"], env, workdir))
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                owners = member_partitions(kafka, f"lat-{run}-p")
                if len(owners) == procs and all(owners) and len(member_partitions(kafka, f"lat-{run}-a")) == 1:
                    break
                time.sleep(0.3)
            time.sleep(2)  # let the group settle: its first fetches carry no backlog
            producer = kafka.producer(linger_ms=2)
            seen_tagged = 0
            for step, rate in enumerate(rates):
                count = int(rate * seconds)
                # publication dates days apart per step: the alert sink merges the same pair of
                # countries within its dedup window as one meeting reported by several outlets
                when = datetime.now(UTC) - timedelta(days=4 * (10 * procs + step) + 1)
                items, expected = article_stream(count, prefix=f"r{procs}s{step}", seed=step + 11 * procs, start=when)
                published_wall: dict[str, float] = {}
                published_mono: dict[str, float] = {}
                started, first_wall = time.monotonic(), time.time()
                for i, article in enumerate(items):
                    ahead = started + i / rate - time.monotonic()
                    if ahead > 0:
                        time.sleep(ahead)
                    published_wall[article.id] = time.time()
                    published_mono[article.url] = time.monotonic()
                    producer.send(articles_t, key=article.id.encode(), value=encode(article))
                producer.flush()
                publish_end = time.monotonic()
                # wait for every article to be tagged and every meeting alerted
                tagged_records: list = []
                wait_until = time.monotonic() + 180
                while time.monotonic() < wait_until:
                    tagged_records = read_all(kafka, tagged_t)
                    if len(tagged_records) - seen_tagged >= count:
                        break
                    time.sleep(0.5)
                # read_all sorts by (partition, offset): pick this step's records by id, not by position
                mine = [t for t in (msgspec.json.decode(r.value, type=TaggedArticle) for r in tagged_records)
                        if t.article_id in published_wall]
                seen_tagged = len(tagged_records)
                last_tagged = max((t.tagged_at.timestamp() for t in mine), default=time.time())
                accepted_by_url: dict[str, float] = {}
                wait_until = time.monotonic() + 120
                while time.monotonic() < wait_until:
                    for request in list(slack.requests):
                        if request.status != 200:
                            continue
                        for url in re.findall(r"https://news\.example/[\w/]+", str(request.payload)):
                            if url in published_mono:
                                accepted_by_url.setdefault(url, request.at)
                    if len(accepted_by_url) >= len(expected.meetings):
                        break
                    time.sleep(0.3)
                tagged_lat = [t.tagged_at.timestamp() - published_wall[t.article_id] for t in mine]
                alert_lat = [at - published_mono[url] for url, at in accepted_by_url.items()]
                duration = max(publish_end - started, last_tagged - first_wall)
                steps.append(Step(procs, rate, len(mine) / duration if duration > 0 else float("nan"),
                                  tagged_lat, alert_lat, len(expected.meetings)))
                print(f"  latency x{procs} @ {rate}/s: tagged {len(mine)}/{count}, alerted "
                      f"{len(accepted_by_url)}/{len(expected.meetings)}", file=sys.stderr)
            producer.close()
        finally:
            for w in workers:
                w.terminate()
    return steps


# -- main ---------------------------------------------------------------------------------------
@contextlib.contextmanager
def broker_for(bootstrap: str | None):
    if bootstrap:
        yield bootstrap
        return
    from newswatch.broker import LocalBroker

    home = Path(tempfile.mkdtemp(prefix="newswatch-bench-load-"))
    broker = LocalBroker(home / "kafka", port=0, heap="1g")
    try:
        yield broker.start(timeout=180)
    finally:
        broker.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", nargs="?", default="bench", choices=["bench", "passthrough"])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--procs", default="1,2,3")
    parser.add_argument("--rates", default="100,400,1000,2000")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--bootstrap", default=None)
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--group"), parser.add_argument("--source"), parser.add_argument("--sink")
    args = parser.parse_args()
    if args.mode == "passthrough":
        passthrough(args.bootstrap, args.group, args.source, args.sink)
        return
    procs = [int(p) for p in args.procs.split(",")]
    rates = [int(r) for r in args.rates.split(",")]
    workdir = Path(tempfile.mkdtemp(prefix="newswatch-bench-load-logs-"))
    with broker_for(args.bootstrap) as bootstrap:
        kafka = Kafka(bootstrap=bootstrap)
        source = f"bench-load-{uuid.uuid4().hex[:6]}.articles"
        create_topics(kafka, source)
        articles, expected = article_stream(args.articles, prefix="load")
        values = [(a.id.encode(), encode(a)) for a in articles]
        size = statistics.mean(len(v) for _k, v in values)
        took = preload(kafka, source, values)
        print(f"stream: {len(values)} articles, {len(expected.meetings)} meetings, "
              f"{sum(1 for a in articles if 'defense' in a.title)} defense-related, mean {size:.0f} bytes; "
              f"pre-loaded in {took:.1f} s", file=sys.stderr)
        drains: dict[tuple[str, int], Drain] = {}
        for k in procs:
            for kind in ("passthrough", "newswatch"):
                drains[(kind, k)] = result = drain(kafka, kind, k, source, len(values), workdir, bootstrap)
                print(f"  {kind} x{k}: {result.rate:,.0f} records/s over {result.records} records", file=sys.stderr)
        steps: list[Step] = []
        if not args.skip_latency:
            for k in procs:
                steps += latency_steps(kafka, bootstrap, k, rates, args.seconds, workdir)

    print("\nThroughput: draining one pre-loaded topic (6 partitions), records/s, steady state")
    print("| processes | bare pass-through | newswatch process | ratio | peak RSS per process (newswatch) |")
    print("|---:|---:|---:|---:|---:|")
    for k in procs:
        base, ours = drains[("passthrough", k)], drains[("newswatch", k)]
        print(f"| {k} | {base.rate:,.0f} | {ours.rate:,.0f} | {ours.rate / base.rate:.2f} | "
              f"{ours.peak_rss_mib:.0f} MiB |")
    if steps:
        print("\nEnd-to-end latency at rising load (seconds; tagged: every article, alerted: every meeting)")
        print("| processors | offered/s | tagged/s | tagged p50 | p95 | p99 | meetings | alerted p50 | p95 | p99 |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for s in steps:
            print(f"| {s.procs} | {s.offered:,.0f} | {s.achieved:,.0f} | {percentile(s.tagged, 50):.3f} | "
                  f"{percentile(s.tagged, 95):.3f} | {percentile(s.tagged, 99):.3f} | {len(s.alerted)}/{s.meetings} | "
                  f"{percentile(s.alerted, 50):.3f} | {percentile(s.alerted, 95):.3f} | "
                  f"{percentile(s.alerted, 99):.3f} |")


if __name__ == "__main__":
    main()
