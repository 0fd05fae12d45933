"""Kafka I/O shared by every stage: clients built from config, topic creation, dead letters.

``connect(kafka_config, broker_config)`` is the one entry point: it resolves where Kafka is (configured bootstrap
servers, or the embedded local broker started on demand) and returns a ``Kafka`` handle that
builds producers, consumers and admin clients with the same security settings.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.errors import TopicAlreadyExistsError
from pydantic import SecretStr

from newswatch.assignment import GroupConsumer, await_topics
from newswatch.broker import LocalBroker
from newswatch.config import BrokerConfig, KafkaConfig, TopicsConfig
from newswatch.errors import BrokerError, ConfigError
from newswatch.kafka_ready import wait_until_ready
from newswatch.schema import DeadLetter, encode

log = logging.getLogger(__name__)

#: Dead letters keep at most this much of the original record (a 5 MB poison record stays bounded).
DLQ_MAX_ORIGINAL_BYTES = 512 * 1024


def read_secret(value: SecretStr | None, path: Path | None, what: str) -> str | None:
    """A secret given inline or as a file (trailing newline dropped); errors name the file, not the secret."""
    if value is not None:
        return value.get_secret_value()
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8").rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {what} from {path}: {type(exc).__name__}") from None


def security_options(cfg: KafkaConfig) -> dict[str, Any]:
    """kafka-python keyword arguments for TLS and SASL, from configuration.

    kafka-python takes the SASL credentials as ``sasl_plain_username``/``sasl_plain_password`` for
    PLAIN and for SCRAM alike; TLS is on for ``SSL`` and ``SASL_SSL``.
    """
    opts: dict[str, Any] = {"security_protocol": cfg.security_protocol}
    if cfg.sasl_mechanism:
        opts["sasl_mechanism"] = cfg.sasl_mechanism
        opts["sasl_plain_username"] = cfg.sasl_username
        opts["sasl_plain_password"] = read_secret(cfg.sasl_password, cfg.sasl_password_file,
                                                  "the SASL password")
    if cfg.security_protocol.endswith("SSL"):
        opts["ssl_check_hostname"] = cfg.ssl_check_hostname
        for key in ("ssl_cafile", "ssl_certfile", "ssl_keyfile"):
            value = getattr(cfg, key)
            if value is not None:
                opts[key] = str(value)
        password = read_secret(cfg.ssl_password, cfg.ssl_password_file, "the TLS key password")
        if password is not None:
            opts["ssl_password"] = password
    return opts



@dataclass
class Kafka:
    """Where Kafka is and how to talk to it."""

    bootstrap: str
    config: KafkaConfig = field(default_factory=KafkaConfig)

    def _common(self) -> dict[str, Any]:
        return {"bootstrap_servers": self.bootstrap.split(","), "client_id": self.config.client_id,
                "request_timeout_ms": self.config.request_timeout_ms, **security_options(self.config)}

    def producer(self, **overrides: Any) -> KafkaProducer:
        """An idempotent producer that waits for all in-sync replicas."""
        opts: dict[str, Any] = {"acks": "all", "enable_idempotence": True, "linger_ms": 5,
                                "max_request_size": 8 * 1024 * 1024, "retries": 2_147_483_647,
                                "delivery_timeout_ms": 300_000, "max_block_ms": 120_000}
        opts.update(overrides)
        return KafkaProducer(**self._common(), **opts)

    def consumer(self, *topics: str, group: str | None, topic_timeout: float = 60.0,
                 **overrides: Any) -> KafkaConsumer:
        """A consumer that never auto-commits: stages commit after their output is durable.

        It reads committed data only: records of an aborted or still-open transaction (a replay
        killed mid-batch) are never seen downstream. Given ``topics``, it subscribes only once its
        metadata lists each of them (a BrokerError after ``topic_timeout`` seconds), and it rejoins
        its group if an assignment still left a topic's partitions unowned, and commits after a rejoin the
        offsets a rebalance refused (``newswatch.assignment``); so does a group member that subscribes
        later itself."""
        opts: dict[str, Any] = {"group_id": group, "enable_auto_commit": False,
                                "isolation_level": "read_committed",
                                "auto_offset_reset": "earliest", "max_poll_records": 500,
                                "fetch_max_bytes": 16 * 1024 * 1024,
                                "max_partition_fetch_bytes": 8 * 1024 * 1024,
                                "metadata_max_age_ms": self.config.metadata_max_age_ms}
        if self.config.session_timeout_ms is not None:
            opts["session_timeout_ms"] = self.config.session_timeout_ms
        opts.update(overrides)
        # Every group member is a GroupConsumer, also one that subscribes later itself (with a listener).
        consumer: KafkaConsumer = (KafkaConsumer(**self._common(), **opts) if group is None else
                                   GroupConsumer(describe=self.describe_group, **self._common(), **opts))
        if not topics:
            return consumer
        try:
            await_topics(consumer, topics, topic_timeout)
        except BaseException:
            consumer.close(autocommit=False)
            raise
        consumer.subscribe(list(topics))
        return consumer

    def describe_group(self, group: str) -> dict[str, Any] | None:
        """The group's state and members' assignments (``KafkaAdminClient.describe_groups``)."""
        admin = self.admin()
        try:
            return admin.describe_groups([group]).get(group)
        finally:
            admin.close()

    def admin(self) -> KafkaAdminClient:
        return KafkaAdminClient(**self._common())

    def ensure_topics(self, topics: TopicsConfig, extra: dict[str, dict[str, Any]] | None = None) -> None:
        """Create the pipeline's topics when missing (idempotent)."""
        wanted: dict[str, dict[str, Any]] = {
            name: {"num_partitions": topics.partitions, "replication_factor": topics.replication_factor,
                   "configs": {"max.message.bytes": str(8 * 1024 * 1024)}}
            for name in (topics.articles, topics.tagged, topics.dlq)
        }
        wanted.update(extra or {})
        admin = self.admin()
        try:
            existing = set(admin.list_topics())
            missing = {name: spec for name, spec in wanted.items() if name not in existing}
            for name, spec in missing.items():
                try:
                    admin.create_topics({name: spec}, wait_for_metadata=True)
                    log.info("created topic", extra={"topic": name, "partitions": spec["num_partitions"]})
                except TopicAlreadyExistsError:
                    pass
        finally:
            admin.close()


