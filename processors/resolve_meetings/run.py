"""Wiring for ``newswatch resolve``: the reports step and the resolver, in one process.

reports:  newswatch.tagged -> one report per meeting -> newswatch.meeting-reports, key = parties|kind
resolver: newswatch.meeting-reports -> meeting records -> newswatch.meetings (compacted, key = meeting id,
          partition = the report's partition)
"""

from __future__ import annotations

import threading

from prometheus_client import CollectorRegistry

from newswatch.config import TopicsConfig
from newswatch.errors import ConfigError
from newswatch.kafka_io import Kafka, wait_for_partitions
from newswatch.metrics import MeetingMetrics, PipelineMetrics
from newswatch.processors.resolve_meetings.config import ResolverConfig
from newswatch.processors.resolve_meetings.reports import ReportMeetings
from newswatch.processors.resolve_meetings.resolver import ResolveMeetings
from newswatch.stream import StreamLoop


def ensure_meeting_topics(topics: TopicsConfig, kafka: Kafka) -> None:
    """Create the reports and meetings topics; both need the same partition count (the resolver's state
    for reports partition p lives in meetings partition p)."""
    spec = {"num_partitions": topics.partitions, "replication_factor": topics.replication_factor}
    big = {"max.message.bytes": str(8 * 1024 * 1024)}
    kafka.ensure_topics(topics, extra={
        topics.meeting_reports_topic: {**spec, "configs": big},
        topics.meetings_topic: {**spec, "configs": {**big, "cleanup.policy": "compact"}},
    })
    consumer = kafka.consumer(group=None)
    try:
        reports = consumer.partitions_for_topic(topics.meeting_reports_topic) or set()
        meetings = consumer.partitions_for_topic(topics.meetings_topic) or set()
    finally:
        consumer.close()
    if len(reports) != len(meetings):
        raise ConfigError(f"{topics.meeting_reports_topic} has {len(reports)} partitions but "
                          f"{topics.meetings_topic} has {len(meetings)}: the meeting resolver needs them equal")


def run_meeting_resolver(cfg: ResolverConfig, topics: TopicsConfig, kafka: Kafka, *, stop: threading.Event,
                         registry: CollectorRegistry, idle_exit_after: float | None = None) -> int:
    """Resolve meeting reports into meeting records until stopped; returns the reports handled."""
    ensure_meeting_topics(topics, kafka)
    pipeline, meetings = PipelineMetrics(registry), MeetingMetrics(registry)
    reports_consumer = kafka.consumer(group=f"{cfg.group}-reports")
    wait_for_partitions(reports_consumer, [topics.tagged, topics.meeting_reports_topic, topics.meetings_topic])
    reports_consumer.subscribe([topics.tagged])
    reports_producer = kafka.producer()
    reports = StreamLoop(consumer=reports_consumer, producer=reports_producer, dlq_topic=topics.dlq,
                         handler=ReportMeetings(topics.meeting_reports_topic), metrics=pipeline,
                         max_records=cfg.max_batch, poll_timeout_ms=cfg.poll_timeout_ms)
    reports_stop = threading.Event()
    reports_error: list[BaseException] = []

    def report_forever() -> None:
        try:
            reports.run(reports_stop, idle_exit_after=idle_exit_after)
        except BaseException as exc:  # surfaced below: the resolver stops too
            reports_error.append(exc)
            stop.set()

    handler = ResolveMeetings(topics.meetings_topic, lambda: kafka.consumer(group=None), cfg, meetings)
    consumer = kafka.consumer(group=cfg.group)
    wait_for_partitions(consumer, [topics.meeting_reports_topic])
    consumer.subscribe([topics.meeting_reports_topic], listener=handler)
    producer = kafka.producer()
    # Records go to explicit partitions: learn the (maybe just created) topic's partitions before the first send.
    producer.partitions_for(topics.meetings_topic)
    loop = StreamLoop(consumer=consumer, producer=producer, handler=handler, dlq_topic=topics.dlq,
                      metrics=pipeline, max_records=cfg.max_batch, poll_timeout_ms=cfg.poll_timeout_ms)
    thread = threading.Thread(target=report_forever, name="meeting-reports", daemon=True)
    thread.start()
    try:
        loop.run(stop, idle_exit_after=idle_exit_after)
        # --idle-exit: idle only once the reports step is idle too, and then the last reports it wrote are in
        while idle_exit_after is not None and not stop.is_set() and thread.is_alive():
            loop.run(stop, idle_exit_after=idle_exit_after)
        if idle_exit_after is not None and not stop.is_set():
            loop.run(stop, idle_exit_after=idle_exit_after)
    finally:
        reports_stop.set()
        thread.join(timeout=30)
        consumer.close(autocommit=False)
        producer.close()
        reports_consumer.close(autocommit=False)
        reports_producer.close()
    if reports_error:
        raise reports_error[0]
    return loop.records_done
