"""Feed bytes -> Article records, with feedparser (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, CDF).

The bytes are fetched elsewhere and handed over as a stream: feedparser given a string may
do network I/O of its own. feedparser never raises on a bad feed; it sets ``bozo``, which we
report as a warning and count. Unsafe DOCTYPE entity declarations are removed first
(``newswatch.collectors.xml_safety``): no entity expansion.
"""

from __future__ import annotations

import calendar
import html
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import feedparser

from newswatch.collectors.ids import article_id
from newswatch.collectors.xml_safety import defuse
from newswatch.schema import Article, utcnow

_TAG = re.compile(r"<[^>]+>")
#: Elements whose content is never text a reader sees (feedparser's sanitizer is off, see parse_feed).
_HIDDEN = re.compile(
    r"(?is)<(script|style|iframe|object|embed|noscript|template|svg|math)\b.*?(</\1\s*>|\Z)|<!--.*?(-->|\Z)")
_SPACE = re.compile(r"[ \t\r\f\v]+")
_BLOCK = re.compile(r"(?i)<\s*(br|/p|/div|/li|/h[1-6])\b[^>]*>")


def html_to_text(value: str | None) -> str:
    """Plain text from a feed's (already sanitised) HTML fragment."""
    if not value:
        return ""
    text = _BLOCK.sub("\n", _HIDDEN.sub("", value))
    text = html.unescape(_TAG.sub("", text))
    lines = (_SPACE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _when(entry: Mapping[str, Any]) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
            except (OverflowError, ValueError, OSError):
                continue
    return None


@dataclass
class ParsedFeed:
    title: str
    articles: list[Article] = field(default_factory=list)
    bozo: bool = False
    bozo_reason: str | None = None
    skipped: int = 0  # entries with neither link nor GUID
    ttl_seconds: float | None = None
    defused: bool = False  # an unsafe DOCTYPE internal subset was removed
    version: str = ""  # feedparser's format name ("rss20", "atom10", ...); empty when not a feed

    @property
    def not_a_feed(self) -> bool:
        """Nothing feed-like in it at all (an HTML page, an empty body, garbage)."""
        return not self.version and not self.articles and self.skipped == 0


def parse_feed(body: bytes, *, source: str, headers: Mapping[str, str] | None = None,
               base_url: str | None = None, fetched_at: datetime | None = None) -> ParsedFeed:
    """Parse feed bytes into Articles; never raises on malformed input."""
    body, defused = defuse(body)
    response_headers = dict(headers or {})
    if base_url and response_headers:  # an HTTP answer: relative links resolve against its URL
        response_headers.setdefault("content-location", base_url)
    # feedparser's HTML sanitizer and relative-URI rewriting only matter for HTML we would pass on;
    # we keep plain text (html_to_text drops every tag and hidden element), and entry links are
    # resolved against the base either way. Both off halves the parse time.
    parsed = feedparser.parse(io.BytesIO(body), response_headers=response_headers, sanitize_html=False,
                              resolve_relative_uris=False)
    fetched = fetched_at or utcnow()
    feed_meta = parsed.get("feed", {})
    result = ParsedFeed(title=str(feed_meta.get("title") or source), bozo=bool(parsed.get("bozo")),
                        defused=defused, version=str(parsed.get("version") or ""))
    if result.bozo:
        result.bozo_reason = f"{type(parsed.get('bozo_exception')).__name__}: {parsed.get('bozo_exception')}"[:300]
    ttl = feed_meta.get("ttl")
    if ttl and str(ttl).strip().isdigit():
        result.ttl_seconds = int(str(ttl).strip()) * 60.0
    for entry in parsed.get("entries", []):
        link = entry.get("link") or None
        guid = entry.get("id") or None
        ident = article_id(link, guid)
        if ident is None:
            result.skipped += 1
            continue
        content_values = [c.get("value", "") for c in entry.get("content", []) or []]
        content = html_to_text("\n".join(content_values))
        summary = html_to_text(entry.get("summary"))
        if content == summary:
            content = ""
        result.articles.append(Article(
            id=ident, url=link or guid or "", title=html_to_text(entry.get("title")) or "(untitled)",
            summary=summary, content=content, published=_when(entry), source=source, fetched_at=fetched,
        ))
    return result


def parse_job(body: bytes, source: str, headers: dict[str, str], url: str) -> ParsedFeed:
    """parse_feed with positional arguments, for a process pool (this module imports little)."""
    return parse_feed(body, source=source, headers=headers, base_url=url)
