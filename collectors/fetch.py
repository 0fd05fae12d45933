"""Getting a feed's bytes: local files directly, HTTP(S) with httpx under a size cap and a timeout."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx


class FetchError(Exception):
    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


@dataclass
class FetchResult:
    url: str
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def local_path(url: str) -> Path | None:
    """The file a feed URL names (a plain path or ``file://``), or None for network URLs."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        return Path(unquote(parts.path))
    if parts.scheme in ("", ) or (len(parts.scheme) == 1 and url[1:3] == ":\\"):
        return Path(url)
    return None


def fetch(url: str, *, client: httpx.Client | None = None, timeout: float = 20.0,
          max_bytes: int = 10 * 1024 * 1024, user_agent: str = "newswatch") -> FetchResult:
    """Fetch a feed; raises FetchError with a short reason on any failure."""
    path = local_path(url)
    if path is not None:
        try:
            with open(path, "rb") as fh:
                body = fh.read(max_bytes + 1)
        except OSError as exc:
            raise FetchError("file_error", f"cannot read {path}: {exc.strerror}") from None
        if len(body) > max_bytes:
            raise FetchError("too_large", f"{path} is larger than {max_bytes} bytes")
        return FetchResult(url=url, status=200, body=body)
    own = client is None
    client = client or httpx.Client(timeout=timeout, follow_redirects=True, headers={"User-Agent": user_agent})
    try:
        with client.stream("GET", url) as response:
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError("too_large", f"{url} is larger than {max_bytes} bytes")
                chunks.append(chunk)
            if response.status_code >= 400:
                raise FetchError(f"http_{response.status_code}", f"{url} answered HTTP {response.status_code}")
            return FetchResult(url=str(response.url), status=response.status_code, body=b"".join(chunks),
                               headers={k.lower(): v for k, v in response.headers.items()})
    except httpx.TimeoutException:
        raise FetchError("timeout", f"{url} timed out after {timeout} s") from None
    except httpx.HTTPError as exc:
        raise FetchError("connection_error", f"{url}: {exc}") from None
    finally:
        if own:
            client.close()
