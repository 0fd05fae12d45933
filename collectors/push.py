"""Push for feeds whose publisher runs a WebSub hub: subscribe, refetch on each ping, poll rarely.

The poller hands every successful fetch to ``after_fetch``; the callback server (another thread)
calls ``ping``. Decisions, per feed:

- the answer names a hub (``Link`` header or ``<atom:link rel="hub">``) and we hold no live
  subscription there, or its lease has 10% left: queue a subscription request, sent at the end of
  the poll cycle through the address guard (``websub_client``);
- a ping with a valid signature: the feed is due now (``next_check = 0``) and the loop wakes; the
  refetch is the normal conditional GET, so dedup, size caps and the guard all apply, and hubs
  that send no content work too;
- while a subscription is live the feed is polled every ``poll_interval_seconds`` only, as a
  safety net; when that poll finds a story the hub never announced (``websub.hub_silent``) or the
  lease runs out, the subscription is dropped and the feed goes back to polling.

Subscriptions live in memory: after a restart the first poll of each feed subscribes again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Mapping

import httpx

from newswatch.collectors.config import FeedConfig, WebSubConfig
from newswatch.collectors.fetch import FetchError
from newswatch.collectors.guard import AddressGuard
from newswatch.collectors.schedule import FeedState
from newswatch.collectors.websub import Subscription, discover, hub_silent
from newswatch.collectors.websub_client import request

log = logging.getLogger(__name__)


class PushManager:
    def __init__(self, config: WebSubConfig, states: dict[str, FeedState], guard: AddressGuard):
        self.config = config
        self.states = states
        self.guard = guard
        self.by_callback: dict[str, Subscription] = {}  # what the callback server looks up
        self.by_feed: dict[str, Subscription] = {}
        self.wake = threading.Event()  # set on every accepted ping (and by the run loop's stop)
        self._queued: list[Subscription] = []

    # -- from the poller ------------------------------------------------------------------
    def after_fetch(self, feed: FeedConfig, state: FeedState, now: float, *, body: bytes | None,
                    headers: Mapping[str, str], url: str, fresh_published: Iterable[float]) -> None:
        """Subscribe, renew or give up on the feed's hub; then stretch the next check if pushed."""
        sub = self.by_feed.get(feed.url)
        if sub is not None and sub.active:
            silent = [p for p in fresh_published if hub_silent(sub, p, now, grace=self.config.silence_grace_seconds)]
            if silent or sub.expired(now):
                log.warning("hub went silent or the lease ran out; polling the feed again",
                            extra={"feed": feed.label, "hub": sub.hub, "unannounced": len(silent)})
                self._drop(sub)
                sub = None
        if body is not None and (sub is None or sub.needs_renewal(now)) and (sub is None or sub.pending_mode is None):
            found = discover(body, headers, url)
            if found.hubs:
                fresh = Subscription(feed_url=feed.url, topic=found.self_url or url, hub=found.hubs[0],
                                     requested_at=now)
                if sub is not None:  # renewal: the same callback and secret
                    fresh.callback_id, fresh.secret = sub.callback_id, sub.secret
                    fresh.verified_at, fresh.lease_seconds = sub.verified_at, sub.lease_seconds
                self.by_callback[fresh.callback_id] = self.by_feed[feed.url] = fresh
                self._queued.append(fresh)
        sub = self.by_feed.get(feed.url)
        if sub is not None and sub.active:
            state.next_check = max(state.next_check, now + self.config.poll_interval_seconds)
            state.extra["next_reason"] = "pushed by WebSub; polled as a safety net"

    async def send_requests(self, client: httpx.AsyncClient) -> None:
        """The subscription requests queued this cycle (one failing hub never stops the others)."""
        queued, self._queued = self._queued, []
        for sub in queued:
            try:
                await request(client, self.guard, sub, callback_base=self.config.public_url or "",
                              lease_seconds=self.config.lease_seconds)
            except FetchError as exc:
                log.warning("hub refused or unreachable; polling the feed", extra={"hub": sub.hub, "error": str(exc)})
                self._drop(sub)

    def _drop(self, sub: Subscription) -> None:
        self.by_feed.pop(sub.feed_url, None)
        self.by_callback.pop(sub.callback_id, None)

    # -- from the callback server ---------------------------------------------------------
    def ping(self, feed_url: str) -> None:
        """A hub announced new content: the feed is due now."""
        state = self.states.get(feed_url)
        if state is not None:
            state.next_check = 0.0
        self.wake.set()

    def pushed(self) -> int:
        return sum(1 for s in self.by_feed.values() if s.active)
