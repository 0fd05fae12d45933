"""A lag read retries what Kafka calls retriable (a coordinator still loading) and raises the rest."""

from __future__ import annotations

import pytest
from kafka.errors import CoordinatorNotAvailableError, GroupAuthorizationFailedError

from newswatch import lag


def _failing(times: int, error: Exception):
    calls = []

    def call():
        calls.append(1)
        if len(calls) <= times:
            raise error
        return "offsets"

    return call, calls


def test_a_coordinator_still_loading_is_asked_again(monkeypatch):
    monkeypatch.setattr(lag, "RETRY_BACKOFF", 0.0)
    call, calls = _failing(2, CoordinatorNotAvailableError("loading"))
    assert lag._retrying(call) == "offsets"
    assert len(calls) == 3


def test_a_retriable_error_that_persists_is_raised_after_the_last_try(monkeypatch):
    monkeypatch.setattr(lag, "RETRY_BACKOFF", 0.0)
    call, calls = _failing(lag.RETRIES, CoordinatorNotAvailableError("loading"))
    with pytest.raises(CoordinatorNotAvailableError):
        lag._retrying(call)
    assert len(calls) == lag.RETRIES


def test_an_error_that_is_not_retriable_is_raised_at_once(monkeypatch):
    monkeypatch.setattr(lag, "RETRY_BACKOFF", 0.0)
    call, calls = _failing(1, GroupAuthorizationFailedError("denied"))
    with pytest.raises(GroupAuthorizationFailedError):
        lag._retrying(call)
    assert len(calls) == 1
