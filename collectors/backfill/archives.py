"""Archive files -> Article records: what ``newswatch backfill`` reads.

Kinds, by suffix: ``.jsonl`` (one Article record per line), feed files (``.xml``, ``.rss``, ``.atom``,
``.rdf``, parsed like live feeds), ``.opml`` (outlines whose ``xmlUrl`` names local feed files),
``.html``/``.htm`` (main text extracted) and ``.txt`` (first line is the title). Folders are walked
in name order. Anything that cannot become an Article is ``Unreadable`` with the reason, never
dropped silently; files of other kinds are listed as ignored.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import msgspec

from newswatch.collectors.rss import parse_feed
from newswatch.errors import NewswatchError, PoisonRecordError
from newswatch.records import decode_record
from newswatch.schema import Article

log = logging.getLogger(__name__)

FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".rdf"})
DOCUMENT_SUFFIXES = frozenset({".html", ".htm", ".txt"})
KNOWN_SUFFIXES = FEED_SUFFIXES | DOCUMENT_SUFFIXES | {".jsonl", ".opml"}
MAX_RECORD_BYTES = 8 * 1024 * 1024  # the articles topic's max.message.bytes


class BackfillError(NewswatchError):
    """A backfill that cannot start: a missing path, a retention window the archive does not fit."""

    exit_code = 2


@dataclass(frozen=True)
class Loaded:
    article: Article
    timestamp_ms: int  # the Kafka record timestamp: publication time, else the file's mtime
    where: str
    dated: bool = True


@dataclass(frozen=True)
class Unreadable:
    where: str
    error_type: str
    error: str
    value: bytes | None = None


Item = Loaded | Unreadable


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


def stamp(article: Article, path: Path, where: str) -> Loaded:
    if article.published is not None:
        return Loaded(article, int(article.published.timestamp() * 1000), where)
    return Loaded(article, int(path.stat().st_mtime * 1000), where, dated=False)


def load_jsonl(path: Path) -> Iterator[Item]:
    with path.open("rb") as lines:
        for number, line in enumerate(lines, start=1):
            where = f"{path}:{number}"
            if not line.strip():
                continue
            if len(line) > MAX_RECORD_BYTES:
                yield Unreadable(where, "too_large", f"line of {len(line)} bytes exceeds {MAX_RECORD_BYTES}",
                                 line[:1024])
                continue
            try:
                yield stamp(decode_record(line.rstrip(b"\r\n"), Article), path, where)
            except PoisonRecordError as exc:
                yield Unreadable(where, exc.error_type, f"{where}: {exc}", line.rstrip(b"\r\n"))


def load_feed(path: Path, *, max_bytes: int, source: str | None = None) -> Iterator[Item]:
    body = read_capped(path, max_bytes)
    if isinstance(body, Unreadable):
        yield body
        return
    parsed = parse_feed(body, source=source or path.stem)
    if parsed.bozo:
        log.warning("feed file is not well-formed", extra={"path": str(path), "reason": parsed.bozo_reason})
    if not parsed.articles and parsed.bozo:
        yield Unreadable(str(path), "invalid_feed", f"{path}: no entries ({parsed.bozo_reason})", body[:4096])
    name = source or parsed.title
    for index, article in enumerate(parsed.articles):
        if article.source != name:
            article = msgspec.structs.replace(article, source=name)
        yield stamp(article, path, f"{path}#{index}")


def read_capped(path: Path, max_bytes: int) -> bytes | Unreadable:
    size = path.stat().st_size
    if size > max_bytes:
        return Unreadable(str(path), "too_large", f"{path}: {size} bytes exceeds the {max_bytes}-byte cap")
    return path.read_bytes()


def load_path(path: Path, *, max_bytes: int) -> Iterator[Item]:
    """Every item of one archive file."""
    from newswatch.collectors.backfill.documents import load_html, load_text
    from newswatch.collectors.backfill.opml import load_opml

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
