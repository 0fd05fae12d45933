"""Progress for long commands (replay, backfill): a rich bar on a terminal, plain lines otherwise.

The bar shows done / total, the rate and the ETA. When stderr is not a terminal (CI logs,
``2>file``) a line is printed every ``every`` seconds instead, plus a last one at the end.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

Update = Callable[[int, int], None]


class RateColumn(ProgressColumn):
    def __init__(self, unit: str):
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} {self.unit}/s" if speed else f"- {self.unit}/s", style="progress.data.speed")


def plain_line(label: str, done: int, total: int, *, done_here: int, elapsed: float, unit: str) -> str:
    """``label: done/total unit, rate, ETA``; the rate counts only ``done_here`` (this run's work)."""
    rate = done_here / elapsed if elapsed > 0 else 0.0
    eta = f"ETA {(total - done) / rate:,.0f} s" if rate > 0 and total >= done else "ETA -"
    return f"{label}: {done}/{total} {unit}, {rate:,.0f} {unit}/s, {eta}"


@contextmanager
def progress(label: str, *, unit: str = "records", quiet: bool = False, stream: TextIO | None = None,
             every: float = 2.0, clock: Callable[[], float] = time.monotonic) -> Iterator[Update]:
    """Yield ``update(done, total)``; renders nothing when ``quiet``."""
    if quiet:
        yield lambda done, total: None
        return
    stream = stream or sys.stderr
    console = Console(file=stream)
    if console.is_terminal:
        bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn(unit),
                       RateColumn(unit), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                       console=console)
        task = bar.add_task(label, total=None)
        with bar:
            yield lambda done, total: bar.update(task, completed=done, total=total)
        return
    plain = _PlainLines(label, unit, stream, every, clock)
    yield plain.update
    plain.write(clock())


class _PlainLines:
    """A progress line every ``every`` seconds, for logs and pipes."""

    def __init__(self, label: str, unit: str, stream: TextIO, every: float, clock: Callable[[], float]):
        self.label, self.unit, self.stream, self.every, self.clock = label, unit, stream, every, clock
        self.started = self.last = clock()
        self.done = self.total = 0
        self.base: int | None = None  # done at the first update: an earlier run's work, not in the rate

    def update(self, done: int, total: int) -> None:
        if self.base is None:
            self.base = done
        self.done, self.total = done, total
        now = self.clock()
        if now - self.last >= self.every:
            self.last = now
            self.write(now)

    def write(self, now: float) -> None:
        line = plain_line(self.label, self.done, self.total, done_here=self.done - (self.base or 0),
                          elapsed=now - self.started, unit=self.unit)
        self.stream.write(line + "\n")
        self.stream.flush()
