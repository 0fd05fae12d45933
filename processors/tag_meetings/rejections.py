"""Why each country a story names is not one of its counterparts, for ``newswatch tag --explain``.

A country is rejected as: part of a meeting that was planned, postponed, cancelled or denied; the
country of an office holder who is not a principal (a deputy, a president: ``not a principal``);
named in a meeting sentence without taking part (``third party``); the place or forum of a meeting
(``venue``); part of an earlier meeting the story recalls (``background``); or only ``mentioned``.
The first reason that applies, in that order, is given, with the sentence and rule behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from spacy.tokens import Doc, Span

from newswatch.processors.tag_meetings.kinds import (
    FORM_CAPITAL,
    ROLE_OTHER,
    STATUS_BACKGROUND,
)
from newswatch.processors.tag_meetings.mentions import COUNTRY_SPANS, RoleMention, sentence_of


class Reason(StrEnum):
    PLANNED = "planned"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"
    DENIED = "denied"
    NOT_A_PRINCIPAL = "not a principal"
    THIRD_PARTY = "third party"
    VENUE = "venue"
    BACKGROUND = "background"
    MENTIONED = "mentioned"


@dataclass(frozen=True)
class Rejection:
    country: str
    reason: Reason
    sentence: str
    rule: str | None = None


def rejections(doc: Doc, host: str | None, counterparts: list[str], places: frozenset[str]) -> list[Rejection]:
    """Every country named in ``doc`` that is neither the host nor a counterpart, with why."""
    mentions: dict[str, list[Span]] = {}
    for span in doc.spans[COUNTRY_SPANS]:
        if span.label_ != host and span.label_ not in counterparts:
            mentions.setdefault(span.label_, []).append(span)
    if not mentions:
        return []
    sents = sentence_of(doc)
    held = {(ev.sent_start, ev.sent_end) for ev in doc._.nw_evidence or []}
    unheld = {p.country: ev for ev in doc._.nw_unheld or [] for p in ev.parties}
    in_event = {i for ev in doc._.nw_events or [] for i in range(ev.start, ev.end)}
    background = {sents[t.start].start: t for t in doc._.nw_triggers or [] if t.status is STATUS_BACKGROUND}
    not_principal: dict[str, tuple[RoleMention, str]] = {}
    for role in doc._.nw_roles or []:
        if role.excluded or role.kind is ROLE_OTHER:
            why = role.excluded_by or f"role.other:{role.pattern}"
            for code in role.countries:
                not_principal.setdefault(code, (role, why))
    found = []
    for code, spans in mentions.items():
        first = spans[0]
        text = sents[first.start].text.strip()
        if code in unheld:
            ev = unheld[code]
            rule = next((r for r in ev.rules if r.startswith(("modality", "meeting."))), None)
            sentence = doc[ev.sent_start : ev.sent_end].text.strip()
            found.append(Rejection(code, Reason(ev.status.value), sentence, rule))
            continue
        if code in not_principal:
            role, why = not_principal[code]
            found.append(Rejection(code, Reason.NOT_A_PRINCIPAL, sents[role.start].text.strip(), why))
            continue
        in_meeting = [s for s in spans if (sents[s.start].start, sents[s.start].end) in held]
        if in_meeting:
            span = in_meeting[0]
            where = sents[span.start].text.strip()
            if _is_venue(doc, span, in_event, places):
                found.append(Rejection(code, Reason.VENUE, where, _venue_rule(doc, span, in_event, places)))
            else:
                found.append(Rejection(code, Reason.THIRD_PARTY, where, "meeting.not_a_party"))
            continue
        recalled = [s for s in spans if sents[s.start].start in background]
        if recalled:
            trigger = background[sents[recalled[0].start].start]
            found.append(Rejection(code, Reason.BACKGROUND, sents[recalled[0].start].text.strip(), trigger.rule))
            continue
        venue = [s for s in spans if _is_venue(doc, s, in_event, places)]
        if venue:
            found.append(
                Rejection(
                    code, Reason.VENUE, sents[venue[0].start].text.strip(), _venue_rule(doc, venue[0], in_event, places)
                )
            )
            continue
        found.append(Rejection(code, Reason.MENTIONED, text, None))
    return sorted(found, key=lambda r: r.country)


def _is_venue(doc: Doc, span: Span, in_event: set[int], places: frozenset[str]) -> bool:
    return _venue_rule(doc, span, in_event, places) is not None


def _venue_rule(doc: Doc, span: Span, in_event: set[int], places: frozenset[str]) -> str | None:
    if span.start in in_event:
        return "event.name"
    if span.kb_id_ == FORM_CAPITAL:
        return "country.capital"
    if span.start > 0 and doc[span.start - 1].lower_ in places:
        return "place.in"
    return None
