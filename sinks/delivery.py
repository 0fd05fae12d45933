"""Delivery step: ``newswatch.alerts`` -> per-route queues -> webhooks, losing nothing, sending once.

For every alert, in this order: the webhook accepts it -> its idempotency keys are written to the
compacted keys topic and acknowledged -> its offset becomes committable. A crash after the keys
are written re-reads the alert and suppresses it; only a crash in the milliseconds between the
webhook's 200 and the keys' acknowledgement can send it twice (effectively-once, see docs/alerts.md).

Each route has its own queue, token bucket, pause (429 ``Retry-After``), back-off and health, and at
most one message in flight (so its order holds); a slow or failing route never holds up another.
"""

from __future__ import annotations

import functools
import logging
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from datetime import UTC, datetime

from kafka import ConsumerRebalanceListener, KafkaConsumer, KafkaProducer
from kafka.structs import TopicPartition

from newswatch.dead_letters import DeadLetters
from newswatch.errors import PoisonRecordError
from newswatch.metrics import AlertMetrics, PipelineMetrics
from newswatch.offset_commits import commit_offsets
from newswatch.records import decode_record
from newswatch.schema import Alert
from newswatch.sinks.batching import drop_head_duplicates, keys_of, payload_for, ready_at, take_batch, wants_digest
from newswatch.sinks.config import AlertConfig
from newswatch.sinks.meeting_keys import KeyStore, SentKey
from newswatch.sinks.meeting_message import trigger
from newswatch.sinks.offsets import OffsetTracker
from newswatch.sinks.route_state import InFlight, Queued, RouteState
from newswatch.sinks.slack_webhook import WebhookRejected, WebhookRetryable

log = logging.getLogger(__name__)

STAGE = "alert"
COMMIT_INTERVAL = 0.25  # seconds between offset commits while busy (each is a broker round trip)
GONE_STATUSES = frozenset({403, 404, 410})


def published_of(alert: Alert) -> datetime | None:
    """When the news was published: the article's, or the report that made the meeting's status change."""
    if alert.meeting is not None:
        report = trigger(alert)
        return report.published if report else None
    return alert.article.published if alert.article is not None else None


