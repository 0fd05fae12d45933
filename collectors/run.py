"""Wiring for ``newswatch collect``: Kafka producer, metrics, the poll loop."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from prometheus_client import CollectorRegistry

from collectors.config import FeedConfig
from collectors.service import Collector, CycleStats
from newswatch.config import Settings
from newswatch.errors import ConfigError
from newswatch.kafka_io import Kafka
from newswatch.metrics import PipelineMetrics


def run_collector(settings: Settings, kafka: Kafka, *, stop: threading.Event, registry: CollectorRegistry,
                  feeds: Sequence[FeedConfig] | None = None, once: bool = False) -> CycleStats:
    feeds = list(feeds or settings.collector.feeds)
    if not feeds:
        raise ConfigError("no feeds configured: pass feed URLs or files, or add collector.feeds to newswatch.toml")
    producer = kafka.producer()
    try:
        collector = Collector(producer, settings.topics.articles, PipelineMetrics(registry))
        while True:
            stats = collector.collect_once(feeds)
            if once or stop.wait(settings.collector.interval_seconds):
                return stats
    finally:
        producer.close()
