"""A feed's publishing pattern, learnt from the publication times it has served.

The pattern is a rate (items per hour) for each hour of the day, separately for weekdays and
weekends (48 bins, UTC), plus a burstiness figure: the share of items that follow the previous
one within ``BURST_SECONDS``, beyond the share a random (Poisson) feed of the same rates shows.
Each bin's rate is its count over its exposure (the hours of that bin the observed window
covers), shrunk towards the feed's overall rate so that a bin seen for only an hour or two says
little; neighbouring hours are smoothed together. A quiet feed whose weekday items all fall within
a working day's span is read as publishing in an office block of 8-10 hours (``_office_block``),
so the weekday hours around its releases keep a rate even before a release has fallen in them.

Pure functions over plain numbers: the adaptive schedule (``adaptive.py``) and
``newswatch feeds check`` use them, and so does the simulation in ``bench/bench_polling.py``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

HOUR = 3600.0
WEEK = 168 * HOUR
#: Publication times older than this are forgotten; newer ones kept, up to HISTORY of them.
HORIZON = 60 * 24 * HOUR
HISTORY = 200
#: Two items this close belong to one burst.
BURST_SECONDS = 600.0
#: Pseudo-hours of exposure at the overall rate added to every bin (the shrinkage).
PRIOR_HOURS = 0.5
#: The lengths (hours) a working day's block of publishing may have: ``_office_block``.
OFFICE_HOURS = (8, 9, 10)
#: Epoch 0 was a Thursday: hour-of-week 72 when Monday 00:00 UTC is 0.
_EPOCH_HOUR_OF_WEEK = 72


def hour_of_week(t: float) -> int:
    return (int(t // HOUR) + _EPOCH_HOUR_OF_WEEK) % 168


def bin_of(t: float) -> int:
    """0-23: weekday hours (UTC); 24-47: weekend hours."""
    how = hour_of_week(t)
    return (24 if how >= 120 else 0) + how % 24


@dataclass(frozen=True)
class Pattern:
    rates: tuple[float, ...]  # 48 bins, items per hour
    overall: float  # items per hour over the whole window
    burst: float  # share of items within BURST_SECONDS of the previous one, beyond what chance explains
    items: int
    window_hours: float
    counts: tuple[float, ...] = ()  # 48 bins, before smoothing: what ``describe`` reports
    exposure: tuple[float, ...] = ()

    def rate_at(self, t: float) -> float:
        """Expected items per hour at time ``t`` (from the pattern alone, no burst)."""
        return self.rates[bin_of(t)]

    def week(self) -> list[float]:
        """The rate for each of the 168 hours of the week (Monday 00 UTC first)."""
        return [self.rates[(24 if how >= 120 else 0) + how % 24] for how in range(168)]


def remember(history: Sequence[int], published: Iterable[float], now: float) -> list[int]:
    """The publication times to keep: old and new merged, deduplicated, plausible, newest HISTORY."""
    published = list(published)
    if not published and (not history or history[0] >= now - HORIZON):
        return list(history)
    known = set(history)
    fresh = {int(t) for t in published if now - HORIZON <= t <= now + 300 and int(t) not in known}
    if not fresh and (not history or history[0] >= now - HORIZON):
        return list(history)
    return sorted(known.union(fresh) - {t for t in known if t < now - HORIZON})[-HISTORY:]


def _exposure(start: float, end: float) -> list[float]:
    """Hours of each of the 48 bins between ``start`` and ``end``."""
    exposure = [0.0] * 48
    weeks = int((end - start) // WEEK)
    for b in range(48):
        exposure[b] = weeks * (5.0 if b < 24 else 2.0)
    t = start + weeks * WEEK
    while t < end:
        boundary = (math.floor(t / HOUR) + 1) * HOUR
        exposure[bin_of(t)] += (min(boundary, end) - t) / HOUR
        t = boundary
    return exposure


def _smooth(values: list[float]) -> list[float]:
    """Each hour with a quarter of each neighbour's weight, within weekdays and within weekends."""
    out = [0.0] * 48
    for base in (0, 24):
        for h in range(24):
            out[base + h] = (0.5 * values[base + h] + 0.25 * values[base + (h - 1) % 24]
                             + 0.25 * values[base + (h + 1) % 24])
    return out


def _shortest_arc(hours: Iterable[int]) -> tuple[int, int] | None:
    """(first hour, length) of the shortest circular run of the 24 hours holding all of ``hours``."""
    present = sorted(set(hours))
    if not present:
        return None
    gaps = [((present[(k + 1) % len(present)] - h) % 24 or 24, k) for k, h in enumerate(present)]
    widest, k = max(gaps)  # the run starts after the widest gap between two present hours
    first = present[(k + 1) % len(present)]
    return first, 24 - widest + 1


