"""Progress for long commands (replay, backfill): a rich bar on a terminal, plain lines otherwise.

The bar shows records done / total, the rate and the ETA. When stderr is not a terminal (CI logs,
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
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} rec/s" if speed else "- rec/s", style="progress.data.speed")


def plain_line(label: str, done: int, total: int, done_here: int, elapsed: float) -> str:
    """``label: done/total records, rate, ETA``; the rate counts only ``done_here`` (this run's work)."""
    rate = done_here / elapsed if elapsed > 0 else 0.0
    eta = (total - done) / rate if rate > 0 and total >= done else None
    eta_text = f"ETA {eta:,.0f} s" if eta is not None else "ETA -"
    return f"{label}: {done}/{total} records, {rate:,.0f} rec/s, {eta_text}"


@contextmanager
def progress(label: str, *, quiet: bool = False, stream: TextIO | None = None, every: float = 2.0,
             clock: Callable[[], float] = time.monotonic) -> Iterator[Update]:
    """Yield ``update(done, total)``; renders nothing when ``quiet``."""
    if quiet:
        yield lambda done, total: None
        return
    stream = stream or sys.stderr
    console = Console(file=stream)
    if console.is_terminal:
        bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                       TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=console,
                       transient=False)
        task = bar.add_task(label, total=None)
        with bar:
            yield lambda done, total: bar.update(task, completed=done, total=total)
        return
    started = clock()
    state = {"last": started, "done": 0, "total": 0, "base": None}

    def update(done: int, total: int) -> None:
        if state["base"] is None:
            state["base"] = done  # records finished by an earlier run do not count toward the rate
        state["done"], state["total"] = done, total
        now = clock()
        if now - state["last"] >= every:
            state["last"] = now
            stream.write(_line(now) + "\n")
            stream.flush()

    def _line(now: float) -> str:
        done, total = state["done"], state["total"]
        return plain_line(label, done, total, done - (state["base"] or 0), now - started)

    yield update
    stream.write(_line(clock()) + "\n")
    stream.flush()
