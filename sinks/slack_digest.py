"""Several alerts for one route combined into one digest message (when they arrive faster than the
route's rate allows, a digest now beats a queue of messages arriving minutes late one by one)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newswatch.countries import display_name
from newswatch.schema import Meeting, TaggedArticle
from newswatch.sinks.slack_message import counterparts_of, pages_link
from newswatch.sinks.slack_text import (
    MAX_BLOCKS,
    TEXT_LIMIT,
    TOTAL_BUDGET,
    country,
    escape,
    header_block,
    mrkdwn_section,
    safe_link,
    truncate,
    when,
)

#: Most alerts one digest lists (each takes one section; header and context take two more).
MAX_DIGEST_ALERTS = min(20, MAX_BLOCKS - 3)


def digest_item(tagged: TaggedArticle, meetings: Sequence[Meeting], pages_url: str | None = None) -> str:
    others = ", ".join(country(c) for c in counterparts_of(tagged, meetings)) or "foreign counterparts"
    return (f"*{country(tagged.host_country)} – {others}*\n{safe_link(tagged.url, tagged.title)}\n"
            f"{escape(tagged.source) or 'unknown source'} · {when(tagged.published)}"
            f"{pages_link(tagged, meetings, pages_url)}")


def build_digest(items: Sequence[tuple[TaggedArticle, Sequence[Meeting]]],
                 pages_url: str | None = None) -> dict[str, Any]:
    """One message listing each (article, meetings-not-yet-alerted) in order."""
    if not items or len(items) > MAX_DIGEST_ALERTS:
        raise ValueError(f"a digest lists 1 to {MAX_DIGEST_ALERTS} alerts, not {len(items)}")
    blocks: list[dict[str, Any]] = [header_block(f"Defense-ministerial meetings digest: {len(items)} alerts")]
    budget = TOTAL_BUDGET
    for tagged, meetings in items:
        section = mrkdwn_section(digest_item(tagged, meetings, pages_url))
        budget -= len(section["text"]["text"])
        blocks.append(section)
    if budget < 0:  # only with absurdly long titles: shorten every item evenly
        share = max(200, TOTAL_BUDGET // len(items))
        for block in blocks[1:]:
            block["text"]["text"] = truncate(block["text"]["text"], share)
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": (
        "Sent as one digest: these alerts arrived faster than this channel's rate limit allows.")}]})
    summary = "; ".join(f"{display_name(t.host_country)} – {', '.join(display_name(c) for c in counterparts_of(t, m))}"
                        for t, m in items)
    text = truncate(escape(f"{len(items)} defense-ministerial meeting alerts: {summary}"), TEXT_LIMIT)
    return {"text": text, "blocks": blocks, "unfurl_links": False, "unfurl_media": False}


def build_meeting_digest(items: Sequence[tuple[Sequence[Any], str]]) -> dict[str, Any]:
    """One message listing meeting alerts, one item per report's meetings (``meeting_message`` renders them)."""
    if not items or len(items) > MAX_DIGEST_ALERTS:
        raise ValueError(f"a digest lists 1 to {MAX_DIGEST_ALERTS} alerts, not {len(items)}")
    count = sum(len(alerts) for alerts, _ in items)
    blocks: list[dict[str, Any]] = [header_block(f"Defense-ministerial meetings digest: {count} alerts")]
    share = max(200, TOTAL_BUDGET // len(items))
    blocks += [mrkdwn_section(truncate(text, share)) for _, text in items]
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": (
        "Sent as one digest: these alerts arrived faster than this channel's rate limit allows.")}]})
    text = truncate(escape(f"{count} defense-ministerial meeting alerts"), TEXT_LIMIT)
    return {"text": text, "blocks": blocks, "unfurl_links": False, "unfurl_media": False}
