"""OPML, the feed list format every feed reader speaks: read it into FeedConfigs, write it back,
and append imported feeds to a TOML config file.

OPML files come from elsewhere, so they are parsed with defusedxml (no entity expansion, no
external entities). Folders (outlines without ``xmlUrl``) and ``category`` attributes become tags.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.etree import ElementTree

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from newswatch.collectors.config import FeedConfig


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

    def walk(node: ElementTree.Element, folders: tuple[str, ...]) -> None:
        for outline in node.findall("outline"):
            url = (outline.get("xmlUrl") or "").strip()
            title = (outline.get("title") or outline.get("text") or "").strip() or None
            if url:
                feeds.append(FeedConfig(url=url, name=title, tags=_tags(outline.get("category"), folders)))
            walk(outline, (*folders, title) if title and not url else folders)

    walk(body, ())
    return feeds


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
