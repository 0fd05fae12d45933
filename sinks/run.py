"""Wiring for ``newswatch alert``: consumer group, destination (Slack webhook or console), the loop."""

from __future__ import annotations

import threading
from typing import TextIO

import httpx
from prometheus_client import CollectorRegistry

from newswatch.config import Settings
from newswatch.kafka_io import Kafka
from newswatch.metrics import PipelineMetrics
from newswatch.stream import StreamLoop
from sinks.console import ConsoleSink
from sinks.service import Destination, SendAlerts
from sinks.slack_webhook import SlackWebhook


def run_alert_sink(settings: Settings, kafka: Kafka, *, stop: threading.Event, registry: CollectorRegistry,
                   idle_exit_after: float | None = None, console: TextIO | None = None) -> int:
    cfg = settings.alert
    client = httpx.Client(timeout=cfg.timeout_seconds)
    destination: Destination = (SlackWebhook(cfg.webhook_url, client) if cfg.webhook_url
                                else ConsoleSink(console))
    metrics = PipelineMetrics(registry)
    handler = SendAlerts(destination, metrics, include_replayed=cfg.include_replayed, max_attempts=cfg.max_attempts)
    consumer = kafka.consumer(settings.topics.tagged, group=cfg.group, max_poll_records=50)
    producer = kafka.producer()
    loop = StreamLoop(consumer=consumer, producer=producer, handler=handler, dlq_topic=settings.topics.dlq,
                      metrics=metrics)
    try:
        loop.run(stop, idle_exit_after=idle_exit_after)
    finally:
        consumer.close(autocommit=False)
        producer.close()
        client.close()
    return loop.records_done
