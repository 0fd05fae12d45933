"""Adaptive polling: patterns learnt from publication times, the budget shared by rate^-1/2, politeness
floors and per-host spacing that always win, and the poller and ``feeds check`` using them."""

from __future__ import annotations

import asyncio
import math
import random
from email.utils import formatdate

import numpy as np
import pytest
from prometheus_client import CollectorRegistry
from typer.testing import CliRunner

from newswatch.cli import _register_all, app
from newswatch.collectors.adaptive import AdaptiveSchedule, next_wait, reserve
from newswatch.collectors.budget import Deadline, interval, penalised, solve
from newswatch.collectors.config import AdaptiveConfig, CollectorConfig, FeedConfig
from newswatch.collectors.pattern import HOUR, WEEK, describe, hour_of_week, learn, remember
from newswatch.collectors.poller import Poller
from newswatch.collectors.schedule import FeedState
from newswatch.collectors.service import Publisher
from newswatch.collectors.state_store import MemoryStateStore
from newswatch.metrics import CollectorMetrics, PipelineMetrics
from tests.support.feed_server import Page

MONDAY = 1_793_577_600.0  # Monday 2026-11-02 00:00 UTC
CONFIG = CollectorConfig(min_interval_seconds=30, interval_seconds=300,
                         adaptive=AdaptiveConfig(enabled=True, budget_requests_per_hour=100))


def office_hours(weeks: int, per_hour: float, first: int, last: int, seed: int = 1) -> list[float]:
    """Items on weekdays between ``first`` and ``last`` o'clock UTC, ``per_hour`` an hour, for ``weeks``."""
    rng = random.Random(seed)
    times = []
    for day in range(7 * weeks):
        if day % 7 >= 5:
            continue
        for hour in range(first, last):
            start = MONDAY + day * 86400 + hour * HOUR
            times.extend(start + rng.uniform(0, HOUR) for _ in range(round(per_hour)))
    return sorted(times)


def test_hour_of_week_starts_on_monday():
    assert hour_of_week(MONDAY) == 0
    assert hour_of_week(MONDAY + 5 * 86400 + 13 * HOUR) == 5 * 24 + 13  # Saturday 13:00


def test_an_office_hours_feed_is_described_by_its_rate_days_and_hours():
    times = office_hours(2, 9, 1, 9)
    pattern = learn(times, MONDAY + 2 * WEEK)
    assert describe(pattern) == "publishes ~9/h on weekdays 01-09 UTC"
    assert pattern.rate_at(MONDAY + 7 * WEEK + 4 * HOUR) > 20 * pattern.rate_at(MONDAY + 7 * WEEK + 15 * HOUR)


def test_a_quiet_office_feed_keeps_the_hours_around_its_releases_and_a_busy_one_its_own_span():
    monday = MONDAY + WEEK
    releases = [monday + 10.2 * HOUR, monday + 86400 + 13.5 * HOUR, monday + 3 * 86400 + 11.7 * HOUR]
    quiet = learn([monday - 86400 + 12 * HOUR, *releases], monday + 5 * 86400).week()  # the first opens the window
    assert min(quiet[10:14]) > 0.05  # around the releases (10, 11, 13 UTC), 12 too: about the block's rate
    assert quiet[9] > quiet[7] > quiet[5] > 2 * quiet[3] and quiet[14] > quiet[16] > quiet[18] > 2 * quiet[20]
    busy = learn(office_hours(2, 9, 1, 9), MONDAY + 2 * WEEK).week()
    assert max(busy[10:24]) < busy[4] / 50  # 720 items in 01-09: the block is that span, nothing beyond it


def test_a_wire_publishes_around_the_clock_and_a_quiet_feed_per_week():
    wire = [MONDAY + i * 90.0 for i in range(200)]  # 40 an hour
    assert describe(learn(wire, wire[-1])) == "publishes ~40/h around the clock"
    quiet = [MONDAY + i * 3 * 86400.0 for i in range(5)]  # every third day at midnight
    assert describe(learn(quiet, quiet[-1] + 86400)) == "publishes ~2.2/week 23-02 UTC"
    assert describe(learn([MONDAY], MONDAY)) == "publishing pattern not known yet"


