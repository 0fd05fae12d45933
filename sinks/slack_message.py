"""TaggedArticle -> Slack incoming-webhook payload (Block Kit plus a plain ``text`` fallback).

One message per article, listing each of its meetings: the header names the host and the
counterpart countries, then the article link, the host minister, one section per meeting (each
counterpart with role, country and flag; the event and the place; the sentence it was read from,
quoted), and a context line with the source and publication time. Every untrusted string is
escaped (see ``slack_text``); Slack's limits (150-character header, 3,000 per section, 50 blocks,
40,000 in all) are kept by truncating text and folding surplus meetings into an "…and N more" line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newswatch.countries import display_name, flag
from newswatch.schema import Meeting, Participant, TaggedArticle
from newswatch.sinks.meeting_pages.links import article_meetings_url
from newswatch.sinks.slack_text import (
    MAX_BLOCKS,
    SECTION_LIMIT,
    TEXT_LIMIT,
    TOTAL_BUDGET,
    country,
    country_names,
    escape,
    header_block,
    mrkdwn,
    mrkdwn_section,
    safe_link,
    truncate,
    when,
)

_KINDS = {"in-person": "Meeting", "call": "Phone call", "video": "Video call", "multilateral": "Multilateral meeting"}
#: How a meeting read from non-English copy is said in English, around the original words.
_MET = {"in-person": "met", "call": "spoke by phone", "video": "met by video link", "multilateral": "met"}
_TRIGGER_RULE = "trigger:"
_FIXED_BLOCKS = 6  # header, title, host, divider, context, and room for an "…and N more" line
EVIDENCE_LIMIT = 280  # characters of the sentence a meeting was read from


def participant_line(p: Participant) -> str:
    """``🇨🇦 *Bill Blair*, defense chief (Canada)``."""
    who = f"*{escape(p.name)}*" if p.name else "_an unnamed official_"
    role = f", {escape(p.role)}" if p.role else ""
    return f"{flag(p.country)} {who}{role} ({escape(display_name(p.country))})"


def host_participants(meetings: Sequence[Meeting], host: str | None) -> list[Participant]:
    seen: dict[tuple[str | None, str | None], Participant] = {}
    for meeting in meetings:
        for p in meeting.participants:
            if p.country == host and (p.name, p.role) not in seen:
                seen[(p.name, p.role)] = p
    return list(seen.values())


def english_line(meeting: Meeting, host: str | None) -> str:
    """A meeting read from Korean or Japanese copy, said in English around its original words:
    ``Japan – Australia: defense ministers met (会談) · 木原稔 with リチャード・マールズ``."""
    others = [p for p in meeting.participants if p.country != host]
    sides = " – ".join([display_name(host)] * bool(host) + [display_name(p.country) for p in others])
    trigger = next((r.removeprefix(_TRIGGER_RULE) for e in meeting.evidence for r in e.rules
                    if r.startswith(_TRIGGER_RULE)), None)
    said = f"defense ministers {_MET.get(meeting.kind, 'met')}" + (f" ({escape(trigger)})" if trigger else "")
    hosts = [p.name for p in meeting.participants if p.country == host and p.name]
    guests = [p.name for p in others if p.name]
    names = " with ".join(part for part in (", ".join(hosts), ", ".join(guests)) if part)
    return f"{escape(sides)}: {said}" + (f" · {escape(names)}" if names else "")


def meeting_text(meeting: Meeting, host: str | None, language: str | None = None) -> str:
    others = [p for p in meeting.participants if p.country != host]
    lines = [english_line(meeting, host)] if language not in (None, "en") else []
    lines += [f"*{_KINDS.get(meeting.kind, 'Meeting')}* with"]
    lines += [participant_line(p) for p in others] or ["_counterpart not named_"]
    where = " · ".join(escape(x) for x in (meeting.event, meeting.location) if x)
    if where:
        lines.append(f":round_pushpin: {where}")
    if meeting.evidence:
        lines.append(evidence_line(meeting.evidence[0].text))
    return "\n".join(lines)


def evidence_line(sentence: str) -> str:
    """The sentence a meeting was read from, as a quote: escaped, one line, cut to ``EVIDENCE_LIMIT``."""
    return f"> _{truncate(escape(' '.join(sentence.split())), EVIDENCE_LIMIT)}_"


def counterparts_of(tagged: TaggedArticle, meetings: Sequence[Meeting]) -> list[str]:
    """The counterpart codes of ``meetings`` (the article's own list when it covers them all)."""
    if len(meetings) == len(tagged.held_meetings):
        return list(tagged.counterpart_countries)
    codes = {p.country for m in meetings for p in m.participants if p.country and p.country != tagged.host_country}
    return sorted(codes)


def header_text(tagged: TaggedArticle, meetings: Sequence[Meeting]) -> str:
    noun = "meetings" if len(meetings) > 1 else "meeting"
    others = ", ".join(display_name(c) for c in counterparts_of(tagged, meetings)) or "foreign counterparts"
    return f"Defense-ministerial {noun}: {display_name(tagged.host_country)} – {others}"


def fallback_text(tagged: TaggedArticle, meetings: Sequence[Meeting]) -> str:
    """The notification line: ``Defense-ministerial meeting: South Korea with Canada — <title>``."""
    noun = "meetings" if len(meetings) > 1 else "meeting"
    others = country_names(counterparts_of(tagged, meetings)) or "foreign counterparts"
    text = f"Defense-ministerial {noun}: {display_name(tagged.host_country)} with {others} — {tagged.title}"
    return truncate(escape(text), TEXT_LIMIT)


def pages_link(tagged: TaggedArticle, meetings: Sequence[Meeting], pages_url: str | None) -> str:
    """`` · <...|Meeting page>`` on newswatch serve (``serve.public_url``), or nothing when it is not set."""
    if not pages_url:
        return ""
    label = "Meeting page" if len(meetings) == 1 else "Meeting pages"
    return f" · {safe_link(article_meetings_url(pages_url, tagged.article_id), label)}"


def context_text(tagged: TaggedArticle, pages: str = "") -> str:
    language = f" · Language: {escape(tagged.language)}" if tagged.language not in (None, "en") else ""
    return (f"Source: {escape(tagged.source) or 'unknown'}{language} · Published {when(tagged.published)}"
            f" · {safe_link(tagged.url, 'Read the article', 1000)}{pages} · Score {tagged.score:.2f}"
            f" · {escape(tagged.tagger_version) or 'tagger'}")


def build_message(tagged: TaggedArticle, meetings: Sequence[Meeting] | None = None,
                  pages_url: str | None = None) -> dict[str, Any]:
    """The webhook JSON for one tagged article; ``meetings`` narrows it to those not yet alerted;
    ``pages_url`` (``serve.public_url``) adds a link to the meetings' page."""
    meetings = list(tagged.held_meetings if meetings is None else meetings)
    title = mrkdwn_section(f"*{safe_link(tagged.url, tagged.title, SECTION_LIMIT - 2)}*")
    hosts = host_participants(meetings, tagged.host_country)
    host_line = "*Host:* " + ("; ".join(participant_line(p) for p in hosts) if hosts
                              else f"{country(tagged.host_country)} (minister not named)")
    blocks: list[dict[str, Any]] = [header_block(header_text(tagged, meetings)), title, mrkdwn_section(host_line)]
    budget = TOTAL_BUDGET - sum(len(b["text"]["text"]) for b in blocks) - SECTION_LIMIT  # context's share
    shown = 0
    for meeting in meetings:
        if len(blocks) >= MAX_BLOCKS - (_FIXED_BLOCKS - 3):
            break
        section = mrkdwn_section(meeting_text(meeting, tagged.host_country, tagged.language))
        budget -= len(section["text"]["text"])
        if budget < 0:
            break
        blocks.append(section)
        shown += 1
    if shown < len(meetings):
        blocks.append(mrkdwn_section(f"_…and {len(meetings) - shown} more meetings in the article_"))
    blocks.append({"type": "divider"})
    context = context_text(tagged, pages_link(tagged, meetings, pages_url))
    blocks.append({"type": "context", "elements": [mrkdwn(context)]})
    return {"text": fallback_text(tagged, meetings), "blocks": blocks, "unfurl_links": False, "unfurl_media": False}
