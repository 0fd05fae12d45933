"""One poll cycle over the feeds that are due: many in flight, a few per host, none unbounded.

Each due feed is fetched (conditional GET), parsed, its new stories claimed, optionally
enriched with their full text, and sent; then its state is updated by the politeness policy.
Every failure is caught per feed: one bad feed never affects the others.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import math
import ssl
import time
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

import msgspec

from newswatch.collectors.adaptive import AdaptiveSchedule
from newswatch.collectors.config import CollectorConfig, FeedConfig
from newswatch.collectors.credentials import public_url
from newswatch.collectors.fetch import Fetcher, FetchError, FetchResult, make_client
from newswatch.collectors.full_text import with_full_text
from newswatch.collectors.guard import AddressGuard, Resolver, system_resolver
from newswatch.collectors.parse_pool import ParseError, ParsePool
from newswatch.collectors.push import PushManager
from newswatch.collectors.rss import parse_feed
from newswatch.collectors.schedule import FeedState, Policy
from newswatch.collectors.service import CycleStats, Publisher
from newswatch.metrics import CollectorMetrics, PipelineMetrics
from newswatch.schema import Article

log = logging.getLogger(__name__)
STAGE = "collector"

Clock = Callable[[], float]


class Poller:
    def __init__(self, config: CollectorConfig, publisher: Publisher, states: dict[str, FeedState], *,
                 metrics: CollectorMetrics, pipeline: PipelineMetrics, clock: Clock = time.time,
                 resolver: Resolver = system_resolver, parser: ParsePool | None = None):
        self.config = config
        self.parser = parser  # parse workers (time-limited), or None to parse in the loop
        self.publisher = publisher
        self.states = states
        self.metrics = metrics
        self.pipeline = pipeline
        self.clock = clock
        self.guard = AddressGuard(config.allow_hosts, config.allow_networks, resolver)
        self.policy = Policy(config.interval_seconds, config.max_interval_seconds, config.error_limit)
        self.adaptive = AdaptiveSchedule(config) if config.adaptive.enabled else None
        self.push = PushManager(config.websub, states, self.guard) if config.websub.enabled else None
        if self.push is not None:
            metrics.websub_subscriptions.set_function(self.push.pushed)
        self._tracked_since: dict[str, float] = {}
        self._host_limits: dict[str, asyncio.Semaphore] = {}
        self._tls = ssl.create_default_context()  # once: building it costs ~0.1 s of CPU per cycle
        pipeline.start(STAGE)
        # Scrapes run in another thread: copy the values (atomic under the GIL) before iterating.
        metrics.parked.set_function(lambda: sum(1 for s in list(self.states.values()) if s.parked))

    # -- state and scheduling -------------------------------------------------------------
    def state(self, feed: FeedConfig) -> FeedState:
        state = self.states.get(feed.url)
        if state is None:
            state = self.states[feed.url] = FeedState(url=feed.url)
        if feed.label not in self._tracked_since:
            self._tracked_since[feed.label] = self.clock()
            label = feed.label
            self.metrics.since_success.labels(label).set_function(lambda: self._since(state, label))
            self.metrics.detection_delay.labels(label)  # exported at zero: the first story shows in rate()
        return state

    def _since(self, state: FeedState, label: str) -> float:
        start = state.last_success or self._tracked_since.get(label)
        return max(0.0, self.clock() - start) if start else math.nan

    def due(self, feeds: Sequence[FeedConfig]) -> list[FeedConfig]:
        now = self.clock()
        return [f for f in feeds if self.policy.due(self.state(f), now)]

    def next_due_in(self, feeds: Sequence[FeedConfig]) -> float | None:
        """Seconds until the next feed is due (None when every feed is parked)."""
        waits = [self.state(f).next_check for f in feeds if not self.state(f).parked]
        return max(0.0, min(waits) - self.clock()) if waits else None

    # -- one cycle ------------------------------------------------------------------------
    async def cycle(self, feeds: Sequence[FeedConfig]) -> tuple[CycleStats, list[FeedState]]:
        """Poll the due feeds once; returns the stats and the states that changed."""
        if self.adaptive is not None:
            self.adaptive.replan(feeds, self.clock())
        due = self.due(feeds)
        stats = CycleStats(feeds=len(due))
        requests = self.push is not None and self.push.maintain(feeds, self.clock())
        if not due and not requests:
            return stats, self.push.persist() if self.push is not None else []
        self._host_limits = {}
        started = time.perf_counter()
        overall = asyncio.Semaphore(self.config.concurrency)
        async with make_client(timeout=self.config.timeout_seconds, user_agent=self.config.user_agent,
                               concurrency=self.config.concurrency, verify=self._tls) as client:
            fetcher = Fetcher(client, self.guard, max_bytes=self.config.max_body_bytes,
                              timeout=self.config.timeout_seconds, max_redirects=self.config.max_redirects)
            await asyncio.gather(*(self._poll_guarded(feed, fetcher, overall, stats) for feed in due))
            if self.push is not None:
                await self.push.send_requests(client)
        _delivered, failed = self.publisher.commit()
        for url in failed:  # make the next poll fetch and parse the full body again
            state = self.states[url]
            state.etag = state.last_modified = state.body_hash = None
            state.next_check = self.clock()
        stats.parked = sum(1 for s in self.states.values() if s.parked)
        self.pipeline.batch_seconds.labels(STAGE).observe(time.perf_counter() - started)  # a cycle is our batch
        changed = {id(s): s for s in [self.states[f.url] for f in due] + (self.push.persist() if self.push else [])}
        return stats, list(changed.values())

    def _host_limit(self, url: str) -> asyncio.Semaphore:
        host = urlsplit(url).netloc.lower()
        if host not in self._host_limits:
            self._host_limits[host] = asyncio.Semaphore(self.config.per_host_limit)
        return self._host_limits[host]

    async def _poll_guarded(self, feed: FeedConfig, fetcher: Fetcher, overall: asyncio.Semaphore,
                            stats: CycleStats) -> None:
        try:
            await self._poll(feed, fetcher, overall, stats)
        except Exception as exc:  # noqa: BLE001 - one feed never stops the others
            log.exception("feed failed unexpectedly", extra={"feed": feed.label})
            self._failed(feed, self.state(feed), FetchError("unexpected", f"{type(exc).__name__}: {exc}"), stats)

    async def _poll(self, feed: FeedConfig, fetcher: Fetcher, overall: asyncio.Semaphore, stats: CycleStats) -> None:
        state = self.state(feed)
        url = state.fetch_url
        try:
            async with self._host_limit(url), overall:  # host first: no slot held while queueing for a host
                result = await fetcher.get(url, etag=state.etag, last_modified=state.last_modified)
        except FetchError as exc:
            self.metrics.fetches.labels(self.metrics.status_class(exc.status)).inc()
            self._failed(feed, state, exc, stats)
            return
        self.metrics.fetches.labels(self.metrics.status_class(result.status)).inc()
        self.metrics.fetch_seconds.observe(result.seconds)
        state.last_status = result.status
        if result.permanent_url and result.permanent_url != state.fetch_url:
            log.info("feed moved permanently", extra={"feed": feed.label, "url": public_url(result.permanent_url)})
            state.current_url = result.permanent_url
        if result.status == 304:
            stats.not_modified += 1
            state.etag = result.headers.get("etag") or state.etag
            self._schedule(feed, state, result.headers, state.extra.get("ttl"))
            return
        digest = hashlib.blake2b(result.body, digest_size=16).hexdigest()
        if digest == state.body_hash and not state.errors:  # a server without validators sent the same bytes
            stats.not_modified += 1
            self._schedule(feed, state, result.headers, state.extra.get("ttl"))
            return
        await self._handle_body(feed, state, result, fetcher, stats)
        state.body_hash = digest if not state.errors else None

    async def _handle_body(self, feed: FeedConfig, state: FeedState, result: FetchResult, fetcher: Fetcher,
                           stats: CycleStats) -> None:
        if self.parser is None:
            parsed = parse_feed(result.body, source=feed.label, headers=result.headers, base_url=result.url,
                                language=feed.language)
        else:
            try:  # a body that stalls or kills a worker fails this feed only, and is never parsed here
                parsed = await self.parser.parse(result.body, feed.label, result.headers, result.url, feed.language)
            except ParseError as exc:
                self._failed(feed, state, FetchError(exc.reason, str(exc)), stats)
                return
        if parsed.defused:
            self.metrics.feed_errors.labels("unsafe_xml").inc()
            log.warning("feed declares unsafe XML entities; removed them", extra={"feed": feed.label})
        if parsed.not_a_feed:
            self._failed(feed, state, FetchError("not_a_feed", parsed.bozo_reason or "no feed found"), stats)
            return
        if parsed.bozo:
            stats.bozo += 1
            self.metrics.feed_errors.labels("bozo").inc()
            self.pipeline.errors.labels(STAGE, "bozo").inc()
            log.warning("feed is not well-formed", extra={"feed": feed.label, "reason": parsed.bozo_reason})
        self.pipeline.received.labels(STAGE).inc(len(parsed.articles))
        articles = parsed.articles
        if feed.country is not None:  # the configured home country of the outlet
            articles = [msgspec.structs.replace(a, source_country=feed.country) for a in articles]
        fresh, duplicates = self.publisher.claim(articles)
        previous = state.last_success  # the last poll that could have seen a story published before it
        too_large = parsed.oversized
        for sent, article in enumerate(fresh):
            try:
                if feed.full_text:
                    article = await self._full_text(article, fetcher)
                if not self.publisher.send(article, feed.url):
                    too_large += 1
                    continue
            except BaseException:
                # Claimed but not sent: release them so a later poll publishes them (validators dropped).
                self.publisher.release(a.id for a in fresh[sent:])
                state.etag = state.last_modified = state.body_hash = None
                raise
            if article.published is not None:  # the first hop of end-to-end latency
                delay = (article.fetched_at - article.published).total_seconds()
                self.pipeline.latency.labels("collected").observe(max(0.0, delay))
                if previous is not None and article.published.timestamp() > previous:  # since our last look
                    self.metrics.detection_delay.labels(feed.label).observe(max(0.0, delay))
        published = len(fresh) - (too_large - parsed.oversized)
        stats.new += published
        stats.duplicates += duplicates
        stats.skipped += parsed.skipped + too_large
        self.metrics.items.labels("new").inc(published)
        self.metrics.items.labels("duplicate").inc(duplicates)
        self.metrics.items.labels("skipped").inc(parsed.skipped)
        if too_large:
            self.metrics.items.labels("too_large").inc(too_large)
        if parsed.truncated:
            self.metrics.items.labels("truncated").inc(parsed.truncated)
        self.pipeline.sent.labels(STAGE).inc(published)
        state.etag = result.headers.get("etag")
        state.last_modified = result.headers.get("last-modified")
        if parsed.ttl_seconds:
            state.extra["ttl"] = parsed.ttl_seconds
        self._schedule(feed, state, result.headers, parsed.ttl_seconds,
                       [a.published.timestamp() for a in parsed.articles if a.published is not None],
                       body=result.body, url=result.url,
                       fresh_published=[a.published.timestamp() for a in fresh if a.published is not None])

    def _schedule(self, feed: FeedConfig, state: FeedState, headers: dict[str, str], ttl: float | None,
                  published: Sequence[float] = (), *, body: bytes | None = None, url: str = "",
                  fresh_published: Sequence[float] = ()) -> None:
        """The next check after a successful poll: the fixed policy, the adaptive schedule if on,
        then WebSub (subscribe to the feed's hub; a pushed feed is polled only as a safety net)."""
        now = self.clock()
        self.policy.after_success(state, now, headers=headers, ttl=ttl, feed_interval=feed.interval_seconds)
        if self.adaptive is not None:
            self.adaptive.after_success(feed, state, now, headers=headers, ttl=ttl, published=published)
        if self.push is not None:
            self.push.after_fetch(feed, state, now, body=body, headers=headers, url=url or state.fetch_url,
                                  fresh_published=fresh_published)

    async def _full_text(self, article: Article, fetcher: Fetcher) -> Article:
        try:
            async with self._host_limit(article.url):
                article, outcome = await with_full_text(article, fetcher, max_bytes=self.config.full_text_max_bytes,
                                                        timeout=self.config.full_text_timeout_seconds)
        except Exception:  # noqa: BLE001 - the feed's own text is still worth publishing
            log.warning("full text failed unexpectedly", extra={"url": public_url(article.url)}, exc_info=True)
            outcome = "unexpected"
        self.metrics.full_text.labels(outcome).inc()
        return article

    def _failed(self, feed: FeedConfig, state: FeedState, exc: FetchError, stats: CycleStats) -> None:
        stats.errors += 1
        state.last_status = exc.status
        self.metrics.feed_errors.labels(exc.reason).inc()
        self.pipeline.errors.labels(STAGE, exc.reason).inc()
        was_parked = state.parked
        if self.adaptive is not None:
            self.adaptive.counted(self.clock())
        self.policy.after_error(state, self.clock(), exc.reason, headers=exc.headers,
                                feed_interval=feed.interval_seconds)
        log.warning("feed poll failed", extra={"feed": feed.label, "reason": exc.reason, "error": str(exc),
                                               "errors": state.errors})
        if state.parked and not was_parked:
            log.error("feed parked after too many consecutive errors; `newswatch feeds unpark` resumes it",
                      extra={"feed": feed.label, "errors": state.errors, "last_error": str(exc)})
