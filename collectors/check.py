"""``newswatch feeds check``: fetch every feed once, parse it, report; publish nothing, store nothing.

Each result also says when the collector would poll the feed next and why, from the publication
times the feed serves now ("next in 74 s: publishes ~9/h on weekdays 01-09 UTC").
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from newswatch.collectors.adaptive import AdaptiveSchedule, Decision, explain
from newswatch.collectors.config import CollectorConfig, FeedConfig
from newswatch.collectors.fetch import Fetcher, FetchError, make_client
from newswatch.collectors.guard import AddressGuard, Resolver, system_resolver
from newswatch.collectors.parse_pool import ParseError, ParsePool
from newswatch.collectors.pattern import describe, learn
from newswatch.collectors.rss import parse_feed
from newswatch.collectors.schedule import FeedState, Policy


@dataclass
class CheckResult:
    feed: FeedConfig
    ok: bool
    status: int | None = None
    items: int = 0
    bozo: str | None = None
    seconds: float = 0.0
    error: str | None = None
    moved_to: str | None = None
    schedule: str | None = None  # "next in 74 s: publishes ~9/h on weekdays 01-09 UTC"
    published: list[float] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    ttl: float | None = None


async def _check_one(feed: FeedConfig, fetcher: Fetcher, limit: asyncio.Semaphore,
                     host: asyncio.Semaphore, parser: ParsePool | None) -> CheckResult:
    async with limit, host:
        try:
            result = await fetcher.get(feed.url)
        except FetchError as exc:
            return CheckResult(feed, ok=False, status=exc.status, error=f"{exc.reason}: {exc}")
    if parser is None:
        parsed = parse_feed(result.body, source=feed.label, headers=result.headers, base_url=result.url,
                            language=feed.language)
    else:  # a hostile body stalls a worker for at most parse_timeout_seconds, never this command
        try:
            parsed = await parser.parse(result.body, feed.label, result.headers, result.url, feed.language)
        except ParseError as exc:
            return CheckResult(feed, ok=False, status=result.status, seconds=result.seconds,
                               error=f"{exc.reason}: {exc}")
    if parsed.not_a_feed:
        return CheckResult(feed, ok=False, status=result.status, seconds=result.seconds,
                           error=f"not_a_feed: {parsed.bozo_reason or 'no entries'}")
    return CheckResult(feed, ok=True, status=result.status, items=len(parsed.articles), seconds=result.seconds,
                       bozo=parsed.bozo_reason if parsed.bozo else None, moved_to=result.permanent_url,
                       published=[a.published.timestamp() for a in parsed.articles if a.published is not None],
                       headers=result.headers, ttl=parsed.ttl_seconds)


def explain_schedule(config: CollectorConfig, feeds: Sequence[FeedConfig], results: Sequence[CheckResult],
                     now: float) -> None:
    """Fill each ok result's ``schedule``: the next poll as the configured schedule would set it."""
    policy = Policy(config.interval_seconds, config.max_interval_seconds, config.error_limit)
    adaptive = AdaptiveSchedule(config) if config.adaptive.enabled else None
    states = {r.feed.url: FeedState(url=r.feed.url) for r in results}
    ok = [r for r in results if r.ok]
    if adaptive is not None:
        for r in ok:
            adaptive.observe(r.feed, states[r.feed.url], now, r.published)
        adaptive.replan(feeds, now, force=True)
    for r in ok:
        state = states[r.feed.url]
        policy.after_success(state, now, headers=r.headers, ttl=r.ttl, feed_interval=r.feed.interval_seconds)
        if adaptive is None:
            description = describe(learn(r.published, now))
            r.schedule = explain(Decision(state.next_check - now, "fixed interval"), description)
        else:
            adaptive.after_success(r.feed, state, now, headers=r.headers, ttl=r.ttl)
            r.schedule = adaptive.explain(r.feed, state, now)


async def check_feeds(config: CollectorConfig, feeds: Sequence[FeedConfig], *,
                      resolver: Resolver = system_resolver) -> list[CheckResult]:
    guard = AddressGuard(config.allow_hosts, config.allow_networks, resolver)
    limit = asyncio.Semaphore(config.concurrency)
    hosts: dict[str, asyncio.Semaphore] = {}
    for feed in feeds:
        hosts.setdefault(urlsplit(feed.url).netloc.lower(), asyncio.Semaphore(config.per_host_limit))
    parser = (ParsePool(config.parse_workers, timeout=config.parse_timeout_seconds,
                        memory_bytes=config.parse_memory_bytes) if config.parse_workers > 0 else None)
    try:
        async with make_client(timeout=config.timeout_seconds, user_agent=config.user_agent,
                               concurrency=config.concurrency) as client:
            fetcher = Fetcher(client, guard, max_bytes=config.max_body_bytes, timeout=config.timeout_seconds,
                              max_redirects=config.max_redirects)
            results = list(await asyncio.gather(*(
                _check_one(f, fetcher, limit, hosts[urlsplit(f.url).netloc.lower()], parser) for f in feeds)))
    finally:
        if parser is not None:
            parser.shutdown()
    explain_schedule(config, feeds, results, time.time())
    return results
