"""The alert sink's keys topic is bounded by its retention, and start-up reads only the retention."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import msgspec
from kafka.admin import ConfigResource, ConfigResourceType

from newswatch.sinks.meeting_keys import KeyStore, SentKey
from newswatch.sinks.run import ensure_alert_topics

DAY = 86_400


def _keys_at(kafka, topic: str, stamps: list[float]) -> None:
    producer = kafka.producer()
    try:
        for n, stamp in enumerate(stamps):
            key = SentKey(route="r", signature=f"KR>C{n}", article_id=f"a{n}", published=stamp,
                          sent_at=datetime.fromtimestamp(stamp, UTC))
            producer.send(topic, key=key.kafka_key, value=msgspec.json.encode(key), timestamp_ms=int(stamp * 1000))
        producer.flush()
    finally:
        producer.close()


def test_keys_topic_is_compacted_and_time_limited(settings, kafka):
    _alerts, keys = ensure_alert_topics(settings.alert, settings.topics, kafka)
    admin = kafka.admin()
    try:
        described = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, keys)])
    finally:
        admin.close()
    configs = {name: entry["value"] for name, entry in described["topic"][keys].items()}
    assert configs["cleanup.policy"] == "compact,delete"
    assert configs["retention.ms"] == str(int(settings.alert.keys_retention_days * DAY * 1000))


def test_start_up_reads_only_keys_within_the_retention(settings, kafka):
    _alerts, topic = ensure_alert_topics(settings.alert, settings.topics, kafka)
    now = time.time()
    retention = settings.alert.keys_retention_seconds
    _keys_at(kafka, topic, [now - retention - 2 * DAY] * 40 + [now - 60] * 3)  # by key: all on their own
    store = KeyStore(topic, kafka.consumer(group=None), kafka.producer(), 72 * 3600, retention_seconds=retention)
    try:
        assert store.catch_up() == 3
        assert len(store.index) == 3
        assert store.records_read == 3  # it started at the first key within the retention
    finally:
        store.consumer.close()
        store.producer.close()
