"""Slack mrkdwn text helpers: escaping untrusted text, safe links, limits, country labels.

Everything shown in an alert comes from the internet, so every string is escaped for Slack
(``&``, ``<``, ``>``): a title containing ``<!channel>`` renders literally and pings no one.
Links are only made from http(s) URLs, with the characters that could close a link encoded.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from urllib.parse import quote, urlsplit

from newswatch.countries import display_name, flag

HEADER_LIMIT = 150  # characters in a header block's plain_text
SECTION_LIMIT = 3000  # characters in a section's text
MAX_BLOCKS = 50
TEXT_LIMIT = 3000  # the notification fallback
TOTAL_BUDGET = 24_000  # characters of text per message: well under Slack's 40,000


def escape(text: str | None) -> str:
    """Escape Slack's three control characters; nothing else is special in mrkdwn text."""
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def truncate(text: str, limit: int) -> str:
    """Cut to ``limit`` characters with an ellipsis, never in the middle of an ``&amp;`` escape."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut.rstrip() + "…"


def safe_link(url: str | None, label: str) -> str:
    """``<url|label>`` for http(s) URLs; the escaped label alone otherwise."""
    label = escape(label)
    if not url or urlsplit(url).scheme.lower() not in ("http", "https"):
        return label
    # Encode what could end the link or start another one (| < > space); keep URL syntax intact.
    href = quote(url, safe=":/?#[]@!$&'()*+,;=%~-._").replace("&", "&amp;")
    return f"<{href}|{label or href}>"


def country(code: str | None) -> str:
    """``🇨🇦 Canada``: flag emoji and display name (escaped: an unknown code is echoed as given)."""
    return f"{flag(code)} {escape(display_name(code))}"


def country_names(codes: Sequence[str]) -> str:
    """``Canada, Japan and NATO``."""
    names = [display_name(c) for c in codes]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "unknown time"


def mrkdwn_section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": truncate(text, SECTION_LIMIT)}}


def header_block(text: str) -> dict:
    return {"type": "header", "text": {"type": "plain_text", "text": truncate(escape(text), HEADER_LIMIT),
                                       "emoji": True}}
