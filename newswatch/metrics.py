"""Every Prometheus metric newswatch exports, in one place.

Conventions (prometheus client's naming rules, Vector's component spec): a ``newswatch_``
namespace, base units, counters end in ``_total``, durations are histograms, and every
component emits the same trio: records received, records sent, errors{stage, error_type}.
Labels stay low-cardinality: a stage, a feed name, an ISO country code; never a URL or a title.

Components take a ``CollectorRegistry`` so tests can build a fresh one and read
``registry.get_sample_value(...)``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, push_to_gateway, start_http_server
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

log = logging.getLogger(__name__)

NAMESPACE = "newswatch"

#: The hops of end-to-end latency, each measured from the article's publication.
HOPS = ("collected", "tagged", "alerted")

LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 6 * 3600, 24 * 3600)


class PipelineMetrics:
    """The received/sent/errors trio plus dead letters and latencies, shared by all stages."""

    def __init__(self, registry: CollectorRegistry):
        self.registry = registry
        self.received = Counter("records_received", "Records a stage read from its input.", ["stage"],
                                namespace=NAMESPACE, registry=registry)
        self.sent = Counter("records_sent", "Records a stage wrote to its output.", ["stage"],
                            namespace=NAMESPACE, registry=registry)
        self.committed = Counter("records_committed", "Records whose offsets a stage committed (work durably done).",
                                 ["stage"], namespace=NAMESPACE, registry=registry)
        self.errors = Counter("errors", "Records a stage could not handle, by error type.",
                              ["stage", "error_type"], namespace=NAMESPACE, registry=registry)
        self.dead_letters = Counter("dlq_records", "Records sent to the dead-letter topic.", ["stage"],
                                    namespace=NAMESPACE, registry=registry)
        self.pauses = Counter("partition_pauses", "Times a stage paused a partition for back-pressure "
                              "(a webhook's 429 / Retry-After, an outage), by reason.", ["stage", "reason"],
                              namespace=NAMESPACE, registry=registry)
        self.batch_seconds = Histogram("batch_duration_seconds", "Time to handle one polled batch.",
                                       ["stage"], namespace=NAMESPACE, registry=registry)
        self.latency = Histogram("end_to_end_latency_seconds",
                                 "Seconds from an article's publication to each hop (collected, tagged, alerted).",
                                 ["hop"], namespace=NAMESPACE, registry=registry, buckets=LATENCY_BUCKETS)
        for hop in HOPS:  # exported from the start, so the first observation shows up in rate()
            self.latency.labels(hop)

    def start(self, stage: str) -> None:
        """Export the stage's trio, dead letters and batch durations at zero before the first record."""
        for family in (self.received, self.sent, self.dead_letters, self.batch_seconds):
            family.labels(stage)


@dataclass
class MetricsServer:
    host: str
    port: int
    _server: object

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/metrics"

    def close(self) -> None:
        shutdown = getattr(self._server, "shutdown", None)
        if shutdown:
            shutdown()
            self._server.server_close()  # type: ignore[attr-defined]


def serve(registry: CollectorRegistry, host: str = "127.0.0.1", port: int = 0) -> MetricsServer:
    """Serve ``/metrics`` for ``registry`` in a daemon thread; port 0 picks a free port."""
    server, _thread = start_http_server(port, addr=host, registry=registry)
    return MetricsServer(host=host, port=server.server_port, _server=server)


def push_metrics(gateway: str | None, registry: CollectorRegistry, job: str,
                 grouping_key: Mapping[str, str] | None = None, timeout: float = 10.0) -> bool:
    """Push ``registry`` to the Pushgateway at ``gateway`` (``metrics.pushgateway``) under ``job``.

    Batch jobs (replay, backfill, ``tag`` over a file) call this when they finish. Returns False
    when no Pushgateway is configured or it cannot be reached: the job's own result must not depend
    on the monitoring system, so a failed push is logged, never raised.
    """
    if not gateway:
        return False
    try:
        push_to_gateway(gateway, job=job, registry=registry, grouping_key=dict(grouping_key or {}),
                        timeout=timeout)
    except OSError as exc:  # urllib's URLError and HTTPError are OSErrors
        log.warning("could not push metrics to the Pushgateway", extra={"job": job, "error": str(exc)[:300]})
        return False
    return True


