"""``newswatch_meetings_v1``: sentences that report a defense meeting that took place, and who was in it.

A sentence is evidence when it has a real meeting trigger (``data/triggers.tsv``, checked by
:mod:`modality`) and a defense principal takes part: a defense role, a known defense principal's
name, or a ``counterpart`` of one when no other office holder (a foreign minister, a president) is
the subject. Its parties are the countries attached to those roles and people, and countries
paired in ``South Korea-Japan talks`` or ``between South Korea and Cameroon``. A country that
is only mentioned (a venue, a third party, a market) is not a party.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newswatch.processors.tag_meetings.lexicon import load_lexicon
from newswatch.processors.tag_meetings.mentions import COUNTRY_SPANS, Evidence, Party, Trigger, sentence_of
from newswatch.processors.tag_meetings.modality import Modality, dated_long_before

_MULTILATERAL_CUES = frozenset({"trilateral", "multilateral", "quadrilateral"})
_PLURAL_PRINCIPALS = frozenset({"ministers", "chiefs", "secretaries"})
_PAIR_NOUNS = frozenset(
    {
        "talks",
        "meeting",
        "meetings",
        "defense",
        "defence",
        "ministerial",
        "summit",
        "call",
        "phone",
        "bilateral",
        "dialogue",
        "consultations",
    }
)
_SERIES = frozenset(
    {"meetings", "bilateral", "bilaterals", "separately", "separate", "back-to-back", "respectively"}
)
_URGE_OR_VISIT = frozenset({"called on", "calls on", "call on"})
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
_KIND_RANK = {"in-person": 0, "call": 1, "video": 2}


class MeetingFinder:
    def __init__(self, nlp: Language, name: str):
        self.name = name
        lex = load_lexicon()
        self.modality = Modality(lex.modality)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.triggers = {}
        for number, (phrase, kind, pos) in enumerate(lex.triggers):
            key = f"trigger{number}"
            self.triggers[key] = (kind, pos)
            self.matcher.add(key, [nlp.make_doc(phrase)])

    def __call__(self, doc: Doc) -> Doc:
        sents = sentence_of(doc)
        triggers = []
        for span in filter_spans([Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]):
            kind, pos = self.triggers[span.label_]
            real = self.modality.is_real(doc, span.start, span.end, sents[span.start], noun=pos == "noun")
            if real and dated_long_before(doc, span.end, sents[span.start]):
                real = False  # "Dong and Hegseth held a video call in September" in a May story
            if real and span.text.lower() in _URGE_OR_VISIT:
                real = not _urges(doc, span.end, sents[span.start].end)
            prev = doc[span.start - 1].lower_ if span.start > 0 else ""
            prev2 = doc[span.start - 2].lower_ if span.start > 1 else ""
            multilateral = prev in _MULTILATERAL_CUES or (
                pos == "noun"
                and (prev in _PLURAL_PRINCIPALS or (prev in {"'", "’"} and prev2 in _PLURAL_PRINCIPALS))
            )
            triggers.append(Trigger(span.start, span.end, span.text, kind, pos, real, multilateral))
        _noun_follows_verb(doc, triggers, sents)
        doc._.nw_triggers = triggers
        doc._.nw_evidence = [
            ev for sent in doc.sents if (ev := self._evidence(doc, sent, triggers)) is not None
        ]
        return doc

    def _evidence(self, doc: Doc, sent: Span, triggers: list[Trigger]) -> Evidence | None:
        inside = [t for t in triggers if sent.start <= t.start < sent.end]
        roles = [r for r in doc._.nw_roles if sent.start <= r.start < sent.end]
        people = [p for p in doc._.nw_people if sent.start <= p.start < sent.end]
        has_counterpart = any(r.kind == "counterpart" and not r.excluded for r in roles)
        real = [
            t
            for t in inside
            if t.real
            and (t.pos != "report" or has_counterpart or _joint_subject(doc, roles, people, t.start))
        ]
        if not real:
            return None
        defense_roles = [r for r in roles if r.is_principal]
        defense_people = [p for p in people if p.defense]
        others = [r for r in roles if r.kind == "other" and not r.excluded]
        first = min(t.start for t in real)
        subjects = [r for r in roles if r.start < first and not r.excluded and r.kind != "counterpart"]
        subjects += [p for p in people if p.start < first]
        earliest = min(subjects, key=lambda m: m.start) if subjects else None
        if earliest is not None and (earliest in others or getattr(earliest, "defense", True) is False):
            return None  # "President Yoon received U.S. Defense Secretary Austin": a head of state's meeting
        if not defense_roles and not defense_people:
            doc_has_principal = any(r.is_principal for r in doc._.nw_roles)
            if not (has_counterpart and doc_has_principal and not others):
                return None
        kind = max((t.kind for t in real), key=_KIND_RANK.__getitem__)
        # "hosted his counterparts from France, Britain, Italy and Poland" is one meeting;
        # "held back-to-back meetings with the defense ministers of ..." is a series of bilaterals
        listed = any(r.plural and len(r.countries) >= 2 and not r.excluded for r in roles)
        series = any(t.lower_ in _SERIES for t in sent)
        evidence = Evidence(
            sent.start, sent.end, kind, any(t.multilateral for t in real) or (listed and not series)
        )
        triggered = {i for t in real for i in range(t.start, t.end)}
        for role in roles:
            if _owns_other_thing(doc, role.name_end or role.end, triggered):
                continue  # "respond to U.S. Defense Secretary Pete Hegseth's remarks": mentioned, not met
            if role.kind in {"defense", "counterpart"} and not role.excluded:
                name = role.name if len(role.countries) == 1 else None
                for country in role.countries:
                    evidence.parties.append(Party(country, name, None if role.plural else role.text))
                if not role.countries and role.name:
                    evidence.unnamed_people.append((role.name, None))
        for person in defense_people:
            if _owns_other_thing(doc, person.end, triggered):
                continue
            if person.country:
                evidence.parties.append(Party(person.country, person.name, person.role))
            elif not any(person.name == n for n, _ in evidence.unnamed_people):
                evidence.unnamed_people.append((person.name, person.role))
        for country in _paired_countries(doc, sent):
            evidence.parties.append(Party(country))
        return evidence


def _owns_other_thing(doc: Doc, end: int, triggered: set[int]) -> bool:
    """A principal written as the owner of something that is not the meeting ("Hegseth's remarks").

    "Secretary Hegseth's meeting with ..." still takes part: the owned noun is a real trigger.
    """
    if end >= len(doc) or doc[end].text not in _POSSESSIVES:
        return False
    for token in doc[end + 1 : min(len(doc), end + 4)]:
        if token.i in triggered:
            return False
        if token.is_punct or token.lower_ in {"and", "or", "with"}:
            break
    return True


def _urges(doc: Doc, start: int, end: int) -> bool:
    """ "called on his counterpart to resume talks" urges; "called on the minister" visits."""
    for token in doc[start : min(end, start + 8)]:
        if token.text in {",", ";", "."}:
            return False
        if token.lower_ == "to":
            return True
    return False


def _joint_subject(doc: Doc, roles: list, people: list, before: int) -> bool:
    """Two countries' principals joined by "and" before a verb ("Nakatani and Hegseth agreed")."""
    found = [(r.start, r.country) for r in roles if r.is_principal and r.country and r.start < before]
    found += [(p.start, p.country) for p in people if p.defense and p.country and p.start < before]
    if len({country for _, country in found}) < 2:
        return False
    first, last = min(found)[0], max(found)[0]
    return any(t.lower_ == "and" for t in doc[first:last])


