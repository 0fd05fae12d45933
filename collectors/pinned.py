"""Connect to the address the guard vetted, never to what a second DNS lookup says.

The address guard resolves a host once and vets every answer. httpx would then resolve the
name again when it connects, so a name with a short TTL could answer a public address to the
guard and ``127.0.0.1`` to the connection (DNS rebinding). ``PinnedTransport`` is an httpx
transport whose connection pool uses ``PinnedBackend``: it looks up the addresses the guard
vetted for the host of the request being made (``pinned(...)``, a context variable, so each
request task sees its own) and connects to one of them. The URL is untouched, so the ``Host``
header, TLS SNI and certificate checks still use the host name. A host with no vetted address
is refused (fail closed); a host on ``allow_hosts`` (pinned to None) is resolved as usual.
"""

from __future__ import annotations

import contextlib
import contextvars
import ssl
import typing
from collections.abc import Iterator, Sequence

import httpcore
import httpx
from httpcore import AsyncNetworkBackend, AsyncNetworkStream
from httpcore._backends.auto import AutoBackend

#: host (lower case) -> the vetted addresses, or None for an allow-listed name.
_PINS: contextvars.ContextVar[dict[str, tuple[str, ...] | None] | None] = contextvars.ContextVar("pins", default=None)


@contextlib.contextmanager
def pinned(host: str, addresses: Sequence[str] | None) -> Iterator[None]:
    """Within this block (and this task), connections to ``host`` go to ``addresses`` only."""
    pins = dict(_PINS.get() or {})
    pins[host.lower().rstrip(".").strip("[]")] = tuple(addresses) if addresses is not None else None
    token = _PINS.set(pins)
    try:
        yield
    finally:
        _PINS.reset(token)


def pinned_url(url: str, addresses: Sequence[str] | None) -> contextlib.AbstractContextManager[None]:
    """``pinned`` for the host of ``url``, in the IDNA form httpcore connects by (``xn--...``)."""
    return pinned(httpx.URL(url).raw_host.decode("ascii"), addresses)


class PinnedBackend(AsyncNetworkBackend):
    def __init__(self) -> None:
        self.inner = AutoBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None,
                          socket_options: typing.Iterable[typing.Any] | None = None) -> AsyncNetworkStream:
        key = host.lower().rstrip(".").strip("[]")
        pins = _PINS.get() or {}
        if key not in pins:
            raise httpcore.ConnectError(f"refusing to connect to {host}: no vetted address")
        addresses = pins[key]
        if addresses is None:  # allow-listed name: resolved here, as configured
            return await self.inner.connect_tcp(host, port, timeout=timeout, local_address=local_address,
                                                socket_options=socket_options)
        error: Exception = httpcore.ConnectError(f"{host} has no address")
        for address in addresses:
            try:
                return await self.inner.connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                                    socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: typing.Iterable[typing.Any] | None = None) -> AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport, with a connection pool that connects through ``PinnedBackend``."""

    def __init__(self, *, limits: httpx.Limits, verify: ssl.SSLContext | bool = True) -> None:
        super().__init__(limits=limits, trust_env=False, verify=verify)
        ssl_context = self._pool._ssl_context  # what httpx built from its defaults (certifi, verify on)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context, max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections, keepalive_expiry=limits.keepalive_expiry,
            network_backend=PinnedBackend())
