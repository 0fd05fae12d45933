"""Wiring for ``newswatch metrics-sink``: business metrics from the tagged topic plus every group's lag."""

from __future__ import annotations

import threading
from collections.abc import Mapping

from prometheus_client import CollectorRegistry

from newswatch.config import TopicsConfig
from newswatch.kafka_io import Kafka
from newswatch.lag import LagMonitor
from newswatch.metrics import BusinessMetrics, PipelineMetrics, register_lag_collector
from newswatch.sinks.config import MetricsSinkConfig
from newswatch.sinks.prometheus import ExportMetrics
from newswatch.stream import StreamLoop

Groups = Mapping[str, tuple[str, ...]]


def lag_monitor(cfg: MetricsSinkConfig, kafka: Kafka, groups: Groups) -> LagMonitor:
    return LagMonitor(admin_factory=kafka.admin, groups=dict(groups),
                      prefixes=cfg.lag_group_prefixes, interval=cfg.lag_interval_seconds)


def run_metrics_sink(cfg: MetricsSinkConfig, topics: TopicsConfig, kafka: Kafka, *, stop: threading.Event,
                     registry: CollectorRegistry, groups: Groups | None = None,
                     idle_exit_after: float | None = None) -> int:
    """Export business metrics and consumer lag until stopped; returns the number of records handled.

    ``groups`` are the consumer groups whose lag to watch, each with the topics it reads (the
    composition layer knows the whole pipeline's); by default only this sink's own group."""
    pipeline = PipelineMetrics(registry)
    handler = ExportMetrics(BusinessMetrics(registry), pipeline)
    monitor = lag_monitor(cfg, kafka, groups if groups is not None else {cfg.group: (topics.tagged,)})
    register_lag_collector(registry, monitor.snapshot)
    lag_stop = threading.Event()  # the caller's ``stop`` may be shared: stop only our own thread
    lag_thread = threading.Thread(target=monitor.run, args=(lag_stop,), name="consumer-lag", daemon=True)
    lag_thread.start()
    consumer = kafka.consumer(topics.tagged, group=cfg.group)
    producer = kafka.producer()
    loop = StreamLoop(consumer=consumer, producer=producer, handler=handler, dlq_topic=topics.dlq,
                      metrics=pipeline)
    try:
        loop.run(stop, idle_exit_after=idle_exit_after)
    finally:
        lag_stop.set()
        lag_thread.join(timeout=30)
        consumer.close(autocommit=False)
        producer.close()
    return loop.records_done