def test_history_keeps_plausible_times_once_and_the_newest_only():
    now = MONDAY + WEEK
    history = remember([], [now - 10, now - 10, now + 86400, now - 400 * 86400], now)
    assert history == [int(now - 10)]  # the duplicate, the future and the ancient one are dropped
    assert len(remember(history, [now - i for i in range(1, 500)], now)) == 200


def test_the_budget_is_spent_exactly_and_intervals_go_as_one_over_the_root_of_the_rate():
    rates = np.array([[16.0] * 168, [1.0] * 168, [0.25] * 168])
    plan = solve(rates, np.array([1.0, 1.0, 1.0]), 86400, budget=70)
    assert sum(plan.hourly) / 168 == pytest.approx(70, rel=0.002)
    per_feed = [HOUR * plan.scale / math.sqrt(r) for r in (16, 1, 0.25)]
    assert per_feed[1] / per_feed[0] == pytest.approx(4) and per_feed[2] / per_feed[1] == pytest.approx(2)


def test_the_deadline_polls_a_feed_worth_it_at_the_deadline_and_leaves_a_quiet_one_long():
    deadline = Deadline(seconds=150.0, weight=600.0)
    scale = 0.1  # square-root rule: 90 s at 16 items an hour, 360 s at 1, 3600 s at 0.01
    assert interval(16.0, scale, deadline) == pytest.approx(90.0)  # under the deadline: untouched
    # 360 s: polling at 150 s costs 150/2 + 360²/300 = 507 s a story, the best late interval 360² - 2·600·150
    # = 309² s² costs 309/2 + 600·(1 - 150/309) + 360²/618 = 672 s: the deadline wins
    assert interval(1.0, scale, deadline) == pytest.approx(150.0)
    quiet = interval(0.01, scale, deadline)  # 3600 s: √(3600² - 2·600·150) = 3575 s is far cheaper than 150 s
    assert quiet == pytest.approx(math.sqrt(3600.0 ** 2 - 2 * 600 * 150))
    bases = HOUR * scale / np.sqrt(np.array([16.0, 4.0, 1.0, 0.3, 0.1, 0.01]))
    assert penalised(bases, deadline) == pytest.approx(
        [interval(r, scale, deadline) for r in (16.0, 4.0, 1.0, 0.3, 0.1, 0.01)])  # one rule, numbers or arrays


def test_with_a_deadline_the_budget_is_still_spent_exactly_and_moves_from_busy_feeds_to_late_ones():
    deadline = Deadline(seconds=150.0, weight=600.0)
    rates = np.array([[16.0] * 168, [1.0] * 168, [0.25] * 168])
    plain = solve(rates, np.array([1.0, 1.0, 1.0]), 86400, budget=70)
    tail = solve(rates, np.array([1.0, 1.0, 1.0]), 86400, budget=70, deadline=deadline)
    assert sum(tail.hourly) / 168 == pytest.approx(70, rel=0.002)
    middle = [interval(1.0, plan.scale, d) for plan, d in ((plain, None), (tail, deadline))]
    busy = [interval(16.0, plan.scale, d) for plan, d in ((plain, None), (tail, deadline))]
    assert middle[0] > 150 == middle[1] and busy[1] > busy[0]  # one feed's late stories paid for by the busy one


def test_floors_and_the_ceiling_clamp_the_plan():
    rates = np.array([[1000.0] * 168, [1e-9] * 168])
    generous = solve(rates, np.array([60.0, 60.0]), 3600, budget=10_000)
    assert sum(generous.hourly) / 168 == pytest.approx(2 * 60)  # both at their floor: never more often
    mean = solve(rates, np.array([60.0, 60.0]), 3600, budget=0.5)
    assert sum(mean.hourly) / 168 == pytest.approx(2 * 1)  # both at the ceiling: never less often


