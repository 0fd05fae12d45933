"""The collector stage: poll feeds, publish each new story once to ``newswatch.articles``."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kafka import KafkaProducer

from collectors.config import FeedConfig
from collectors.fetch import FetchError, FetchResult, fetch
from collectors.rss import parse_feed
from newswatch.metrics import PipelineMetrics
from newswatch.schema import Article, encode

log = logging.getLogger(__name__)


@dataclass
class CycleStats:
    feeds: int = 0
    new: int = 0
    duplicates: int = 0
    errors: int = 0
    bozo: int = 0


class Collector:
    """Polls feeds and publishes Article records keyed by article id; remembers what it published."""

    stage = "collector"

    def __init__(self, producer: KafkaProducer, topic: str, metrics: PipelineMetrics, *,
                 fetcher: Callable[[str], FetchResult] = fetch, seen: set[str] | None = None):
        self.producer = producer
        self.topic = topic
        self.metrics = metrics
        self.fetcher = fetcher
        self.seen: set[str] = seen if seen is not None else set()

    def publish(self, articles: Iterable[Article]) -> tuple[int, int]:
        """Publish articles not seen before; returns (new, duplicates) once the broker acknowledged."""
        futures = []
        fresh: list[str] = []
        duplicates = 0
        for article in articles:
            if article.id in self.seen or article.id in fresh:
                duplicates += 1
                continue
            stamp = article.published or article.fetched_at
            futures.append(self.producer.send(self.topic, key=article.id.encode(), value=encode(article),
                                              timestamp_ms=int(stamp.timestamp() * 1000)))
            fresh.append(article.id)
            if article.published is not None:
                delay = (article.fetched_at - article.published).total_seconds()
                self.metrics.latency.labels("collected").observe(max(0.0, delay))
        self.producer.flush()
        for future in futures:
            future.get()
        self.seen.update(fresh)
        self.metrics.sent.labels(self.stage).inc(len(fresh))
        return len(fresh), duplicates

    def collect_feed(self, feed: FeedConfig, stats: CycleStats) -> None:
        name = feed.name or feed.url
        try:
            result = self.fetcher(feed.url)
        except FetchError as exc:
            stats.errors += 1
            self.metrics.errors.labels(self.stage, exc.reason).inc()
            log.warning("feed fetch failed", extra={"feed": name, "reason": exc.reason, "error": str(exc)})
            return
        parsed = parse_feed(result.body, source=name, headers=result.headers, base_url=result.url)
        if parsed.bozo:
            stats.bozo += 1
            self.metrics.errors.labels(self.stage, "bozo").inc()
            log.warning("feed is not well-formed", extra={"feed": name, "reason": parsed.bozo_reason})
        self.metrics.received.labels(self.stage).inc(len(parsed.articles))
        new, dup = self.publish(parsed.articles)
        stats.new += new
        stats.duplicates += dup

    def collect_once(self, feeds: Iterable[FeedConfig]) -> CycleStats:
        stats = CycleStats()
        for feed in feeds:
            stats.feeds += 1
            try:
                self.collect_feed(feed, stats)
            except Exception:  # noqa: BLE001 - one feed never stops the others
                stats.errors += 1
                self.metrics.errors.labels(self.stage, "unexpected").inc()
                log.exception("feed failed", extra={"feed": feed.name or feed.url})
        log.info("poll cycle done", extra=vars(stats))
        return stats
