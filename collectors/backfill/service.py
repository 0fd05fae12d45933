"""``newswatch backfill``: read archives, drop what the topic already holds, check retention, publish.

Records are keyed by article id and stamped with the publication time, in publication order, so
later replays select them by ``--since``/``--until`` and ``offsets_for_times`` finds them fast.
Each chunk is flushed and acknowledged before the progress moves on; an interrupted backfill is
finished by running it again, which skips every id the topic already holds (no duplicates).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from newswatch.collectors.backfill.archives import BackfillError, Loaded, Unreadable, expand, load_path, now_ms
from newswatch.collectors.backfill.known_ids import known_ids
from newswatch.collectors.backfill.retention import TopicTimeConfig, check_retention
from newswatch.collectors.config import CollectorConfig
from newswatch.config import TopicsConfig
from newswatch.kafka_io import Kafka, dead_letter
from newswatch.schema import encode

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
STAGE = "backfill"
CHUNK = 1000


@dataclass
class BackfillSummary:
    topic: str
    files: int = 0
    ignored_files: int = 0
    read: int = 0  # records found in the archives (readable or not)
    published: int = 0
    skipped: int = 0  # already in the topic, or repeated within the archives
    undated: int = 0  # no publication time: stamped with the file's modification time
    dead_letters: int = 0
    seconds: float = 0.0
    complete: bool = False

    @property
    def rate(self) -> float:
        return self.published / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "records_per_second": round(self.rate, 1)}


def read_archives(files: list[Path], max_bytes: int, on_read: Progress | None) -> tuple[list[Loaded], list[Unreadable]]:
    loaded: list[Loaded] = []
    bad: list[Unreadable] = []
    for done, path in enumerate(files, start=1):
        for item in load_path(path, max_bytes=max_bytes):
            if isinstance(item, Loaded):
                loaded.append(item)
            else:
                bad.append(item)
        if on_read:
            on_read(done, len(files))
    return loaded, bad


def run_backfill(cfg: CollectorConfig, topics: TopicsConfig, kafka: Kafka, paths: Iterable[Path], *, topic: str,
                 force: bool = False,
                 stop: threading.Event | None = None, on_progress: Progress | None = None,
                 on_read: Progress | None = None, warn: Callable[[str], None] = log.warning) -> BackfillSummary:
    started = time.monotonic()
    stop = stop or threading.Event()
    summary = BackfillSummary(topic=topic)
    files, ignored = expand(paths)
    summary.files, summary.ignored_files = len(files), len(ignored)
    if ignored:
        warn(f"ignoring {len(ignored)} files of unknown kind (e.g. {ignored[0]})")
    loaded, bad = read_archives(files, cfg.max_body_bytes, on_read)
    summary.read = len(loaded) + len(bad)
    present = known_ids(kafka, topic)
    fresh: dict[str, Loaded] = {}
    for item in loaded:
        if item.article.id in present or item.article.id in fresh:
            summary.skipped += 1
        else:
            fresh[item.article.id] = item
    times = TopicTimeConfig.read(kafka, topic)
    now = now_ms()
    for item in fresh.values():
        if not times.accepts(item.timestamp_ms, now):
            bad.append(Unreadable(item.where, "timestamp_rejected",
                                  f"{item.where}: article {item.article.id} is stamped {_iso(item.timestamp_ms)}, "
                                  f"outside what {topic} accepts (message.timestamp.before/after.max.ms)",
                                  encode(item.article)))
    todo = sorted((i for i in fresh.values() if times.accepts(i.timestamp_ms, now)), key=lambda i: i.timestamp_ms)
    summary.undated = sum(1 for i in todo if not i.dated)
    _check_retention(times, topic, todo, force=force, warn=warn)
    producer = kafka.producer()
    try:
        summary.dead_letters = _dead_letters(producer, topics.dlq, bad)
        for start in range(0, len(todo), CHUNK):
            if stop.is_set():
                break
            if on_progress:
                on_progress(summary.published, len(todo))
            chunk = todo[start:start + CHUNK]
            futures = [producer.send(topic, key=i.article.id.encode(), value=encode(i.article),
                                     timestamp_ms=i.timestamp_ms) for i in chunk]
            producer.flush()
            for future in futures:
                future.get()
            summary.published += len(chunk)
        if on_progress:
            on_progress(summary.published, len(todo))
        summary.complete = summary.published == len(todo)
    finally:
        producer.close()
        summary.seconds = round(time.monotonic() - started, 3)
    return summary


def _iso(timestamp_ms: int) -> str:
    return datetime.fromtimestamp(timestamp_ms / 1000, UTC).isoformat(timespec="seconds")


def _check_retention(times: TopicTimeConfig, topic: str, todo: list[Loaded], *, force: bool,
                     warn: Callable[[str], None]) -> None:
    verdict = check_retention(times, topic, [i.timestamp_ms for i in todo])
    for message in verdict.warnings:
        warn(message)
    if verdict.errors:
        if not force:
            raise BackfillError("; ".join(verdict.errors))
        for message in verdict.errors:
            warn(message + " (publishing anyway: --force)")


def _dead_letters(producer, dlq_topic: str, bad: list[Unreadable]) -> int:
    futures = []
    for item in bad:
        log.warning("unreadable archive record sent to the dead-letter topic",
                    extra={"where": item.where, "error_type": item.error_type})
        futures.append(producer.send(dlq_topic, value=dead_letter(STAGE, item.error_type, item.error,
                                                                  value=item.value)))
    producer.flush()
    for future in futures:
        future.get()
    return len(futures)
