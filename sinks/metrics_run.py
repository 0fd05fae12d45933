"""Wiring for ``newswatch metrics-sink``: business metrics from the tagged topic plus every group's lag."""

from __future__ import annotations

import threading

from prometheus_client import CollectorRegistry

from newswatch.config import Settings
from newswatch.kafka_io import Kafka
from newswatch.lag import LagMonitor
from newswatch.metrics import BusinessMetrics, PipelineMetrics, register_lag_collector
from newswatch.sinks.prometheus import ExportMetrics
from newswatch.stream import StreamLoop


def pipeline_groups(settings: Settings) -> dict[str, tuple[str, ...]]:
    """The pipeline's own consumer groups and the topic each reads."""
    alerts_topic, _keys = settings.alert.topic_names(settings.topics.tagged)
    return {
        settings.processor.group: (settings.topics.articles,),
        f"{settings.alert.group}-router": (settings.topics.tagged,),  # the alert sink's router step
        settings.alert.group: (alerts_topic,),  # its delivery step
        settings.metrics_sink.group: (settings.topics.tagged,),
    }


def lag_monitor(settings: Settings, kafka: Kafka) -> LagMonitor:
    cfg = settings.metrics_sink
    return LagMonitor(admin_factory=kafka.admin, groups=pipeline_groups(settings),
                      prefixes=cfg.lag_group_prefixes, interval=cfg.lag_interval_seconds)


def run_metrics_sink(settings: Settings, kafka: Kafka, *, stop: threading.Event, registry: CollectorRegistry,
                     idle_exit_after: float | None = None) -> int:
    """Export business metrics and consumer lag until stopped; returns the number of records handled."""
    pipeline = PipelineMetrics(registry)
    handler = ExportMetrics(BusinessMetrics(registry), pipeline)
    monitor = lag_monitor(settings, kafka)
    register_lag_collector(registry, monitor.snapshot)
    lag_stop = threading.Event()  # the caller's ``stop`` may be shared: stop only our own thread
    lag_thread = threading.Thread(target=monitor.run, args=(lag_stop,), name="consumer-lag", daemon=True)
    lag_thread.start()
    consumer = kafka.consumer(settings.topics.tagged, group=settings.metrics_sink.group)
    producer = kafka.producer()
    loop = StreamLoop(consumer=consumer, producer=producer, handler=handler, dlq_topic=settings.topics.dlq,
                      metrics=pipeline)
    try:
        loop.run(stop, idle_exit_after=idle_exit_after)
    finally:
        lag_stop.set()
        lag_thread.join(timeout=30)
        consumer.close(autocommit=False)
        producer.close()
    return loop.records_done
