"""Archive files -> Article records: what ``newswatch backfill`` reads.

Kinds, by suffix: ``.jsonl`` (one Article record per line), feed files (``.xml``, ``.rss``, ``.atom``,
``.rdf``, parsed like live feeds), ``.opml`` (outlines whose ``xmlUrl`` names local feed files),
``.html``/``.htm`` (main text extracted) and ``.txt`` (first line is the title). Folders are walked
in name order. Anything that cannot become an Article is ``Unreadable`` with the reason, never
dropped silently; files of other kinds are listed as ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from newswatch.collectors.backfill.documents import load_html, load_text
from newswatch.collectors.backfill.items import Item, Loaded, Unreadable, load_feed, load_jsonl
from newswatch.collectors.backfill.opml import load_opml
from newswatch.errors import NewswatchError

FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".rdf"})
DOCUMENT_SUFFIXES = frozenset({".html", ".htm", ".txt"})
KNOWN_SUFFIXES = FEED_SUFFIXES | DOCUMENT_SUFFIXES | {".jsonl", ".opml"}


class BackfillError(NewswatchError):
    """A backfill that cannot start: a missing path, a retention window the archive does not fit."""

    exit_code = 2


def expand(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """(archive files, ignored files) under ``paths``; a path that does not exist is an error."""
    files: list[Path] = []
    ignored: list[Path] = []
    for path in paths:
        if not path.exists():
            raise BackfillError(f"{path} does not exist")
        candidates = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for candidate in candidates:
            (files if candidate.suffix.lower() in KNOWN_SUFFIXES else ignored).append(candidate)
    return files, ignored


def load_path(path: Path, *, max_bytes: int) -> Iterator[Item]:
    """Every item of one archive file."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from load_jsonl(path)
    elif suffix in FEED_SUFFIXES:
        yield from load_feed(path, max_bytes=max_bytes)
    elif suffix == ".opml":
        yield from load_opml(path, max_bytes=max_bytes)
    elif suffix in (".html", ".htm"):
        yield load_html(path, max_bytes=max_bytes)
    elif suffix == ".txt":
        yield load_text(path, max_bytes=max_bytes)


def now_ms() -> int:
    return int(datetime.now(UTC).timestamp() * 1000)


__all__ = ["BackfillError", "Item", "Loaded", "Unreadable", "expand", "load_path", "now_ms"]
