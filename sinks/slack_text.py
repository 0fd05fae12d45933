"""Slack mrkdwn text helpers: escaping untrusted text, safe links, limits, country labels.

Everything shown in an alert comes from the internet, so every string is escaped for Slack
(``&``, ``<``, ``>``): a title containing ``<!channel>`` renders literally and pings no one.
Invisible formatting characters (right-to-left overrides and isolates, zero-width spaces and
joiners, the BOM) are removed, so a title cannot reorder or hide what an alert shows. Links are
only made from http(s) URLs, without user-info, with the characters that could close a link
encoded; a cut never falls inside a link. Text objects are ``verbatim``: Slack does not turn a bare
URL or ``#channel`` in a title into a link of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from urllib.parse import quote, urlsplit, urlunsplit

from newswatch.countries import display_name, flag

HEADER_LIMIT = 150  # characters in a header block's plain_text
SECTION_LIMIT = 3000  # characters in a section's text
MAX_BLOCKS = 50
TEXT_LIMIT = 3000  # the notification fallback
TOTAL_BUDGET = 24_000  # characters of text per message: well under Slack's 40,000


#: Bidi embeddings, overrides and isolates, zero-width spaces/joiners/marks, word joiner and
#: invisible operators, the BOM, the Arabic letter mark and the Mongolian vowel separator.
_INVISIBLE = re.compile("[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


def escape(text: str | None) -> str:
    """Escape Slack's three control characters and drop invisible formatting characters."""
    return _INVISIBLE.sub("", text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def truncate(text: str, limit: int) -> str:
    """Cut to ``limit`` characters with an ellipsis, never inside an ``&amp;`` escape or a ``<link|label>``
    (every literal ``<`` is escaped, so a ``<`` without its ``>`` is a link the cut would break)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    link = cut.rfind("<")
    if link != -1 and ">" not in cut[link:]:
        cut = cut[:link]
    return cut.rstrip() + "…"


def safe_link(url: str | None, label: str, limit: int | None = None) -> str:
    """``<url|label>`` for http(s) URLs; the escaped label alone otherwise. With ``limit`` the label is
    shortened so the whole link fits in ``limit`` characters (no link at all if the URL alone does not)."""
    label = escape(label)
    try:
        parts = urlsplit(url or "")
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return truncate(label, limit) if limit else label
    if "@" in parts.netloc:  # never show credentials a feed put in a link
        parts = parts._replace(netloc=parts.netloc.rsplit("@", 1)[1])
    # Encode what could end the link or start another one (| < > space); keep URL syntax intact.
    href = quote(urlunsplit(parts), safe=":/?#[]@!$&'()*+,;=%~-._").replace("&", "&amp;")
    if limit is not None and len(href) + 3 + min(len(label), 20) > limit:
        return truncate(label, limit)
    if limit is not None:
        label = truncate(label, limit - len(href) - 3)
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


def mrkdwn(text: str, limit: int = SECTION_LIMIT) -> dict:
    """A mrkdwn text object, ``verbatim``: only the links we wrote are links."""
    return {"type": "mrkdwn", "text": truncate(text, limit), "verbatim": True}


def mrkdwn_section(text: str) -> dict:
    return {"type": "section", "text": mrkdwn(text)}


def header_block(text: str) -> dict:
    return {"type": "header", "text": {"type": "plain_text", "text": truncate(escape(text), HEADER_LIMIT),
                                       "emoji": True}}
