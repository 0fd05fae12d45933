"""OPML, the feed list format every feed reader speaks: read it into FeedConfigs, write it back,
and append imported feeds to a TOML config file.

OPML files come from elsewhere, so they are parsed with defusedxml (no entity expansion, no
external entities) and walked without recursion (5,000 nested folders are just deep). Folders
(outlines without ``xmlUrl``) and ``category`` attributes become tags. ``vet_imports`` refuses,
with a reason each, what an imported list must not add on its own: non-http(s) URLs (``file://``
would read local files), literal internal addresses (the cloud metadata service at
169.254.169.254, loopback, private networks) and URLs carrying credentials.
"""

from __future__ import annotations

import ipaddress
import json
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from newswatch.collectors.config import FeedConfig
from newswatch.collectors.credentials import has_credentials, public_url
from newswatch.collectors.guard import is_internal


class OpmlError(ValueError):
    """The file is not an OPML feed list we can read."""


def _tags(category: str | None, folders: Sequence[str]) -> tuple[str, ...]:
    found = list(folders)
    for part in (category or "").replace("/", ",").split(","):
        if part.strip():
            found.append(part.strip())
    return tuple(dict.fromkeys(found))


def read_opml(data: bytes) -> list[FeedConfig]:
    try:
        root = SafeET.fromstring(data)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise OpmlError(f"not readable OPML: {exc}") from None
    body = root.find("body")
    if root.tag != "opml" or body is None:
        raise OpmlError("not an OPML document (no <opml><body>)")
    feeds: list[FeedConfig] = []
    # Depth-first, in document order, with an explicit stack (no recursion limit to hit).
    stack: list[tuple[ElementTree.Element, tuple[str, ...]]] = [
        (outline, ()) for outline in reversed(body.findall("outline"))]
    while stack:
        outline, folders = stack.pop()
        url = (outline.get("xmlUrl") or "").strip()
        title = (outline.get("title") or outline.get("text") or "").strip() or None
        if url:
            feeds.append(FeedConfig(url=url, name=title, tags=_tags(outline.get("category"), folders)))
        inner = (*folders, title) if title and not url else folders
        stack.extend((child, inner) for child in reversed(outline.findall("outline")))
    return feeds


def import_problem(url: str) -> str | None:
    """Why an imported feed URL is refused, or None. (Names that resolve to internal addresses are
    refused by the address guard when fetched.)"""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return "not a valid URL"
    if parts.scheme.lower() not in ("http", "https"):
        return f"not an http(s) URL ({parts.scheme or 'a local path'})"
    if not host:
        return "no host"
    if has_credentials(url):
        return "carries credentials; add it to the config by hand if it is meant to"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    if is_internal(address):
        return f"an internal address ({address})"
    return None


def vet_imports(feeds: Iterable[FeedConfig]) -> tuple[list[FeedConfig], list[tuple[str, str]]]:
    """The feeds an import may add, and (URL without credentials, reason) for each refused one."""
    accepted: list[FeedConfig] = []
    refused: list[tuple[str, str]] = []
    for feed in feeds:
        problem = import_problem(feed.url)
        if problem is None:
            accepted.append(feed)
        else:
            refused.append((public_url(feed.url), problem))
    return accepted, refused


def write_opml(feeds: Iterable[FeedConfig], title: str = "newswatch feeds") -> bytes:
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = title
    body = ElementTree.SubElement(root, "body")
    for feed in feeds:
        attrs = {"type": "rss", "text": feed.label, "title": feed.label, "xmlUrl": feed.url}
        if feed.tags:
            attrs["category"] = ",".join(feed.tags)
        ElementTree.SubElement(body, "outline", attrs)
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def toml_block(feed: FeedConfig) -> str:
    """One ``[[collector.feeds]]`` table; JSON string escapes are valid TOML basic strings."""
    lines = ["[[collector.feeds]]", f"url = {json.dumps(feed.url, ensure_ascii=False)}"]
    if feed.name:
        lines.append(f"name = {json.dumps(feed.name, ensure_ascii=False)}")
    if feed.interval_seconds:
        lines.append(f"interval_seconds = {feed.interval_seconds}")
    if feed.tags:
        lines.append(f"tags = {json.dumps(list(feed.tags), ensure_ascii=False)}")
    if feed.full_text:
        lines.append("full_text = true")
    return "\n".join(lines) + "\n"


def configured_urls(path: Path) -> set[str]:
    if not path.exists():
        return set()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise OpmlError(f"{path} is not valid TOML: {exc}") from None
    return {str(f.get("url")) for f in data.get("collector", {}).get("feeds", []) if isinstance(f, dict)}


def append_feeds(path: Path, feeds: Iterable[FeedConfig]) -> list[FeedConfig]:
    """Append the feeds not yet in ``path`` (created when missing); returns those added.

    The file is appended to, never rewritten, so its comments and layout stay as they are.
    """
    known = configured_urls(path)
    added = []
    for feed in feeds:
        if feed.url not in known:
            known.add(feed.url)
            added.append(feed)
    if added:
        existing = path.read_text(encoding="utf-8") if path.exists() else ""
        text = "".join("\n" + toml_block(f) for f in added)
        if existing and not existing.endswith("\n"):
            text = "\n" + text
        candidate = existing + text
        try:
            tomllib.loads(candidate)  # never leave a file we cannot read back
        except tomllib.TOMLDecodeError as exc:
            raise OpmlError(f"cannot append [[collector.feeds]] to {path} ({exc}); "
                            "is collector.feeds written as an inline array there?") from None
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text if existing else text.lstrip("\n"))
    return added
