"""The metrics sink: turns ``newswatch.tagged`` into business metrics (what the pipeline found).

A ``StreamLoop`` handler like the alert sink, in its own consumer group, so it sees every tagged
article whatever the alert sink does. It writes nothing to Kafka; a record counts as sent once its
metrics are updated.
"""

from __future__ import annotations

from collections.abc import Sequence

from kafka.consumer.fetcher import ConsumerRecord

from newswatch.metrics import BusinessMetrics, PipelineMetrics
from newswatch.records import decode_record
from newswatch.schema import TaggedArticle
from newswatch.stream import Output

UNKNOWN = "unknown"


def record_tagged(metrics: BusinessMetrics, tagged: TaggedArticle) -> None:
    """Count one tagged article (pure: the unit tests call it directly)."""
    if tagged.replayed:
        metrics.articles.labels("replayed").inc()
        return
    outcome = "meeting" if tagged.is_defense_ministerial_meeting else "no_meeting"
    metrics.articles.labels(outcome).inc()
    metrics.languages.labels(tagged.language or UNKNOWN, outcome).inc()
    metrics.score.labels(outcome).observe(tagged.score)
    if not tagged.is_defense_ministerial_meeting:
        return
    host = tagged.host_country or UNKNOWN
    if tagged.host_country is None:
        metrics.unresolved.labels("host").inc()
    if not tagged.counterpart_countries:
        metrics.unresolved.labels("counterpart").inc()
    for counterpart in tagged.counterpart_countries:
        metrics.meetings.labels(host, counterpart).inc()
    unresolved_participants = sum(1 for meeting in tagged.held_meetings for p in meeting.participants
                                  if p.country is None)
    if unresolved_participants:
        metrics.unresolved.labels("participant").inc(unresolved_participants)


class ExportMetrics:
    """Handler for ``StreamLoop``: decode a TaggedArticle and count it; poison goes to the DLQ."""

    stage = "metrics_sink"

    def __init__(self, business: BusinessMetrics, pipeline: PipelineMetrics):
        self.business = business
        self.pipeline = pipeline

    def handle(self, record: ConsumerRecord) -> Sequence[Output]:
        tagged = decode_record(record.value, TaggedArticle)
        record_tagged(self.business, tagged)
        self.pipeline.sent.labels(self.stage).inc()
        return []
