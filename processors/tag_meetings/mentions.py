"""What the pipeline components find, as plain records stored on ``Doc`` extensions."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

#: Doc extensions, each registered once with ``default=None`` and set by exactly one component.
DOC_EXTENSIONS = ("nw_events", "nw_roles", "nw_people", "nw_triggers", "nw_evidence", "nw_verdict")

#: The SpanGroup holding country mentions; each span's label is an ISO code or organization code.
COUNTRY_SPANS = "nw_countries"


def sentence_of(doc: Doc) -> list[Span]:
    """The sentence of every token, computed once (``token.sent`` re-walks the doc on each call)."""
    found: list[Span] = []
    for sent in doc.sents:
        found.extend([sent] * len(sent))
    return found


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
    kind: str  # "defense" | "counterpart" | "other"
    plural: bool = False
    excluded: bool = False  # deputy, vice, former ...: not a principal
    countries: list[str] = field(default_factory=list)
    country_source: str | None = None  # "attached" | "name" | "title"
    name: str | None = None
    name_start: int | None = None
    name_end: int | None = None

    @property
    def country(self) -> str | None:
        return self.countries[0] if self.countries else None

    @property
    def is_principal(self) -> bool:
        return self.kind == "defense" and not self.excluded


@dataclass
class PersonMention:
    start: int
    end: int
    name: str
    country: str | None
    role: str | None = None
    defense: bool = True


@dataclass
class Trigger:
    start: int
    end: int
    text: str
    kind: str  # in-person | call | video
    pos: str  # verb | noun | report
    real: bool  # False when planned, hypothetical, called off or denied
    multilateral: bool = False


@dataclass
class Party:
    """One country's side of a meeting as a sentence reports it."""

    country: str
    name: str | None = None
    role: str | None = None


@dataclass
class Evidence:
    """A sentence that reports a defense meeting that took place, with the parties it names."""

    sent_start: int
    sent_end: int
    kind: str
    multilateral: bool
    parties: list[Party] = field(default_factory=list)
    unnamed_people: list[tuple[str, str | None]] = field(default_factory=list)  # (name, role) without country
