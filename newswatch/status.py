"""``newswatch status``: a quick look at the running pipeline without Grafana.

Three questions, each answered from the source of truth: how far behind is each consumer group
(Kafka's committed and end offsets), how fast is each stage going right now (two scrapes of each
``/metrics`` endpoint, ``interval`` seconds apart), and what was the last alert (the newest meeting
on the alerts topic below the alert group's committed offset, i.e. already delivered).
"""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from kafka import KafkaAdminClient
from kafka.structs import TopicPartition
from prometheus_client.parser import text_string_to_metric_families

from newswatch.kafka_io import Kafka
from newswatch.lag import consumer_lag, discover_groups, total_by_group
from newswatch.records import decode_record
from newswatch.schema import Alert, TaggedArticle
from newswatch.settings import Settings
from newswatch.stages import pipeline_groups

#: How many records before the alert group's position are searched for the last alert, per partition.
LAST_ALERT_WINDOW = 200


@dataclass
class StageRate:
    url: str
    up: bool
    received_per_second: float = 0.0
    sent_per_second: float = 0.0
    errors_per_second: float = 0.0
    sent_total: float = 0.0


@dataclass
class PipelineStatus:
    lag: dict[str, int] = field(default_factory=dict)
    stages: dict[str, StageRate] = field(default_factory=dict)
    last_alert: TaggedArticle | None = None
    last_alert_delivered: bool = False


def endpoints(settings: Settings) -> dict[str, str]:
    m = settings.metrics
    host = "127.0.0.1" if m.host in ("0.0.0.0", "") else m.host
    ports = {"collector": m.collector_port, "processor": m.processor_port, "alert": m.alert_port,
             "metrics_sink": m.metrics_sink_port}
    return {stage: f"http://{host}:{port}/metrics" for stage, port in ports.items()}


def scrape_totals(url: str, timeout: float = 3.0) -> dict[str, dict[str, float]] | None:
    """Per ``stage`` label, the received/sent/errors counters at ``url``; None when it does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - operator's own endpoint
            text = response.read(8 * 1024 * 1024).decode("utf-8", errors="replace")
    except OSError:
        return None
    names = {"newswatch_records_received_total": "received", "newswatch_records_sent_total": "sent",
             "newswatch_errors_total": "errors"}
    totals: dict[str, dict[str, float]] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name in names and "stage" in sample.labels:
                stage = totals.setdefault(sample.labels["stage"], {"received": 0.0, "sent": 0.0, "errors": 0.0})
                stage[names[sample.name]] += sample.value
    return totals


def stage_rates(urls: Mapping[str, str], interval: float,
                sleep: Callable[[float], None] = time.sleep) -> dict[str, StageRate]:
    """Rates per stage label (a process may run several stages); a process that does not answer
    appears under its own name as down."""
    first = {process: scrape_totals(url) for process, url in urls.items()}
    started = time.monotonic()
    sleep(interval)
    elapsed = max(time.monotonic() - started, 1e-3)
    result: dict[str, StageRate] = {}
    for process, url in urls.items():
        before, after = first[process], scrape_totals(url)
        if before is None or after is None:
            result[process] = StageRate(url=url, up=False)
            continue
        for stage, now in after.items():
            then = before.get(stage, {"received": 0.0, "sent": 0.0, "errors": 0.0})
            result[stage] = StageRate(
                url=url, up=True, sent_total=now["sent"],
                received_per_second=(now["received"] - then["received"]) / elapsed,
                sent_per_second=(now["sent"] - then["sent"]) / elapsed,
                errors_per_second=(now["errors"] - then["errors"]) / elapsed)
    return result


def alert_as_article(alert: Alert) -> TaggedArticle | None:
    """What status shows of an alert: its article, or for a meeting alert the report that made the news."""
    if alert.article is not None or alert.meeting is None:
        return alert.article
    meeting = alert.meeting
    report = next((r for r in reversed(meeting.reports) if r.status == meeting.status), meeting.reports[-1])
    host = report.host_country or meeting.parties[0]
    return TaggedArticle(article_id=report.article_id, url=report.url, title=report.title,
                         is_defense_ministerial_meeting=True, score=1.0, host_country=host,
                         counterpart_countries=[p for p in meeting.parties if p != host], source=report.outlet,
                         published=report.published, tagged_at=report.first_seen, replayed=report.replayed,
                         language=report.language, tagger_version=report.tagger_version)


def last_alert(kafka: Kafka, admin: KafkaAdminClient,
               settings: Settings) -> tuple[TaggedArticle | None, bool]:
    """The newest meeting the alert group has passed (delivered), else the newest one waiting.

    The alert group is the sink's delivery step: it reads ``newswatch.alerts`` (one record per route
    and article, the article inside), so that is the topic searched here.
    """
    committed = admin.list_group_offsets({settings.alert.group: None}).get(settings.alert.group, {})
    alerts_topic, _keys = settings.alert.topic_names(settings.topics.tagged)
    consumer = kafka.consumer(group=None)
    try:
        partitions = consumer.partitions_for_topic(alerts_topic) or set()
        tps = [TopicPartition(alerts_topic, p) for p in sorted(partitions)]
        if not tps:
            return None, False
        ends = consumer.end_offsets(tps)
        starts = consumer.beginning_offsets(tps)
        best: tuple[tuple[bool, datetime], TaggedArticle] | None = None
        for tp in tps:
            done = committed.get(tp)
            position = done.offset if done is not None and done.offset >= 0 else starts[tp]
            first = max(starts[tp], ends[tp] - LAST_ALERT_WINDOW)
            if first >= ends[tp]:
                continue
            consumer.assign([tp])
            consumer.seek(tp, first)
            offset = first
            deadline = time.monotonic() + 10
            while offset < ends[tp] and time.monotonic() < deadline:
                for record in consumer.poll(timeout_ms=500).get(tp, []):
                    offset = record.offset + 1
                    try:
                        tagged = alert_as_article(decode_record(record.value, Alert))
                    except Exception:  # noqa: BLE001 - poison is the DLQ's business, not status's
                        continue
                    if tagged is None or not tagged.is_defense_ministerial_meeting or tagged.replayed:
                        continue
                    rank = (record.offset < position, tagged.tagged_at)  # delivered first, then newest
                    if best is None or rank > best[0]:
                        best = (rank, tagged)
        return (best[1], best[0][0]) if best else (None, False)
    finally:
        consumer.close()


def pipeline_status(settings: Settings, kafka: Kafka, *, interval: float = 2.0) -> PipelineStatus:
    admin = kafka.admin()
    try:
        groups: dict[str, tuple[str, ...]] = dict(pipeline_groups(settings))
        for group in discover_groups(admin, settings.metrics_sink.lag_group_prefixes):
            groups.setdefault(group, ())
        status = PipelineStatus(lag=total_by_group(consumer_lag(admin, groups)))
        status.stages = stage_rates(endpoints(settings), interval)
        status.last_alert, status.last_alert_delivered = last_alert(kafka, admin, settings)
        return status
    finally:
        admin.close()
