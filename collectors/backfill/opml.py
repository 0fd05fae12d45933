"""OPML outlines whose ``xmlUrl`` names a saved feed file: the archive of a whole subscription list.

Backfill reads archives, it never fetches: an ``xmlUrl`` that is an http(s) address is reported as
unreadable (collect it live with ``newswatch collect`` instead). Relative paths and ``file://`` URLs
resolve against the OPML file's folder. defusedxml parses it: no entity expansion, no DTD fetching.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from collectors.backfill.archives import Item, Unreadable, load_feed, read_capped


def feed_files(opml: Path, body: bytes) -> Iterator[tuple[str, Path | None, str]]:
    """(title, local path or None, xmlUrl) for every outline with an ``xmlUrl``."""
    root = ElementTree.fromstring(body)
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or "").strip()
        if not url:
            continue
        title = (outline.get("title") or outline.get("text") or "").strip()
        parts = urlsplit(url)
        if parts.scheme in ("", "file"):
            raw = unquote(parts.path) if parts.scheme == "file" else url
            local = Path(raw)
            yield title, (local if local.is_absolute() else opml.parent / local), url
        else:
            yield title, None, url


def load_opml(path: Path, *, max_bytes: int) -> Iterator[Item]:
    body = read_capped(path, max_bytes)
    if isinstance(body, Unreadable):
        yield body
        return
    try:
        outlines = list(feed_files(path, body))
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        yield Unreadable(str(path), "invalid_opml", f"{path}: not a well-formed OPML file: {exc}", body[:4096])
        return
    for title, local, url in outlines:
        if local is None:
            yield Unreadable(f"{path}: {url}", "not_local",
                             f"{path}: xmlUrl {url} is not a local file (backfill reads archives, it does not "
                             "fetch; use newswatch collect for live feeds)")
        elif not local.is_file():
            yield Unreadable(f"{path}: {url}", "missing_file", f"{path}: feed archive {local} does not exist")
        else:
            yield from load_feed(local, max_bytes=max_bytes, source=title or None)
