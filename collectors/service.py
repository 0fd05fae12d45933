"""Publishing each story once: claim ids against the memory, send, remember once acknowledged.

``claim`` is synchronous and runs on the collector's one event loop, so two feeds carrying the
same story in the same cycle cannot both claim it. Ids are written to the state store only after
the broker acknowledged the article; an article whose delivery failed is released so a later
poll publishes it, and its feed's validators are dropped so that poll fetches the full body.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, MutableSet
from dataclasses import dataclass

from kafka import KafkaProducer
from kafka.errors import KafkaError, MessageSizeTooLargeError

from newswatch.collectors.credentials import public_url
from newswatch.collectors.state_store import StateStore
from newswatch.schema import Article, encode

log = logging.getLogger(__name__)


@dataclass
class CycleStats:
    feeds: int = 0  # feeds polled in the cycle
    new: int = 0
    duplicates: int = 0
    errors: int = 0
    bozo: int = 0
    not_modified: int = 0
    skipped: int = 0  # entries with neither link nor GUID
    parked: int = 0  # feeds parked (all cycles so far)


class Publisher:
    def __init__(self, producer: KafkaProducer, topic: str, store: StateStore, seen: MutableSet[str], *,
                 max_article_bytes: int = 1024 * 1024):
        self.producer = producer
        self.max_article_bytes = max_article_bytes
        self.topic = topic
        self.store = store
        self.seen = seen
        self._pending: list[tuple[str, str, object]] = []  # (feed url, article id, future)

    def claim(self, articles: Iterable[Article]) -> tuple[list[Article], int]:
        """The articles nobody published yet (now reserved), and how many were duplicates."""
        fresh: list[Article] = []
        duplicates = 0
        for article in articles:
            if article.id in self.seen:
                duplicates += 1
                continue
            self.seen.add(article.id)
            fresh.append(article)
        return fresh, duplicates

    def release(self, ids: Iterable[str]) -> None:
        """Forget claims that were never sent (the send failed), so a later poll can publish them."""
        for ident in ids:
            self.seen.discard(ident)

    def send(self, article: Article, feed_url: str) -> bool:
        """Queue ``article`` for the broker; False (logged, nothing sent) when it is too large for a
        record: one oversized item never costs its feed's other items."""
        # The record time is the story's publication time, but never later than when we fetched it:
        # Kafka 4 rejects records more than log.message.timestamp.after.max.ms (1 h) in the future,
        # and feeds with wrong time zones or scheduled posts do date stories ahead.
        stamp = min(article.published or article.fetched_at, article.fetched_at)
        value = encode(article)
        try:
            if len(value) > self.max_article_bytes:
                raise MessageSizeTooLargeError(f"{len(value)} bytes, more than max_article_bytes "
                                               f"({self.max_article_bytes})")
            future = self.producer.send(self.topic, key=article.id.encode(), value=value,
                                        timestamp_ms=int(stamp.timestamp() * 1000))
        except MessageSizeTooLargeError as exc:
            log.warning("article too large for a record; skipped: %s", exc,
                        extra={"feed": article.source, "id": article.id})
            return False
        self._pending.append((feed_url, article.id, future))
        return True

    def commit(self) -> tuple[int, set[str]]:
        """Wait for the broker; record acknowledged ids. Returns (delivered, feeds with failures)."""
        pending, self._pending = self._pending, []
        if not pending:
            return 0, set()
        self.producer.flush()
        delivered: list[str] = []
        failed_feeds: set[str] = set()
        for feed_url, ident, future in pending:
            try:
                future.get(timeout=0)  # type: ignore[attr-defined]
                delivered.append(ident)
            except KafkaError as exc:
                self.seen.discard(ident)
                failed_feeds.add(feed_url)
                log.error("article not delivered: %s", exc, extra={"feed": public_url(feed_url), "id": ident})
        self.store.mark_seen(delivered)
        self.store.flush()
        return len(delivered), failed_feeds
