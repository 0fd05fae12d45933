"""Wiring for ``newswatch process``: consumer group, tagger, producer, the stream loop."""

from __future__ import annotations

import threading

from prometheus_client import CollectorRegistry

from newswatch.config import TopicsConfig
from newswatch.kafka_io import Kafka
from newswatch.metrics import PipelineMetrics
from newswatch.processors.config import ProcessorConfig
from newswatch.processors.service import TagArticles
from newswatch.processors.tag_meetings import MeetingTagger
from newswatch.stream import StreamLoop


def run_processor(cfg: ProcessorConfig, topics: TopicsConfig, kafka: Kafka, *, stop: threading.Event,
                  registry: CollectorRegistry,
                  idle_exit_after: float | None = None, tagger: MeetingTagger | None = None) -> int:
    """Tag articles until stopped; returns the number of records handled."""
    metrics = PipelineMetrics(registry)
    handler = TagArticles(tagger or MeetingTagger(cfg.tagger), topics.tagged, metrics=metrics,
                          max_record_bytes=cfg.max_record_bytes)
    consumer = kafka.consumer(topics.articles, group=cfg.group)
    producer = kafka.producer()
    loop = StreamLoop(consumer=consumer, producer=producer, handler=handler, dlq_topic=topics.dlq,
                      metrics=metrics, max_records=cfg.max_batch,
                      poll_timeout_ms=cfg.poll_timeout_ms)
    try:
        loop.run(stop, idle_exit_after=idle_exit_after)
    finally:
        consumer.close(autocommit=False)
        producer.close()
    return loop.records_done
