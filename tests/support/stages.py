"""Running pipeline stages in background threads during a test, with a clean stop."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from prometheus_client import CollectorRegistry

from tests.support.timing import deadline as scaled_deadline
from tests.support.timing import scaled


class StageThread:
    def __init__(self, fn: Callable[..., Any], **kwargs: Any):
        self.stop = threading.Event()
        self.registry = CollectorRegistry()
        self.error: BaseException | None = None
        self.result: Any = None

        def target() -> None:
            try:
                self.result = fn(stop=self.stop, registry=self.registry, **kwargs)
            except BaseException as exc:  # surfaced by value()/join
                self.error = exc

        self.thread = threading.Thread(target=target, daemon=True)

    def value(self, name: str, **labels: str) -> float:
        return self.registry.get_sample_value(name, labels) or 0.0

    def wait_until(self, predicate: Callable[[], bool], timeout: float = 60.0) -> bool:
        deadline = scaled_deadline(timeout)
        while time.monotonic() < deadline:
            if self.error:
                raise self.error
            if predicate():
                return True
            time.sleep(0.05)
        return predicate()


@contextmanager
def running(fn: Callable[..., Any], **kwargs: Any) -> Iterator[StageThread]:
    stage = StageThread(fn, **kwargs)
    stage.thread.start()
    try:
        yield stage
    finally:
        stage.stop.set()
        stage.thread.join(timeout=scaled(60))
        if stage.error:
            raise stage.error
        # A stage left running would go on writing into later tests (their output, their topics).
        assert not stage.thread.is_alive(), f"{getattr(fn, '__name__', fn)} did not stop within {scaled(60):.0f} s"
