"""The alert sink stage: tagged articles in, one Slack-style message per meeting article out."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from kafka.consumer.fetcher import ConsumerRecord

from newswatch.metrics import PipelineMetrics
from newswatch.records import decode_record
from newswatch.schema import TaggedArticle
from newswatch.stream import Backpressure, Output
from sinks.slack_message import build_message
from sinks.slack_webhook import WebhookRetryable

log = logging.getLogger(__name__)


class Destination(Protocol):
    def post(self, payload: dict[str, Any]) -> None: ...


class SendAlerts:
    """Handler for ``StreamLoop``: build the message and deliver it before the offset is committed.

    Transient failures retry with exponential back-off and jitter; a 429 (or a long outage) turns
    into ``Backpressure`` so the partition pauses and the record is retried later, never dropped.
    A permanent rejection propagates and the record is dead-lettered with Slack's answer.
    """

    stage = "alert"

    def __init__(self, destination: Destination, metrics: PipelineMetrics, *, include_replayed: bool = False,
                 max_attempts: int = 5, sleep: Callable[[float], None] = time.sleep):
        self.destination = destination
        self.metrics = metrics
        self.include_replayed = include_replayed
        self.max_attempts = max_attempts
        self.sleep = sleep

    def handle(self, record: ConsumerRecord) -> Sequence[Output]:
        tagged = decode_record(record.value, TaggedArticle)
        if not tagged.is_defense_ministerial_meeting or (
                tagged.replayed and not (self.include_replayed or tagged.alerts_allowed)):
            return []
        payload = build_message(tagged)
        for attempt in range(1, self.max_attempts + 1):
            try:
                self.destination.post(payload)
                break
            except WebhookRetryable as exc:
                if exc.retry_after is not None:
                    raise Backpressure(exc.retry_after, exc.reason) from None
                if attempt == self.max_attempts:
                    raise Backpressure(30.0, exc.reason) from None
                delay = min(30.0, 0.5 * 2 ** (attempt - 1)) * random.uniform(0.5, 1.0)
                log.warning("webhook delivery failed, retrying",
                            extra={"reason": exc.reason, "attempt": attempt, "delay": round(delay, 2)})
                self.sleep(delay)
        if tagged.published is not None:
            self.metrics.latency.labels("alerted").observe(max(0.0, time.time() - tagged.published.timestamp()))
        self.metrics.sent.labels(self.stage).inc()
        return []
