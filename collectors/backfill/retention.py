"""Will the topic keep what we backfill? Records are stamped with publication times, and Kafka's
time-based retention deletes a segment once its newest record is older than ``retention.ms``: an
archive older than the window may be deleted minutes after it was written.

Also checked: ``message.timestamp.type=LogAppendTime`` (the broker would overwrite publication times,
so time-based replays could not select by them) and ``message.timestamp.before.max.ms`` (the broker
rejects records stamped further in the past).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from kafka.admin import ConfigResource, ConfigResourceType

from newswatch.kafka_io import Kafka

KEYS = ("retention.ms", "cleanup.policy", "message.timestamp.type", "message.timestamp.before.max.ms",
        "message.timestamp.after.max.ms")
NO_LIMIT = 2**63 - 1


@dataclass(frozen=True)
class TopicTimeConfig:
    retention_ms: int = -1
    deletes: bool = True  # cleanup.policy includes "delete"
    log_append_time: bool = False
    before_max_ms: int = NO_LIMIT
    after_max_ms: int = NO_LIMIT

    def accepts(self, timestamp_ms: int, now_ms: int) -> bool:
        """Would the broker accept a record stamped ``timestamp_ms`` (CreateTime)?"""
        if self.log_append_time:
            return True
        return now_ms - timestamp_ms <= self.before_max_ms and timestamp_ms - now_ms <= self.after_max_ms

    @classmethod
    def read(cls, kafka: Kafka, topic: str) -> TopicTimeConfig:
        admin = kafka.admin()
        try:
            answer = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic,
                                                            configs={k: None for k in KEYS})],
                                            config_filter="all")
        finally:
            admin.close()
        values = {k: v.get("value") for k, v in answer.get("topic", {}).get(topic, {}).items()}
        return cls(retention_ms=int(values.get("retention.ms") or -1),
                   deletes="delete" in (values.get("cleanup.policy") or "delete"),
                   log_append_time=values.get("message.timestamp.type") == "LogAppendTime",
                   before_max_ms=int(values.get("message.timestamp.before.max.ms") or NO_LIMIT),
                   after_max_ms=int(values.get("message.timestamp.after.max.ms") or NO_LIMIT))


@dataclass
class RetentionVerdict:
    errors: list[str] = field(default_factory=list)  # refuse unless --force
    warnings: list[str] = field(default_factory=list)


def _days(ms: int) -> str:
    return f"{ms / 86_400_000:.1f} days"


def check_retention(config: TopicTimeConfig, topic: str, timestamps_ms: list[int], *,
                    now: datetime | None = None) -> RetentionVerdict:
    """Compare the archive's record timestamps with what the topic keeps and accepts."""
    verdict = RetentionVerdict()
    if not timestamps_ms:
        return verdict
    now_ms = int((now or datetime.now(UTC)).timestamp() * 1000)
    oldest = min(timestamps_ms)
    oldest_text = datetime.fromtimestamp(oldest / 1000, UTC).isoformat(timespec="seconds")
    if config.log_append_time:
        verdict.warnings.append(f"{topic} uses message.timestamp.type=LogAppendTime: the broker replaces "
                                "publication times with the append time, so replay --since/--until cannot "
                                "select backfilled articles by publication date")
        return verdict
    if config.deletes and config.retention_ms >= 0 and now_ms - oldest > config.retention_ms:
        cutoff = now_ms - config.retention_ms
        expired = sum(1 for t in timestamps_ms if t < cutoff)
        verdict.errors.append(
            f"{expired} of {len(timestamps_ms)} articles (oldest {oldest_text}) are older than {topic}'s "
            f"retention.ms ({_days(config.retention_ms)}): Kafka may delete them right after writing. Raise "
            f"the topic's retention (kafka-configs.sh --alter --entity-type topics --entity-name {topic} "
            "--add-config retention.ms=-1) or pass --force to publish anyway")
    return verdict
