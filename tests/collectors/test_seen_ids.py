"""The collector's published ids: remembered for the retention, by day, and no longer."""

from __future__ import annotations

from newswatch.collectors.seen_ids import DAY, SeenIds


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_ids_expire_by_day_after_the_retention() -> None:
    clock = Clock(1_800_000_000.0)
    seen = SeenIds(30 * DAY, clock)
    seen.add("today")
    assert seen.add_at("last-month", clock.now - 31 * DAY) is False and "last-month" not in seen
    assert seen.add_at("last-week", clock.now - 7 * DAY)
    clock.now += 24 * DAY  # last-week is now 31 days old; today is 24 days old
    seen.add("later")  # marking runs the once-a-day expiry
    assert set(seen) == {"today", "later"}
    clock.now += 7 * DAY
    assert seen.expire() == 1 and set(seen) == {"later"}


def test_marking_again_moves_an_id_to_the_later_day() -> None:
    clock = Clock(1_800_000_000.0)
    seen = SeenIds(30 * DAY, clock)
    seen.add_at("a", clock.now - 29 * DAY)
    seen.add("a")  # a feed that still lists it: remembered from today
    clock.now += 2 * DAY
    seen.expire(force=True)
    assert "a" in seen and len(seen) == 1
    seen.discard("a")
    assert "a" not in seen and len(seen) == 0
