"""Detection delay: the fixed 300 s schedule against the adaptive one, for the same number of requests.

    python bench/bench_polling.py [--feeds 1000] [--seed 7]

1,000 simulated feeds publish on realistic schedules for two weeks: a few prolific wires (around
the clock, quieter at night and at weekends), national news agencies (busy in their own office
hours), and many quiet ministries and alliances (a press release or two on a weekday, often in
bursts, almost nothing at weekends). Some answer with ``Cache-Control: max-age`` or an RSS
``<ttl>``, and ministries share hosts six to a host. Each feed serves its newest 20 items and
answers 304 when nothing changed. Week one is history (served on the first poll); week two is
measured, under a fake clock that jumps from one poll to the next.

The fixed schedule is ``schedule.Policy``, the collector's own scheduler with adaptive polling off
(interval 300 s, lengthened by each answer's max-age and TTL, as the collector does; no simulated
server sends Retry-After, so neither schedule sees one). The adaptive
schedule is ``adaptive.AdaptiveSchedule``, the code the collector runs, given as its budget the
requests per hour the fixed schedule spent. The delay of an item is the time from its
publication to the first poll that sees it.

Asserted here: no feed is polled sooner than its politeness floor allows (``min_interval_seconds``,
max-age, TTL), no host more often than ``per_host_requests_per_hour``, and the adaptive schedule
spends at most 2% more requests than the fixed one. The week is simulated without HTTP (two million
polls). Then, with ``--http N`` (default 24), a sample of N of the same feeds is served over HTTP on
loopback (one server per host, on 127.0.0.x, with ETag/304, max-age and TTL) for ``--http-hours``
of the Monday, and the real ``Poller`` (fetch, parse, dedup, the schedule hook) polls them under the
same fake clock, fixed and adaptive side by side; the same politeness is asserted on the requests
the servers saw.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import hashlib
import heapq
import http.server
import random
import statistics
import sys
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from email.utils import formatdate

from prometheus_client import CollectorRegistry

from newswatch.collectors.adaptive import AdaptiveSchedule
from newswatch.collectors.config import AdaptiveConfig, CollectorConfig, FeedConfig
from newswatch.collectors.pattern import HOUR, WEEK
from newswatch.collectors.poller import Poller
from newswatch.collectors.schedule import FeedState, Policy
from newswatch.collectors.service import Publisher
from newswatch.collectors.state_store import MemoryStateStore
from newswatch.metrics import CollectorMetrics, PipelineMetrics

#: Monday 2026-11-02 00:00 UTC: the measured week starts here, the history week before it.
START = 1_793_577_600.0
SERVED = 20
MIN_INTERVAL = 30.0
FIXED = 300.0


@dataclass
class SimFeed:
    config: FeedConfig
    kind: str
    times: list[float]  # publication times, sorted
    max_age: float | None = None
    ttl: float | None = None
    polls: list[float] = field(default_factory=list)

    @property
    def headers(self) -> dict[str, str]:
        return {"cache-control": f"max-age={self.max_age:.0f}"} if self.max_age else {}


def _poisson(rng: random.Random, start: float, end: float, rate_at) -> list[float]:  # noqa: ANN001
    """Arrival times of a Poisson process with an hourly-constant rate (items per hour), by thinning."""
    out: list[float] = []
    t = start
    while t < end:
        hour_end = min(end, (t // HOUR + 1) * HOUR)
        rate = rate_at(t)
        if rate > 0:
            while True:
                t += rng.expovariate(rate / HOUR)
                if t >= hour_end:
                    break
                out.append(t)
        t = hour_end
    return out


def _local(t: float, tz: int) -> tuple[int, bool]:
    """Local hour and whether it is a weekday, for a UTC offset in hours."""
    local = t + tz * HOUR
    day = (int(local // 86400) + 3) % 7  # epoch day 0 was a Thursday (Monday = 0)
    return int(local // HOUR) % 24, day < 5


def make_feeds(n: int, rng: random.Random) -> list[SimFeed]:
    start, end = START - WEEK, START + WEEK
    feeds: list[SimFeed] = []
    wires, agencies = max(1, n // 100), max(1, n // 11)
    for i in range(n):
        if i < wires:
            kind, host = "wire", f"wire{i}.example"

            def rate(t: float) -> float:
                hour, weekday = _local(t, 0)
                return (40.0 if 6 <= hour < 22 else 10.0) * (1.0 if weekday else 0.5)
            times = _poisson(rng, start, end, rate)
        elif i < wires + agencies:
            kind, host, tz = "agency", f"agency{i}.example", rng.randint(-8, 9)

            def rate(t: float, tz: int = tz) -> float:
                hour, weekday = _local(t, tz)
                return (4.0 if 7 <= hour < 19 else 0.4) * (1.0 if weekday else 0.3)
            times = _poisson(rng, start, end, rate)
        else:
            kind, host, tz = "ministry", f"gov{(i - wires - agencies) // 6}.example", rng.randint(-8, 9)
            per_day = rng.choice((0.5, 1.0, 1.5, 2.0, 3.0))

            def rate(t: float, tz: int = tz, per_day: float = per_day) -> float:  # bursts per hour
                hour, weekday = _local(t, tz)
                return (per_day / 8 if 9 <= hour < 17 else 0.0) if weekday else per_day / 400
            times = []
            for burst in _poisson(rng, start, end, rate):  # a burst: 1-4 releases within ten minutes
                times.extend(burst + rng.uniform(0, 600) * (k > 0) for k in range(rng.choice((1, 1, 2, 3, 4))))
            times.sort()
        feed = SimFeed(FeedConfig(url=f"https://{host}/{kind}/{i}.xml", name=f"{kind}-{i}"), kind, times)
        roll = rng.random()
        if roll < 0.06:
            feed.max_age = rng.choice((60.0, 120.0, 300.0))
        elif roll < 0.08:
            feed.ttl = 900.0
        feeds.append(feed)
    return feeds


def served(feed: SimFeed, now: float) -> list[float]:
    upto = bisect.bisect_right(feed.times, now)
    return feed.times[max(0, upto - SERVED):upto]


def delays(feed: SimFeed) -> list[float]:
    """Seconds from each measured-week item's publication to the first poll at or after it."""
    out = []
    for t in feed.times:
        if START <= t < START + WEEK:
            i = bisect.bisect_left(feed.polls, t)
            out.append((feed.polls[i] if i < len(feed.polls) else START + WEEK) - t)
    return out


