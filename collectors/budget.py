"""Sharing a global budget of requests per hour over feeds with known publishing patterns.

A story published while a feed is polled every I seconds waits I/2 on average, and a feed
publishing λ items an hour collects λ·I/2 seconds of waiting per hour. Minimising the total
over all feeds and all hours of the week, for a fixed number of requests, gives I ∝ 1/√λ
(Lagrange): poll where items are likely, but less than in proportion, so quiet feeds are not
starved. The one constant of proportionality, the *scale*, is what the budget decides: the
largest scale whose clamped intervals (politeness floor, ``max_interval_seconds`` ceiling)
still spend no more than the budget. The adaptive schedule polls a feed when the integral of
√λ since its last poll reaches the scale, which is the same rule for a rate that changes
through the day.

The square-root rule minimises the *mean* delay, and it lets a quiet feed's stories wait far
longer than the fixed schedule would. With a deadline ``T`` (``adaptive.deadline_seconds``) and
a weight ``w`` the objective is the mean delay plus ``w`` times the expected time a story waits
beyond ``T``. For a feed polled every ``I`` seconds that excess is (I - T)² / 2I per story, and
the Lagrange condition gives, where the square-root rule's interval ``I₀`` exceeds ``T``,

    I = √((I₀² + w·T²) / (1 + w))

(unchanged where I₀ <= T). Intervals just above the deadline are pulled towards it, paid for by
polling busy feeds a little less far below it; ``w = 0`` is the plain square-root rule.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from newswatch.collectors.pattern import HOUR

#: Below this (items per hour) a rate counts as this: an interval is never infinite.
MIN_RATE = 1e-4
#: Intervals go as rate ** -EXPONENT: 0.5 minimises the mean delay (module docstring).
EXPONENT = 0.5


@dataclass(frozen=True)
class Deadline:
    """The tail term of the objective: ``weight`` x the expected wait beyond ``seconds``."""

    seconds: float
    weight: float


def interval(rate: float, scale: float, deadline: Deadline | None = None) -> float:
    """Seconds between polls of a feed publishing ``rate`` items per hour, for the plan's ``scale``."""
    base = HOUR * scale / max(rate, MIN_RATE) ** EXPONENT
    if deadline is None or deadline.weight <= 0 or base <= deadline.seconds:
        return base
    return math.sqrt((base * base + deadline.weight * deadline.seconds ** 2) / (1.0 + deadline.weight))


@dataclass(frozen=True)
class Plan:
    scale: float  # hours x sqrt(items per hour)
    #: Requests the plan expects in each hour of the week (Monday 00 UTC first), all feeds together.
    hourly: tuple[float, ...]


def solve(week_rates: np.ndarray, floors: np.ndarray, ceiling: float, budget: float, *,
          guess: float | None = None, deadline: Deadline | None = None) -> Plan:
    """The scale that spends ``budget`` requests per hour (averaged over the week) on these feeds.

    ``week_rates``: one row of 168 hourly rates per feed; ``floors``: each feed's shortest allowed
    interval; ``guess``: the last plan's scale, where the search starts.
    """
    if len(week_rates) == 0:
        return Plan(scale=1.0, hourly=(0.0,) * 168)
    most = HOUR / np.minimum(floors, ceiling)  # requests per hour each feed's floor allows
    least = HOUR / ceiling
    roots = np.maximum(week_rates, MIN_RATE) ** EXPONENT
    buffer = np.empty_like(roots)
    pulled = np.empty_like(roots) if deadline is not None and deadline.weight > 0 else buffer

    def hourly(scale: float) -> np.ndarray:
        if deadline is None or deadline.weight <= 0:
            np.multiply(roots, 1.0 / scale, out=buffer)  # requests per hour: rate ** EXPONENT / scale, clamped
        else:  # the same, through ``interval``: seconds first, pulled towards the deadline above it
            np.divide(HOUR * scale, roots, out=buffer)
            np.multiply(buffer, buffer, out=pulled)  # above the deadline the pulled interval is the shorter
            np.add(pulled, deadline.weight * deadline.seconds ** 2, out=pulled)
            np.multiply(pulled, 1.0 / (1.0 + deadline.weight), out=pulled)
            np.sqrt(pulled, out=pulled)
            np.minimum(buffer, pulled, out=buffer)
            np.divide(HOUR, buffer, out=buffer)
        np.maximum(buffer, least, out=buffer)
        np.minimum(buffer, most[:, None], out=buffer)
        return buffer.sum(axis=0)

    def spend(scale: float) -> float:
        return float(hourly(scale).mean())

    lo = hi = guess or 0.1
    for _ in range(40):  # bracket: spend(lo) >= budget >= spend(hi), or the bounds of what clamping allows
        if spend(lo) >= budget or lo < 1e-6:
            break
        lo /= 4
    for _ in range(40):
        if spend(hi) <= budget or hi > 1e4:
            break
        hi *= 4
    for _ in range(12):  # bisection in log space: to under 0.1 % of the scale
        mid = (lo * hi) ** 0.5
        if spend(mid) > budget:
            lo = mid
        else:
            hi = mid
    return Plan(scale=hi, hourly=tuple(float(x) for x in hourly(hi)))
