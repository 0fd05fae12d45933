"""Getting a feed's (or an article page's) bytes: polite, capped, guarded HTTP with httpx.

- conditional GET: ``If-None-Match`` and ``If-Modified-Since`` from the last answer (a server
  that honours both lets the ETag decide, RFC 9110 13.2.2);
- gzip/deflate asked for, and decoded by us from the raw stream (``collectors.decoding``): the
  size cap counts *decoded* bytes as they stream, so a compression bomb stops at the cap with no
  more than the cap in memory; more than one content coding is refused;
- connections go to the addresses the guard vetted (``collectors.pinned``), never to a second
  DNS answer; the Host header and TLS SNI keep the host name;
- error messages name the URL without its credentials (``collectors.credentials``);
- a total time limit per request on top of httpx's connect/read timeouts;
- redirects followed by hand, each hop through the address guard; a chain of only permanent
  redirects (301/308) reports the new URL so the stored URL can be updated;
- local files (a path or ``file://``) are read directly, for cron jobs and tests.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from newswatch.collectors.credentials import public_url
from newswatch.collectors.decoding import CappedDecoder, DecodingError, coding_of
from newswatch.collectors.guard import AddressGuard, BlockedAddressError
from newswatch.collectors.pinned import PinnedTransport, pinned_url

ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"
PERMANENT = {301, 308}
REDIRECTS = {301, 302, 303, 307, 308}


class FetchError(Exception):
    def __init__(self, reason: str, message: str, *, status: int | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.reason = reason
        self.status = status
        self.headers = headers or {}


@dataclass
class FetchResult:
    url: str
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    permanent_url: str | None = None  # set when only permanent redirects led here
    seconds: float = 0.0


def local_path(url: str) -> Path | None:
    """The file a feed URL names (a plain path or ``file://``), or None for network URLs."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        return Path(unquote(parts.path))
    if parts.scheme == "" or (len(parts.scheme) == 1 and url[1:3] == ":\\"):
        return Path(url)
    return None


def read_local(path: Path, max_bytes: int) -> FetchResult:
    try:
        with open(path, "rb") as fh:
            body = fh.read(max_bytes + 1)
    except OSError as exc:
        raise FetchError("file_error", f"cannot read {path}: {exc.strerror}") from None
    if len(body) > max_bytes:
        raise FetchError("too_large", f"{path} is larger than {max_bytes} bytes")
    return FetchResult(url=str(path), status=200, body=body)


def make_client(*, timeout: float, user_agent: str, concurrency: int,
                verify: ssl.SSLContext | bool = True) -> httpx.AsyncClient:
    """``verify``: pass one ``ssl.create_default_context()`` to reuse it; building one reads the CA
    bundle (about 0.1 s of CPU), which a collector polling every few seconds should not pay each cycle."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    return httpx.AsyncClient(
        timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=False,
        headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate",
                 "Accept": ACCEPT},
        transport=PinnedTransport(limits=limits, verify=verify))  # the transport holds the TLS context


class Fetcher:
    def __init__(self, client: httpx.AsyncClient, guard: AddressGuard, *, max_bytes: int, timeout: float,
                 max_redirects: int = 5):
        self.client = client
        self.guard = guard
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.max_redirects = max_redirects

    async def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
                  max_bytes: int | None = None, timeout: float | None = None) -> FetchResult:
        """Fetch ``url``; raises FetchError with a short, low-cardinality reason on any failure."""
        cap = max_bytes or self.max_bytes
        started = time.perf_counter()
        path = local_path(url)
        if path is not None:
            return read_local(path, cap)
        limit = timeout or self.timeout
        shown = public_url(url)
        try:
            async with asyncio.timeout(limit):
                result = await self._follow(url, etag, last_modified, cap)
        except TimeoutError:
            raise FetchError("timeout", f"{shown} took longer than {limit} s") from None
        except BlockedAddressError as exc:
            raise FetchError(exc.reason, str(exc)) from None
        except DecodingError as exc:
            raise FetchError(exc.reason, f"{shown}: {exc}") from None
        except httpx.TimeoutException:
            raise FetchError("timeout", f"{shown} timed out") from None
        except httpx.ConnectError as exc:
            tls = isinstance(exc.__cause__, ssl.SSLError) or "SSL" in str(exc) or "certificate" in str(exc)
            raise FetchError("tls_error" if tls else "connection_error", f"{shown}: {exc}") from None
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
            raise FetchError("connection_error", f"{shown}: {type(exc).__name__}") from None
        result.seconds = time.perf_counter() - started
        return result

    async def _follow(self, url: str, etag: str | None, last_modified: str | None, cap: int) -> FetchResult:
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        permanent: str | None = None
        only_permanent = True
        for _hop in range(self.max_redirects + 1):
            addresses = await self.guard.check(url)
            with pinned_url(url, addresses):
                status, answer, body = await self._request(url, headers, cap)
            if status in REDIRECTS and "location" in answer:
                url = urljoin(url, answer["location"])
                only_permanent = only_permanent and status in PERMANENT
                permanent = url if only_permanent else None
                continue
            if status >= 400:
                raise FetchError(f"http_{status}", f"{public_url(url)} answered HTTP {status}", status=status,
                                 headers=answer)
            return FetchResult(url=url, status=status, body=body, headers=answer, permanent_url=permanent)
        raise FetchError("too_many_redirects", f"more than {self.max_redirects} redirects from {public_url(url)}")

    async def _request(self, url: str, headers: dict[str, str], cap: int) -> tuple[int, dict[str, str], bytes]:
        async with self.client.stream("GET", url, headers=headers) as response:
            answer = {k.lower(): v for k, v in response.headers.items()}
            if response.status_code in REDIRECTS or response.status_code == 304 or response.status_code >= 400:
                return response.status_code, answer, b""
            coding = coding_of(answer.get("content-encoding"))
            declared = answer.get("content-length", "")
            if declared.isdigit() and int(declared) > cap and coding is None:
                raise FetchError("too_large", f"{public_url(url)} declares {declared} bytes, more than {cap}")
            decoder = CappedDecoder(coding, cap)
            chunks: list[bytes] = []
            async for raw in response.aiter_raw():
                chunks.append(decoder.feed(raw))
            chunks.append(decoder.finish())
            return response.status_code, answer, b"".join(chunks)
