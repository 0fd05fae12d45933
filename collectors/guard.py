"""The address guard: links from untrusted feeds must not reach internal services.

A URL is allowed when every address its host resolves to is public, or when the host or the
address is on the allow-list. Loopback, private (RFC 1918, ULA), link-local (which holds the
cloud metadata service at 169.254.169.254), multicast, reserved and unspecified addresses are
refused, also when carried inside an IPv6 form (mapped, 6to4, Teredo, NAT64). The check runs
after DNS resolution, on every request and on every redirect hop, and returns the addresses it
vetted: the fetcher connects to exactly those (``collectors.pinned``), never resolving the name
again, so a DNS answer that changes between check and connect (rebinding) cannot reach an
internal service. The resolver is injectable so tests never send traffic to the addresses they check.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from urllib.parse import urlsplit

from newswatch.collectors.credentials import public_url

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Awaitable[list[str]]]


class BlockedAddressError(Exception):
    """The URL names (or resolves to) an address the collector refuses to fetch."""

    def __init__(self, message: str, reason: str = "blocked_address"):
        super().__init__(message)
        self.reason = reason


async def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, through the operating system's resolver."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


#: NAT64 (RFC 6052, RFC 8215): the last 32 bits are an IPv4 address a translator reaches.
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form carries: mapped (``::ffff:a.b.c.d``), 6to4 (``2002:AABB:CCDD::``),
    Teredo (the client address) or NAT64; None for a plain IPv6 address."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if any(address in net for net in _NAT64):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_internal(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        inner = embedded_ipv4(address)
        if inner is not None and is_internal(inner):
            return True
    return (address.is_loopback or address.is_private or address.is_link_local or address.is_multicast
            or address.is_reserved or address.is_unspecified or not address.is_global)


class AddressGuard:
    def __init__(self, allow_hosts: Iterable[str] = (), allow_networks: Iterable[str] = (),
                 resolver: Resolver = system_resolver):
        self.allow_hosts = frozenset(h.lower().rstrip(".") for h in allow_hosts)
        self.allow_networks: tuple[IPNetwork, ...] = tuple(
            ipaddress.ip_network(n, strict=False) for n in allow_networks)
        self.resolver = resolver

    def _allowed(self, address: IPAddress) -> bool:
        if not is_internal(address):
            return True
        return any(address.version == net.version and address in net for net in self.allow_networks)

    async def check(self, url: str) -> list[str] | None:
        """Raise BlockedAddressError unless ``url`` may be fetched; else the vetted addresses to connect
        to (None for an allow-listed host name, which is resolved when connecting)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise BlockedAddressError(f"refusing scheme {parts.scheme!r} in {public_url(url)}")
        host = (parts.hostname or "").lower().rstrip(".")
        if not host:
            raise BlockedAddressError(f"no host in {public_url(url)}")
        if host in self.allow_hosts:
            return None
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise BlockedAddressError(f"bad port in {public_url(url)}") from None
        try:
            addresses = [ipaddress.ip_address(host)]
        except ValueError:
            try:
                addresses = [ipaddress.ip_address(a.split("%")[0]) for a in await self.resolver(host, port)]
            except OSError as exc:
                raise BlockedAddressError(f"cannot resolve {host}: {exc}", "dns_error") from None
            if not addresses:
                raise BlockedAddressError(f"{host} resolves to no address", "dns_error") from None
        for address in addresses:
            if not self._allowed(address):
                raise BlockedAddressError(f"{host} resolves to internal address {address}; "
                                          "add it to collector.allow_hosts or allow_networks to fetch it")
        return [str(a) for a in addresses]
