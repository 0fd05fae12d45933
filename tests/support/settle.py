"""Proving that nothing more will happen, without waiting a fixed time for it not to.

A stage can act again only on input it has not finished. So "nothing else will be sent" holds once
every consumer group of the stage has committed up to the end of its input topic (a committed
offset means the work before it is durably done) and the stage itself reports nothing in flight.
Tests wait for that state, then assert exact counts.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
from prometheus_client import CollectorRegistry
from prometheus_client.parser import text_string_to_metric_families

from newswatch.kafka_io import Kafka
from newswatch.metrics import AlertMetrics
from newswatch.settings import Settings
from tests.support.groups import unread_records


def inputs_of_alert_sink(settings: Settings) -> list[tuple[str, str]]:
    """(group, topic) for the alert sink's two steps: the router and the delivery (and, when the sink
    alerts on meetings, the resolver's two steps before them)."""
    alerts, _keys = settings.alert.topic_names(settings.topics.tagged)
    if settings.alert.source == "meetings":
        return [(f"{settings.meetings.group}-reports", settings.topics.tagged),
                (settings.meetings.group, settings.topics.meeting_reports_topic),
                (f"{settings.alert.group}-router", settings.topics.meetings_topic), (settings.alert.group, alerts)]
    return [(f"{settings.alert.group}-router", settings.topics.tagged), (settings.alert.group, alerts)]


def inputs_of_pipeline(settings: Settings) -> list[tuple[str, str]]:
    """(group, topic) for the processor and both steps of the alert sink."""
    return [(settings.processor.group, settings.topics.articles), *inputs_of_alert_sink(settings)]


def committed_to_end(kafka: Kafka, inputs: list[tuple[str, str]]) -> bool:
    return all(unread_records(kafka, group, topic) == 0 for group, topic in inputs)


def alert_sink_settled(kafka: Kafka, settings: Settings, registry: CollectorRegistry) -> bool:
    """An in-process alert sink read and finished everything there is: no alert can still go out."""
    return committed_to_end(kafka, inputs_of_alert_sink(settings)) and AlertMetrics.in_flight_of(registry) <= 0


def scraped_in_flight(metrics_url: str) -> float:
    """Routed alerts a running ``newswatch alert`` process has not finished, from its ``/metrics``."""
    text = httpx.get(metrics_url, timeout=5).text
    totals: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name.endswith("_total") and sample.name.startswith("newswatch_alerts_"):
                if sample.name == "newswatch_alerts_suppressed_total" and sample.labels.get("reason") != "duplicate":
                    continue
                totals[sample.name] = totals.get(sample.name, 0.0) + sample.value
    return (totals.get("newswatch_alerts_routed_total", 0.0) - totals.get("newswatch_alerts_sent_total", 0.0)
            - totals.get("newswatch_alerts_suppressed_total", 0.0) - totals.get("newswatch_alerts_failed_total", 0.0))


def settled(kafka: Kafka, inputs: list[tuple[str, str]], *idle: Callable[[], bool]) -> Callable[[], bool]:
    """A predicate for ``wait_until``: every group committed to the end of its input, every stage idle."""
    return lambda: committed_to_end(kafka, inputs) and all(check() for check in idle)
