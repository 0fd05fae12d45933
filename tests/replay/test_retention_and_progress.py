"""Retention verdicts and progress lines (no broker)."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from newswatch.cli.progress import progress
from newswatch.collectors.backfill.retention import TopicTimeConfig, check_retention

NOW = datetime(2026, 11, 29, tzinfo=UTC)
DAY_MS = 86_400_000


def _ms(when: datetime) -> int:
    return int(when.timestamp() * 1000)


def test_archive_older_than_retention_is_an_error_with_the_fix():
    week = TopicTimeConfig(retention_ms=7 * DAY_MS)
    stamps = [_ms(NOW - timedelta(days=d)) for d in (1, 3, 30, 400)]
    verdict = check_retention(week, "articles", stamps, now=NOW)
    assert len(verdict.errors) == 1
    assert "2 of 4 articles" in verdict.errors[0] and "retention.ms=-1" in verdict.errors[0]
    assert check_retention(week, "articles", stamps[:2], now=NOW).errors == []


def test_infinite_retention_or_compaction_only_keeps_everything():
    old = [_ms(NOW - timedelta(days=4000))]
    assert check_retention(TopicTimeConfig(retention_ms=-1), "t", old, now=NOW).errors == []
    assert check_retention(TopicTimeConfig(retention_ms=DAY_MS, deletes=False), "t", old, now=NOW).errors == []


def test_log_append_time_is_a_warning():
    verdict = check_retention(TopicTimeConfig(log_append_time=True), "t", [_ms(NOW)], now=NOW)
    assert verdict.errors == [] and "LogAppendTime" in verdict.warnings[0]


def test_broker_timestamp_limits():
    limits = TopicTimeConfig(before_max_ms=10 * DAY_MS, after_max_ms=3_600_000)
    now = _ms(NOW)
    assert limits.accepts(now - 9 * DAY_MS, now) and limits.accepts(now + 3_000_000, now)
    assert not limits.accepts(now - 11 * DAY_MS, now) and not limits.accepts(now + 2 * 3_600_000, now)


def test_plain_progress_lines_show_done_total_rate_and_eta():
    out = io.StringIO()
    clock = iter([0.0, 1.0, 2.0, 4.0, 5.0]).__next__
    with progress("backfill", stream=out, every=2.0, clock=clock) as update:
        update(0, 100)  # t=1
        update(40, 100)  # t=2: first line
        update(80, 100)  # t=4: second line
    lines = out.getvalue().splitlines()
    assert lines == ["backfill: 40/100 records, 20 records/s, ETA 3 s",
                     "backfill: 80/100 records, 20 records/s, ETA 1 s",
                     "backfill: 80/100 records, 16 records/s, ETA 1 s"]


def test_resumed_work_counts_in_done_but_not_in_the_rate():
    out = io.StringIO()
    clock = iter([0.0, 0.0, 2.0, 2.0]).__next__
    with progress("replay", stream=out, every=1.0, clock=clock) as update:
        update(500, 1000)
        update(600, 1000)
    assert out.getvalue().splitlines()[0] == "replay: 600/1000 records, 50 records/s, ETA 8 s"


def test_quiet_prints_nothing():
    out = io.StringIO()
    with progress("x", stream=out, quiet=True) as update:
        update(1, 2)
    assert out.getvalue() == ""