SCORE_BUCKETS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


class BusinessMetrics:
    """What the pipeline found, exported by the metrics sink from ``newswatch.tagged``.

    Replayed records are counted only as ``articles_tagged{outcome="replayed"}``: a replay must not
    count the same meetings twice.
    """

    def __init__(self, registry: CollectorRegistry):
        self.meetings = Counter(
            "meetings_detected", "Host/counterpart pairs in articles tagged as defense-ministerial meetings "
            "(one per counterpart per article; host 'unknown' when unresolved).",
            ["host_country", "counterpart_country"], namespace=NAMESPACE, registry=registry)
        self.articles = Counter(
            "articles_tagged", "Tagged articles by outcome: meeting, no_meeting or replayed.",
            ["outcome"], namespace=NAMESPACE, registry=registry)
        self.languages = Counter(
            "articles_by_language", "Live tagged articles by language (ISO 639-1 as read; 'unknown' when none) "
            "and outcome (meeting, no_meeting).", ["language", "outcome"], namespace=NAMESPACE, registry=registry)
        self.score = Histogram(
            "tagger_score", "The tagger's score for each live tagged article, by outcome.",
            ["outcome"], namespace=NAMESPACE, registry=registry, buckets=SCORE_BUCKETS)
        self.unresolved = Counter(
            "country_unresolved", "Meeting articles where a country could not be resolved: the host, "
            "a participant, or every counterpart.", ["field"], namespace=NAMESPACE, registry=registry)
        for outcome in ("meeting", "no_meeting", "replayed"):
            self.articles.labels(outcome)
        for outcome in ("meeting", "no_meeting"):
            self.score.labels(outcome)
        for field in ("host", "participant", "counterpart"):
            self.unresolved.labels(field)


class MeetingMetrics:
    """What the meeting resolver and the meeting store did: meetings, not articles.

    ``meetings_total{status}`` counts meeting records the resolver created (each meeting once, by the
    status its first report gave); ``meeting_reports_total{outcome}`` counts reports (new meeting,
    merged into a known one, or duplicate); status changes count each transition once.
    """

    def __init__(self, registry: CollectorRegistry):
        self.meetings = Counter("meetings", "Meeting records created (one per meeting, however many reports), "
                                "by the status of the first report.", ["status"],
                                namespace=NAMESPACE, registry=registry)
        self.reports = Counter("meeting_reports", "Meeting reports resolved, by outcome: new_meeting, merged, "
                               "duplicate.", ["outcome"], namespace=NAMESPACE, registry=registry)
        self.status_changes = Counter("meeting_status_changes", "Meeting status changes, by new status.",
                                      ["status"], namespace=NAMESPACE, registry=registry)
        self.known = Gauge("meetings_known", "Meetings the resolver holds in memory (its partitions).",
                           namespace=NAMESPACE, registry=registry)
        self.stored = Counter("meeting_store_rows", "Meeting records written to the database (upserts).",
                              namespace=NAMESPACE, registry=registry)
        self.store_retries = Counter("meeting_store_retries", "Database writes retried after an error, by error type.",
                                     ["error_type"], namespace=NAMESPACE, registry=registry)
        for status in ("held", "planned", "postponed", "cancelled", "denied"):
            self.meetings.labels(status)
        for outcome in ("new_meeting", "merged", "duplicate"):
            self.reports.labels(outcome)


