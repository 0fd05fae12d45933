"""The database sink: meeting records from ``newswatch.meetings`` upserted in batches.

``StreamLoop`` hands every record of a polled batch to ``handle`` (decode only) and then calls
``flush``, which writes the whole batch in one transaction; offsets are committed only after it
returned. While the database is unreachable ``flush`` waits and retries (reconnecting), so the
batch is neither lost nor committed; the consumer's poll interval allows for that wait.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence

from kafka.consumer.fetcher import ConsumerRecord

from newswatch.errors import NewswatchError
from newswatch.metrics import MeetingMetrics
from newswatch.records import decode_record
from newswatch.schema import MeetingRecord
from newswatch.sinks.meeting_store.config import MeetingStoreConfig
from newswatch.sinks.meeting_store.database import DatabaseError, transient_errors
from newswatch.sinks.meeting_store.store import MeetingStore
from newswatch.stream import Output

log = logging.getLogger(__name__)


class StopRequested(NewswatchError):
    """The sink was asked to stop while it waited for the database: the batch stays uncommitted."""


class StoreMeetings:
    """Handler for ``StreamLoop``: collect the batch's meeting records, write them on ``flush``."""

    stage = "meeting-store"

    def __init__(self, store: MeetingStore, config: MeetingStoreConfig, metrics: MeetingMetrics,
                 stop: threading.Event, *, sleep: Callable[[float], object] | None = None):
        self.store = store
        self.config = config
        self.metrics = metrics
        self.stop = stop
        self.sleep = sleep or stop.wait
        self.pending: list[MeetingRecord] = []

    def handle(self, record: ConsumerRecord) -> Sequence[Output]:
        if record.value is None:
            return []  # a tombstone: nothing to store
        self.pending.append(decode_record(record.value, MeetingRecord))
        return []

    def flush(self) -> Sequence[Output]:
        if not self.pending:
            return []
        batch, started = self.pending, time.monotonic()
        delay = self.config.retry_initial_seconds
        errors = transient_errors()
        while True:
            try:
                self.store.upsert(batch)
                break
            except errors as exc:
                waited = time.monotonic() - started
                if waited >= self.config.max_wait_seconds:
                    raise DatabaseError(f"the meeting database was unreachable for {waited:.0f} s: "
                                        f"{type(exc).__name__}") from exc
                self.metrics.store_retries.labels(type(exc).__name__).inc()
                log.warning("meeting database unavailable, waiting", extra={
                    "error_type": type(exc).__name__, "error": str(exc)[:200], "retry_in": round(delay, 2)})
                self.store.db.reset()
                self.sleep(delay)
                if self.stop.is_set():
                    raise StopRequested("stopped while waiting for the meeting database") from exc
                delay = min(delay * 2, self.config.retry_max_seconds)
        self.metrics.stored.inc(len(batch))
        self.pending = []
        return []
