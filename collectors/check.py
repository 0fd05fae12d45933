"""``newswatch feeds check``: fetch every feed once, parse it, report; publish nothing, store nothing."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from newswatch.collectors.config import CollectorConfig, FeedConfig
from newswatch.collectors.fetch import Fetcher, FetchError, make_client
from newswatch.collectors.guard import AddressGuard, Resolver, system_resolver
from newswatch.collectors.rss import parse_feed


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


async def _check_one(feed: FeedConfig, fetcher: Fetcher, limit: asyncio.Semaphore,
                     host: asyncio.Semaphore) -> CheckResult:
    async with limit, host:
        try:
            result = await fetcher.get(feed.url)
        except FetchError as exc:
            return CheckResult(feed, ok=False, status=exc.status, error=f"{exc.reason}: {exc}")
    parsed = parse_feed(result.body, source=feed.label, headers=result.headers, base_url=result.url)
    if parsed.not_a_feed:
        return CheckResult(feed, ok=False, status=result.status, seconds=result.seconds,
                           error=f"not_a_feed: {parsed.bozo_reason or 'no entries'}")
    return CheckResult(feed, ok=True, status=result.status, items=len(parsed.articles), seconds=result.seconds,
                       bozo=parsed.bozo_reason if parsed.bozo else None, moved_to=result.permanent_url)


async def check_feeds(config: CollectorConfig, feeds: Sequence[FeedConfig], *,
                      resolver: Resolver = system_resolver) -> list[CheckResult]:
    guard = AddressGuard(config.allow_hosts, config.allow_networks, resolver)
    limit = asyncio.Semaphore(config.concurrency)
    hosts: dict[str, asyncio.Semaphore] = {}
    for feed in feeds:
        hosts.setdefault(urlsplit(feed.url).netloc.lower(), asyncio.Semaphore(config.per_host_limit))
    async with make_client(timeout=config.timeout_seconds, user_agent=config.user_agent,
                           concurrency=config.concurrency) as client:
        fetcher = Fetcher(client, guard, max_bytes=config.max_body_bytes, timeout=config.timeout_seconds,
                          max_redirects=config.max_redirects)
        return list(await asyncio.gather(*(_check_one(f, fetcher, limit, hosts[urlsplit(f.url).netloc.lower()])
                                           for f in feeds)))
