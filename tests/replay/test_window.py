"""Replay windows and range arguments (no broker)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from kafka.structs import TopicPartition
from prometheus_client import CollectorRegistry

from newswatch.kafka_io import Kafka
from newswatch.processors.replay import ReplayRequest, run_replay
from newswatch.processors.replay.plan import PartitionRange, ReplayPlan
from newswatch.processors.replay.window import ReplayError, ReplayWindow, parse_offsets, parse_time, to_ms
from newswatch.settings import load_settings


def test_dates_are_midnight_utc_and_zones_are_converted():
    assert parse_time("2024-11-01", "--since") == datetime(2024, 11, 1, tzinfo=UTC)
    assert parse_time("2024-11-01T09:30:00+09:00", "--since") == datetime(2024, 11, 1, 0, 30, tzinfo=UTC)
    assert parse_time("2024-11-01T08:00:00Z", "--until") == datetime(2024, 11, 1, 8, tzinfo=UTC)


@pytest.mark.parametrize("bad", ["yesterday", "2024-13-01", "", "11/01/2024"])
def test_a_bad_time_names_the_option(bad):
    with pytest.raises(ReplayError, match="--since"):
        parse_time(bad, "--since")


def test_offsets_parse_and_reject_garbage():
    assert parse_offsets("0:120, 3:7") == {0: 120, 3: 7}
    for bad in ("0-120", "a:1", "1:", ",", "1:-3"):
        with pytest.raises(ReplayError, match="--from-offsets"):
            parse_offsets(bad)


def test_window_bounds_are_half_open():
    since, until = datetime(2024, 11, 1, tzinfo=UTC), datetime(2024, 11, 2, tzinfo=UTC)
    window = ReplayWindow(topic="t", since=since, until=until)
    assert window.contains(to_ms(since)) and window.contains(to_ms(until) - 1)
    assert not window.contains(to_ms(since) - 1) and not window.contains(to_ms(until))
    assert ReplayWindow(topic="t", from_offsets={0: 5}).contains(0)


def test_window_needs_a_start_and_an_ordered_range():
    with pytest.raises(ReplayError, match="--since"):
        ReplayWindow(topic="t")
    with pytest.raises(ReplayError, match="not after"):
        ReplayWindow(topic="t", since=datetime(2024, 11, 2, tzinfo=UTC), until=datetime(2024, 11, 1, tzinfo=UTC))


def test_fingerprint_is_stable_and_tells_ranges_apart():
    a = ReplayWindow(topic="t", since=datetime(2024, 11, 1, tzinfo=UTC))
    b = ReplayWindow(topic="t", since=datetime(2024, 11, 1, tzinfo=UTC))
    assert a.fingerprint("out", "v1") == b.fingerprint("out", "v1")
    assert a.fingerprint("out", "v1") != a.fingerprint("out", "v2")  # a new tagger version is a new replay
    assert a.fingerprint("out", "v1") != ReplayWindow(topic="t", since=datetime(2024, 11, 2, tzinfo=UTC)).fingerprint(
        "out", "v1")


def test_plan_progress_counts_only_the_range():
    tp0, tp1 = TopicPartition("t", 0), TopicPartition("t", 1)
    plan = ReplayPlan("g", "fp", {tp0: PartitionRange(10, 20), tp1: PartitionRange(5, 5)}, {tp0: 10, tp1: 5},
                      resumed=False)
    assert (plan.total, plan.done()) == (10, 0)
    assert plan.done({tp0: 14, tp1: 5}) == 4
    assert plan.done({tp0: 25, tp1: 9}) == 10  # positions past the end count as the end
    assert plan.pending() == [tp0]
    assert '"end":20' in plan.metadata()[tp0] and '"fp":"fp"' in plan.metadata()[tp0]


def test_replaying_a_topic_into_itself_is_refused():
    window = ReplayWindow(topic="newswatch.articles", since=datetime(2024, 11, 1, tzinfo=UTC))
    with pytest.raises(ReplayError, match="is the topic being replayed"):
        run_replay(load_settings(None).processor, load_settings(None).topics, Kafka(bootstrap="127.0.0.1:1"),
                   ReplayRequest(window=window, output_topic="newswatch.articles"),
                   stop=threading.Event(), registry=CollectorRegistry(), tagger=object())
