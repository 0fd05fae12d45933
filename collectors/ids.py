"""Stable article ids: the same story gets the same id whichever feed or tracking link brought it."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Query parameters that only track the reader, never change the story.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_hsenc", "_hsmi",
    "cmpid", "ocid", "ito", "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname", "ns_fee",
    "rss", "feed", "ref", "ref_src", "src", "sr_share", "taid", "at_medium", "at_campaign",
})
TRACKING_PREFIXES = ("utm_", "at_", "mkt_", "pk_", "hsa_")
DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop default port, fragment and tracking parameters."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port if parts.port and DEFAULT_PORTS.get(scheme) != parts.port else None
    netloc = f"{host}:{port}" if port else host
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def article_id(url: str | None, guid: str | None = None) -> str | None:
    """Hash of the canonical URL; the feed GUID when there is no usable URL; None when neither."""
    if url and urlsplit(url.strip()).scheme in ("http", "https"):
        key = "url:" + canonical_url(url)
    elif guid and guid.strip():
        key = "guid:" + guid.strip()
    elif url and url.strip():
        key = "url:" + url.strip()
    else:
        return None
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