def run(feeds: list[SimFeed], schedule, rng: random.Random, place=None) -> None:  # noqa: ANN001
    """Drive ``schedule(feed, state, now, new)`` from poll to poll over the week (a fake clock).

    Every feed's first poll falls in the first five minutes (through ``place``, the host limit, if given).
    """
    states = [FeedState(url=f.config.url) for f in feeds]
    firsts = sorted(START + rng.uniform(0, FIXED) for _ in feeds)
    events = [(place(f.config.url, t, t) if place else t, i)
              for i, (f, t) in enumerate(zip(feeds, firsts, strict=True))]
    heapq.heapify(events)
    seen_upto = [-1.0] * len(feeds)
    while events:
        now, i = heapq.heappop(events)
        if now >= START + WEEK:
            continue
        feed = feeds[i]
        feed.polls.append(now)
        items = served(feed, now)
        changed = bool(items) and items[-1] > seen_upto[i]
        if changed:
            seen_upto[i] = items[-1]
        schedule(feed, states[i], now, items if changed else None)
        heapq.heappush(events, (states[i].next_check, i))


def fixed_schedule():  # noqa: ANN201
    policy = Policy(interval=FIXED, ceiling=24 * HOUR, error_limit=10)

    def step(feed: SimFeed, state: FeedState, now: float, items: list[float] | None) -> None:
        policy.after_success(state, now, headers=feed.headers, ttl=feed.ttl)
    return step


def adaptive_schedule(config: CollectorConfig, feeds: list[SimFeed]):  # noqa: ANN201
    schedule = AdaptiveSchedule(config)
    policy = Policy(config.interval_seconds, config.max_interval_seconds, config.error_limit)
    configs = [f.config for f in feeds]

    def step(feed: SimFeed, state: FeedState, now: float, items: list[float] | None) -> None:
        schedule.replan(configs, now)
        policy.after_success(state, now, headers=feed.headers, ttl=feed.ttl)
        schedule.after_success(feed.config, state, now, headers=feed.headers, ttl=feed.ttl, published=items or ())
    return step, schedule