def _office_block(rates: list[float], times: Sequence[float], exposure: Sequence[float]) -> None:
    """Raise weekday hours that may lie inside the feed's office block (in place).

    A feed whose weekday items all fall within a working day's span (at most ``OFFICE_HOURS[-1]``
    consecutive hours) is read as publishing at a steady rate in a block of working hours that
    holds them all, of a length and position not known yet. Every such block is a hypothesis: its
    length one of ``OFFICE_HOURS``, its position any that holds the items, its rate the ``n``
    items over ``E``, the hours of it the window has seen, and its likelihood (Poisson, at that
    rate) proportional to ``E ** -n``. An hour counts at the block rate averaged over the hypotheses: the hours
    between the first and last item at about the block's rate, the hours beyond it falling off.
    Many items pin the block down to their own span; a feed of ten releases a week keeps the
    hours around its releases, which the per-hour rate alone would leave at almost nothing.
    """
    weekday = [t for t in times if bin_of(t) < 24]
    arc = _shortest_arc(bin_of(t) for t in weekday)
    if arc is None or arc[1] > OFFICE_HOURS[-1]:
        return
    first, length = arc
    n = len(weekday)
    blocks = []  # (seen hours, first hour, length)
    for w in range(max(length, OFFICE_HOURS[0]), OFFICE_HOURS[-1] + 1):
        for start in range(first + length - w, first + 1):  # every position that holds the items
            blocks.append((sum(exposure[h % 24] for h in range(start, start + w)), start, w))
    least = min(seen for seen, _, _ in blocks)
    if least <= 0:  # the items came faster than the window can show (all within a second of its start)
        return
    expected = [0.0] * 24
    total = 0.0
    for seen, start, w in blocks:
        weight = math.exp(-n * math.log(seen / least))  # seen ** -n, relative to the best block's
        for h in range(start, start + w):
            expected[h % 24] += weight * n / seen
        total += weight
    for h in range(24):
        rates[h] = max(rates[h], expected[h] / total)


def learn(times: Iterable[float], now: float) -> Pattern | None:
    """The pattern behind ``times`` (epoch seconds), or None with fewer than two usable times."""
    ordered = sorted(t for t in times if now - HORIZON <= t <= now + 300)
    if len(ordered) < 2:
        return None
    start, end = ordered[0], max(now, ordered[-1])
    exposure = _exposure(start, end)
    total = sum(exposure)
    if total <= 0:
        return None
    counts = [0.0] * 48
    for t in ordered[1:]:  # the first item opens the window: counting it would overstate the rate
        counts[bin_of(t)] += 1
    n = len(ordered) - 1
    overall = n / total
    smooth_counts, smooth_exposure = _smooth(counts), _smooth(exposure)
    rates = [(c + PRIOR_HOURS * overall) / (e + PRIOR_HOURS)
             for c, e in zip(smooth_counts, smooth_exposure, strict=True)]
    _office_block(rates, ordered[1:], exposure)
    close = sum(1 for a, b in zip(ordered, ordered[1:], strict=False) if b - a <= BURST_SECONDS)
    # at random (Poisson at the hour's rate) this many would be as close: only the excess is a burst
    chance = sum(1.0 - math.exp(-rates[bin_of(t)] * BURST_SECONDS / HOUR) for t in ordered[:-1])
    return Pattern(rates=tuple(rates), overall=overall, burst=max(0.0, close - chance) / n, items=n, window_hours=total,
                   counts=tuple(counts), exposure=tuple(exposure))


def _per(rate: float, hours: int, overall: float) -> str:
    """Items per hour when at least one, else per day of ``hours`` active hours, else per week."""
    if rate >= 1.0:
        return f"~{rate:.0f}/h"
    if rate * hours >= 1.0:
        return f"~{rate * hours:.0f}/day"
    return f"~{overall * 168:.1f}/week"


def _active_hours(rates: list[float]) -> tuple[int, int] | None:
    """The shortest circular run of hours holding every hour at >= half the peak; None if ~all day."""
    peak = max(rates)
    busy = [h for h in range(24) if rates[h] >= 0.5 * peak]
    best: tuple[int, int] | None = None
    for first in busy:
        length = max((h - first) % 24 for h in busy) + 1
        if best is None or length < best[1]:
            best = (first, length)
    if best is None or best[1] >= 20:
        return None
    return best[0], (best[0] + best[1]) % 24


def describe(pattern: Pattern | None) -> str:
    """One line a person reads: "publishes ~9/h on weekdays 01-09 UTC"."""
    if pattern is None:
        return "publishing pattern not known yet"
    weekday, weekend = list(pattern.rates[:24]), list(pattern.rates[24:])
    weekdays_only = sum(weekend) < 0.3 * sum(weekday)  # an hour of the weekend is much quieter
    rates = weekday if weekdays_only else [a * 5 / 7 + b * 2 / 7 for a, b in zip(weekday, weekend, strict=True)]
    hours = _active_hours(rates)
    span = range(24) if hours is None else [(hours[0] + i) % 24 for i in range((hours[1] - hours[0]) % 24 or 24)]
    when = "around the clock" if hours is None else f"{hours[0]:02d}-{hours[1]:02d} UTC"
    bins = [h for h in span] + ([] if weekdays_only else [24 + h for h in span])
    seen = sum(pattern.exposure[b] for b in bins)
    rate = sum(pattern.counts[b] for b in bins) / seen if seen else sum(rates[h] for h in span) / len(span)
    days = "on weekdays " if weekdays_only else ""
    bursts = ", in bursts" if pattern.burst >= 0.3 else ""
    return f"publishes {_per(rate, len(span), pattern.overall)} {days}{when}{bursts}"
