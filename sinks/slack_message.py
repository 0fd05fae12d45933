"""TaggedArticle -> Slack incoming-webhook payload (Block Kit plus a plain ``text`` fallback).

Everything shown comes from the internet, so every string is escaped for Slack's mrkdwn
(``&``, ``<``, ``>``): a title containing ``<!channel>`` renders literally and pings no one.
Links are only made from http(s) URLs, with the characters that could close a link encoded.
Slack's limits are respected: 150 characters in a header, 3,000 per section text, 50 blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlsplit

from newswatch.countries import display_name, flag
from newswatch.schema import Meeting, Participant, TaggedArticle

HEADER_LIMIT = 150
SECTION_LIMIT = 3000
MAX_BLOCKS = 50
TEXT_LIMIT = 3000
_FIXED_BLOCKS = 4  # header, title section, divider, context


def escape(text: str | None) -> str:
    """Escape Slack's three control characters; nothing else is special in mrkdwn text."""
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def safe_link(url: str | None, label: str) -> str:
    """``<url|label>`` for http(s) URLs; the escaped label alone otherwise."""
    label = escape(label)
    if not url or urlsplit(url).scheme not in ("http", "https"):
        return label
    # Encode what could end the link or start another one; keep URL syntax intact.
    href = quote(url, safe=":/?#[]@!$&'()*+,;=%~-._")
    href = href.replace("&", "&amp;")
    return f"<{href}|{label or href}>"


def _plain_header(text: str) -> str:
    # Header blocks are plain_text: no mrkdwn, so no escaping needed beyond the length limit.
    return truncate(text, HEADER_LIMIT)


def _participant_line(p: Participant) -> str:
    who = f"*{escape(p.name)}*" if p.name else "_unnamed_"
    details = ", ".join(escape(x) for x in (p.role, display_name(p.country) if p.country else None) if x)
    return f"{flag(p.country)} {who}" + (f" ({details})" if details else "")


def _meeting_text(index: int, meeting: Meeting, host: str | None) -> str:
    hosts = [p for p in meeting.participants if p.country == host]
    others = [p for p in meeting.participants if p.country != host]
    kind = {"in-person": "Meeting", "call": "Phone call", "video": "Video call",
            "multilateral": "Multilateral meeting"}.get(meeting.kind, "Meeting")
    lines = [f"*{index}. {kind}*"]
    lines += [_participant_line(p) for p in hosts]
    if others:
        lines.append("with " + "; ".join(_participant_line(p) for p in others))
    where = ", ".join(escape(x) for x in (meeting.event, meeting.location) if x)
    if where:
        lines.append(f":round_pushpin: {where}")
    return truncate("\n".join(lines), SECTION_LIMIT)


def _names(codes: Sequence[str]) -> str:
    names = [display_name(c) for c in codes]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def header_text(tagged: TaggedArticle) -> str:
    noun = "meetings" if len(tagged.meetings) > 1 else "meeting"
    host = display_name(tagged.host_country)
    others = ", ".join(display_name(c) for c in tagged.counterpart_countries) or "foreign counterparts"
    return _plain_header(f"Defense-ministerial {noun}: {host} – {others}")


def fallback_text(tagged: TaggedArticle) -> str:
    """The notification text: 'South Korea's defense minister met counterparts from Canada, ...: title'."""
    host = display_name(tagged.host_country)
    others = _names(tagged.counterpart_countries) or "foreign counterparts"
    return truncate(escape(f"{host}'s defense minister met counterparts from {others}: {tagged.title}"), TEXT_LIMIT)


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "unknown time"


def build_message(tagged: TaggedArticle) -> dict[str, Any]:
    """The webhook JSON for one tagged article (all its meetings in one message)."""
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": header_text(tagged), "emoji": True}},
        {"type": "section", "text": {"type": "mrkdwn",
                                     "text": truncate(safe_link(tagged.url, tagged.title), SECTION_LIMIT)}},
    ]
    room = MAX_BLOCKS - _FIXED_BLOCKS
    meetings = list(tagged.meetings)
    shown = meetings if len(meetings) <= room else meetings[: room - 1]
    for i, meeting in enumerate(shown, start=1):
        blocks.append({"type": "section",
                       "text": {"type": "mrkdwn", "text": _meeting_text(i, meeting, tagged.host_country)}})
    if len(shown) < len(meetings):
        blocks.append({"type": "section", "text": {"type": "mrkdwn",
                                                   "text": f"_…and {len(meetings) - len(shown)} more meetings_"}})
    blocks.append({"type": "divider"})
    context = (f"Source: {escape(tagged.source) or 'unknown'} · Published {_when(tagged.published)}"
               f" · Score {tagged.score:.2f} · {escape(tagged.tagger_version)}")
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": truncate(context, SECTION_LIMIT)}]})
    return {"text": fallback_text(tagged), "blocks": blocks, "unfurl_links": False, "unfurl_media": False}
