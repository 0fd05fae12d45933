"""The record schema: every message on every newswatch topic, defined once.

Records are msgspec structs, JSON on the wire, UTF-8. Each carries
``schema_version`` so a consumer can tell which shape it is reading.
Datetimes are timezone-aware UTC and serialise as ISO 8601 (RFC 3339).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

import msgspec

from newswatch.countries import ORGANIZATION_NAMES

SCHEMA_VERSION = 1

MeetingKind = Literal["in-person", "call", "video", "multilateral"]
#: Whether a reported meeting took place. Only ``held`` meetings make an article positive;
#: the others are reported so the meeting resolver can follow a planned meeting to its outcome.
MeetingStatus = Literal["held", "planned", "postponed", "cancelled", "denied"]
#: The meeting status changes that alert: first seen held; a held meeting later cancelled or denied.
AlertEvent = Literal["held", "called-off"]

#: Organisations that stand in for a country among counterparts (codes from ``newswatch.countries``).
ORGANIZATIONS = frozenset(ORGANIZATION_NAMES)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Article(msgspec.Struct, kw_only=True, frozen=True):
    """One news story, as a collector saw it (topic ``newswatch.articles``, key = ``id``)."""

    id: str
    url: str
    title: str
    summary: str = ""
    content: str = ""
    published: datetime | None = None
    source: str = ""
    fetched_at: datetime = msgspec.field(default_factory=utcnow)
    #: ISO 639-1 code of the article's language (``en``, ``ko``, ``ja``); None when not known yet.
    language: str | None = None
    #: ISO 3166-1 alpha-2 home country of the outlet, where the feed's config says it (``country``);
    #: the tagger reads the host from it before its own outlet registry. None when not configured.
    source_country: str | None = None
    schema_version: int = SCHEMA_VERSION

    @property
    def text(self) -> str:
        """Title, summary and body joined: what a tagger reads."""
        parts = [self.title, self.summary if self.summary not in self.content else "", self.content]
        return "\n".join(p.strip() for p in parts if p and p.strip())


class Participant(msgspec.Struct, kw_only=True, frozen=True):
    name: str | None = None
    role: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2, or an ORGANIZATIONS code


class Evidence(msgspec.Struct, kw_only=True, frozen=True):
    """A sentence a meeting was read from: its text, character offsets in ``Article.text``, rules that fired."""

    text: str
    start: int
    end: int
    rules: list[str] = msgspec.field(default_factory=list)


class Meeting(msgspec.Struct, kw_only=True, frozen=True):
    participants: list[Participant]
    kind: MeetingKind = "in-person"
    location: str | None = None
    event: str | None = None
    status: MeetingStatus = "held"
    evidence: list[Evidence] = msgspec.field(default_factory=list)


class TaggedArticle(msgspec.Struct, kw_only=True, frozen=True):
    """A tagger's verdict on one article (topic ``newswatch.tagged``, key = ``article_id``)."""

    article_id: str
    url: str
    title: str
    is_defense_ministerial_meeting: bool
    score: float
    host_country: str | None = None
    counterpart_countries: list[str] = msgspec.field(default_factory=list)
    meetings: list[Meeting] = msgspec.field(default_factory=list)
    tagger_version: str = ""
    tagged_at: datetime = msgspec.field(default_factory=utcnow)
    language: str | None = None
    # Carried over from the article so sinks need not look it up.
    source: str = ""
    published: datetime | None = None
    fetched_at: datetime | None = None
    #: True when produced by ``newswatch replay``: alert sinks skip these by default.
    replayed: bool = False
    #: ``newswatch replay --alerts``: a replayed record alert sinks may send (subject to their
    #: per-meeting idempotency, so nothing already sent is sent again).
    alerts_allowed: bool = False
    schema_version: int = SCHEMA_VERSION

    @property
    def held_meetings(self) -> list[Meeting]:
        """The meetings that took place: what alerts and metrics count (``meetings`` also lists planned,
        postponed, cancelled and denied ones, for the meeting resolver)."""
        return [m for m in self.meetings if m.status == "held"]


class MeetingReport(msgspec.Struct, kw_only=True, frozen=True):
    """One article's account of one meeting: who said it, when, and the sentence it was read from."""

    article_id: str
    url: str
    title: str = ""
    outlet: str = ""
    language: str | None = None
    published: datetime | None = None
    #: When newswatch first saw the article (the collector's fetch time, else its tagging time).
    first_seen: datetime
    status: MeetingStatus = "held"
    evidence: str | None = None
    tagger_version: str = ""
    replayed: bool = False
    #: The country whose side the article tells it from (the tagger's host), when it knows.
    host_country: str | None = None
    #: ``newswatch replay --alerts``: a replayed report that may alert (still at most once per meeting).
    alerts_allowed: bool = False

    @property
    def reported_at(self) -> datetime:
        """The date this report speaks for: its publication, else when it was first seen."""
        return self.published or self.first_seen


