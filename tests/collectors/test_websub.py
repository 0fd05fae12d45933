"""WebSub, the subscriber's side: hub discovery, signatures, leases, silent hubs, and the callback
answering a real (loopback) hub's verification and notifications."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from prometheus_client import CollectorRegistry

from newswatch.collectors.fetch import FetchError
from newswatch.collectors.guard import AddressGuard
from newswatch.collectors.websub import (
    Subscription,
    answer_verification,
    discover,
    hub_silent,
    sign,
    signature_valid,
)
from newswatch.collectors.websub_client import request
from newswatch.collectors.websub_server import CallbackServer
from newswatch.metrics import CollectorMetrics
from tests.support.websub_hub import TestHub

FEED = "https://news.example/feed.xml"
RSS_WITH_HUB = b"""<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>t</title><atom:link rel="hub" href="https://hub.example/"/><atom:link rel="self" href="/feed.xml"/>
<item><title>a</title><link>https://news.example/a</link></item></channel></rss>"""
ATOM_WITH_HUB = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<link rel="hub" href="https://pubsubhubbub.appspot.com/"/><link rel="self" href="https://news.example/atom"/></feed>"""


def test_hubs_are_discovered_from_the_link_header_first_then_the_feed():
    header = {"link": '<https://hub.example/h>; rel="hub", <https://news.example/topic>; rel="self"'}
    assert discover(RSS_WITH_HUB, header, FEED) == discover(b"", header, FEED)
    assert discover(b"", header, FEED).hubs == ("https://hub.example/h",)
    assert discover(b"", header, FEED).self_url == "https://news.example/topic"
    found = discover(RSS_WITH_HUB, {}, FEED)
    assert found.hubs == ("https://hub.example/",) and found.self_url == "https://news.example/feed.xml"
    assert discover(ATOM_WITH_HUB, {}, FEED).hubs == ("https://pubsubhubbub.appspot.com/",)
    assert discover(b"<rss><channel/></rss>", {}, FEED).hubs == ()
    assert discover(b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', {}, FEED).hubs == ()  # defused, no crash


def test_signatures_are_hmac_sha256_of_the_body_with_the_subscriptions_secret():
    body = b"<rss/>"
    assert signature_valid("s3cret", body, sign("s3cret", body))
    assert signature_valid("s3cret", body, sign("s3cret", body, "sha512"))
    assert not signature_valid("s3cret", body, sign("other", body))
    assert not signature_valid("s3cret", body + b" ", sign("s3cret", body))
    assert not signature_valid("s3cret", body, None)
    assert not signature_valid("s3cret", body, "md5=abc")


def test_verification_echoes_the_challenge_only_for_what_we_asked():
    sub = Subscription(feed_url=FEED, topic=FEED, hub="https://hub.example/")
    assert answer_verification({"hub.mode": "subscribe", "hub.topic": "https://elsewhere/", "hub.challenge": "c"},
                               sub, 100.0) == (404, "unknown subscription")
    assert answer_verification({"hub.mode": "unsubscribe", "hub.topic": FEED, "hub.challenge": "c"},
                               sub, 100.0)[0] == 404
    assert answer_verification({"hub.mode": "subscribe", "hub.topic": FEED, "hub.challenge": "c",
                                "hub.lease_seconds": "1000"}, sub, 100.0) == (200, "c")
    assert sub.active and sub.expires_at() == 1100.0


def test_leases_renew_at_ten_percent_and_a_silent_hub_is_noticed():
    sub = Subscription(feed_url=FEED, topic=FEED, hub="h", verified_at=0.0, lease_seconds=1000.0, pending_mode=None)
    assert not sub.needs_renewal(899.0) and sub.needs_renewal(900.0) and not sub.expired(999.0) and sub.expired(1000)
    sub.last_notification = 500.0
    assert not hub_silent(sub, published=400.0, now=700.0, grace=120)  # announced after it was published
    assert not hub_silent(sub, published=650.0, now=700.0, grace=120)  # the hub still has time
    assert hub_silent(sub, published=550.0, now=700.0, grace=120)  # published, never announced


@pytest.fixture
def callback():
    pings: list[str] = []
    subscriptions: dict[str, Subscription] = {}
    registry = CollectorRegistry()
    with CallbackServer(subscriptions, pings.append, metrics=CollectorMetrics(registry)) as server:
        yield server, subscriptions, pings, registry


def subscribe(hub: TestHub, server: CallbackServer, subscriptions: dict[str, Subscription], guard: AddressGuard,
              ) -> Subscription:
    sub = Subscription(feed_url=FEED, topic=FEED, hub=hub.url)
    subscriptions[sub.callback_id] = sub

    async def go() -> None:
        async with httpx.AsyncClient() as client:
            await request(client, guard, sub, callback_base=f"http://127.0.0.1:{server.port}", lease_seconds=600)
    asyncio.run(go())
    return sub


def test_a_real_hub_verifies_then_a_signed_ping_is_passed_on_and_a_forged_one_counted(callback):
    server, subscriptions, pings, registry = callback
    with TestHub() as hub:
        sub = subscribe(hub, server, subscriptions, AddressGuard(allow_networks=("127.0.0.1/32",)))
        assert hub.verified.wait(10)
        assert sub.active and sub.lease_seconds == 600
        assert hub.publish(FEED, b"<rss/>").status_code == 202
        assert pings == [FEED] and sub.last_notification is not None
        assert hub.publish(FEED, b"<rss/>", secret="not-the-secret").status_code == 202  # ignored, as the spec says
        assert pings == [FEED]
    counted = {o: registry.get_sample_value("newswatch_collector_websub_notifications_total", {"outcome": o})
               for o in ("accepted", "bad_signature")}
    assert counted == {"accepted": 1, "bad_signature": 1}


def test_a_hub_on_an_internal_address_is_refused_by_the_guard(callback):
    server, subscriptions, pings, _registry = callback
    with TestHub() as hub, pytest.raises(FetchError) as refused:
        subscribe(hub, server, subscriptions, AddressGuard())  # no allow-list: loopback is internal
    assert refused.value.reason == "blocked_address" and not hub.subscriptions
