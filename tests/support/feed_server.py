"""A feed server on 127.0.0.1 that behaves like a well-kept (or a misbehaving) publisher.

Each path serves a ``Page``: a body with an ETag and a Last-Modified date, answered 304 when the
request's validators match (``If-None-Match`` decides when present, as RFC 9110 says; else
``If-Modified-Since``). Tests queue scripted answers per path (429 with ``Retry-After``, 500,
a redirect) with ``script``. Every request is recorded with its headers.
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import threading
from collections import defaultdict, deque
from dataclasses import dataclass, field
from email.utils import formatdate


@dataclass
class Page:
    body: bytes
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    gzip: bool = False

    def __post_init__(self) -> None:
        if self.etag is None:
            self.etag = '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'
        if self.last_modified is None:
            self.last_modified = formatdate(1_700_000_000, usegmt=True)


@dataclass
class Scripted:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    status: int


class FeedServer:
    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.requests: list[Seen] = []
        self._script: dict[str, deque[Scripted]] = defaultdict(deque)
        self._lock = threading.Lock()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return

            def do_GET(self) -> None:  # noqa: N802 - stdlib name
                status, headers, body = server._answer(self.path, {k.lower(): v for k, v in self.headers.items()})
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def _answer(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        with self._lock:
            if self._script[path]:
                s = self._script[path].popleft()
                self.requests.append(Seen(path, headers, s.status))
                return s.status, s.headers, s.body
            page = self.pages.get(path)
            if page is None:
                self.requests.append(Seen(path, headers, 404))
                return 404, {"content-type": "text/plain"}, b"not found"
            validators = {"etag": page.etag or "", "last-modified": page.last_modified or "", **page.headers}
            if "if-none-match" in headers:
                fresh = headers["if-none-match"] == page.etag
            else:
                fresh = headers.get("if-modified-since") == page.last_modified
            if fresh:
                self.requests.append(Seen(path, headers, 304))
                return 304, validators, b""
            body = page.body
            answer = {"content-type": page.content_type, **validators}
            if page.gzip and "gzip" in headers.get("accept-encoding", ""):
                body = gzip.compress(body)
                answer["content-encoding"] = "gzip"
            self.requests.append(Seen(path, headers, 200))
            return 200, answer, body

    # -- test API ------------------------------------------------------------------------
    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def script(self, path: str, *answers: Scripted) -> None:
        with self._lock:
            self._script[path].extend(answers)

    def hits(self, path: str) -> list[Seen]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def rss(title: str, items: list[tuple[str, str]], *, ttl: int | None = None, extra: str = "") -> bytes:
    """A small RSS 2.0 feed; items are (title, link)."""
    entries = "".join(f"<item><title>{t}</title><link>{link}</link><description>About {t}.</description></item>"
                      for t, link in items)
    ttl_xml = f"<ttl>{ttl}</ttl>" if ttl else ""
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://example.org/</link>{ttl_xml}{extra}{entries}</channel></rss>").encode()
