"""The politeness rules as pure functions: next check, back-off, parking, header parsing."""

from __future__ import annotations

from email.utils import formatdate

import pytest

from newswatch.collectors.schedule import FeedState, Policy, max_age_seconds
from newswatch.http_headers import retry_after_seconds

NOW = 1_800_000_000.0
POLICY = Policy(interval=300, ceiling=3600, error_limit=3)


@pytest.mark.parametrize(("headers", "ttl", "feed_interval", "wait"), [
    ({}, None, None, 300),
    ({}, 900, None, 900),  # RSS <ttl> 15 minutes
    ({}, None, 60, 60),  # a feed's own interval may be shorter than the default
    ({"retry-after": "1200"}, None, None, 1200),
    ({"cache-control": "public, max-age=1800"}, None, None, 1800),
    ({"cache-control": "max-age=10"}, None, None, 300),  # never sooner than the interval
    ({"cache-control": "max-age=86400"}, None, None, 3600),  # the ceiling
    ({"cache-control": "no-store, max-age=1800"}, None, None, 300),
    ({"retry-after": "600", "cache-control": "max-age=900"}, 700, None, 900),
])
def test_next_check_is_the_largest_hint_under_the_ceiling(headers, ttl, feed_interval, wait):
    state = FeedState(url="u", errors=2)
    POLICY.after_success(state, NOW, headers=headers, ttl=ttl, feed_interval=feed_interval)
    assert state.next_check == NOW + wait
    assert state.errors == 0 and state.last_success == NOW


def test_errors_back_off_exponentially_then_park():
    state = FeedState(url="u")
    waits = []
    for _ in range(3):
        POLICY.after_error(state, NOW, "http_500")
        waits.append(state.next_check - NOW)
    assert waits == [300, 600, 1200]
    assert state.parked and not POLICY.due(state, NOW + 10**9)


def test_back_off_is_capped_and_respects_retry_after():
    state = FeedState(url="u", errors=10)
    Policy(interval=300, ceiling=3600, error_limit=100).after_error(state, NOW, "http_503")
    assert state.next_check - NOW == 3600
    fresh = FeedState(url="u")
    POLICY.after_error(fresh, NOW, "http_429", headers={"retry-after": "1000"})
    assert fresh.next_check - NOW == 1000


def test_retry_after_and_max_age_parsing():
    assert retry_after_seconds("120", NOW) == 120
    assert retry_after_seconds(formatdate(NOW + 90, usegmt=True), NOW) == pytest.approx(90)
    assert retry_after_seconds(formatdate(NOW - 90, usegmt=True), NOW) == 0
    assert retry_after_seconds("soon", NOW) is None
    assert max_age_seconds('s-maxage=5, max-age="60"') == 60
    assert max_age_seconds("private") is None


def test_state_round_trips_and_tolerates_unknown_fields():
    state = FeedState(url="u", current_url="v", etag='"x"', errors=1, parked=True)
    assert FeedState.from_dict({**state.to_dict(), "future_field": 1}) == state
