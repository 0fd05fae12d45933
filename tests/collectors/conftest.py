"""Fixtures for collector tests: a loopback feed server, a hand-driven clock, collector settings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from newswatch.settings import Settings
from tests.support.feed_server import FeedServer

#: ../shared/corpora beside the clone; NEWSWATCH_CORPORA points elsewhere (e.g. from a git worktree).
CORPORA = Path(os.environ.get("NEWSWATCH_CORPORA")
               or Path(__file__).resolve().parent.parent.parent.parent / "shared" / "corpora")


class Clock:
    """Epoch seconds that move only when a test says so."""

    def __init__(self, start: float = 1_800_000_000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    with FeedServer() as server:
        yield server


@pytest.fixture
def collector_settings(settings: Settings) -> Settings:
    """The per-test settings, with loopback allow-listed (tests only ever talk to 127.0.0.1)."""
    collector = settings.collector.model_copy(update={
        "allow_networks": ("127.0.0.1/32",), "interval_seconds": 60.0, "error_limit": 3, "timeout_seconds": 5.0,
        "parse_workers": 0})  # parse in the loop: no process spawn per test (test_corpora covers the pool)
    return settings.model_copy(update={"collector": collector})