def test_the_night_is_polled_less_and_the_morning_poll_comes_when_the_office_opens():
    pattern = learn(office_hours(2, 6, 8, 17), MONDAY + 2 * WEEK)
    monday = MONDAY + 2 * WEEK
    night, _ = next_wait(pattern, monday + 2 * HOUR, 1.5, floor=30, ceiling=86400)
    day, _ = next_wait(pattern, monday + 10 * HOUR, 1.5, floor=30, ceiling=86400)
    assert night > 4 * day
    dawn, reason = next_wait(pattern, monday + 6 * HOUR, 1.5, floor=30, ceiling=86400)
    assert reason == "pattern" and dawn < 2 * HOUR + day < night  # the rate rises at 08:00: the poll follows it


def test_a_burst_brings_the_next_poll_forward_and_a_steady_wire_has_none():
    times = []
    for day in range(10):  # one release a day at a random hour, with three more within ten minutes
        start = MONDAY + day * 86400 + random.Random(day).uniform(8, 18) * HOUR
        times += [start, start + 100, start + 250, start + 400]
    pattern = learn(times, times[-1])
    assert pattern.burst > 0.5
    assert describe(pattern).endswith(", in bursts")
    now = times[-1] + 30
    calm, _ = next_wait(pattern, now, 0.2, floor=30, ceiling=86400)
    after, reason = next_wait(pattern, now, 0.2, floor=30, ceiling=86400, last_published=times[-1])
    assert reason == "burst" and after < calm / 2
    wire = learn([MONDAY + i * 90.0 for i in range(200)], MONDAY + 200 * 90)
    assert wire.burst < 0.05  # items 90 s apart are what 40 an hour means, not a burst


def test_host_slots_are_spaced():
    slots: list[float] = []
    assert [reserve(slots, t, 15) for t in (100, 100, 110, 200, 140)] == [100, 115, 130, 200, 145]


def test_politeness_floors_win_and_the_explanation_says_which():
    schedule = AdaptiveSchedule(CONFIG)
    feeds = [FeedConfig(url="https://wire.example/a", name="a"), FeedConfig(url="https://wire.example/b", name="b")]
    now = MONDAY + WEEK
    states = {f.url: FeedState(url=f.url) for f in feeds}
    for feed in feeds:
        schedule.observe(feed, states[feed.url], now, [now - i * 60.0 for i in range(100)])  # 60 an hour
    schedule.replan(feeds, now, force=True)
    held = schedule.after_success(feeds[0], states[feeds[0].url], now, headers={"cache-control": "max-age=600"},
                                  ttl=None)
    assert (held.wait, held.reason) == (600, "Cache-Control max-age")
    free = schedule.after_success(feeds[1], states[feeds[1].url], now, headers={}, ttl=None)
    assert free.wait >= 30
    text = schedule.explain(feeds[0], states[feeds[0].url], now)
    assert text == "next in 600 s: publishes ~60/h around the clock (Cache-Control max-age)"


def test_same_host_feeds_are_never_polled_closer_than_the_host_limit():
    config = CONFIG.model_copy(update={"adaptive": AdaptiveConfig(enabled=True, per_host_requests_per_hour=60)})
    schedule = AdaptiveSchedule(config)
    feeds = [FeedConfig(url=f"https://gov.example/{i}.xml") for i in range(5)]
    now = MONDAY + WEEK
    schedule.replan(feeds, now, force=True)
    times = []
    for feed in feeds:
        state = FeedState(url=feed.url)
        schedule.observe(feed, state, now, [now - i * 30.0 for i in range(100)])
    schedule.replan(feeds, now, force=True)
    for feed in feeds:
        state = FeedState(url=feed.url)
        schedule.after_success(feed, state, now, headers={}, ttl=None)
        times.append(state.next_check)
    times.sort()
    assert all(b - a >= 60 - 1e-9 for a, b in zip(times, times[1:], strict=False))


