"""What the pipeline components find, as plain records stored on ``Doc`` extensions."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from newswatch.processors.tag_meetings.kinds import (
    ROLE_PRINCIPAL,
    STATUS_HELD,
    CountrySource,
    RoleKind,
    Status,
    TriggerKind,
    TriggerPos,
)

#: Doc extensions, each registered once with ``default=None`` and set by exactly one component.
DOC_EXTENSIONS = (
    "nw_events",
    "nw_roles",
    "nw_people",
    "nw_triggers",
    "nw_evidence",
    "nw_unheld",
    "nw_verdict",
)

#: The SpanGroup holding country mentions; each span's label is an ISO code or organization code.
COUNTRY_SPANS = "nw_countries"


#: The rule of a meeting read from a two-country headline alone (meetings.py); the verdict gives its host.
HEADLINE_PAIR = "meeting.headline_pair"


def sentence_of(doc: Doc) -> list[Span]:
    """The sentence of every token, computed once (``token.sent`` re-walks the doc on each call)."""
    found: list[Span] = []
    for sent in doc.sents:
        found.extend([sent] * len(sent))
    return found


def headline_end(doc: Doc) -> int:
    """The character offset where the headline line ends (an article is its title, a newline, then its text);
    -1 or 0 when there is no headline line."""
    return doc.text.find("\n")


def register_extensions() -> None:
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


@dataclass
class EventMention:
    start: int
    end: int
    text: str


@dataclass
class RoleMention:
    """A role phrase ("Japan's state minister of defense", "his Mongolian counterpart, Byambatsogt Sandag")."""

    start: int
    end: int
    text: str  # the role phrase as written
    kind: RoleKind
    pattern: str = ""  # the roles.jsonl pattern that matched
    plural: bool = False
    excluded: bool = False  # deputy, vice, former ...: not a principal
    excluded_by: str | None = None  # the rule that excluded it
    countries: list[str] = field(default_factory=list)
    country_source: CountrySource | None = None
    name: str | None = None
    name_start: int | None = None
    name_end: int | None = None

    @property
    def country(self) -> str | None:
        return self.countries[0] if self.countries else None

    @property
    def is_principal(self) -> bool:
        return self.kind is ROLE_PRINCIPAL and not self.excluded


@dataclass
class PersonMention:
    start: int
    end: int
    name: str
    country: str | None
    role: str | None = None
    principal: bool = True  # a principal of the domain (or a counterpart of one), not another office holder


@dataclass
class Trigger:
    start: int
    end: int
    text: str
    kind: TriggerKind
    pos: TriggerPos
    status: Status  # held, or planned, called off, denied, background
    rule: str | None = None  # the modality rule that made it anything but held
    multilateral: bool = False

    @property
    def real(self) -> bool:
        """The trigger reports a meeting that took place."""
        return self.status is STATUS_HELD


@dataclass
class Party:
    """One country's side of a meeting as a sentence reports it."""

    country: str
    name: str | None = None
    role: str | None = None


@dataclass
class Evidence:
    """A sentence that reports a meeting of the domain's principals, with the parties it names.

    ``status`` is held for the sentences that make an article positive (``doc._.nw_evidence``);
    the sentences of planned, postponed, cancelled or denied meetings are ``doc._.nw_unheld``.
    """

    sent_start: int
    sent_end: int
    kind: str
    multilateral: bool
    status: Status = STATUS_HELD
    parties: list[Party] = field(default_factory=list)
    unnamed_people: list[tuple[str, str | None]] = field(default_factory=list)  # (name, role) without country
    rules: list[str] = field(default_factory=list)  # the rules that fired: trigger:met, role:defense minister ...
