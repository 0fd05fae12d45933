"""Detection delay: the fixed 300 s schedule against the adaptive one, for the same number of requests.

    python bench/bench_polling.py [--feeds 1000] [--seed 7]

1,000 simulated feeds publish on realistic schedules for two weeks: a few prolific wires (around
the clock, quieter at night and at weekends), national news agencies (busy in their own office
hours), and many quiet ministries and alliances (a press release or two on a weekday, often in
bursts, almost nothing at weekends). Some answer with ``Cache-Control: max-age`` or an RSS
``<ttl>``, and ministries share hosts six to a host. Each feed serves its newest 20 items and
answers 304 when nothing changed. Week one is history (served on the first poll); week two is
measured, under a fake clock that jumps from one poll to the next.

The fixed schedule is ``schedule.Policy`` as the collector runs it (interval 300 s). The adaptive
schedule is ``adaptive.AdaptiveSchedule``, the code the collector runs, given as its budget the
requests per hour the fixed schedule spent. The delay of an item is the time from its
publication to the first poll that sees it.

Asserted here: no feed is polled sooner than its politeness floor allows (``min_interval_seconds``,
max-age, TTL), no host more often than ``per_host_requests_per_hour``, and the adaptive schedule
spends at most 2% more requests than the fixed one. The feeds are simulated, not served over HTTP
(two million polls a week); ``tests/collectors/test_adaptive.py`` runs the same schedule through
the real ``Poller`` against loopback feeds.
"""

from __future__ import annotations

import argparse
import bisect
import heapq
import random
import statistics
import sys
import time
from dataclasses import dataclass, field

from newswatch.collectors.adaptive import AdaptiveSchedule
from newswatch.collectors.config import AdaptiveConfig, CollectorConfig, FeedConfig
from newswatch.collectors.pattern import HOUR, WEEK
from newswatch.collectors.schedule import FeedState, Policy

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    started = time.process_time()
    fixed_feeds = make_feeds(args.feeds, random.Random(args.seed))
    run(fixed_feeds, fixed_schedule(), random.Random(1))
    fixed_seconds = time.process_time() - started
    budget = measured_requests(fixed_feeds) / 168

    config = CollectorConfig(min_interval_seconds=MIN_INTERVAL, interval_seconds=FIXED,
                             adaptive=AdaptiveConfig(enabled=True, budget_requests_per_hour=budget))
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
    print(f"politeness held: shortest gap between two polls of one feed {shortest_feed:.1f} s "
          f"(floor {MIN_INTERVAL:.0f} s or the feed's max-age/TTL), of one host {shortest_host:.1f} s "
          f"(limit {HOUR / config.adaptive.per_host_requests_per_hour:.1f} s)")
    assert ratio_req <= 1.02, f"adaptive spent {ratio_req:.3f}x the fixed schedule's requests"
    return 0


if __name__ == "__main__":
    sys.exit(main())
