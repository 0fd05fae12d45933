"""Meeting tests' Kafka handle: the session broker, with a short group session so that a stopped
member's partitions move on within seconds on this busy machine (the default is 45 s)."""

from __future__ import annotations

import pytest

from newswatch.config import KafkaConfig
from newswatch.kafka_io import Kafka


@pytest.fixture
def stage_kafka(kafka: Kafka) -> Kafka:
    return Kafka(bootstrap=kafka.bootstrap, config=KafkaConfig(session_timeout_ms=10_000))
