"""Pure pieces of delivery: token bucket (injectable clock), offset tracking, meeting keys."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from kafka.structs import TopicPartition

from newswatch.sinks.meeting_keys import KeyIndex, SentKey, keys_for, signature
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
    assert [signature(m, first) for m in first.meetings] == ["CA+KR", "JP+KR"]
    assert index.unsent("r", first, first.meetings) == []  # a replay
    other_outlet = tagged("b", counterparts=("JP", "MN"), minutes=600)
    assert [signature(m, other_outlet) for m in index.unsent("r", other_outlet, other_outlet.meetings)] == ["KR+MN"]
    assert index.unsent("other-route", first, first.meetings) == list(first.meetings)
    weeks_later = tagged("c", counterparts=("CA",), minutes=60 * 24 * 30)
    assert index.unsent("r", weeks_later, weeks_later.meetings) == list(weeks_later.meetings)


# -- the key index: constant-time checks, bounded by the retention ----------------------------------
DAY = 86_400
NOW = 1_800_000_000.0


def _key(route: str, sig: str, article: str, published: float, sent: float = NOW) -> SentKey:
    return SentKey(route=route, signature=sig, article_id=article, published=published,
                   sent_at=datetime.fromtimestamp(sent, UTC))


def _reference_is_sent(keys: list[SentKey], window: float, route: str, sig: str, published: float,
                       article: str) -> bool:
    """The index's meaning, as the list scan it replaced computed it."""
    return any(k.route == route and k.signature == sig and (k.article_id == article or abs(k.published - published)
                                                            <= window) for k in keys)


@settings(max_examples=300, deadline=None)
@given(window=st.sampled_from([0.0, 1.0, 3600.0, 72 * 3600.0]),
       keys=st.lists(st.tuples(st.sampled_from(["r1", "r2"]), st.sampled_from(["KR>CA", "KR>JP"]),
                               st.integers(0, 30), st.floats(0, 30 * DAY, allow_nan=False)), max_size=40),
       queries=st.lists(st.tuples(st.sampled_from(["r1", "r2"]), st.sampled_from(["KR>CA", "KR>JP"]),
                                  st.integers(0, 40), st.floats(0, 30 * DAY, allow_nan=False)), max_size=40))
def test_bucketed_index_answers_exactly_as_a_full_scan(window, keys, queries):
    index = KeyIndex(window, retention_seconds=7 * DAY, clock=lambda: NOW)
    sent = [_key(route, sig, f"a{n}", published) for route, sig, n, published in keys]
    for key in sent:
        index.add(key)
    for route, sig, n, published in queries:
        assert index.is_sent(route, sig, published, f"a{n}") == _reference_is_sent(sent, window, route, sig,
                                                                                    published, f"a{n}")


def test_keys_expire_by_day_after_the_retention():
    clock = FakeClock(NOW)
    index = KeyIndex(72 * 3600, retention_seconds=7 * DAY, clock=clock)
    assert index.add(_key("r", "KR>CA", "old", NOW - 8 * DAY, sent=NOW - 8 * DAY)) is False  # past retention
    assert index.add(_key("r", "KR>CA", "a", NOW, sent=NOW))
    assert index.add(_key("r", "KR>JP", "b", NOW, sent=NOW + DAY))
    assert len(index) == 2 and index.is_sent("r", "KR>CA", NOW + 3600, "other")
    clock.advance(8 * DAY + 1)  # a's day is past the retention, b's is not
    assert index.expire() == 1
    assert len(index) == 1
    assert not index.is_sent("r", "KR>CA", NOW, "a")
    assert index.is_sent("r", "KR>JP", NOW, "b")
    clock.advance(DAY)
    index.add(_key("r", "KR>MN", "c", NOW + 9 * DAY, sent=NOW + 9 * DAY + 10))  # adding expires too
    assert len(index) == 1 and index.is_sent("r", "KR>MN", NOW, "c")


def test_a_long_history_of_one_meeting_keeps_lookups_to_three_buckets():
    index = KeyIndex(3600, retention_seconds=None)
    for n in range(20_000):  # one signature alerted every 8000 s for years: never within the window
        index.add(_key("r", "KR>CA", f"a{n}", n * 8000.0))
    assert len(index._buckets) == 20_000
    assert max(len(articles) for articles in index._buckets.values()) == 1
    assert index.is_sent("r", "KR>CA", 8000.0 * 10_000 + 3000, "new")
    assert not index.is_sent("r", "KR>CA", 8000.0 * 10_000 + 4000, "new")  # 4000 s from either neighbour
