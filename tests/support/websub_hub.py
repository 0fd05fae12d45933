"""A small WebSub hub on 127.0.0.1: the hub side of the spec's subscriber contract.

It accepts subscription and unsubscription requests (202), verifies intent by GETting the callback
with a challenge (and, to subscribe, a lease): the request counts only if the challenge comes back.
It publishes notifications signed with the subscriber's secret (or, for tests, with a wrong one).
Every request it received (``requests``) and every verification that succeeded (``confirmed``)
is recorded, so tests can wait on them.
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
        self.requests: list[dict[str, str]] = []  # the forms subscribers sent, in order
        self.confirmed: list[tuple[str, str]] = []  # (mode, callback) of each verification that succeeded
        hub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return

            def do_POST(self) -> None:  # noqa: N802 - stdlib name
                form = dict(parse_qsl(self.rfile.read(int(self.headers.get("content-length") or 0)).decode()))
                hub.requests.append(form)
                self.send_response(202)
                self.send_header("content-length", "0")
                self.end_headers()
                if form.get("hub.mode") == "subscribe":
                    sub = HubSubscription(form["hub.topic"], form["hub.callback"], form.get("hub.secret", ""),
                                          min(int(form.get("hub.lease_seconds") or hub.lease_seconds),
                                              hub.lease_seconds))  # the hub has the last word (spec 5.3)
                    threading.Thread(target=hub._verify, args=(sub,), daemon=True).start()
                elif form.get("hub.mode") == "unsubscribe":
                    threading.Thread(target=hub._verify_unsubscribe, args=(form["hub.topic"], form["hub.callback"]),
                                     daemon=True).start()

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
            self.confirmed.append(("subscribe", sub.callback))
            self.verified.set()

    def _verify_unsubscribe(self, topic: str, callback: str) -> None:
        challenge = secrets.token_urlsafe(12)
        query = urlencode({"hub.mode": "unsubscribe", "hub.topic": topic, "hub.challenge": challenge})
        answer = httpx.get(f"{callback}?{query}", timeout=5)
        if answer.status_code == 200 and answer.text == challenge:
            self.subscriptions.pop(topic, None)
            self.confirmed.append(("unsubscribe", callback))

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
