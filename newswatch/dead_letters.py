"""Turning a record a stage cannot handle into a dead letter: one record for ``newswatch.dlq`` with the
stage, the error's type and message and the original bytes, plus the same metrics and log line in
every stage."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from newswatch.kafka_io import dead_letter
from newswatch.metrics import PipelineMetrics

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeadLetterRecord:
    topic: str
    key: bytes | None
    value: bytes


@dataclass
class DeadLetters:
    stage: str
    topic: str
    metrics: PipelineMetrics

    def record(self, error_type: str, error: str, *, topic: str | None, partition: int | None,
               offset: int | None, key: bytes | None, value: bytes | None,
               dlq_key: bytes | None = None) -> DeadLetterRecord:
        """Count and log the failure; return the dead letter to write (keyed by ``dlq_key``, default the
        original key)."""
        self.metrics.errors.labels(self.stage, error_type).inc()
        self.metrics.dead_letters.labels(self.stage).inc()
        log.warning("record sent to the dead-letter topic",
                    extra={"stage": self.stage, "error_type": error_type, "error": error[:300],
                           "topic": topic, "partition": partition, "offset": offset})
        encoded = dead_letter(self.stage, error_type, error, topic=topic, partition=partition, offset=offset,
                              key=key, value=value)
        return DeadLetterRecord(self.topic, dlq_key if dlq_key is not None else key, encoded)
