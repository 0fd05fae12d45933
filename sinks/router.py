"""Router step: each meeting whose status change matters (or, with ``alert.source = "articles"``, each
tagged meeting article) becomes one ``Alert`` per matching route.

Alerts go to ``newswatch.alerts`` keyed by route name, so one route's alerts keep their order on
one partition and a route that must wait (429, rate limit) holds back only its own partition's
queue in the delivery step. The router is stateless; ``StreamLoop`` commits its input offsets only
after the alerts are acknowledged by the broker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from kafka.consumer.fetcher import ConsumerRecord

from newswatch.metrics import AlertMetrics
from newswatch.records import decode_record
from newswatch.schema import Alert, MeetingRecord, TaggedArticle, encode, utcnow
from newswatch.sinks.config import RouteConfig
from newswatch.sinks.meeting_events import alert_event, is_stale, only_replayed
from newswatch.sinks.meeting_keys import alert_id
from newswatch.sinks.watch_rules import matches, matches_meeting
from newswatch.stream import Output


class RouteAlerts:
    """Handler for ``StreamLoop`` over ``newswatch.tagged``."""

    stage = "alert-router"

    def __init__(self, routes: Sequence[RouteConfig], alerts_topic: str, metrics: AlertMetrics, *,
                 include_replayed: bool = False):
        self.routes = list(routes)
        self.alerts_topic = alerts_topic
        self.metrics = metrics
        self.include_replayed = include_replayed

    def _takes_replayed(self, route: RouteConfig) -> bool:
        return self.include_replayed if route.include_replayed is None else route.include_replayed

    def handle(self, record: ConsumerRecord) -> Sequence[Output]:
        tagged = decode_record(record.value, TaggedArticle)
        if not tagged.is_defense_ministerial_meeting or not tagged.held_meetings:
            return []
        outputs = []
        for route in self.routes:
            if not matches(route, tagged):
                continue
            if tagged.replayed and not (tagged.alerts_allowed or self._takes_replayed(route)):
                self.metrics.suppressed.labels(route.name, "replayed").inc()
                continue
            alert = Alert(alert_id=alert_id(route.name, tagged.article_id), route=route.name, article=tagged,
                          tagged_ms=record.timestamp if record.timestamp and record.timestamp > 0 else None)
            outputs.append(Output(self.alerts_topic, encode(alert), key=route.name.encode()))
            self.metrics.routed.labels(route.name).inc()
        return outputs


class RouteMeetingAlerts:
    """Handler for ``StreamLoop`` over ``newswatch.meetings``: a revision whose status change matters
    (``meeting_events.alert_event``) becomes one ``Alert`` per matching route; every other revision
    (another outlet, a late or replayed report) becomes nothing here. Whether a route was already
    told is decided at delivery, by the key ``(route, event, meeting_id)``."""

    stage = "alert-router"

    def __init__(self, routes: Sequence[RouteConfig], alerts_topic: str, metrics: AlertMetrics, *,
                 retention_seconds: float, include_replayed: bool = False,
                 now: Callable[[], datetime] = utcnow):
        self.routes = list(routes)
        self.alerts_topic = alerts_topic
        self.metrics = metrics
        self.retention = retention_seconds
        self.include_replayed = include_replayed
        self.now = now

    def _takes_replayed(self, route: RouteConfig) -> bool:
        return self.include_replayed if route.include_replayed is None else route.include_replayed

    def handle(self, record: ConsumerRecord) -> Sequence[Output]:
        if record.value is None:
            return []  # a tombstone on the compacted topic
        meeting = decode_record(record.value, MeetingRecord)
        found = alert_event(meeting)
        if found is None:
            return []
        event, change = found
        stale = is_stale(change, self.now(), self.retention)
        replayed = only_replayed(meeting, event)
        outputs = []
        for route in self.routes:
            if not matches_meeting(route, meeting):
                continue
            if stale:
                self.metrics.suppressed.labels(route.name, "stale").inc()
                continue
            if replayed and not self._takes_replayed(route):
                self.metrics.suppressed.labels(route.name, "replayed").inc()
                continue
            alert = Alert(alert_id=alert_id(route.name, f"{event}:{meeting.meeting_id}"), route=route.name,
                          meeting=meeting, event=event,
                          tagged_ms=record.timestamp if record.timestamp and record.timestamp > 0 else None)
            outputs.append(Output(self.alerts_topic, encode(alert), key=route.name.encode()))
            self.metrics.routed.labels(route.name).inc()
        return outputs
