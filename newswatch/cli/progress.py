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
    started = clock()
    seen = {"last": started, "done": 0, "total": 0, "base": -1}

    def line(now: float) -> str:
        # Work finished by an earlier (interrupted) run counts in done/total but not in the rate.
        return plain_line(label, seen["done"], seen["total"], done_here=seen["done"] - max(seen["base"], 0),
                          elapsed=now - started, unit=unit)

    def update(done: int, total: int) -> None:
        if seen["base"] < 0:
            seen["base"] = done
        seen["done"], seen["total"] = done, total
        now = clock()
        if now - seen["last"] >= every:
            seen["last"] = now
            stream.write(line(now) + "\n")
            stream.flush()

    yield update
    stream.write(line(clock()) + "\n")
    stream.flush()
