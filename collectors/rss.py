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
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import feedparser
from lxml import etree

from newswatch.collectors.ids import article_id
from newswatch.collectors.xml_safety import defuse
from newswatch.language import by_script, declared
from newswatch.schema import Article, utcnow

#: Per-field caps, in characters of plain text (an item over one is cut, not lost; see
#: docs/collectors.md). At most 4 bytes a character in UTF-8 JSON, so a record holding all three
#: at their caps stays under 1 MiB, the processor's ``max_record_bytes``.
TITLE_MAX_CHARS = 1_000
SUMMARY_MAX_CHARS = 20_000
CONTENT_MAX_CHARS = 200_000
#: A link longer than this is not a story's address; the item is skipped (counted ``too_large``).
URL_MAX_CHARS = 4_096
#: HTML read per field: enough markup around the text a field keeps, never a whole 10 MiB body.
_MARKUP_PER_CHAR = 10

#: Elements whose content is never text a reader sees (feedparser's sanitizer is off, see parse_feed).
_HIDDEN = frozenset({"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math",
                     "head"})
#: Elements that end a line of text.
_BLOCK = frozenset({"br", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "pre",
                    "ul", "ol", "table", "section", "article", "header", "footer", "dt", "dd", "hr"})
_SPACE = re.compile(r"[ \t\r\f\v]+")
#: C0 controls (but tab and newline), DEL and lone surrogates: no text, and lxml refuses them.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


_PARSERS = threading.local()  # an lxml parser is reusable, but not across threads


def _parser() -> etree.HTMLParser:
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = _PARSERS.parser = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                                                    recover=True, default_doctype=False)
    return parser


def _markup_text(value: str) -> str:
    """The text of an HTML fragment through libxml2's HTML parser (linear time, no regex over markup):
    hidden elements go with their content, block elements end a line."""
    try:
        root = etree.fromstring(value, _parser())
    except (etree.ParserError, ValueError):
        return ""
    if root is None:
        return ""
    etree.strip_elements(root, *_HIDDEN, with_tail=False)
    for element in root.iter(*_BLOCK):
        element.text = "\n" + element.text if element.text else "\n"
        element.tail = "\n" + element.tail if element.tail else "\n"
    return str(etree.tostring(root, method="text", encoding="unicode"))


def html_to_text(value: str | None, limit: int | None = None) -> str:
    """Plain text from a feed's HTML fragment: tags dropped, hidden elements dropped with their
    content, entities decoded, blank lines and runs of spaces folded; at most ``limit`` characters."""
    if not value:
        return ""
    if limit is not None:
        value = value[: max(limit * _MARKUP_PER_CHAR, 65_536)]
    value = _UNPRINTABLE.sub("", value)
    text = _markup_text(value) if "<" in value else html.unescape(value)
    lines = (_SPACE.sub(" ", line).strip() for line in text.splitlines())
    text = "\n".join(line for line in lines if line)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


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
    oversized: int = 0  # entries skipped for a link longer than URL_MAX_CHARS
    truncated: int = 0  # entries with a field cut to its cap
    ttl_seconds: float | None = None
    defused: bool = False  # an unsafe DOCTYPE internal subset was removed
    version: str = ""  # feedparser's format name ("rss20", "atom10", ...); empty when not a feed

    @property
    def not_a_feed(self) -> bool:
        """Nothing feed-like in it at all (an HTML page, an empty body, garbage)."""
        return not self.version and not self.articles and self.skipped == 0


def parse_feed(body: bytes, *, source: str, headers: Mapping[str, str] | None = None,
               base_url: str | None = None, fetched_at: datetime | None = None,
               language: str | None = None) -> ParsedFeed:
    """Parse feed bytes into Articles; never raises on malformed input.

    Each article's ``language`` is ``language`` (the feed's configured one), else the feed's own
    ``<language>``, else the script of its text where that decides (Hangul, kana); else None, and the
    processor detects it."""
    body, defused = defuse(body)
    response_headers = dict(headers or {})
    if base_url and response_headers:  # an HTTP answer: relative links resolve against its URL
        response_headers.setdefault("content-location", base_url)
    # feedparser's HTML sanitizer and relative-URI rewriting only matter for HTML we would pass on;
    # we keep plain text (html_to_text drops every tag and hidden element), and entry links are
    # resolved against the base either way. Both off halves the parse time.
    try:
        parsed = feedparser.parse(io.BytesIO(body), response_headers=response_headers, sanitize_html=False,
                                  resolve_relative_uris=False)
    except Exception as exc:  # noqa: BLE001 - feedparser's encoding sniffing raises on a few byte patterns
        parsed = feedparser.FeedParserDict(bozo=True, bozo_exception=exc, entries=[], feed={})
    fetched = fetched_at or utcnow()
    feed_meta = parsed.get("feed", {})
    result = ParsedFeed(title=str(feed_meta.get("title") or source), bozo=bool(parsed.get("bozo")),
                        defused=defused, version=str(parsed.get("version") or ""))
    if result.bozo:
        result.bozo_reason = f"{type(parsed.get('bozo_exception')).__name__}: {parsed.get('bozo_exception')}"[:300]
    ttl = feed_meta.get("ttl")
    if ttl and str(ttl).strip().isdigit():
        result.ttl_seconds = int(str(ttl).strip()) * 60.0
    feed_language = declared(str(feed_meta.get("language") or ""))
    for entry in parsed.get("entries", []):
        link = entry.get("link") or None
        guid = entry.get("id") or None
        ident = article_id(link, guid)
        if ident is None:
            result.skipped += 1
            continue
        url = link or guid or ""
        if len(url) > URL_MAX_CHARS:
            result.oversized += 1
            continue
        content_values = [c.get("value", "") for c in entry.get("content", []) or []]
        content = html_to_text("\n".join(content_values), CONTENT_MAX_CHARS)
        summary = html_to_text(entry.get("summary"), SUMMARY_MAX_CHARS)
        title = html_to_text(entry.get("title"), TITLE_MAX_CHARS)
        if content == summary:
            content = ""
        if any(len(text) == cap and text.endswith("…") for text, cap in (
                (title, TITLE_MAX_CHARS), (summary, SUMMARY_MAX_CHARS), (content, CONTENT_MAX_CHARS))):
            result.truncated += 1
        title = title or "(untitled)"
        written_in = declared(language) or feed_language or by_script(f"{title}\n{summary[:400]}\n{content[:400]}")
        result.articles.append(Article(
            id=ident, url=url, title=title,
            summary=summary, content=content, published=_when(entry), source=source, fetched_at=fetched,
            language=written_in,
        ))
    return result


def parse_job(body: bytes, source: str, headers: dict[str, str], url: str,
              language: str | None = None) -> ParsedFeed:
    """parse_feed with positional arguments, for a parse worker process (this module imports little)."""
    return parse_feed(body, source=source, headers=headers, base_url=url, language=language)
