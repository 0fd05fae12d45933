"""Parse workers: feedparser in separate processes, each parse with a time limit.

feedparser is pure Python; on a hostile body (10 MiB of ``&`` sends it down its loose parser
at ~10 µs a character) one parse can take minutes. A parse runs in a worker process; when it
takes longer than ``timeout`` seconds, or the worker dies (out of memory under its address-space
limit, a crash in a C extension), that worker is killed and replaced and only that feed fails
(``parse_timeout``, ``parse_failed``). The collector process never parses such a body itself,
and the other feeds' parses go on in the other (or the replacement) worker.

Each worker serves one parse at a time over a pipe, so the pool knows which job a worker was
running when it died, unlike ``concurrent.futures.ProcessPoolExecutor``, which fails every job
in flight when one worker dies and cannot end one that runs too long.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import multiprocessing
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

DEFAULT_TARGET = "newswatch.collectors.rss:parse_job"
#: A new worker imports feedparser and lxml before it says it is ready; that is not parse time.
START_TIMEOUT = 120.0


class ParseError(Exception):
    """A parse that did not finish; ``reason`` is a metric label."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


def _load(target: str) -> Callable[..., Any]:
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def _serve(conn: Connection, target: str, memory_bytes: int | None) -> None:
    """The worker's loop: one job in, one (ok, value) answer out, until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the collector stops its workers itself
    if memory_bytes:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    func = _load(target)
    conn.send("ready")
    while True:
        try:
            args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer: tuple[bool, Any] = (True, func(*args))
        except MemoryError:
            answer = (False, "MemoryError")
        except Exception as exc:  # noqa: BLE001 - reported to the collector, which fails the feed
            answer = (False, f"{type(exc).__name__}: {exc}"[:300])
        try:
            conn.send(answer)
        except MemoryError:
            conn.send((False, "MemoryError"))


class _Worker:
    def __init__(self, target: str, memory_bytes: int | None):
        context = multiprocessing.get_context("spawn")  # never fork: the collector runs threads
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, target, memory_bytes), daemon=True,
                                       name="newswatch-parse")
        self.process.start()
        child.close()
        self.ready = False

    def call(self, args: tuple[Any, ...], timeout: float) -> Any:
        """Blocking: send the job, wait at most ``timeout`` seconds for the answer."""
        try:
            if not self.ready:
                if not self.conn.poll(START_TIMEOUT):
                    raise ParseError("parse_failed", "the parse worker did not start")
                self.ready = self.conn.recv() == "ready"
            self.conn.send(args)
            if not self.conn.poll(timeout):
                raise ParseError("parse_timeout", f"parse took longer than {timeout:g} s; its worker was ended")
            ok, value = self.conn.recv()
        except (EOFError, OSError):
            self.process.join(1.0)
            raise ParseError("parse_failed", f"the parse worker died (exit code {self.process.exitcode})") from None
        if not ok:
            raise ParseError("parse_failed", f"the parse failed in its worker: {value}")
        return value

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
            self.process.join(5.0)
        with contextlib.suppress(Exception):
            self.conn.close()


class ParsePool:
    """``await pool.parse(*args)`` runs ``target(*args)`` in a worker, within ``timeout`` seconds."""

    def __init__(self, workers: int, *, timeout: float, memory_bytes: int | None = None,
                 target: str = DEFAULT_TARGET):
        self.workers = workers
        self.timeout = timeout
        self.memory_bytes = memory_bytes
        self.target = target
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._slots: asyncio.Semaphore | None = None
        self.replaced = 0  # workers ended and replaced (a figure for tests and logs)

    async def parse(self, *args: Any) -> Any:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.workers)
        async with self._slots:
            worker = self._idle.pop() if self._idle else _Worker(self.target, self.memory_bytes)
            self._busy.add(worker)
            try:
                value = await asyncio.to_thread(worker.call, args, self.timeout)
            except BaseException:  # a timeout, a dead worker, or cancellation: its state is unknown
                self._busy.discard(worker)
                worker.kill()
                self.replaced += 1
                raise
            self._busy.discard(worker)
            self._idle.append(worker)
            return value

    def shutdown(self) -> None:
        for worker in [*self._idle, *self._busy]:
            worker.kill()
        self._idle.clear()
        self._busy.clear()
