"""Running the alert sink against the session broker and a Slack-like receiver."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec

from newswatch.kafka_io import Kafka
from newswatch.schema import Alert, TaggedArticle, encode
from newswatch.settings import Settings
from tests.support.topics import produce, read_all


def with_alert(settings: Settings, **alert: Any) -> Settings:
    """``settings`` with alert options changed (routes given as dicts are validated)."""
    merged = {**settings.alert.model_dump(), **alert}
    return settings.model_copy(update={"alert": type(settings.alert).model_validate(merged)})


def publish(kafka: Kafka, settings: Settings, articles: Sequence[TaggedArticle], *, by_id: bool = False) -> None:
    """Write tagged records; all on one partition (in this order) unless ``by_id`` keys them as the
    processor does (then their order across partitions is up to the router's polling)."""
    produce(kafka, settings.topics.tagged, [encode(a) for a in articles],
            keys=[a.article_id.encode() if by_id else b"test" for a in articles])


def titles(payloads: Sequence[dict]) -> list[str]:
    """The story titles each accepted payload names, in order (digests name several)."""
    found = []
    for payload in payloads:
        for block in payload["blocks"]:
            text = block.get("text", {}).get("text", "") if block["type"] == "section" else ""
            if "|Story " in text:
                found.append(text.split("|Story ", 1)[1].split(">", 1)[0])
    return found


def routed_order(kafka: Kafka, settings: Settings, route: str) -> list[str]:
    """The article ids of ``route``'s alerts in the order the router wrote them (one partition per route)."""
    records = [r for r in read_all(kafka, settings.alert.topic_names(settings.topics.tagged)[0])
               if r.key == route.encode()]
    assert len({r.partition for r in records}) <= 1
    return [msgspec.json.decode(r.value, type=Alert).article.article_id for r in records]