class ReportedMeeting(msgspec.Struct, kw_only=True, frozen=True):
    """One meeting as one article reports it (topic ``newswatch.meeting-reports``, key = ``pair_key``).

    The meeting resolver's input: every report of the same parties and kind shares a key, hence a
    partition, so one resolver process sees all reports that may describe the same talks.
    """

    parties: list[str]
    kind: MeetingKind = "in-person"
    participants: list[Participant] = msgspec.field(default_factory=list)
    location: str | None = None
    event: str | None = None
    report: MeetingReport
    schema_version: int = SCHEMA_VERSION

    @property
    def pair_key(self) -> str:
        return pair_key(self.parties, self.kind)


class StatusChange(msgspec.Struct, kw_only=True, frozen=True):
    """A meeting's status changed: to what, on whose report, and when that report speaks for."""

    status: MeetingStatus
    at: datetime
    article_id: str
    outlet: str = ""
    first_seen: datetime


class MeetingRecord(msgspec.Struct, kw_only=True, frozen=True):
    """One meeting across every outlet and language that reported it (topic ``newswatch.meetings``,
    compacted, key = ``meeting_id``; each new revision replaces the last)."""

    meeting_id: str
    parties: list[str]
    kind: MeetingKind = "in-person"
    participants: list[Participant] = msgspec.field(default_factory=list)
    location: str | None = None
    event: str | None = None
    status: MeetingStatus = "held"
    status_history: list[StatusChange] = msgspec.field(default_factory=list)
    reports: list[MeetingReport] = msgspec.field(default_factory=list)
    #: The earliest and latest dates the reports speak for (publication, else first seen).
    window_start: datetime
    window_end: datetime
    first_seen: datetime
    last_seen: datetime
    #: Counts the record's changes: a consumer keeps the highest revision it saw.
    revision: int = 1
    schema_version: int = SCHEMA_VERSION

    @property
    def pair_key(self) -> str:
        return pair_key(self.parties, self.kind)

    @property
    def outlets(self) -> list[str]:
        """Each reporting outlet once, in the order they reported."""
        return list(dict.fromkeys(r.outlet for r in self.reports if r.outlet))


class Alert(msgspec.Struct, kw_only=True, frozen=True):
    """One alert for one route (topic ``newswatch.alerts``, key = ``route``): a meeting whose status
    change matters (``meeting`` and ``event``, the default source) or, with ``alert.source =
    "articles"``, one tagged article (``article``).

    Keyed by route so each route's alerts stay in order on one partition, whichever process
    delivers them. ``tagged_ms`` is the input record's Kafka timestamp (for sink latency).
    """

    alert_id: str
    route: str
    article: TaggedArticle | None = None
    meeting: MeetingRecord | None = None
    #: ``held`` (first seen held, or a planned meeting reported held) or ``called-off`` (a held
    #: meeting later reported cancelled or denied); set with ``meeting``.
    event: AlertEvent | None = None
    tagged_ms: int | None = None
    routed_at: datetime = msgspec.field(default_factory=utcnow)
    schema_version: int = SCHEMA_VERSION


def pair_key(parties: list[str], kind: str) -> str:
    """What every report of possibly the same meeting shares: its parties, sorted, and its kind."""
    return f"{'+'.join(sorted(parties))}|{kind}"


class DeadLetter(msgspec.Struct, kw_only=True, frozen=True):
    """A record a stage could not handle (topic ``newswatch.dlq``), with why and the original bytes."""

    stage: str
    error_type: str
    error: str
    topic: str | None = None
    partition: int | None = None
    offset: int | None = None
    key: bytes | None = None
    value: bytes | None = None  # base64 in JSON
    failed_at: datetime = msgspec.field(default_factory=utcnow)
    schema_version: int = SCHEMA_VERSION

    def original_text(self) -> str:
        return (self.value or b"").decode("utf-8", errors="replace")


_encoder = msgspec.json.Encoder()


def encode(record: msgspec.Struct) -> bytes:
    return _encoder.encode(record)


def decoder(kind: type[msgspec.Struct]) -> msgspec.json.Decoder:
    return msgspec.json.Decoder(kind)


def to_builtins(record: msgspec.Struct) -> dict:
    return msgspec.to_builtins(record)


__all__ = [
    "Alert",
    "AlertEvent",
    "Article",
    "DeadLetter",
    "Evidence",
    "Meeting",
    "MeetingKind",
    "MeetingRecord",
    "MeetingReport",
    "MeetingStatus",
    "ORGANIZATIONS",
    "Participant",
    "SCHEMA_VERSION",
    "ReportedMeeting",
    "StatusChange",
    "TaggedArticle",
    "decoder",
    "encode",
    "pair_key",
    "to_builtins",
    "utcnow",
]