def wait_for_partitions(consumer: KafkaConsumer, topics: list[str], timeout: float = 60.0) -> None:
    """Block until ``consumer``'s metadata knows every topic's partitions.

    Subscribe only after this for a topic created moments ago: a consumer that joins its group before
    its metadata lists the topic is assigned nothing and notices only at the next metadata refresh
    (``metadata_max_age_ms``, five minutes by default)."""
    deadline = time.monotonic() + timeout
    for topic in topics:
        while not consumer.partitions_for_topic(topic):
            if time.monotonic() > deadline:
                raise BrokerError(f"topic {topic} has no partitions after {timeout:.0f} s")
            time.sleep(0.1)


def connect(kafka: KafkaConfig, broker_config: BrokerConfig | None = None, *, timeout: float = 120.0) -> Kafka:
    """Find Kafka: the configured cluster, or the embedded local broker (started if needed)."""
    bootstrap = kafka.bootstrap_servers
    if bootstrap:
        try:
            wait_until_ready(bootstrap, timeout=kafka.connect_timeout_seconds, options=security_options(kafka))
        except BrokerError as exc:
            raise BrokerError(f"cannot reach Kafka bootstrap servers {bootstrap}: {exc}") from None
    else:
        embedded = broker_config or BrokerConfig()
        broker = LocalBroker(embedded.home, port=embedded.port, heap=embedded.heap)
        status = broker.status()
        if not status.running:
            log.info("starting the embedded Kafka broker", extra={"home": str(broker.home)})
        bootstrap = broker.start(timeout=timeout)
    return Kafka(bootstrap=bootstrap, config=kafka)


def dead_letter(stage: str, error_type: str, error: str, *, topic: str | None = None,
                partition: int | None = None, offset: int | None = None, key: bytes | None = None,
                value: bytes | None = None) -> bytes:
    """Encode a dead letter, keeping at most ``DLQ_MAX_ORIGINAL_BYTES`` of the original value."""
    if value is not None and len(value) > DLQ_MAX_ORIGINAL_BYTES:
        error = f"{error} (original {len(value)} bytes, truncated to {DLQ_MAX_ORIGINAL_BYTES})"
        value = value[:DLQ_MAX_ORIGINAL_BYTES]
    return encode(DeadLetter(stage=stage, error_type=error_type, error=error[:4000], topic=topic,
                             partition=partition, offset=offset, key=key, value=value))
