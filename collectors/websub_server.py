"""The WebSub callback: an HTTP endpoint hubs call to verify subscriptions and to announce updates.

Served on the collector's own port (``collector.websub``) in a daemon thread, like ``/metrics``.
Each subscription has its own unguessable path (``/websub/<callback id>``) and secret:

- ``GET``: verification of intent, answered by ``websub.answer_verification``;
- ``POST``: a notification. With a valid ``X-Hub-Signature`` the feed is handed to ``on_ping``
  (the collector refetches it with its normal conditional GET: many hubs send no content, and the
  fetch path keeps dedup, size caps and the address guard); without one it is ignored and counted.
  Either way the answer is 202, as the spec asks, so a hub cannot probe secrets.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Callable
from urllib.parse import parse_qsl, urlsplit

from newswatch.collectors.websub import Subscription, answer_verification, signature_valid
from newswatch.metrics import CollectorMetrics

MAX_NOTIFICATION_BYTES = 2 * 1024 * 1024


class CallbackServer:
    def __init__(self, subscriptions: dict[str, Subscription], on_ping: Callable[[str], None], *,
                 metrics: CollectorMetrics, host: str = "127.0.0.1", port: int = 0,
                 clock: Callable[[], float] = time.time):
        self.subscriptions = subscriptions  # callback id -> subscription
        self.on_ping = on_ping
        self.clock = clock
        self.lock = threading.Lock()
        self.notifications = metrics.websub_notifications
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return

            def _reply(self, status: int, body: str = "") -> None:
                data = body.encode()
                self.send_response(status)
                self.send_header("content-type", "text/plain; charset=utf-8")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802 - stdlib name
                parts = urlsplit(self.path)
                with server.lock:
                    status, body = answer_verification(dict(parse_qsl(parts.query)), server._find(parts.path),
                                                       server.clock())
                self._reply(status, body)

            def do_POST(self) -> None:  # noqa: N802 - stdlib name
                length = int(self.headers.get("content-length") or 0)
                if length > MAX_NOTIFICATION_BYTES:
                    server.notifications.labels("too_large").inc()
                    self._reply(413)
                    self.close_connection = True
                    return
                body = self.rfile.read(length)
                with server.lock:
                    subscription = server._find(urlsplit(self.path).path)
                    if subscription is None:
                        outcome = "unknown_subscription"
                    elif not signature_valid(subscription.secret, body, self.headers.get("x-hub-signature")):
                        outcome = "bad_signature"
                    else:
                        outcome = "accepted"
                        subscription.last_notification = server.clock()
                server.notifications.labels(outcome).inc()
                if outcome == "accepted" and subscription is not None:
                    server.on_ping(subscription.feed_url)  # before answering: the hub's POST returns after it
                self._reply(202 if outcome != "unknown_subscription" else 410)

        self._server = http.server.ThreadingHTTPServer((host, port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True, name="websub-callback")

    def _find(self, path: str) -> Subscription | None:
        prefix = "/websub/"
        return self.subscriptions.get(path[len(prefix):]) if path.startswith(prefix) else None

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def __enter__(self) -> CallbackServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
