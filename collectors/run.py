"""Wiring for ``newswatch collect``: Kafka producer, state store, metrics, the poll loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Iterator, Sequence

from prometheus_client import CollectorRegistry

from newswatch.collectors.config import CollectorConfig, FeedConfig
from newswatch.collectors.guard import Resolver, system_resolver
from newswatch.collectors.parse_pool import ParsePool
from newswatch.collectors.poller import Clock, Poller
from newswatch.collectors.service import CycleStats, Publisher
from newswatch.collectors.state_store import KafkaStateStore, StateStore
from newswatch.collectors.websub_server import CallbackServer
from newswatch.config import TopicsConfig
from newswatch.errors import ConfigError
from newswatch.kafka_io import Kafka
from newswatch.metrics import CollectorMetrics, PipelineMetrics

log = logging.getLogger(__name__)

#: Longest sleep between two looks at the schedule (a stop request is honoured at once anyway).
MAX_SLEEP = 60.0


def _add(total: CycleStats, stats: CycleStats) -> None:
    for name in ("feeds", "new", "duplicates", "errors", "bozo", "not_modified", "skipped"):
        setattr(total, name, getattr(total, name) + getattr(stats, name))
    total.parked = stats.parked


def run_collector(cfg: CollectorConfig, topics: TopicsConfig, kafka: Kafka, *, stop: threading.Event,
                  registry: CollectorRegistry,
                  feeds: Sequence[FeedConfig] | None = None, once: bool = False, clock: Clock = time.time,
                  resolver: Resolver = system_resolver, store: StateStore | None = None) -> CycleStats:
    """Poll until ``stop`` is set (or one cycle with ``once``); returns the totals over all cycles.

    ``once`` polls the feeds that are due: feeds never polled, and feeds whose next check
    (interval, TTL, Retry-After, max-age, back-off) has passed. Parked feeds are skipped.
    """
    feeds = list(feeds or cfg.feeds)
    if not feeds:
        raise ConfigError("no feeds configured: pass feed URLs or files, or add [[collector.feeds]] to newswatch.toml")
    producer = kafka.producer()
    parser = parse_pool(cfg)
    try:
        if store is None:
            store = KafkaStateStore(kafka, cfg.state_topic_for(topics.articles), producer,
                                    replication_factor=topics.replication_factor, seen_topic=cfg.seen_topic,
                                    seen_retention_seconds=cfg.seen_retention_days * 86_400)
        states, seen = store.load()
        publisher = Publisher(producer, topics.articles, store, seen, max_article_bytes=cfg.max_article_bytes)
        poller = Poller(cfg, publisher, states,
                        metrics=CollectorMetrics(registry), pipeline=PipelineMetrics(registry), clock=clock,
                        resolver=resolver, parser=parser)
        parked = [f.label for f in feeds if poller.state(f).parked]
        if parked:
            log.warning("parked feeds are not polled; `newswatch feeds unpark` resumes them",
                        extra={"feeds": parked[:50], "count": len(parked)})
        total = CycleStats()
        with asyncio.Runner() as runner, pushed(poller, stop) as wake:
            while not stop.is_set():
                stats, changed = runner.run(poller.cycle(feeds))
                store.save_feeds(changed)
                store.flush()
                _add(total, stats)
                if stats.feeds:
                    log.info("poll cycle done", extra=vars(stats))
                if once:
                    break
                wait = poller.next_due_in(feeds)
                wake.wait(min(MAX_SLEEP, max(1.0, wait if wait is not None else MAX_SLEEP)))
                if wake is not stop:  # a ping woke us: wait for the next one (stop stays set)
                    wake.clear()
        return total
    finally:
        if parser is not None:
            parser.shutdown()
        producer.close()


@contextlib.contextmanager
def pushed(poller: Poller, stop: threading.Event) -> Iterator[threading.Event]:
    """The event the loop sleeps on: set by ``stop`` and, with WebSub, by every accepted ping
    (the callback server runs for the loop's lifetime)."""
    if poller.push is None:
        yield stop
        return
    config = poller.config.websub
    with CallbackServer(poller.push.by_callback, poller.push.ping, metrics=poller.metrics, host=config.host,
                        port=config.port) as server:
        log.info("WebSub callback listening", extra={"port": server.port, "public_url": config.public_url})
        threading.Thread(target=lambda: (stop.wait(), poller.push and poller.push.wake.set()), daemon=True,
                         name="websub-stop").start()
        yield poller.push.wake


def parse_pool(config: CollectorConfig) -> ParsePool | None:
    """Parse worker processes (spawned on first use), each parse within ``parse_timeout_seconds``."""
    if config.parse_workers <= 0:
        return None
    return ParsePool(config.parse_workers, timeout=config.parse_timeout_seconds,
                     memory_bytes=config.parse_memory_bytes)