@dataclass(frozen=True)
class PartitionLag:
    """One consumer group's position on one partition."""

    group: str
    topic: str
    partition: int
    committed: int | None  # None: the group has not committed on this partition yet
    start: int
    end: int

    @property
    def lag(self) -> int:
        """Records the group still has to read (from the log start when nothing is committed)."""
        position = self.start if self.committed is None else max(self.committed, self.start)
        return max(0, self.end - position)


class ConsumerLagCollector(Collector):
    """Exports the latest lag snapshot as gauges; the snapshot is refreshed elsewhere (no Kafka I/O
    during a scrape, so a slow broker never makes ``/metrics`` time out)."""

    def __init__(self, snapshot: Callable[[], tuple[float | None, Iterable[PartitionLag]]]):
        self.snapshot = snapshot

    def collect(self) -> Iterator[Metric]:
        taken_at, lags = self.snapshot()
        lag = GaugeMetricFamily(f"{NAMESPACE}_consumer_lag_records",
                                "Records a consumer group has yet to read, per topic and partition.",
                                labels=["group", "topic", "partition"])
        end = GaugeMetricFamily(f"{NAMESPACE}_topic_end_offset",
                                "The offset the next record written to a partition will get.",
                                labels=["topic", "partition"])
        seen: set[tuple[str, int]] = set()
        for item in lags:
            lag.add_metric([item.group, item.topic, str(item.partition)], item.lag)
            if (item.topic, item.partition) not in seen:
                seen.add((item.topic, item.partition))
                end.add_metric([item.topic, str(item.partition)], item.end)
        yield lag
        yield end
        if taken_at is not None:
            yield GaugeMetricFamily(f"{NAMESPACE}_consumer_lag_updated_timestamp_seconds",
                                    "When the consumer lag was last read from Kafka (Unix time).",
                                    value=taken_at)


def register_lag_collector(registry: CollectorRegistry,
                           snapshot: Callable[[], tuple[float | None, Any]]) -> None:
    registry.register(ConsumerLagCollector(snapshot))


FETCH_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60)
#: Few buckets: the detection delay has one series per feed and bucket.
DETECTION_BUCKETS = (5, 15, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600, 24 * 3600)


class CollectorMetrics:
    """The feed collector's own metrics (the PipelineMetrics trio with stage="collector" moves too).

    ``feed`` labels carry the configured feed name (or its URL when it has none): one series per
    configured feed, never per article.
    """

    def __init__(self, registry: CollectorRegistry):
        self.fetches = Counter("collector_fetches", "Feed fetches by HTTP status class (2xx, 3xx, 4xx, 5xx, error).",
                               ["status_class"], namespace=NAMESPACE, registry=registry)
        self.fetch_seconds = Histogram("collector_fetch_duration_seconds", "Time to fetch one feed.",
                                       namespace=NAMESPACE, registry=registry, buckets=FETCH_BUCKETS)
        self.items = Counter("collector_items", "Feed items seen, by outcome (new, duplicate, skipped).",
                             ["outcome"], namespace=NAMESPACE, registry=registry)
        self.feed_errors = Counter("collector_feed_errors", "Failed feed polls and parse warnings, by reason.",
                                   ["reason"], namespace=NAMESPACE, registry=registry)
        self.parked = Gauge("collector_parked_feeds", "Feeds parked after too many consecutive errors.",
                            namespace=NAMESPACE, registry=registry)
        self.since_success = Gauge("collector_seconds_since_last_success",
                                   "Seconds since each feed was last fetched successfully.", ["feed"],
                                   namespace=NAMESPACE, registry=registry)
        self.detection_delay = Histogram(
            "collector_detection_delay_seconds", "Seconds from a story's publication to the poll that found it, "
            "per feed (stories published since the feed's previous successful poll).", ["feed"],
            namespace=NAMESPACE, registry=registry, buckets=DETECTION_BUCKETS)
        self.websub_notifications = Counter(
            "collector_websub_notifications", "WebSub notifications received, by outcome (accepted, "
            "bad_signature, unknown_subscription, too_large).", ["outcome"], namespace=NAMESPACE, registry=registry)
        for outcome in ("accepted", "bad_signature", "unknown_subscription", "too_large"):
            self.websub_notifications.labels(outcome)
        self.websub_subscriptions = Gauge("collector_websub_subscriptions",
                                          "Feeds pushed by a verified WebSub subscription (polled rarely).",
                                          namespace=NAMESPACE, registry=registry)
        self.full_text = Counter("collector_full_text", "Full-text fetches of article pages, by outcome.",
                                 ["outcome"], namespace=NAMESPACE, registry=registry)

    @staticmethod
    def status_class(status: int | None) -> str:
        return f"{status // 100}xx" if status else "error"


