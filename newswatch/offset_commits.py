"""Committing a consumer's offsets, the same way in every stage.

A commit is retried for as long as the producer keeps retrying a send (``COMMIT_TIMEOUT_SECONDS``,
its delivery timeout), so outputs and offsets ride out the same broker restarts; a stage stops only
when the broker stays away longer than that. A commit refused because the group rebalanced is not
an error: partitions that moved belong to another member, which resumes from the last committed
offset (at-least-once; every stage's outputs are idempotent or deduplicated downstream); a
``GroupConsumer`` commits the refused offsets of partitions it gets back after the rejoin.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping

from kafka import KafkaConsumer
from kafka.errors import CommitFailedError, KafkaError, RebalanceInProgressError
from kafka.structs import OffsetAndMetadata, TopicPartition

from newswatch.assignment import GroupConsumer

log = logging.getLogger(__name__)

COMMIT_TIMEOUT_SECONDS = 300.0


def commit_offsets(consumer: KafkaConsumer, next_offsets: Mapping[TopicPartition, int], *,
                   metadata: Mapping[TopicPartition, str] | None = None,
                   timeout: float = COMMIT_TIMEOUT_SECONDS,
                   sleep: Callable[[float], None] = time.sleep) -> bool:
    """Commit ``next_offsets`` (the next offset to read, per partition). Returns False when a
    rebalance took the partitions away, True when committed; raises KafkaError after ``timeout``."""
    if not next_offsets:
        return True
    offsets = {tp: OffsetAndMetadata(offset, (metadata or {}).get(tp, ""), -1) for tp, offset in next_offsets.items()}
    deadline = time.monotonic() + timeout
    attempt = 0
    while True:
        attempt += 1
        try:
            consumer.commit(offsets)
            return True
        except (CommitFailedError, RebalanceInProgressError) as exc:
            # Rebalancing: retrying without polling would never let the rebalance finish (the consumer
            # rejoins inside poll), so give the commit up; the partitions' next owner re-reads from the last one.
            log.warning("commit failed after a rebalance", extra={"error": str(exc)[:200]})
            if isinstance(consumer, GroupConsumer):
                consumer.defer_commit(offsets)
            return False
        except KafkaError as exc:
            if time.monotonic() >= deadline:
                raise KafkaError(f"could not commit offsets for {timeout:.0f} s ({attempt} attempts): {exc}") from exc
            log.warning("commit failed, retrying", extra={"attempt": attempt, "error": str(exc)[:200]})
            sleep(min(0.2 * 2**attempt, 5.0))