def rss_dated(title: str, items: list[tuple[str, float]]) -> bytes:
    entries = "".join(f"<item><title>{t}</title><link>http://example.org/{t}</link>"
                      f"<pubDate>{formatdate(when, usegmt=True)}</pubDate></item>" for t, when in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://example.org/</link>{entries}</channel></rss>").encode()


class Recorder:
    """Stands in for the producer where only the schedule is under test (Kafka has its own tests)."""

    class Done:
        def get(self, timeout=None):
            return None

    def __init__(self):
        self.sent = 0

    def send(self, topic, *, key, value, timestamp_ms):
        self.sent += 1
        return self.Done()

    def flush(self):
        return None


def test_the_poller_polls_a_busy_feed_sooner_than_a_quiet_one(feed_server, clock):
    now = clock()
    feed_server.pages["/busy.xml"] = Page(rss_dated("Busy", [(f"b{i}", now - i * 120.0) for i in range(30)]))
    feed_server.pages["/quiet.xml"] = Page(rss_dated("Quiet", [(f"q{i}", now - i * 5 * 86400.0 - i * 7 * 3600.0)
                                                               for i in range(5)]))
    config = CONFIG.model_copy(update={"allow_networks": ("127.0.0.1/32",), "parse_workers": 0})
    registry = CollectorRegistry()
    states: dict[str, FeedState] = {}
    poller = Poller(config, Publisher(Recorder(), "articles", MemoryStateStore(), set()), states, clock=clock,
                    metrics=CollectorMetrics(registry), pipeline=PipelineMetrics(registry))
    feeds = [FeedConfig(url=feed_server.url("/busy.xml"), name="busy"),
             FeedConfig(url=feed_server.url("/quiet.xml"), name="quiet")]
    asyncio.run(poller.cycle(feeds))  # learns both patterns; nothing planned yet: the fixed interval
    assert {s.extra["next_reason"] for s in states.values()} <= {"fixed interval", "per-host limit"}
    clock.now = max(s.next_check for s in states.values())  # 300 s, and 15 s more for the second on this host
    asyncio.run(poller.cycle(feeds))
    busy, quiet = states[feeds[0].url], states[feeds[1].url]
    assert len(busy.extra["published"]) == 30
    assert busy.next_check - clock() < 120 and quiet.next_check - clock() > 10 * (busy.next_check - clock())
    assert poller.adaptive is not None
    assert "publishes ~30/h" in poller.adaptive.explain(feeds[0], busy, clock())
    # a new story appears: the next poll finds it and measures how long it waited
    feed_server.pages["/busy.xml"] = Page(rss_dated("Busy", [("new", clock() + 10.0)]
                                                    + [(f"b{i}", now - i * 120.0) for i in range(30)]))
    clock.now = busy.next_check
    asyncio.run(poller.cycle(feeds))
    assert registry.get_sample_value("newswatch_collector_detection_delay_seconds_count", {"feed": "busy"}) == 1


@pytest.fixture
def cli(monkeypatch, tmp_path):
    for key in ("NEWSWATCH_CONFIG", "NEWSWATCH_COLLECTOR__FEEDS"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)
    _register_all()
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args), catch_exceptions=False)


def test_feeds_check_explains_each_feeds_next_poll(cli, tmp_path, feed_server):
    import time

    now = time.time()
    feed_server.pages["/wire.xml"] = Page(rss_dated("Wire", [(f"w{i}", now - i * 90.0) for i in range(40)]),
                                          headers={"cache-control": "max-age=120"})
    (tmp_path / "newswatch.toml").write_text(
        '[collector]\nallow_networks = ["127.0.0.1/32"]\n'
        'adaptive = { enabled = true, budget_requests_per_hour = 120 }\n\n'
        f'[[collector.feeds]]\nurl = "{feed_server.url("/wire.xml")}"\nname = "wire"\n')
    result = cli("feeds", "check")
    assert result.exit_code == 0, result.output
    assert "next in 120 s: publishes ~40/h around the clock (Cache-Control max-age)" in result.output
