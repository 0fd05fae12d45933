"""Meetings as records: can the resolver and the meeting store keep up, and how fast are questions?

    python bench/bench_meetings.py [--articles 20000] [--reports 1000000] [--postgres URL | --start-postgres]
                                   [--broker BOOTSTRAP [--broker-seconds 30] [--rate 1000]]

1. Resolver, on one core (in-process, no broker): tagged records at 2% meetings through both resolver
   steps (re-keying every tagged record, folding each meeting report), side by side with a bare decode
   of the same records: articles/s, and the ratio to the bare pass.
2. Meeting store: the revisions those articles produce, upserted in batches of 500 into SQLite (and
   PostgreSQL with --postgres): meeting records/s, as articles/s at 2% meetings.
3. Questions: `newswatch meetings --country KR --with JP` (the table output's two queries: the page and
   the count) on a SQLite database of --reports reports; p50/p95 over 50 runs.
4. With --broker: through the real broker. ``newswatch resolve`` and one ``newswatch meeting-store``
   per database (SQLite, and PostgreSQL beside it with --postgres/--start-postgres), each its own
   process (one core at most: one Python process), while tagged records (2% meetings) are produced at
   --rate articles/s for --broker-seconds. Per stage: the most records it was behind (committed lag,
   sampled every 0.5 s), how long after the last record it had committed everything, and its CPU
   seconds, as the articles per CPU-second one core gives it.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newswatch.processors.resolve_meetings.book import MeetingBook  # noqa: E402
from newswatch.processors.resolve_meetings.reports import reported_meetings  # noqa: E402
from newswatch.schema import (  # noqa: E402
    MeetingRecord,
    MeetingReport,
    Participant,
    StatusChange,
    TaggedArticle,
    encode,
)
from newswatch.sinks.meeting_store.database import Database  # noqa: E402
from newswatch.sinks.meeting_store.migrations import migrate  # noqa: E402
from newswatch.sinks.meeting_store.query import MeetingFilter, count_meetings, find_meetings  # noqa: E402
from newswatch.sinks.meeting_store.store import MeetingStore  # noqa: E402
from tests.meetings.factories import KR_MINISTER, tagged  # noqa: E402

COUNTRIES = ["JP", "US", "AU", "PH", "CA", "FR", "DE", "GB", "IN", "ID", "VN", "TH", "MY", "SG", "NZ", "PL"]
T0 = datetime(2015, 1, 1, tzinfo=UTC)


def stream(articles: int, rng: random.Random) -> list[bytes]:
    """Encoded tagged records, 2% of them meetings (a few outlets per meeting), the rest not."""
    out = []
    for i in range(articles):
        if i % 50 == 0:
            code = rng.choice(COUNTRIES)
            other = Participant(name=f"Minister {code}", role="defense minister", country=code)
            out.append(encode(tagged(f"outlet{i % 7}", day=(i // 150) * 5 + rng.random(), people=(KR_MINISTER, other),
                                     article=f"m{i}")))
        else:
            out.append(encode(TaggedArticle(article_id=f"a{i}", url=f"https://x.example/{i}", title="Markets",
                                            is_defense_ministerial_meeting=False, score=0.0, source="wire")))
    return out


def bench_resolver(values: list[bytes]) -> tuple[float, float, list[MeetingRecord]]:
    decoder = msgspec.json.Decoder(TaggedArticle)
    started = time.process_time()
    for value in values:
        decoder.decode(value)
    bare = time.process_time() - started
    book = MeetingBook(window=timedelta(days=3), horizon=timedelta(days=14))
    written: list[MeetingRecord] = []
    reports_decoder = msgspec.json.Decoder(type=__import__("newswatch.schema", fromlist=["ReportedMeeting"])
                                           .ReportedMeeting)
    started = time.process_time()
    for value in values:
        for item in reported_meetings(decoder.decode(value)):  # step 1: re-key
            encoded = encode(item)
            result = book.resolve(reports_decoder.decode(encoded))  # step 2: resolve (decode as it arrives)
            if result.record is not None:
                encode(result.record)
                written.append(result.record)
    resolver = time.process_time() - started
    return bare, resolver, written


def bench_store(url: str, records: list[MeetingRecord]) -> float:
    db = Database(url)
    migrate(db)
    store = MeetingStore(db)
    started = time.perf_counter()
    for start in range(0, len(records), 500):
        store.upsert(records[start:start + 500])
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed


def synthetic(n: int, reports_each: int, rng: random.Random) -> MeetingRecord:
    code = rng.choice(COUNTRIES)
    when = T0 + timedelta(days=n // 20, hours=rng.random() * 24)
    reports = [MeetingReport(article_id=f"{n}-{k}", url=f"https://o{k}.example/{n}", title="talks", outlet=f"o{k}",
                             language="en", published=when + timedelta(hours=k), first_seen=when + timedelta(hours=k),
                             evidence="The defense ministers held talks.") for k in range(reports_each)]
    parties = sorted({"KR", code}) if rng.random() < 0.5 else sorted({code, rng.choice(COUNTRIES)} | {"XX"})
    return MeetingRecord(meeting_id=f"{when.date()}.in-person.{'-'.join(parties)}.{n}", parties=parties,
                         participants=[KR_MINISTER], status="held",
                         status_history=[StatusChange(status="held", at=when, article_id=f"{n}-0", outlet="o0",
                                                      first_seen=when)],
                         reports=reports, window_start=when, window_end=when + timedelta(hours=reports_each),
                         first_seen=when, last_seen=when)


def bench_questions(url: str, reports: int, rng: random.Random) -> list[float]:
    db = Database(url)
    migrate(db)
    store = MeetingStore(db)
    per_meeting = 4
    batch: list[MeetingRecord] = []
    for n in range(reports // per_meeting):
        batch.append(synthetic(n, per_meeting, rng))
        if len(batch) == 5000:
            store.upsert(batch)
            batch = []
    store.upsert(batch)
    db.execute("ANALYZE")
    flt = MeetingFilter(country="KR", with_="JP")
    times = []
    for _ in range(50):
        started = time.perf_counter()
        find_meetings(db, flt, limit=100)
        count_meetings(db, flt)
        times.append(time.perf_counter() - started)
    total = db.query("SELECT count(*) AS n FROM reports")[0]["n"]
    db.close()
    print(f"   database holds {total:,} reports")
    return times


def _cpu(proc) -> float:
    import psutil

    times = psutil.Process(proc.proc.pid).cpu_times()
    return times.user + times.system


def bench_broker(bootstrap: str, seconds: float, rate: int, stores: list[tuple[str, str]], folder: Path,
                 rng: random.Random) -> None:
    import uuid

    from kafka.structs import TopicPartition

    from newswatch.config import KafkaConfig, TopicsConfig
    from newswatch.kafka_io import Kafka
    from tests.support.groups import committed_lag
    from tests.support.processes import StageProcess

    run = uuid.uuid4().hex[:8]
    topics = TopicsConfig(articles=f"bench{run}.articles", tagged=f"bench{run}.tagged", dlq=f"bench{run}.dlq",
                          partitions=3)
    kafka = Kafka(bootstrap=bootstrap, config=KafkaConfig())
    kafka.ensure_topics(topics)
    env = {"NEWSWATCH_TOPICS__ARTICLES": topics.articles, "NEWSWATCH_TOPICS__TAGGED": topics.tagged,
           "NEWSWATCH_TOPICS__DLQ": topics.dlq, "NEWSWATCH_TOPICS__PARTITIONS": "3",
           "NEWSWATCH_MEETINGS__GROUP": f"bench{run}-meetings", "NEWSWATCH_METRICS__RESOLVER_PORT": "0",
           "NEWSWATCH_METRICS__MEETING_STORE_PORT": "0"}
    procs = {"resolver": StageProcess("resolver", bootstrap, ["resolve"], env, folder / "resolver")}
    watched = [("resolver: reports step", f"bench{run}-meetings-reports", topics.tagged, "resolver"),
               ("resolver: resolver step", f"bench{run}-meetings", topics.meeting_reports_topic, "resolver")]
    for name, url in stores:
        group = f"bench{run}-store-{name}"
        procs[name] = StageProcess(name, bootstrap, ["meeting-store"], {
            **env, "NEWSWATCH_MEETING_STORE__URL": url, "NEWSWATCH_MEETING_STORE__GROUP": group}, folder / name)
        watched.append((f"meeting store, {name}", group, topics.meetings_topic, name))
    producer = kafka.producer()
    for _, group, topic, _ in watched:
        committed_lag(kafka, group, topic)  # the topics exist and their metadata is known
    readers = [(kafka.consumer(group=group), [TopicPartition(topic, p) for p in range(3)])
               for _, group, topic, _ in watched]  # one offsets reader per group, kept open

    def lags() -> list[int]:
        out = []
        for consumer, tps in readers:
            ends = consumer.end_offsets(tps)
            out.append(sum(ends[tp] - (consumer.committed(tp) or 0) for tp in tps))
        return out

    def send(values: list[tuple[bytes, bytes]]) -> None:
        for key, value in values:
            producer.send(topics.tagged, value=value, key=key)
        producer.flush()

    def wait_caught_up(timeout: float) -> float:
        started = time.monotonic()
        while any(lags()):  # committed offsets: a stage commits each batch once its output is durable
            if time.monotonic() - started > timeout:
                raise SystemExit(f"stages did not catch up within {timeout:.0f} s: {lags()}")
            if not all(p.alive for p in procs.values()):
                raise SystemExit("a stage died: " + " | ".join(p.log_text()[-500:] for p in procs.values()))
            time.sleep(0.2)
        return time.monotonic() - started

    try:
        total = int(seconds * rate)
        values = [(msgspec.json.decode(v)["article_id"].encode(), v) for v in stream(total + 500, rng)]
        send(values[:500])  # warm-up: every stage has joined its group and written once
        wait_caught_up(300)
        cpu0 = {name: _cpu(p) for name, p in procs.items()}
        peaks = [0] * len(watched)
        sampling = threading.Event()

        def sample() -> None:  # on its own thread: each reading is a few broker round trips
            while not sampling.wait(0.5):
                for n, lag in enumerate(lags()):
                    peaks[n] = max(peaks[n], lag)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        started = time.monotonic()
        sent = 500
        while sent < total + 500:
            due = 500 + min(total, int((time.monotonic() - started) * rate))
            if due > sent:
                send(values[sent:due])
                sent = due
            time.sleep(0.05)
        produced = time.monotonic() - started
        drain = wait_caught_up(600)
        sampling.set()
        sampler.join()
        cpu = {name: _cpu(p) - cpu0[name] for name, p in procs.items()}
    finally:
        producer.close()
        for consumer, _tps in readers:
            consumer.close(autocommit=False)
        for p in procs.values():
            p.terminate()
    print(f"4. through the broker: {total:,} tagged records at {total / produced:,.0f} articles/s (2% meetings) "
          f"for {produced:.0f} s; each stage its own process")
    print("   | stage | most records behind | caught up after the last record | CPU s | articles per CPU-second |")
    for (label, _g, _t, proc), peak in zip(watched, peaks, strict=True):
        per_cpu = total / cpu[proc] if cpu[proc] else float("inf")
        print(f"   | {label} | {peak:,} | {drain:.1f} s (all stages) | {cpu[proc]:.1f} | {per_cpu:,.0f} |")
    print("   (the resolver's two steps share one process: its CPU and rate are the pair's)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--postgres", help="also measure the store on this PostgreSQL URL (an empty database)")
    parser.add_argument("--start-postgres", action="store_true",
                        help="start a throwaway PostgreSQL server (Debian's postgresql) for the store figures")
    parser.add_argument("--broker", help="also run the stages through this Kafka bootstrap (section 4)")
    parser.add_argument("--broker-seconds", type=float, default=30.0)
    parser.add_argument("--rate", type=int, default=1000, help="articles/s produced in section 4")
    parser.add_argument("--skip-questions", action="store_true", help="leave out section 3 (the slow one)")
    args = parser.parse_args()
    server = None
    if args.start_postgres:
        from tests.support.postgres import PostgresServer

        server = PostgresServer()
        server.init()
        server.start()
        args.postgres = server.create_database("bench_store")
        _SERVER.append(server)
    try:
        return run(args)
    finally:
        if server is not None:
            server.stop()
            server.remove()


_SERVER: list = []


def server_database(args: argparse.Namespace, name: str) -> str:
    """Another empty database beside --postgres: on the started server, else the same URL's server."""
    if _SERVER:
        return _SERVER[0].create_database(name)
    return args.postgres  # a given URL is used as it is (the store upserts; its rate is still the figure)


