"""A news feed on 127.0.0.1 whose stories appear over time, as a wire service's do.

``release(n)`` makes the next ``n`` stories visible; ``/feed.xml`` serves every visible story as
RSS 2.0 with an ETag that changes with them and answers ``If-None-Match`` with 304.
"""

from __future__ import annotations

import http.server
import threading
from email.utils import format_datetime
from xml.sax.saxutils import escape

from newswatch.schema import Article


class GrowingFeed:
    def __init__(self, articles: list[Article]):
        self.articles = articles
        self.visible = 0
        self.requests = 0
        self._lock = threading.Lock()
        feed = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return

            def do_GET(self) -> None:  # noqa: N802 - stdlib name
                body, etag = feed._render()
                feed.requests += 1
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def release(self, n: int) -> None:
        with self._lock:
            self.visible = min(len(self.articles), self.visible + n)

    def _render(self) -> tuple[bytes, str]:
        with self._lock:
            shown = self.articles[: self.visible]
        items = "".join(
            f"<item><title>{escape(a.title)}</title><link>{escape(a.url)}</link>"
            f"<guid isPermaLink=\"true\">{escape(a.url)}</guid><description>{escape(a.summary)}</description>"
            + (f"<pubDate>{format_datetime(a.published)}</pubDate>" if a.published else "")
            + "</item>"
            for a in reversed(shown))
        body = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
                f"<link>https://news.example/</link><description>test wire</description>{items}</channel></rss>")
        return body.encode("utf-8"), f'"v{len(shown)}"'

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/feed.xml"

    def __enter__(self) -> GrowingFeed:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