def _noun_follows_verb(doc: Doc, triggers: list[Trigger], sents: list[Span]) -> None:
    """A noun trigger shares the fate of the sentence's verbs: in "Dong declined to meet Austin on the
    sidelines of a regional security meeting" the meeting that did not happen is the news."""
    by_sentence: dict[int, list[Trigger]] = {}
    for trigger in triggers:
        by_sentence.setdefault(sents[trigger.start].start, []).append(trigger)
    for group in by_sentence.values():
        verbs = [t for t in group if t.pos == "verb"]
        if verbs and not any(t.real for t in verbs):
            for trigger in group:
                trigger.real = False


def _paired_countries(doc: Doc, sent: Span) -> list[str]:
    """Countries named as the two sides: ``South Korea-Japan talks``, ``between South Korea and NATO``."""
    spans = [
        s for s in doc.spans[COUNTRY_SPANS] if sent.start <= s.start < sent.end and s.kb_id_ != "capital"
    ]
    events = [(e.start, e.end) for e in doc._.nw_events or []]
    spans = [s for s in spans if not any(a <= s.start < b for a, b in events)]
    found: list[str] = []
    for left, right in zip(spans, spans[1:], strict=False):
        gap = doc[left.end : right.start]
        if len(gap) == 1 and gap[0].text in {"-", "–", "/"}:
            follow = doc[right.end : min(sent.end, right.end + 3)]
            if any(t.lower_ in _PAIR_NOUNS for t in follow):
                found += [left.label_, right.label_]
        elif (
            len(gap) == 1
            and gap[0].lower_ == "and"
            and left.start > sent.start + 1
            and doc[left.start - 1].lower_ == "between"
            and doc[left.start - 2].lower_ in _PAIR_NOUNS
        ):
            found += [left.label_, right.label_]
    return found


@Language.factory(
    "newswatch_meetings_v1", default_config={}, assigns=["doc._.nw_triggers", "doc._.nw_evidence"]
)
def make_meeting_finder(nlp: Language, name: str) -> MeetingFinder:
    return MeetingFinder(nlp, name)
