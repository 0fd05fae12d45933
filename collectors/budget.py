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
longer than the fixed schedule would. A deadline ``T`` (``adaptive.deadline_seconds``) with a
weight ``W`` (``adaptive.deadline_weight``, in seconds) charges every story that waits longer than
``T`` as if it had waited ``W`` seconds more: the objective becomes the mean delay plus ``W``
times the share of late stories. Polled every ``I > T`` seconds, a feed lets 1 - T/I of its
stories be late, so per story and per hour the cost of an interval is

    c(I) = I/2 + W·max(0, 1 - T/I) + I₀²/(2I)

where the last term is the price of the requests, written with the square-root rule's own
interval ``I₀`` for the same scale. Below ``T`` the minimum is ``I₀`` itself; above it the
stationary point is √(I₀² − 2WT). The late term is concave, so the two candidates (``T`` and
that point, where it exists above ``T``) are compared by cost. A feed-hour whose stories are
worth it is polled at the deadline; one too quiet to pay for it keeps a long interval.
``W = 0`` is the plain square-root rule.
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
    """The tail term of the objective: ``weight`` seconds charged for every story later than ``seconds``."""

    seconds: float
    weight: float


def penalised(base: np.ndarray, deadline: Deadline) -> np.ndarray:
    """The cheaper of the deadline and the late side's stationary point, where ``base`` (I₀) exceeds the deadline."""
    t, w = deadline.seconds, deadline.weight
    square = base * base
    beyond = np.sqrt(np.maximum(square - 2.0 * w * t, t * t))  # √(I₀² − 2WT), never below T
    cost_beyond = beyond / 2 + w * (1.0 - t / beyond) + square / (2 * beyond)
    cost_at = t / 2 + square / (2 * t)
    return np.where(base <= t, base, np.where(cost_at <= cost_beyond, t, beyond))


def interval(rate: float, scale: float, deadline: Deadline | None = None) -> float:
    """Seconds between polls of a feed publishing ``rate`` items per hour, for the plan's ``scale``."""
    base = HOUR * scale / max(rate, MIN_RATE) ** EXPONENT
    if deadline is None or deadline.weight <= 0 or base <= deadline.seconds:
        return base
    t, w = deadline.seconds, deadline.weight  # ``penalised`` for one number: called for every hour of every poll
    beyond = math.sqrt(max(base * base - 2.0 * w * t, t * t))
    cost_beyond = beyond / 2 + w * (1.0 - t / beyond) + base * base / (2 * beyond)
    return t if t / 2 + base * base / (2 * t) <= cost_beyond else beyond


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
    tail = deadline is not None and deadline.weight > 0

    def hourly(scale: float) -> np.ndarray:
        if not tail:
            np.multiply(roots, 1.0 / scale, out=buffer)  # requests per hour: rate ** EXPONENT / scale, clamped
        else:  # the same, through the interval: seconds first, with the deadline's choice above it
            np.divide(HOUR, penalised(HOUR * scale / roots, deadline), out=buffer)  # type: ignore[arg-type]
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
