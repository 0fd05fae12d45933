"""Per-route delivery state: the in-memory queue, the token bucket, pauses, back-off and health."""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from kafka.structs import TopicPartition

from newswatch.schema import Alert, Meeting
from newswatch.sinks.config import RouteConfig
from newswatch.sinks.rate_limit import TokenBucket


@dataclass
class Queued:
    """One alert record read from ``newswatch.alerts``, waiting for its route."""

    tp: TopicPartition
    offset: int
    raw: bytes
    alert: Alert
    read_at: float = 0.0  # the delivery clock when it was read (a meeting alert waits for its companions)


@dataclass
class InFlight:
    future: Future
    items: list[tuple[Queued, list[Meeting]]]
    kind: str  # "single" or "digest"
    keys: list[Any]  # the SentKeys written once the webhook accepted


@dataclass
class RouteState:
    config: RouteConfig
    destination: Any  # has post(payload) -> None
    bucket: TokenBucket
    queue: deque[Queued] = field(default_factory=deque)
    in_flight: InFlight | None = None
    not_before: float = 0.0  # monotonic time before which nothing is sent (429, back-off)
    attempts: int = 0  # consecutive transient failures
    gone: int = 0  # consecutive 403/404/410 answers
    disabled: bool = False

    @property
    def name(self) -> str:
        return self.config.name

    def depth(self) -> int:
        return len(self.queue) + (len(self.in_flight.items) if self.in_flight else 0)

    def requeue(self, flight: InFlight) -> None:
        """Put a failed send's alerts back at the head, in their order."""
        for item, _meetings in reversed(flight.items):
            self.queue.appendleft(item)
