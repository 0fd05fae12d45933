"""WebSub (W3C Recommendation, 2018), the subscriber's side, as pure functions over a dataclass.

- **Discovery** (spec 4): hub and self URLs from the HTTP ``Link`` header, or from ``<atom:link>``
  / ``<link>`` elements with ``rel="hub"`` / ``rel="self"`` in the feed (Atom, or RSS with the Atom
  namespace). Feed bytes come from elsewhere: parsed with defusedxml, no entity expansion.
- **Verification of intent** (spec 5.3): the hub GETs our callback with ``hub.mode``,
  ``hub.topic``, ``hub.challenge`` and (subscribe) ``hub.lease_seconds``; we echo the challenge
  only for a subscription we asked for, with the same topic and mode.
- **Authenticated content distribution** (spec 8): ``X-Hub-Signature: sha256=<hex>`` is the
  HMAC of the body with the subscription's own secret; a notification without a valid one is
  ignored (answered 2xx as the spec asks, never acted on) and counted.
- **Leases**: renewed when 10% of the lease remains; a hub that stays silent while the safety-net
  poll finds stories it never announced is dropped, and the feed is polled again.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urljoin
from xml.etree import ElementTree

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

_LINK = re.compile(r'<\s*([^>]*)\s*>\s*((?:;\s*[^;,]*)*)')
_REL = re.compile(r'rel\s*=\s*"?([^";,]*)"?', re.IGNORECASE)
#: Renew when this share of the lease remains.
RENEW_AT = 0.1
#: Signature algorithms the spec allows; we send sha256 secrets and accept these.
ALGORITHMS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha384": hashlib.sha384, "sha512": hashlib.sha512}


@dataclass(frozen=True)
class Discovered:
    hubs: tuple[str, ...] = ()
    self_url: str | None = None


def _from_link_header(value: str, base: str) -> tuple[list[str], str | None]:
    hubs, self_url = [], None
    for target, params in _LINK.findall(value or ""):
        rel = _REL.search(params)
        rels = rel.group(1).lower().split() if rel else []
        url = urljoin(base, target.strip())
        if "hub" in rels:
            hubs.append(url)
        if "self" in rels and self_url is None:
            self_url = url
    return hubs, self_url


def _from_feed(body: bytes, base: str) -> tuple[list[str], str | None]:
    try:
        root = SafeET.fromstring(body)
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        return [], None
    hubs, self_url = [], None
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag.rsplit("}", 1)[-1] != "link":
            continue
        href = (element.get("href") or "").strip()
        rels = (element.get("rel") or "").lower().split()
        if not href:
            continue
        if "hub" in rels:
            hubs.append(urljoin(base, href))
        if "self" in rels and self_url is None:
            self_url = urljoin(base, href)
    return hubs, self_url


def discover(body: bytes, headers: Mapping[str, str], url: str) -> Discovered:
    """The hubs and the topic (self) URL a feed answer names; the Link header wins (spec 4)."""
    hubs, self_url = _from_link_header(headers.get("link", ""), url)
    if not hubs:
        feed_hubs, feed_self = _from_feed(body, url)
        hubs, self_url = feed_hubs, self_url or feed_self
    return Discovered(hubs=tuple(dict.fromkeys(hubs)), self_url=self_url)


def sign(secret: str, body: bytes, algorithm: str = "sha256") -> str:
    """The ``X-Hub-Signature`` value a hub sends for ``body`` (tests' hubs use it too)."""
    return f"{algorithm}={hmac.new(secret.encode(), body, ALGORITHMS[algorithm]).hexdigest()}"


def signature_valid(secret: str, body: bytes, header: str | None) -> bool:
    """Whether ``X-Hub-Signature`` is the HMAC of ``body`` with ``secret`` (constant-time compare)."""
    if not header or "=" not in header:
        return False
    algorithm, _, digest = header.strip().partition("=")
    method = ALGORITHMS.get(algorithm.lower())
    if method is None:
        return False
    expected = hmac.new(secret.encode(), body, method).hexdigest()
    return hmac.compare_digest(expected, digest.strip().lower())


@dataclass
class Subscription:
    """One feed's subscription at one hub, as the collector remembers it."""

    feed_url: str  # the configured URL: the key
    topic: str  # the self URL the hub knows the feed by
    hub: str
    callback_id: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    secret: str = field(default_factory=lambda: secrets.token_hex(32))
    requested_at: float = 0.0
    lease_seconds: float | None = None
    verified_at: float | None = None  # the hub confirmed the subscription at this time
    last_notification: float | None = None
    pending_mode: str | None = "subscribe"  # what we asked the hub for and it has not verified yet
    ended: bool = False  # the hub confirmed our unsubscription

    @property
    def active(self) -> bool:
        return self.verified_at is not None and self.pending_mode != "unsubscribe" and not self.ended

    def to_dict(self) -> dict[str, Any]:
        """What the feed's state keeps (``FeedState.extra["websub"]``) so a restart keeps listening."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Subscription:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    def expires_at(self) -> float | None:
        if self.verified_at is None or self.lease_seconds is None:
            return None
        return self.verified_at + self.lease_seconds

    def needs_renewal(self, now: float) -> bool:
        """Renew when 10% of the lease remains (or it has run out)."""
        end = self.expires_at()
        if end is None or self.lease_seconds is None:
            return False
        return end - now <= RENEW_AT * self.lease_seconds

    def expired(self, now: float) -> bool:
        end = self.expires_at()
        return end is not None and now >= end


def answer_verification(params: Mapping[str, str], subscription: Subscription | None, now: float
                        ) -> tuple[int, str]:
    """The HTTP status and body for a hub's verification GET; records the lease when confirmed."""
    mode, topic, challenge = params.get("hub.mode"), params.get("hub.topic"), params.get("hub.challenge")
    if subscription is None or not challenge or topic != subscription.topic:
        return 404, "unknown subscription"
    if mode == "denied":  # spec 5.2: the hub refused; we keep polling
        subscription.pending_mode, subscription.verified_at = None, None
        return 200, ""
    if mode != subscription.pending_mode:
        return 404, "not what we asked for"
    if mode == "subscribe":
        lease = params.get("hub.lease_seconds", "")
        subscription.lease_seconds = float(lease) if lease.isdigit() else None
        subscription.verified_at = now
    else:  # unsubscribe confirmed: the feed was removed from the list
        subscription.ended = True
    subscription.pending_mode = None
    return 200, challenge


def hub_silent(subscription: Subscription, published: float, now: float, *, grace: float) -> bool:
    """Whether the hub let a story go unannounced: a poll at ``now`` found a new story published at
    ``published``, at least ``grace`` seconds ago, and no notification came after it."""
    if not subscription.active or now - published < grace:
        return False
    return subscription.last_notification is None or subscription.last_notification < published
