"""``newswatch tag --explain``: per article, each counterpart with the sentences and rules behind it,
the meetings that did not take place, and every other country named with the reason it was rejected."""

from __future__ import annotations

from collections.abc import Iterator

from newswatch.processors.tag_meetings.rejections import Rejection
from newswatch.schema import Meeting, Participant, TaggedArticle


def _who(p: Participant) -> str:
    return ", ".join(part for part in (p.name, p.role) if part) or "(unnamed)"


def _sentences(meeting: Meeting, indent: str) -> Iterator[str]:
    for ev in meeting.evidence:
        yield f'{indent}"{ev.text}"  [chars {ev.start}-{ev.end}]'
        if ev.rules:
            yield f"{indent}  rules: {', '.join(ev.rules)}"


def explain(tagged: TaggedArticle, rejected: list[Rejection]) -> Iterator[str]:
    """The lines of one article's explanation."""
    yield f"== {tagged.title[:100]}  ({tagged.article_id})"
    verdict = "a meeting" if tagged.is_defense_ministerial_meeting else "no meeting"
    yield f"   {verdict}, score {tagged.score:.2f}, host {tagged.host_country or '?'}; tagger {tagged.tagger_version}"
    held = [m for m in tagged.meetings if m.status == "held"]
    if held:
        yield "   counterparts:"
    for meeting in held:
        for p in meeting.participants:
            if p.country == tagged.host_country:
                continue
            yield f"   + {p.country or '?':<5} {_who(p)} ({meeting.kind})"
        yield from _sentences(meeting, "       ")
    others = [m for m in tagged.meetings if m.status != "held"]
    if others:
        yield "   meetings that did not take place (no counterpart, no alert):"
    for meeting in others:
        countries = ", ".join(p.country or "?" for p in meeting.participants if p.country != tagged.host_country)
        yield f"   ~ {meeting.status:<9} with {countries}"
        yield from _sentences(meeting, "       ")
    if rejected:
        yield "   rejected:"
    for r in rejected:
        rule = f" ({r.rule})" if r.rule else ""
        yield f"   - {r.country:<5} {r.reason}{rule}"
        yield f'       "{r.sentence}"'
