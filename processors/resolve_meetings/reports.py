"""Tagged articles to meeting reports: one ``ReportedMeeting`` per meeting an article reports.

The step is stateless. It re-keys each meeting by its parties and kind (``pair_key``), so that every
report that may describe the same talks lands on one partition of ``newswatch.meeting-reports``,
and one resolver process owns all of them.
"""

from __future__ import annotations

from collections.abc import Sequence

from kafka.consumer.fetcher import ConsumerRecord

from newswatch.records import decode_record
from newswatch.schema import Meeting, MeetingReport, ReportedMeeting, TaggedArticle, encode
from newswatch.stream import Output


def parties_of(meeting: Meeting, tagged: TaggedArticle) -> list[str]:
    """The countries and organisations at the table: the host and every participant's country."""
    parties = {p.country for p in meeting.participants if p.country}
    if tagged.host_country:
        parties.add(tagged.host_country)
    if len(parties) < 2 and len(tagged.counterpart_countries) == 1:
        parties.update(tagged.counterpart_countries)
    return sorted(parties)


def evidence_of(meeting: Meeting) -> str | None:
    return meeting.evidence[0].text if meeting.evidence else None


def reported_meetings(tagged: TaggedArticle) -> list[ReportedMeeting]:
    """Every meeting of ``tagged`` with at least two known parties, once per (parties, kind)."""
    found: dict[str, ReportedMeeting] = {}
    first_seen = tagged.fetched_at or tagged.tagged_at
    for meeting in tagged.meetings:
        parties = parties_of(meeting, tagged)
        if len(parties) < 2:
            continue
        report = MeetingReport(article_id=tagged.article_id, url=tagged.url, title=tagged.title,
                               outlet=tagged.source, language=tagged.language, published=tagged.published,
                               first_seen=first_seen, status=meeting.status, evidence=evidence_of(meeting),
                               tagger_version=tagged.tagger_version, replayed=tagged.replayed,
                               alerts_allowed=tagged.alerts_allowed, host_country=tagged.host_country)
        item = ReportedMeeting(parties=parties, kind=meeting.kind, participants=list(meeting.participants),
                               location=meeting.location, event=meeting.event, report=report)
        found.setdefault(item.pair_key, item)
    return list(found.values())


class ReportMeetings:
    """Handler for ``StreamLoop`` over ``newswatch.tagged``: emits reports keyed by ``pair_key``."""

    stage = "meeting-reports"

    def __init__(self, reports_topic: str):
        self.reports_topic = reports_topic

    def handle(self, record: ConsumerRecord) -> Sequence[Output]:
        tagged = decode_record(record.value, TaggedArticle)
        return [Output(self.reports_topic, encode(item), key=item.pair_key.encode(), timestamp_ms=record.timestamp)
                for item in reported_meetings(tagged)]
