"""The adaptive schedule: when to poll each feed next, within a global budget and politeness.

After each successful poll the feed's publication times join its history (``FeedState.extra``,
so they survive restarts), its pattern is learnt again (``pattern.py``), and its next poll is
the moment the integral of 1 / ``budget.interval`` since now reaches one poll (the integral of
√(expected rate) reaching the plan's scale; with a deadline weight, a feed-hour worth it polled
at the deadline), or sooner while a burst is likely to continue. Then politeness has the last word:

- never sooner than the floor: ``min_interval_seconds``, the feed's own ``interval_seconds``,
  RSS ``<ttl>``, ``Retry-After`` and ``Cache-Control: max-age``;
- never two requests to one host closer than 3600 / ``per_host_requests_per_hour`` seconds;
- never later than ``max_interval_seconds``.

The plan is made again every ``replan_seconds``; a feedback factor corrects the scale when the
requests actually made drift from what the plan expected (bursts, floors learnt since).
Errors keep the fixed back-off of ``schedule.Policy``; feeds without a pattern yet keep the
fixed interval.
"""

from __future__ import annotations

import bisect
import math
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import numpy as np

from newswatch.collectors.budget import Deadline, Plan, interval, solve
from newswatch.collectors.config import CollectorConfig, FeedConfig
from newswatch.collectors.pattern import BURST_SECONDS, HOUR, Pattern, describe, hour_of_week, learn, remember
from newswatch.collectors.schedule import FeedState, max_age_seconds
from newswatch.http_headers import retry_after_seconds

#: The default deadline, as a share of the fixed interval (``adaptive.deadline_seconds``).
DEADLINE_SHARE = 0.45


@dataclass(frozen=True)
class Decision:
    wait: float  # seconds from now
    reason: str  # why this long: pattern, burst, floor (which), ceiling, fixed


def floor_seconds(config: CollectorConfig, feed: FeedConfig, now: float, *, headers: Mapping[str, str],
                  ttl: float | None) -> tuple[float, str]:
    """The shortest wait politeness allows after this answer, and what imposed it."""
    hints = [(config.min_interval_seconds, "min_interval_seconds"), (feed.interval_seconds, "the feed's interval"),
             (ttl, "RSS ttl"), (retry_after_seconds(headers.get("retry-after"), now), "Retry-After"),
             (max_age_seconds(headers.get("cache-control")), "Cache-Control max-age")]
    value, name = max(((v, n) for v, n in hints if v is not None), key=lambda h: h[0])
    return value, name


def next_wait(pattern: Pattern, now: float, scale: float, *, floor: float, ceiling: float,
              last_published: float | None = None, deadline: Deadline | None = None) -> tuple[float, str]:
    """Seconds until one poll's worth of 1 / interval(rate) has accrued since now (``budget.interval``:
    with no deadline, the integral of √rate reaching ``scale``), or a burst's shorter wait."""
    remaining, t, reason = 1.0, now, "pattern"
    while t - now < ceiling:
        boundary = (math.floor(t / HOUR) + 1) * HOUR
        speed = 1.0 / interval(pattern.rate_at(t), scale, deadline)  # polls per second this hour
        if speed * (boundary - t) >= remaining:
            t += remaining / speed
            break
        remaining -= speed * (boundary - t)
        t = boundary
    wait = t - now
    if last_published is not None and pattern.burst > 0 and now >= last_published:
        boost = pattern.burst * HOUR / BURST_SECONDS * math.exp(-(now - last_published) / BURST_SECONDS)
        burst_wait = interval(pattern.rate_at(now) + boost, scale, deadline)
        if burst_wait < wait:
            wait, reason = burst_wait, "burst"
    if wait >= ceiling:
        return ceiling, "max_interval_seconds"
    return wait, reason


def reserve(slots: list[float], candidate: float, spacing: float) -> float:
    """The earliest time >= ``candidate`` at least ``spacing`` from every reserved slot (sorted)."""
    t = candidate
    i = bisect.bisect_left(slots, t - spacing)
    while i < len(slots) and slots[i] < t + spacing:
        t = max(t, slots[i] + spacing)
        i += 1
    bisect.insort(slots, t)
    return t


