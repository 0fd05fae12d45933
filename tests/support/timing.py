"""Time limits for tests, scaled for slow or busy machines.

A test waits on what it can observe (a counter, a committed offset, a log line); the limit only says
when to give up. ``NEWSWATCH_TEST_TIME_FACTOR`` (default 1) multiplies every limit, should a slow
machine need it; ``make test-stress`` does not set it (the suite must pass beside a CPU hog as it
is). It never makes a passing test slower.
"""

from __future__ import annotations

import os
import time


def time_factor() -> float:
    raw = os.environ.get("NEWSWATCH_TEST_TIME_FACTOR", "").strip()
    try:
        factor = float(raw) if raw else 1.0
    except ValueError:
        raise ValueError(f"NEWSWATCH_TEST_TIME_FACTOR must be a number, not {raw!r}") from None
    return max(1.0, factor)


def scaled(seconds: float) -> float:
    """``seconds`` times the machine's time factor."""
    return seconds * time_factor()


def deadline(seconds: float) -> float:
    """The ``time.monotonic()`` after which a wait of ``seconds`` (scaled) gives up."""
    return time.monotonic() + scaled(seconds)
