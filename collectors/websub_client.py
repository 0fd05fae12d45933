"""Asking a hub for a subscription (WebSub 5.1): a form POST, through the address guard.

The hub URL comes from an untrusted feed, so it is checked like every other URL the collector
requests: a hub that resolves to loopback, a private network or the metadata service is refused
unless allow-listed. Redirects are not followed (a hub answers 202 Accepted, or an error).
"""

from __future__ import annotations

import httpx

from newswatch.collectors.fetch import FetchError
from newswatch.collectors.guard import AddressGuard, BlockedAddressError
from newswatch.collectors.pinned import pinned_url
from newswatch.collectors.websub import Subscription


async def request(client: httpx.AsyncClient, guard: AddressGuard, subscription: Subscription, *,
                  callback_base: str, mode: str = "subscribe", lease_seconds: int | None = None) -> None:
    """Send a (un)subscription request; raises FetchError unless the hub accepted it (2xx)."""
    try:
        addresses = await guard.check(subscription.hub)
    except BlockedAddressError as exc:
        raise FetchError(exc.reason, str(exc)) from None
    form = {"hub.mode": mode, "hub.topic": subscription.topic,
            "hub.callback": f"{callback_base.rstrip('/')}/websub/{subscription.callback_id}"}
    if mode == "subscribe":
        form["hub.secret"] = subscription.secret
        if lease_seconds:
            form["hub.lease_seconds"] = str(lease_seconds)
    subscription.pending_mode = mode
    try:
        with pinned_url(subscription.hub, addresses):  # connect to the address the guard vetted
            response = await client.post(subscription.hub, data=form)
    except httpx.HTTPError as exc:
        raise FetchError("connection_error", f"{subscription.hub}: {type(exc).__name__}: {exc}") from None
    if not 200 <= response.status_code < 300:
        raise FetchError(f"http_{response.status_code}", f"hub {subscription.hub} answered {response.status_code}",
                         status=response.status_code)
