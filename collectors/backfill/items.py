"""One archive file -> items: the records and the reasons a part of it could not be read.

The shared pieces of every kind of archive (``Loaded``, ``Unreadable``, the size cap, the Kafka
timestamp) plus the two kinds that need nothing else: JSON lines of Article records and feed files.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import msgspec

from newswatch.collectors.rss import parse_feed
from newswatch.errors import PoisonRecordError
from newswatch.records import decode_record
from newswatch.schema import Article

log = logging.getLogger(__name__)

MAX_RECORD_BYTES = 8 * 1024 * 1024  # the articles topic's max.message.bytes


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