def run(args: argparse.Namespace) -> int:
    rng = random.Random(16)
    values = stream(args.articles, rng)
    bare, resolver, written = bench_resolver(values)
    print(f"1. resolver, {args.articles:,} tagged records (2% meetings), CPU seconds on one core:")
    print(f"   bare decode {args.articles / bare:,.0f} articles/s; both resolver steps {args.articles / resolver:,.0f} "
          f"articles/s ({resolver / bare:.2f}x the bare pass's CPU); {len(written)} meeting revisions")
    with tempfile.TemporaryDirectory() as folder:
        targets = [("sqlite", f"sqlite:///{folder}/bench-store.db")] + (
            [("postgresql", args.postgres)] if args.postgres else [])
        print(f"2. meeting store, {len(written)} revisions in batches of 500:")
        for name, url in targets:
            elapsed = bench_store(url, written)
            rate = len(written) / elapsed
            print(f"   {name}: {rate:,.0f} meeting records/s = {rate / len(written) * args.articles:,.0f} articles/s "
                  f"at 2% meetings")
        if not args.skip_questions:
            print(f"3. `newswatch meetings --country KR --with JP` (page of 100 + count), {args.reports:,} reports:")
            times = bench_questions(f"sqlite:///{folder}/bench-questions.db", args.reports, rng)
            q = statistics.quantiles(times, n=20)
            print(f"   sqlite: p50 {statistics.median(times) * 1000:.1f} ms, p95 {q[18] * 1000:.1f} ms "
                  f"(target 200 ms)")
        if args.broker:
            pg = args.postgres
            if pg:  # a fresh database for the broker run: the store's first section filled the other
                pg = server_database(args, "bench_broker_store")
            stores = [("sqlite", f"sqlite:///{folder}/broker-store.db")] + ([("postgresql", pg)] if pg else [])
            bench_broker(args.broker, args.broker_seconds, args.rate, stores, Path(folder), rng)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
