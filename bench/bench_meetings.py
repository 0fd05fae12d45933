"""Meetings as records: can the resolver and the meeting store keep up, and how fast are questions?

    python bench/bench_meetings.py [--articles 20000] [--reports 1000000] [--postgres URL]

1. Resolver, on one core (in-process, no broker): tagged records at 2% meetings through both resolver
   steps (re-keying every tagged record, folding each meeting report), side by side with a bare decode
   of the same records: articles/s, and the ratio to the bare pass.
2. Meeting store: the revisions those articles produce, upserted in batches of 500 into SQLite (and
   PostgreSQL with --postgres): meeting records/s, as articles/s at 2% meetings.
3. Questions: `newswatch meetings --country KR --with JP` (the table output's two queries: the page and
   the count) on a SQLite database of --reports reports; p50/p95 over 50 runs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--postgres", help="also measure the store on this PostgreSQL URL (an empty database)")
    args = parser.parse_args()
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
        print(f"3. `newswatch meetings --country KR --with JP` (page of 100 + count), {args.reports:,} reports:")
        times = bench_questions(f"sqlite:///{folder}/bench-questions.db", args.reports, rng)
        q = statistics.quantiles(times, n=20)
        print(f"   sqlite: p50 {statistics.median(times) * 1000:.1f} ms, p95 {q[18] * 1000:.1f} ms (target 200 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
