"""Meeting tests against the real broker: publish tagged records, read the meetings topic as compacted."""

from __future__ import annotations

import time
from collections.abc import Callable

from newswatch.kafka_io import Kafka
from newswatch.schema import MeetingRecord, TaggedArticle, encode
from newswatch.settings import Settings
from tests.support.groups import committed_lag
from tests.support.topics import produce, read_records


def publish(kafka: Kafka, settings: Settings, articles: list[TaggedArticle]) -> None:
    produce(kafka, settings.topics.tagged, [encode(a) for a in articles], [a.article_id.encode() for a in articles])


def latest(kafka: Kafka, topic: str) -> dict[str, MeetingRecord]:
    """What a compacted read of the meetings topic gives: the last record per meeting id."""
    out: dict[str, MeetingRecord] = {}
    for record in read_records(kafka, topic, MeetingRecord):
        out[record.meeting_id] = record
    return out


def lags(kafka: Kafka, settings: Settings, group: str) -> dict[str, int]:
    """What each resolver step has yet to commit (for assertion messages)."""
    return {"reports": committed_lag(kafka, f"{group}-reports", settings.topics.tagged),
            "resolver": committed_lag(kafka, group, settings.topics.meeting_reports_topic)}


def settled(kafka: Kafka, settings: Settings, group: str) -> bool:
    """Both resolver steps committed everything there is."""
    return not any(lags(kafka, settings, group).values())


def wait(predicate: Callable[[], bool], timeout: float = 90.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()
