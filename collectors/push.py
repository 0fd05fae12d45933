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
  lease runs out, the subscription is dropped, the feed goes back to polling, and that hub is not
  asked again for ``resubscribe_after_seconds``;
- leases are renewed when 10% remains, whether or not the feed is polled then (``maintain``);
- a feed removed from the list is unsubscribed (the hub verifies, the subscription ends).

Subscriptions live in each feed's state (``FeedState.extra["websub"]``), saved to the state topic
with the rest (``persist``): after a restart the callback server answers the same callback paths
with the same secrets, and a pushed feed stays pushed.
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
        self._queued: list[tuple[Subscription, str]] = []  # (subscription, mode) to send this cycle
        for state in states.values():  # what the last run subscribed to
            saved = state.extra.get("websub")
            if saved:
                sub = Subscription.from_dict(saved)
                self.by_callback[sub.callback_id] = self.by_feed[sub.feed_url] = sub

    # -- from the poller ------------------------------------------------------------------
    def after_fetch(self, feed: FeedConfig, state: FeedState, now: float, *, body: bytes | None,
                    headers: Mapping[str, str], url: str, fresh_published: Iterable[float]) -> None:
        """Subscribe to the feed's hub or give up on it; then stretch the next check if pushed."""
        sub = self.by_feed.get(feed.url)
        if sub is not None and sub.active:
            silent = [p for p in fresh_published if hub_silent(sub, p, now, grace=self.config.silence_grace_seconds)]
            if silent or sub.expired(now):
                log.warning("hub went silent or the lease ran out; polling the feed again",
                            extra={"feed": feed.label, "hub": sub.hub, "unannounced": len(silent)})
                self._drop(sub)
                state.extra["websub_retry_at"] = now + self.config.resubscribe_after_seconds
                sub = None
        retry_at = state.extra.get("websub_retry_at")
        if body is not None and sub is None and (retry_at is None or now >= retry_at):
            found = discover(body, headers, url)
            if found.hubs:
                fresh = Subscription(feed_url=feed.url, topic=found.self_url or url, hub=found.hubs[0],
                                     requested_at=now)
                self.by_callback[fresh.callback_id] = self.by_feed[feed.url] = fresh
                self._queued.append((fresh, "subscribe"))
                state.extra.pop("websub_retry_at", None)
        sub = self.by_feed.get(feed.url)
        if sub is not None and sub.active:
            state.next_check = max(state.next_check, now + self.config.poll_interval_seconds)
            state.extra["next_reason"] = "pushed by WebSub; polled as a safety net"

    def maintain(self, feeds: Iterable[FeedConfig], now: float) -> bool:
        """Queue lease renewals (10% left) and unsubscriptions of removed feeds; True if any is queued."""
        listed = {f.url for f in feeds}
        for sub in list(self.by_feed.values()):
            if sub.ended:
                self._drop(sub)
            elif sub.active and sub.expired(now):  # a renewal the hub never confirmed: poll again
                self._drop(sub)
                state = self.states.get(sub.feed_url)
                if state is not None:
                    state.next_check = min(state.next_check, now)
            elif sub.feed_url not in listed:
                if sub.active:
                    self._queued.append((sub, "unsubscribe"))
                else:  # never confirmed: nothing to undo at the hub
                    self._drop(sub)
            elif sub.active and sub.pending_mode is None and sub.needs_renewal(now):
                sub.requested_at = now
                self._queued.append((sub, "subscribe"))  # same callback and secret
        return bool(self._queued)

    def persist(self) -> list[FeedState]:
        """Write each subscription into its feed's state; returns the states whose record changed."""
        changed = []
        for url, state in self.states.items():
            sub = self.by_feed.get(url)
            wanted = sub.to_dict() if sub is not None else None
            if state.extra.get("websub") != wanted:
                if wanted is None:
                    state.extra.pop("websub", None)
                else:
                    state.extra["websub"] = wanted
                changed.append(state)
        return changed

    async def send_requests(self, client: httpx.AsyncClient) -> None:
        """The (un)subscription requests queued this cycle (one failing hub never stops the others)."""
        queued, self._queued = self._queued, []
        for sub, mode in queued:
            try:
                await request(client, self.guard, sub, callback_base=self.config.public_url or "", mode=mode,
                              lease_seconds=self.config.lease_seconds)
            except FetchError as exc:
                log.warning("hub refused or unreachable", extra={"hub": sub.hub, "mode": mode, "error": str(exc)})
                if mode == "subscribe" and sub.active:  # a failed renewal: the lease still runs
                    sub.pending_mode = None
                else:
                    self._drop(sub)

    def _drop(self, sub: Subscription) -> None:
        feed_url, callback_id = sub.feed_url, sub.callback_id
        if self.by_feed.get(feed_url) is sub:  # not a newer subscription of the same feed
            del self.by_feed[feed_url]
        self.by_callback.pop(callback_id, None)

    # -- from the callback server ---------------------------------------------------------
    def ping(self, feed_url: str) -> None:
        """A hub announced new content: the feed is due now."""
        state = self.states.get(feed_url)
        if state is not None:
            state.next_check = 0.0
        self.wake.set()

    def pushed(self) -> int:
        return sum(1 for s in list(self.by_feed.values()) if s.active)