class AlertMetrics:
    """The alert sink's own figures, labelled by route *name* (never the webhook URL).

    ``routed`` counts alerts the router queued; every routed alert ends as exactly one of ``sent``,
    ``suppressed{reason="duplicate"}`` or ``failed`` (dead-lettered), so routed - those = in flight.
    """

    def __init__(self, registry: CollectorRegistry):
        self.registry = registry
        self.routed = Counter("alerts_routed", "Alerts the router queued for a route.", ["route"],
                              namespace=NAMESPACE, registry=registry)
        self.sent = Counter("alerts_sent", "Alerts the route's webhook accepted (each alert of a digest counts).",
                            ["route"], namespace=NAMESPACE, registry=registry)
        self.messages = Counter("alert_messages_sent", "Messages the webhook accepted, by kind (single, digest).",
                                ["route", "kind"], namespace=NAMESPACE, registry=registry)
        self.suppressed = Counter("alerts_suppressed",
                                  ("Alerts not sent: duplicate (already alerted), replayed, or stale "
                                   "(first seen before the keys retention)."),
                                  ["route", "reason"], namespace=NAMESPACE, registry=registry)
        self.throttled = Counter("alerts_throttled",
                                 "Times a route had to wait: rate_limit (own token bucket) or retry_after (429).",
                                 ["route", "reason"], namespace=NAMESPACE, registry=registry)
        self.failed = Counter("alerts_failed", "Alerts dead-lettered, by reason (webhook_400, route_disabled, ...).",
                              ["route", "reason"], namespace=NAMESPACE, registry=registry)
        self.retries = Counter("alert_delivery_retries", "Transient delivery failures retried, by reason.",
                               ["route", "reason"], namespace=NAMESPACE, registry=registry)
        self.latency = Histogram("alert_delivery_latency_seconds",
                                 "Seconds from the article's publication to the webhook accepting its alert.",
                                 ["route"], buckets=LATENCY_BUCKETS, namespace=NAMESPACE, registry=registry)
        self.sink_latency = Histogram("alert_sink_latency_seconds",
                                      "Seconds from the tagged record to the webhook accepting its alert.",
                                      ["route"], buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
                                                          60, 300), namespace=NAMESPACE, registry=registry)
        self.queue_depth = Gauge("alert_queue_depth", "Alerts waiting in memory for a route.", ["route"],
                                 namespace=NAMESPACE, registry=registry)
        self.disabled = Gauge("alert_route_disabled", "1 when a route was disabled (its channel is gone).",
                              ["route"], namespace=NAMESPACE, registry=registry)

    @staticmethod
    def in_flight_of(registry: CollectorRegistry) -> float:
        """Routed alerts not yet sent, suppressed as duplicates or dead-lettered (0 when settled)."""
        def total(name: str, **match: str) -> float:
            return sum(s.value for m in registry.collect() for s in m.samples
                       if s.name == f"{NAMESPACE}_{name}_total" and all(s.labels.get(k) == v for k, v in match.items()))
        return (total("alerts_routed") - total("alerts_sent") - total("alerts_suppressed", reason="duplicate")
                - total("alerts_failed"))