class AdaptiveSchedule:
    """The adaptive schedule's memory: patterns, the current plan, each host's reserved slots."""

    def __init__(self, config: CollectorConfig):
        self.config = config
        adaptive = config.adaptive
        self.deadline = Deadline(adaptive.deadline_seconds or DEADLINE_SHARE * config.interval_seconds,
                                 adaptive.deadline_weight)
        self.patterns: dict[str, Pattern | None] = {}
        self.descriptions: dict[str, str] = {}
        self.floors: dict[str, float] = {}
        self.plan: Plan | None = None
        self.planned_at: float | None = None
        self.correction = 1.0
        self._weeks: dict[str, np.ndarray] = {}  # url -> the pattern's 168 hourly rates
        self._learnt: dict[str, tuple[int, float]] = {}  # url -> (history length, when) at the last learn
        self._made = 0  # requests since the last plan
        self._window: deque[tuple[float, int, float]] = deque()  # (plan ended, requests made, expected)
        self._hosts: dict[str, str] = {}
        self._started: float | None = None
        self._fixed_rate = 0.0  # requests per hour of the feeds still on the fixed interval
        self._slots: dict[str, list[float]] = {}
        self._planned_feeds = 0
        self._in_plan: set[str] = set()  # the feeds the current plan shared the budget over

    # -- the plan -------------------------------------------------------------------------
    def budget(self, feeds: Sequence[FeedConfig]) -> float:
        return self.config.adaptive.budget_requests_per_hour or len(feeds) * HOUR / self.config.interval_seconds

    def replan(self, feeds: Sequence[FeedConfig], now: float, *, force: bool = False) -> None:
        """Share the budget out again: every ``replan_seconds``, when feeds got their first pattern, or ``force``."""
        if (not force and self.planned_at is not None and len(self._weeks) == self._planned_feeds
                and now - self.planned_at < self.config.adaptive.replan_seconds):
            return
        self._correct(now)
        rows, floors, fixed = [], [], 0.0
        self._in_plan = set()
        for feed in feeds:
            week = self._weeks.get(feed.url)
            if week is None:  # polled on the fixed interval until it has a pattern
                fixed += HOUR / max(feed.interval_seconds or self.config.interval_seconds,
                                    self.config.min_interval_seconds)
                continue
            self._in_plan.add(feed.url)
            rows.append(week)
            floors.append(self.floors.get(feed.url, self.config.min_interval_seconds))
        rates = np.array(rows) if rows else np.zeros((0, 168))
        self.plan = solve(rates, np.array(floors), self.config.max_interval_seconds,
                          max(self.budget(feeds) - fixed, 1.0), guess=self.plan.scale if self.plan else None,
                          deadline=self.deadline)
        self.planned_at = now
        self._planned_feeds = len(rows)
        self._fixed_rate = fixed

    def _correct(self, now: float) -> None:
        """Nudge the scale towards spending, over the last hour, what the plans expected for it."""
        if self.plan is not None and self.planned_at is not None:
            expected = (self.plan.hourly[hour_of_week(self.planned_at)] + self._fixed_rate) \
                * (now - self.planned_at) / HOUR
            self._window.append((now, self._made, expected))
            self._made = 0
        while self._window and self._window[0][0] < now - HOUR:
            self._window.popleft()
        made, expected = sum(w[1] for w in self._window), sum(w[2] for w in self._window)
        if self._started is None or now - self._started < HOUR or expected <= 0:
            return
        ratio = made / expected
        self.correction = min(4.0, max(0.25, self.correction * min(1.25, max(0.8, ratio ** 0.5))))

    def counted(self, now: float) -> None:
        """One request was made (``after_success`` counts its own; the poller counts failed ones)."""
        if self._started is None:
            self._started = now
        self._made += 1

    # -- one feed -------------------------------------------------------------------------
    def observe(self, feed: FeedConfig, state: FeedState, now: float, published: Iterable[float]) -> None:
        """Add the publication times a poll served to the feed's history; learn again when it grew."""
        history = remember(state.extra.get("published") or [], published, now)
        state.extra["published"] = history
        size, when = self._learnt.get(feed.url, (0, -math.inf))
        grown = len(history) - size
        if (feed.url not in self.patterns or grown >= max(1, size // 10) or (grown and now - when >= HOUR)
                or now - when >= 6 * HOUR):  # silence lowers the rate too
            pattern = self.patterns[feed.url] = learn(history, now)
            self._learnt[feed.url] = (len(history), now)
            self.descriptions[feed.url] = describe(pattern)
            if pattern is None:
                self._weeks.pop(feed.url, None)
            else:
                self._weeks[feed.url] = np.array(pattern.week())

    def place(self, url: str, at: float, now: float) -> float:
        """The earliest time >= ``at`` that keeps the feed's host within its request rate (now reserved)."""
        spacing = HOUR / self.config.adaptive.per_host_requests_per_hour
        host = self._hosts.get(url)
        if host is None:
            host = self._hosts[url] = urlsplit(url).netloc.lower()
        slots = self._slots.setdefault(host, [])
        del slots[:bisect.bisect_left(slots, now - spacing)]  # forget the past
        return reserve(slots, at, spacing)

    def decide(self, feed: FeedConfig, state: FeedState, now: float, *, headers: Mapping[str, str],
               ttl: float | None) -> Decision:
        """The wait before this feed's next poll, after a successful one at ``now``."""
        floor, floor_name = floor_seconds(self.config, feed, now, headers=headers, ttl=ttl)
        self.floors[feed.url] = floor
        ceiling = self.config.max_interval_seconds
        pattern = self.patterns.get(feed.url)
        if pattern is None or self.plan is None or feed.url not in self._in_plan:
            wait, reason = max(feed.interval_seconds or self.config.interval_seconds, floor), "fixed interval"
        else:
            history = state.extra.get("published") or ()
            wait, reason = next_wait(pattern, now, self.plan.scale * self.correction, floor=floor, ceiling=ceiling,
                                     last_published=history[-1] if history else None, deadline=self.deadline)
            if wait < floor:
                wait, reason = floor, floor_name
        wait = min(wait, ceiling)
        at = self.place(state.fetch_url, now + wait, now)
        return Decision(wait=at - now, reason="per-host limit" if at > now + wait else reason)

    def after_success(self, feed: FeedConfig, state: FeedState, now: float, *, headers: Mapping[str, str],
                      ttl: float | None, published: Iterable[float] = ()) -> Decision:
        """Learn from the poll and set ``state.next_check``; the caller already applied ``Policy``."""
        self.counted(now)
        self.observe(feed, state, now, published)
        decision = self.decide(feed, state, now, headers=headers, ttl=ttl)
        state.next_check = now + decision.wait
        state.extra["next_reason"] = decision.reason
        return decision

    def explain(self, feed: FeedConfig, state: FeedState, now: float) -> str:
        """ "next in 74 s: publishes ~9/h on weekdays 01-09 UTC" (and what set the wait, when not the pattern)."""
        return explain(Decision(max(0.0, state.next_check - now), state.extra.get("next_reason", "pattern")),
                       self.descriptions.get(feed.url) or describe(None))


def explain(decision: Decision, description: str) -> str:
    text = f"next in {decision.wait:.0f} s: {description}"
    if decision.reason != "pattern":
        text += f" ({decision.reason})"
    return text
