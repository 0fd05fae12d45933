"""OPML outlines whose ``xmlUrl`` names a saved feed file: the archive of a whole subscription list.

The outlines are read by ``collectors/opml.py`` (the project's one OPML reader: defusedxml, no entity
expansion). Backfill reads archives, it never fetches: an ``xmlUrl`` that is an http(s) address is
reported as unreadable (collect it live with ``newswatch collect`` instead). Relative paths and
``file://`` URLs resolve against the OPML file's folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newswatch.collectors.backfill.items import Item, Unreadable, load_feed, read_capped
from newswatch.collectors.opml import OpmlError, read_opml


def local_file(opml: Path, url: str) -> Path | None:
    """The file an ``xmlUrl`` names, or None when it is not a local path."""
    parts = urlsplit(url)
    if parts.scheme not in ("", "file"):
        return None
    path = Path(unquote(parts.path) if parts.scheme == "file" else url)
    return path if path.is_absolute() else opml.parent / path


def load_opml(path: Path, *, max_bytes: int) -> Iterator[Item]:
    body = read_capped(path, max_bytes)
    if isinstance(body, Unreadable):
        yield body
        return
    try:
        feeds = read_opml(body)
    except OpmlError as exc:
        yield Unreadable(str(path), "invalid_opml", f"{path}: {exc}", body[:4096])
        return
    for feed in feeds:
        local = local_file(path, feed.url)
        if local is None:
            yield Unreadable(f"{path}: {feed.url}", "not_local",
                             f"{path}: xmlUrl {feed.url} is not a local file (backfill reads archives, it does not "
                             "fetch; use newswatch collect for live feeds)")
        elif not local.is_file():
            yield Unreadable(f"{path}: {feed.url}", "missing_file", f"{path}: feed archive {local} does not exist")
        else:
            yield from load_feed(local, max_bytes=max_bytes, source=feed.name)