class DeliveryLoop(ConsumerRebalanceListener):
    def __init__(self, *, consumer: KafkaConsumer, producer: KafkaProducer, keys: KeyStore,
                 routes: dict[str, RouteState], config: AlertConfig, dlq_topic: str, metrics: AlertMetrics,
                 pipeline: PipelineMetrics, clock: Callable[[], float] = time.monotonic,
                 rng: random.Random | None = None, after_keys: Callable[[list[Alert]], None] | None = None):
        self.consumer, self.producer, self.keys = consumer, producer, keys
        self.routes, self.config, self.dlq_topic = routes, config, dlq_topic
        self.dead_letters = DeadLetters(STAGE, dlq_topic, pipeline)
        self.metrics, self.pipeline, self.clock = metrics, pipeline, clock
        self.rng = rng or random.Random()
        self.after_keys = after_keys  # test seam: runs after keys are durable, before the commit
        self.offsets = OffsetTracker()
        self._paused: set[TopicPartition] = set()
        self._executor = ThreadPoolExecutor(max_workers=config.max_in_flight_routes, thread_name_prefix="webhook")
        self.alerts_done = 0
        self._last_commit = 0.0
        self._revoked: set[TopicPartition] = set()
        # records already counted as throttled, by (partition, offset): a queue read again after a rebalance
        # is the same records, counted once
        self._throttled: set[tuple[TopicPartition, int]] = set()
        self._closing = threading.Event()
        self._assigned = False
        pipeline.start(STAGE)
        for name in routes:
            for family in (metrics.sent, metrics.routed, metrics.latency, metrics.sink_latency, metrics.queue_depth,
                           metrics.disabled):
                family.labels(name)

    # -- rebalance -----------------------------------------------------------------------
    # kafka-python runs these on its IO thread, where no blocking Kafka call is allowed: they only
    # wait for the sends in flight (each finishes with its keys durable, so the next owner of the
    # partition sees them) and leave the rest to the loop thread.
    def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        flights = [r.in_flight.future for r in self.routes.values() if r.in_flight]
        if flights:
            wait(flights, timeout=self.config.timeout_seconds * 2)
        self._revoked |= set(revoked)

    def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        self._assigned = True

    def _apply_rebalance(self) -> set[TopicPartition]:
        """Drop what revoked partitions had queued; returns the partitions read again from their first
        unfinished record (given back to this member, whose queued records were just dropped)."""
        rewound: set[TopicPartition] = set()
        if self._revoked:
            self.collect()
            gone, self._revoked = self._revoked, set()
            unfinished = {tp: self.offsets.first_unfinished(tp) for tp in gone}
            for route in self.routes.values():
                route.queue = type(route.queue)(q for q in route.queue if q.tp not in gone)
            for tp in gone:
                self.offsets.forget(tp)
                self._paused.discard(tp)
            kept = gone & set(self.consumer.assignment())
            self._throttled = {(tp, offset) for tp, offset in self._throttled if tp not in gone or tp in kept}
            # kafka-python keeps its position (and pause) on a partition it gets back, so the records
            # dropped above would never be read again: rewind to the first unfinished one (the durable
            # keys suppress what was sent after it) and resume. No broker call: this runs mid-outage too.
            for tp in kept:
                self.consumer.resume(tp)
                offset = unfinished[tp]
                if offset is not None:
                    self.consumer.seek(tp, offset)
                    rewound.add(tp)
        if self._assigned:
            self._assigned = False
            read = self.keys.catch_up()
            log.info("alert partitions assigned", extra={"keys_read": read, "keys_known": len(self.keys.index),
                                                         "rewound": len(rewound)})
        return rewound

    # -- the loop ------------------------------------------------------------------------
    def step(self) -> int:
        """Collect finished sends, read new alerts, start due sends, commit. Returns alerts read."""
        self.collect()
        self.dispatch()
        busy = any(r.in_flight for r in self.routes.values())
        gather = self.config.meeting_gather_seconds
        waiting = [ready_at(r, gather) - self.clock() for r in self.routes.values() if r.queue and not r.in_flight]
        timeout = 0 if busy else int(1000 * min([0.1] + [max(0.0, w) for w in waiting]))
        batch = self.consumer.poll(timeout_ms=timeout, max_records=500)
        rewound = self._apply_rebalance()  # before the new records: their keys must be known first
        read = 0
        for tp, records in batch.items():
            if tp in rewound:
                continue  # read again from the committed offset on the next poll
            for record in records:
                self.pipeline.received.labels(STAGE).inc()
                self.offsets.add(tp, record.offset)
                self._enqueue(tp, record.offset, record.value)
                read += 1
            if self.offsets.pending(tp) >= self.config.max_queued_per_partition and tp not in self._paused:
                self.consumer.pause(tp)
                self._paused.add(tp)
        self._resume_drained()
        self.dispatch()
        flights = [r.in_flight.future for r in self.routes.values() if r.in_flight]
        if flights:  # wake as soon as a webhook answers, not after a fixed poll timeout
            wait(flights, timeout=0.05, return_when=FIRST_COMPLETED)
            self.collect()
            self.dispatch()
        self._maybe_commit()
        for route in self.routes.values():
            self.metrics.queue_depth.labels(route.name).set(route.depth())
        return read

    def idle(self) -> bool:
        return not any(r.queue or r.in_flight for r in self.routes.values())

    def run(self, stop: threading.Event, *, idle_exit_after: float | None = None,
            upstream_done: Callable[[], int] = lambda: 0) -> None:
        """Loop until ``stop``; with ``idle_exit_after``, also once nothing moved for that long
        (``upstream_done`` counts the router's records, so its work counts as activity)."""
        idle_since = time.monotonic()
        upstream = upstream_done()
        try:
            while not stop.is_set():
                if self.step() or not self.idle() or upstream_done() != upstream:
                    upstream = upstream_done()
                    idle_since = time.monotonic()
                elif idle_exit_after is not None and time.monotonic() - idle_since >= idle_exit_after:
                    break
            self.finish_in_flight()
            self.commit()
        finally:
            self._closing.set()
            self._executor.shutdown(wait=False, cancel_futures=True)

    # -- reading -------------------------------------------------------------------------
    def _enqueue(self, tp: TopicPartition, offset: int, raw: bytes | None) -> None:
        try:
            alert = decode_record(raw, Alert)
        except PoisonRecordError as exc:
            self._dead_letter(tp, offset, raw, exc.error_type, str(exc), route="unknown")
            return
        route = self.routes.get(alert.route)
        if route is None:
            self._dead_letter(tp, offset, raw, "unknown_route", f"route {alert.route!r} is not configured",
                              route="unknown")
        elif route.disabled:
            self._dead_letter(tp, offset, raw, "route_disabled", f"route {route.name} is disabled", route=route.name)
        else:
            route.queue.append(Queued(tp, offset, raw or b"", alert, read_at=self.clock()))

    def _resume_drained(self) -> None:
        for tp in [tp for tp in self._paused if self.offsets.pending(tp) < self.config.max_queued_per_partition // 2]:
            self.consumer.resume(tp)
            self._paused.discard(tp)

    # -- sending -------------------------------------------------------------------------
    def dispatch(self) -> None:
        now = self.clock()
        for route in self.routes.values():
            if route.in_flight or not route.queue:
                continue
            drop_head_duplicates(route, self.keys.index, functools.partial(self._duplicate, route))
            if not route.queue or now < ready_at(route, self.config.meeting_gather_seconds):
                continue
            if not route.bucket.try_take():
                for item in route.queue:
                    if (item.tp, item.offset) not in self._throttled:
                        self._throttled.add((item.tp, item.offset))
                        self.metrics.throttled.labels(route.name, "rate_limit").inc()
                continue
            digest = wants_digest(route, self.config.digest_min_queue)
            batch = take_batch(route, self.keys.index, digest=digest, digest_max=self.config.digest_max_alerts,
                               on_duplicate=functools.partial(self._duplicate, route))
            if not batch:
                continue
            payload, kind = payload_for(batch, self.config.pages_url)
            keys = [k for item, meetings in batch for k in keys_of(route.name, item.alert, meetings)]
            future = self._executor.submit(self._deliver, route, payload, keys)
            route.in_flight = InFlight(future, batch, kind, keys)

    def collect(self, block: bool = False) -> None:
        flights = [r.in_flight.future for r in self.routes.values() if r.in_flight]
        if block and flights:
            wait(flights, timeout=self.config.timeout_seconds * 2)
        accepted: list[tuple[RouteState, InFlight]] = []
        for route in self.routes.values():
            flight = route.in_flight
            if flight is None or not flight.future.done():
                continue
            route.in_flight = None
            try:
                flight.future.result()
            except WebhookRetryable as exc:
                self._retry_later(route, flight, exc)
            except WebhookRejected as exc:
                self._rejected(route, flight, exc)
            except Exception as exc:  # noqa: BLE001 - an unexpected client error: retry, never drop
                log.exception("unexpected delivery error", extra={"route": route.name})
                self._retry_later(route, flight, WebhookRetryable(type(exc).__name__))
            else:
                accepted.append((route, flight))
        for route, flight in accepted:
            self.keys.remember(flight.keys)
            if self.after_keys:
                self.after_keys([item.alert for item, _ in flight.items])
            route.attempts = route.gone = 0
            for item, _ in flight.items:
                self._done(item)
        if accepted:
            self._maybe_commit()  # before the counters move: "sent" then implies "committed" when idle
            for route, flight in accepted:
                self._count_accepted(route, flight)

    def _deliver(self, route: RouteState, payload: dict, keys: list[SentKey]) -> None:
        """On a worker thread: POST, then make the keys durable. Returns only when both happened."""
        route.destination.post(payload)
        delay = 0.5
        while True:  # the message is out: its keys must be written, whatever it takes
            try:
                self.keys.write(keys)
                return
            except Exception as exc:  # noqa: BLE001 - a broker outage: keep trying, never resend
                if self._closing.is_set():
                    log.error("shutting down before the idempotency keys of a sent alert were written: "
                              "it may be sent again after the restart", extra={"route": route.name})
                    raise
                log.error("could not write idempotency keys; retrying", extra={"route": route.name,
                                                                               "error": str(exc)[:200]})
                self._closing.wait(delay)
                delay = min(delay * 2, 10.0)

    def finish_in_flight(self) -> None:
        self.collect(block=True)

    def _count_accepted(self, route: RouteState, flight: InFlight) -> None:
        now = datetime.now(UTC)
        self.metrics.messages.labels(route.name, flight.kind).inc()
        self.pipeline.sent.labels(STAGE).inc(len(flight.items))
        for item, _ in flight.items:
            self.metrics.sent.labels(route.name).inc()
            published = published_of(item.alert)
            if published is not None:
                age = max(0.0, (now - published).total_seconds())
                self.metrics.latency.labels(route.name).observe(age)
                self.pipeline.latency.labels("alerted").observe(age)
            if item.alert.tagged_ms:
                self.metrics.sink_latency.labels(route.name).observe(
                    max(0.0, now.timestamp() - item.alert.tagged_ms / 1000))

    def _retry_later(self, route: RouteState, flight: InFlight, exc: WebhookRetryable) -> None:
        route.requeue(flight)
        if exc.retry_after is not None:
            route.not_before = self.clock() + exc.retry_after
            self.metrics.throttled.labels(route.name, "retry_after").inc()
            self.pipeline.pauses.labels(STAGE, exc.reason).inc()
            log.warning("route rate-limited by the webhook; pausing it",
                        extra={"route": route.name, "retry_after": exc.retry_after})
            return
        route.attempts += 1
        cap = min(self.config.retry_max_seconds, self.config.retry_initial_seconds * 2 ** (route.attempts - 1))
        delay = cap * self.rng.uniform(0.5, 1.0)
        route.not_before = self.clock() + delay
        self.metrics.retries.labels(route.name, exc.reason.split(":")[0]).inc()
        self.pipeline.pauses.labels(STAGE, exc.reason.split(":")[0]).inc()
        log.warning("webhook delivery failed; retrying", extra={"route": route.name, "reason": exc.reason,
                                                                 "attempt": route.attempts, "delay": round(delay, 3)})

    def _rejected(self, route: RouteState, flight: InFlight, exc: WebhookRejected) -> None:
        for item, _ in flight.items:
            self._dead_letter(item.tp, item.offset, item.raw, exc.error_type, str(exc), route=route.name)
        route.gone = route.gone + 1 if exc.status in GONE_STATUSES else 0
        if route.gone >= self.config.disable_after_gone and not route.disabled:
            route.disabled = True
            self.metrics.disabled.labels(route.name).set(1)
            log.error("route disabled: its webhook keeps answering that the channel is gone",
                      extra={"route": route.name, "status": exc.status, "answers": route.gone})
            while route.queue:
                item = route.queue.popleft()
                self._dead_letter(item.tp, item.offset, item.raw, "route_disabled",
                                  f"route {route.name} is disabled after HTTP {exc.status}", route=route.name)

    def _duplicate(self, route: RouteState, item: Queued) -> None:
        self.metrics.suppressed.labels(route.name, "duplicate").inc()
        self._done(item)

    def _dead_letter(self, tp: TopicPartition, offset: int, raw: bytes | None, error_type: str, error: str,
                     *, route: str) -> None:
        letter = self.dead_letters.record(error_type, error, topic=tp.topic, partition=tp.partition, offset=offset,
                                          key=route.encode(), value=raw)
        self.producer.send(letter.topic, key=letter.key, value=letter.value).get(timeout=60)
        self.metrics.failed.labels(route, error_type).inc()
        self._finished(tp, offset)

    def _done(self, item: Queued) -> None:
        self._finished(item.tp, item.offset)

    def _finished(self, tp: TopicPartition, offset: int) -> None:
        self.offsets.done(tp, offset)
        self._throttled.discard((tp, offset))
        self.alerts_done += 1

    def _maybe_commit(self) -> None:
        if self.idle() or time.monotonic() - self._last_commit >= COMMIT_INTERVAL:
            self.commit()  # between commits, the idempotency keys protect what was sent

    def commit(self) -> None:
        self._last_commit = time.monotonic()
        offsets = self.offsets.to_commit()
        if not offsets:
            return
        if commit_offsets(self.consumer, offsets):
            self.pipeline.committed.labels(STAGE).inc(self.offsets.committed(offsets))