def check_politeness(feeds: list[SimFeed], config: CollectorConfig, *, hosts_limited: bool = True
                     ) -> tuple[float, float]:
    """Assert every feed's and host's spacing; returns the shortest feed gap and host gap seen."""
    shortest_feed = shortest_host = float("inf")
    hosts: dict[str, list[float]] = {}
    for feed in feeds:
        floor = max(config.min_interval_seconds, feed.max_age or 0.0, feed.ttl or 0.0)
        gaps = [b - a for a, b in zip(feed.polls, feed.polls[1:], strict=False)]
        if gaps:
            assert min(gaps) >= floor - 1e-6, f"{feed.config.name} polled after {min(gaps):.1f} s < {floor} s"
            assert max(gaps) <= config.max_interval_seconds + 1e-6, f"{feed.config.name} left {max(gaps):.0f} s"
            shortest_feed = min(shortest_feed, min(gaps))
        hosts.setdefault(feed.config.url.split("/")[2], []).extend(feed.polls)
    spacing = HOUR / config.adaptive.per_host_requests_per_hour
    for host, polls in hosts.items():
        polls.sort()
        gaps = [b - a for a, b in zip(polls, polls[1:], strict=False)]
        if gaps and hosts_limited:
            assert min(gaps) >= spacing - 1e-6, f"{host} polled twice within {min(gaps):.2f} s < {spacing} s"
            shortest_host = min(shortest_host, min(gaps))
    return shortest_feed, shortest_host


def quantile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


def measured_requests(feeds: list[SimFeed]) -> int:
    return sum(1 for f in feeds for t in f.polls if START <= t < START + WEEK)


def free(feed: SimFeed) -> bool:
    """Whether the schedule, not the publisher's max-age or TTL, decides how often the feed may be polled."""
    return max(feed.max_age or 0.0, feed.ttl or 0.0) < FIXED


def report(label: str, feeds: list[SimFeed], seconds: float) -> dict[str, float]:
    all_delays = [d for f in feeds for d in delays(f)]
    free_delays = [d for f in feeds if free(f) for d in delays(f)]
    by_kind = {k: statistics.median([d for f in feeds if f.kind == k for d in delays(f)] or [0.0])
               for k in ("wire", "agency", "ministry")}
    row = {"median": statistics.median(all_delays), "p95": quantile(all_delays, 0.95),
           "free_median": statistics.median(free_delays), "free_p95": quantile(free_delays, 0.95),
           "requests": measured_requests(feeds), "items": len(all_delays), **by_kind, "cpu": seconds}
    print(f"{label:<10} {row['median']:>9.1f} {row['p95']:>9.1f} {row['free_median']:>9.1f} {row['free_p95']:>9.1f} "
          f"{row['requests']:>10,d} {row['items']:>8,d} "
          f"{row['wire']:>8.1f} {row['agency']:>8.1f} {row['ministry']:>9.1f} {seconds:>7.1f}")
    return row


class FakeClock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


def rss_at(feed: SimFeed, now: float) -> bytes:
    ttl = f"<ttl>{feed.ttl / 60:.0f}</ttl>" if feed.ttl else ""
    items = "".join(f"<item><title>{feed.config.name} {t:.0f}</title>"
                    f"<link>https://{feed.config.name}.example/{t:.3f}</link>"
                    f"<pubDate>{formatdate(t, usegmt=True)}</pubDate></item>" for t in reversed(served(feed, now)))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{feed.config.name}</title>'
            f"<link>https://{feed.config.name}.example/</link>{ttl}{items}</channel></rss>").encode()


