"""A small WebSub hub on 127.0.0.1: the hub side of the spec's subscriber contract.

It accepts subscription requests (202), verifies intent by GETting the callback with a challenge
and a lease (the subscription counts only if the challenge comes back), and publishes
notifications signed with the subscriber's secret (or, for tests, with a wrong one).
"""

from __future__ import annotations

import http.server
import secrets
import threading
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

import httpx

from newswatch.collectors.websub import sign


@dataclass
class HubSubscription:
    topic: str
    callback: str
    secret: str
    lease_seconds: int
    verified: bool = False


class TestHub:
    __test__ = False  # not a pytest class

    def __init__(self, lease_seconds: int = 3600):
        self.lease_seconds = lease_seconds
        self.subscriptions: dict[str, HubSubscription] = {}  # topic -> subscription
        self.verified = threading.Event()
        hub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return

            def do_POST(self) -> None:  # noqa: N802 - stdlib name
                form = dict(parse_qsl(self.rfile.read(int(self.headers.get("content-length") or 0)).decode()))
                self.send_response(202)
                self.send_header("content-length", "0")
                self.end_headers()
                if form.get("hub.mode") == "subscribe":
                    sub = HubSubscription(form["hub.topic"], form["hub.callback"], form.get("hub.secret", ""),
                                          int(form.get("hub.lease_seconds") or hub.lease_seconds))
                    threading.Thread(target=hub._verify, args=(sub,), daemon=True).start()

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def _verify(self, sub: HubSubscription) -> None:
        challenge = secrets.token_urlsafe(12)
        query = urlencode({"hub.mode": "subscribe", "hub.topic": sub.topic, "hub.challenge": challenge,
                           "hub.lease_seconds": sub.lease_seconds})
        answer = httpx.get(f"{sub.callback}?{query}", timeout=5)
        if answer.status_code == 200 and answer.text == challenge:
            sub.verified = True
            self.subscriptions[sub.topic] = sub
            self.verified.set()

    def publish(self, topic: str, body: bytes, *, secret: str | None = None) -> httpx.Response:
        """Announce new content to the topic's subscriber (signed with its secret unless told otherwise)."""
        sub = self.subscriptions[topic]
        return httpx.post(sub.callback, content=body, timeout=5,
                          headers={"content-type": "application/rss+xml",
                                   "x-hub-signature": sign(secret or sub.secret, body)})

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/hub"

    def __enter__(self) -> TestHub:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
