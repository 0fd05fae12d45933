"""Pure pieces of delivery: token bucket (injectable clock), offset tracking, meeting keys."""

from __future__ import annotations

from kafka.structs import TopicPartition

from newswatch.sinks.meeting_keys import KeyIndex, keys_for, signature
from newswatch.sinks.offsets import OffsetTracker
from newswatch.sinks.rate_limit import TokenBucket
from tests.sinks.factories import FakeClock, tagged


def test_token_bucket_allows_a_burst_then_one_per_second():
    clock = FakeClock()
    bucket = TokenBucket(rate=1.0, burst=3, clock=clock)
    assert [bucket.try_take() for _ in range(4)] == [True, True, True, False]
    assert bucket.wait_time() == 1.0
    clock.advance(0.5)
    assert not bucket.try_take()
    clock.advance(0.5)
    assert bucket.try_take() and not bucket.try_take()
    clock.advance(100)
    assert bucket.available() == 3


def test_offsets_commit_only_below_the_first_unfinished_record():
    tp = TopicPartition("t", 0)
    tracker = OffsetTracker()
    for offset in range(5):
        tracker.add(tp, offset)
    tracker.done(tp, 0)
    tracker.done(tp, 2)
    assert tracker.to_commit() == {tp: 1}
    assert tracker.committed({tp: 1}) == 1
    assert tracker.to_commit() == {}
    for offset in (1, 3, 4):
        tracker.done(tp, offset)
    assert tracker.to_commit() == {tp: 5}
    assert tracker.committed({tp: 5}) == 4


def test_a_meeting_is_sent_once_per_route_within_the_window():
    index = KeyIndex(window_seconds=72 * 3600)
    first = tagged("a", counterparts=("CA", "JP"))
    for key in keys_for("r", first, first.meetings):
        index.add(key)
    assert [signature(m, first) for m in first.meetings] == ["KR>CA", "KR>JP"]
    assert index.unsent("r", first, first.meetings) == []  # a replay
    other_outlet = tagged("b", counterparts=("JP", "MN"), minutes=600)
    assert [signature(m, other_outlet) for m in index.unsent("r", other_outlet, other_outlet.meetings)] == ["KR>MN"]
    assert index.unsent("other-route", first, first.meetings) == list(first.meetings)
    weeks_later = tagged("c", counterparts=("CA",), minutes=60 * 24 * 30)
    assert index.unsent("r", weeks_later, weeks_later.meetings) == list(weeks_later.meetings)