class LoopbackHost:
    """One simulated host on its own loopback address: serves its feeds as the fake clock says."""

    def __init__(self, address: str, feeds: dict[str, SimFeed], clock: FakeClock):
        host = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return

            def do_GET(self) -> None:  # noqa: N802 - stdlib name
                feed = feeds[self.path]
                now = clock()
                feed.polls.append(now)
                body = rss_at(feed, now)
                etag = '"' + hashlib.blake2b(body, digest_size=8).hexdigest() + '"'
                fresh = self.headers.get("if-none-match") == etag
                self.send_response(304 if fresh else 200)
                self.send_header("etag", etag)
                for key, value in feed.headers.items():
                    self.send_header(key, value)
                self.send_header("content-type", "application/rss+xml")
                self.send_header("content-length", "0" if fresh else str(len(body)))
                self.end_headers()
                if not fresh:
                    self.wfile.write(body)

        host.server = http.server.ThreadingHTTPServer((address, 0), Handler)
        host.server.daemon_threads = True
        threading.Thread(target=host.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Recorder:
    """The producer the bench's Poller sends to: scheduling is measured here, not Kafka."""

    class Done:
        def get(self, timeout: float | None = None) -> None:
            return None

    def send(self, topic: str, **_record: object) -> Done:
        return self.Done()

    def flush(self) -> None:
        return None


def run_http(sample: list[SimFeed], config: CollectorConfig, start: float, end: float) -> None:
    """The real Poller over loopback HTTP from ``start`` to ``end`` on a fake clock; polls land in each feed."""
    clock = FakeClock(start)
    by_host: dict[str, dict[str, SimFeed]] = {}
    for feed in sample:
        host, path = feed.config.url.split("/", 3)[2], "/" + feed.config.url.split("/", 3)[3]
        by_host.setdefault(host, {})[path] = feed
    feeds: list[FeedConfig] = []
    with ExitStack() as stack:
        for k, (_host, paths) in enumerate(sorted(by_host.items())):
            server = LoopbackHost(f"127.0.0.{k + 2}", paths, clock)
            stack.callback(server.close)
            port = server.server.server_address[1]
            for path, feed in paths.items():
                feeds.append(FeedConfig(url=f"http://127.0.0.{k + 2}:{port}{path}", name=feed.config.name))
        registry = CollectorRegistry()
        poller = Poller(config.model_copy(update={"allow_networks": ("127.0.0.0/8",), "parse_workers": 0}),
                        Publisher(Recorder(), "articles", MemoryStateStore(), set()), {}, clock=clock,  # type: ignore[arg-type]
                        metrics=CollectorMetrics(registry), pipeline=PipelineMetrics(registry))
        while clock.now < end:
            asyncio.run(poller.cycle(feeds))
            wait = poller.next_due_in(feeds)
            clock.now += max(0.001, wait if wait is not None else 60.0)


def http_report(label: str, sample: list[SimFeed], start: float, end: float) -> dict[str, float]:
    found = []
    for feed in sample:
        for t in feed.times:
            if start <= t < end:
                i = bisect.bisect_left(feed.polls, t)
                found.append((feed.polls[i] if i < len(feed.polls) else end) - t)
    requests = sum(len(f.polls) for f in sample)
    row = {"median": statistics.median(found or [0.0]), "p95": quantile(found, 0.95) if len(found) > 1 else 0.0,
           "requests": requests, "items": len(found)}
    print(f"{label:<10} {row['median']:>9.1f} {row['p95']:>9.1f} {requests:>10,d} {len(found):>8,d}")
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--http", type=int, default=24, help="feeds served on loopback for the real Poller (0: none)")
    parser.add_argument("--http-hours", type=float, default=12.0)
    parser.add_argument("--deadline-weight", type=float, default=AdaptiveConfig().deadline_weight,
                        help="adaptive.deadline_weight (default: the collector's): 0 is the mean delay alone")
    parser.add_argument("--deadline", type=float, default=None,
                        help="adaptive.deadline_seconds (default: the collector's, 0.45 x the fixed interval)")
    args = parser.parse_args()

    started = time.process_time()
    fixed_feeds = make_feeds(args.feeds, random.Random(args.seed))
    run(fixed_feeds, fixed_schedule(), random.Random(1))
    fixed_seconds = time.process_time() - started
    budget = measured_requests(fixed_feeds) / 168

    config = CollectorConfig(min_interval_seconds=MIN_INTERVAL, interval_seconds=FIXED,
                             adaptive=AdaptiveConfig(enabled=True, budget_requests_per_hour=budget,
                                                     deadline_weight=args.deadline_weight,
                                                     deadline_seconds=args.deadline))
    started = time.process_time()
    adaptive_feeds = make_feeds(args.feeds, random.Random(args.seed))  # the same items
    step, schedule = adaptive_schedule(config, adaptive_feeds)
    run(adaptive_feeds, step, random.Random(1), place=schedule.place)
    adaptive_seconds = time.process_time() - started

    kinds = {k: sum(1 for f in fixed_feeds if f.kind == k) for k in ("wire", "agency", "ministry")}
    print(f"{args.feeds} feeds ({kinds['wire']} wires, {kinds['agency']} agencies, {kinds['ministry']} ministries), "
          f"one simulated week (the first poll serves each feed's newest {SERVED} items); "
          f"budget {budget:,.0f} requests/h")
    print(f"{'schedule':<10} {'median s':>9} {'p95 s':>9} {'free p50':>9} {'free p95':>9} "
          f"{'requests':>10} {'items':>8} "
          f"{'wire p50':>8} {'agcy p50':>8} {'mnstr p50':>9} {'cpu s':>7}")
    fixed = report("fixed 300", fixed_feeds, fixed_seconds)
    adaptive = report("adaptive", adaptive_feeds, adaptive_seconds)
    shortest_feed, shortest_host = check_politeness(adaptive_feeds, config)
    # the fixed schedule has no per-host spacing (only the poller's concurrency limit per host)
    check_politeness(fixed_feeds, config.model_copy(update={"min_interval_seconds": FIXED}), hosts_limited=False)
    ratio_req = adaptive["requests"] / fixed["requests"]
    print(f"ratios adaptive/fixed: median {adaptive['median'] / fixed['median']:.2f} (goal <= 0.20), "
          f"p95 {adaptive['p95'] / fixed['p95']:.2f} (goal <= 0.50), requests {ratio_req:.3f}")
    print(f"  on the {sum(free(f) for f in fixed_feeds)} feeds whose max-age/TTL allow polls under {FIXED:.0f} s: "
          f"median {adaptive['free_median'] / fixed['free_median']:.2f}, "
          f"p95 {adaptive['free_p95'] / fixed['free_p95']:.2f}")
    bound = sum(1 for f in fixed_feeds if not free(f) for _ in delays(f)) / fixed["items"]
    print(f"  {bound:.1%} of the items come from feeds whose max-age/TTL hold both schedules at >= {FIXED:.0f} s")
    print(f"fixed baseline: schedule.Policy, the collector's own scheduler with adaptive off: {FIXED:.0f} s, "
          "lengthened by each answer's max-age and TTL as the collector does (no simulated server sends Retry-After)")
    print(f"politeness held: shortest gap between two polls of one feed {shortest_feed:.1f} s "
          f"(floor {MIN_INTERVAL:.0f} s or the feed's max-age/TTL), of one host {shortest_host:.1f} s "
          f"(limit {HOUR / config.adaptive.per_host_requests_per_hour:.1f} s)")
    assert ratio_req <= 1.02, f"adaptive spent {ratio_req:.3f}x the fixed schedule's requests"
    if args.http:
        loopback(args, config)
    return 0


def loopback(args: argparse.Namespace, config: CollectorConfig) -> None:
    """A sample of the same feeds over HTTP on loopback, through the real Poller, both schedules."""
    start, end = START + 6 * HOUR, START + (6 + args.http_hours) * HOUR  # Monday from 06:00 UTC
    step = max(1, args.feeds // args.http)
    picked = list(range(0, args.feeds, step))[:args.http]
    fixed_sample = [make_feeds(args.feeds, random.Random(args.seed))[i] for i in picked]
    started = time.perf_counter()
    run_http(fixed_sample, CollectorConfig(interval_seconds=FIXED, adaptive=AdaptiveConfig(enabled=False)), start, end)
    fixed_seconds = time.perf_counter() - started
    budget = sum(len(f.polls) for f in fixed_sample) / args.http_hours
    adaptive_sample = [make_feeds(args.feeds, random.Random(args.seed))[i] for i in picked]
    http_config = config.model_copy(update={"adaptive": config.adaptive.model_copy(
        update={"budget_requests_per_hour": budget})})
    started = time.perf_counter()
    run_http(adaptive_sample, http_config, start, end)
    adaptive_seconds = time.perf_counter() - started
    print(f"\nloopback HTTP, the real Poller: {len(picked)} of the feeds, "
          f"Monday 06:00-{6 + args.http_hours:02.0f}:00 UTC under the fake clock "
          f"({fixed_seconds:.0f} s and {adaptive_seconds:.0f} s of wall time)")
    print(f"{'schedule':<10} {'median s':>9} {'p95 s':>9} {'requests':>10} {'items':>8}")
    fixed = http_report("fixed 300", fixed_sample, start, end)
    adaptive = http_report("adaptive", adaptive_sample, start, end)
    check_politeness(adaptive_sample, http_config, hosts_limited=True)
    print(f"ratios adaptive/fixed: median {adaptive['median'] / max(fixed['median'], 1e-9):.2f}, "
          f"p95 {adaptive['p95'] / max(fixed['p95'], 1e-9):.2f}, "
          f"requests {adaptive['requests'] / fixed['requests']:.3f}; politeness held on every request the servers saw")


if __name__ == "__main__":
    sys.exit(main())
