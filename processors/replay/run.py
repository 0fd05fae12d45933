"""Wiring for ``newswatch replay``: plan the range, run the stream loop to its end, summarise.

Delivery: with ``processor.replay.transactional`` (the default) every batch's tagged records, dead
letters and offsets are one Kafka transaction; the producer's ``transactional_id`` is derived from
the group, so a rerun fences a killed predecessor and aborts its open transaction. Readers that use
``isolation_level=read_committed`` (every newswatch consumer) therefore see each record of the range
exactly once, however often the replay is interrupted.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from prometheus_client import CollectorRegistry

from newswatch.config import TopicsConfig
from newswatch.kafka_io import Kafka
from newswatch.metrics import PipelineMetrics
from newswatch.processors.config import ProcessorConfig, ReplayConfig
from newswatch.processors.replay.plan import ReplayPlan, prepare_plan
from newswatch.processors.replay.service import ReplayArticles
from newswatch.processors.replay.window import ReplayError, ReplayWindow
from newswatch.processors.service import TagArticles
from newswatch.processors.tag_meetings import MeetingTagger
from newswatch.stream import StreamLoop

Progress = Callable[[int, int], None]  # (records done, records total)


@dataclass(frozen=True)
class ReplayRequest:
    window: ReplayWindow
    output_topic: str
    group: str | None = None
    alerts: bool = False


@dataclass
class ReplaySummary:
    group: str
    topic: str
    output_topic: str
    tagger_version: str
    resumed: bool = False
    #: The tagger version of an earlier run of this replay whose results this run replaces (rules changed).
    retagged_from: str | None = None
    complete: bool = False
    total: int = 0  # records in the offset range
    done_before: int = 0  # of those, handled by earlier (interrupted) runs
    read: int = 0
    tagged: int = 0
    meetings: int = 0
    skipped: int = 0
    dead_letters: int = 0
    seconds: float = 0.0
    partitions: dict[str, list[int]] = field(default_factory=dict)  # partition -> [start, end]

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "records_per_second": round(self.rate, 1)}


def run_replay(processor: ProcessorConfig, topics: TopicsConfig, kafka: Kafka, request: ReplayRequest, *,
               stop: threading.Event,
               registry: CollectorRegistry, tagger=None, on_progress: Progress | None = None) -> ReplaySummary:
    """Re-tag every record of the request's range once; returns when the range is done or ``stop`` is set."""
    cfg = processor.replay
    if request.output_topic == request.window.topic:
        raise ReplayError(f"--to {request.output_topic} is the topic being replayed: results would be read back "
                          "as articles")
    tagger = tagger or MeetingTagger(processor.tagger)
    version = str(getattr(tagger, "version", ""))
    # The tagger version is not part of the group: the same command after a rule change finds its old plan
    # and starts the range over (prepare_plan), instead of resuming a finished plan and tagging nothing.
    fingerprint = request.window.fingerprint(request.output_topic, "alerts" if request.alerts else "")
    group = request.group or f"{cfg.group_prefix}-{fingerprint}"
    summary = ReplaySummary(group=group, topic=request.window.topic, output_topic=request.output_topic,
                            tagger_version=version)
    started = time.monotonic()
    consumer = kafka.consumer(group=group, max_poll_records=cfg.max_batch)
    producer = None
    try:
        if cfg.transactional:
            # A short retry back-off: the broker answers CONCURRENT_TRANSACTIONS while it writes the
            # previous transaction's markers, and the default 100 ms wait would dominate each batch.
            producer = kafka.producer(transactional_id=f"{group}-tx", retry_backoff_ms=10,
                                      transaction_timeout_ms=cfg.transaction_timeout_ms)
            producer.init_transactions()  # fences a killed predecessor and aborts its open transaction
        else:
            producer = kafka.producer()
        plan = prepare_plan(consumer, request.window, group, fingerprint, version)
        summary.resumed, summary.total, summary.done_before = plan.resumed, plan.total, plan.done()
        summary.retagged_from = plan.retag_from
        summary.partitions = {str(tp.partition): [r.start, r.end] for tp, r in plan.ranges.items()}
        handler = ReplayArticles(TagArticles(tagger, request.output_topic, replayed=True), request.window,
                                 alerts_allowed=request.alerts)
        _drive(cfg, topics.dlq, consumer, producer, handler, plan, registry, stop, on_progress)
        counts = handler.counts
        summary.read, summary.tagged, summary.meetings, summary.skipped = (
            counts.read, counts.tagged, counts.meetings, counts.skipped)
        summary.dead_letters = int(registry.get_sample_value("newswatch_dlq_records_total",
                                                             {"stage": handler.stage}) or 0)
        summary.complete = all(plan.positions[tp] >= r.end for tp, r in plan.ranges.items())
    finally:
        consumer.close(autocommit=False)
        if producer is not None:
            producer.close()
        summary.seconds = round(time.monotonic() - started, 3)
    return summary


def _drive(cfg: ReplayConfig, dlq_topic: str, consumer, producer, handler: ReplayArticles, plan: ReplayPlan,
           registry: CollectorRegistry, stop: threading.Event, on_progress: Progress | None) -> None:
    pending = plan.pending()
    consumer.assign(pending)
    for tp in pending:
        consumer.seek(tp, plan.positions[tp])
    loop = StreamLoop(consumer=consumer, producer=producer, handler=handler, dlq_topic=dlq_topic,
                      metrics=PipelineMetrics(registry), max_records=cfg.max_batch,
                      poll_timeout_ms=cfg.poll_timeout_ms, stop_at={tp: plan.ranges[tp].end for tp in pending},
                      transactional=cfg.transactional, commit_metadata=plan.metadata())
    remaining = set(pending)
    if on_progress:
        on_progress(plan.done(), plan.total)
    while remaining and not stop.is_set():
        loop.poll_once()
        for tp in list(remaining):
            plan.positions[tp] = consumer.position(tp)
            if plan.positions[tp] >= plan.ranges[tp].end:
                remaining.discard(tp)
                if tp not in loop.finished:
                    loop.finish(tp)
        if on_progress:
            on_progress(plan.done(), plan.total)
