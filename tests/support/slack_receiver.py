"""A local HTTP server on 127.0.0.1 that answers like a Slack incoming webhook.

By default it accepts well-formed payloads with 200 ``ok``; a malformed one gets 400
``invalid_payload``; a path other than ``/services/...`` gets 404 ``no_service``. Tests can
queue scripted answers (429 with ``Retry-After``, 500, 410 ``channel_is_archived``, a slow
answer) with ``respond``. Every request that reached it is recorded, accepted or not.
"""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from tests.support.timing import deadline as scaled_deadline

BLOCK_TYPES = {"header", "section", "divider", "context", "actions", "image", "rich_text", "input"}


@dataclass
class Answer:
    status: int = 200
    body: str = "ok"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


def payload_problem(payload: Any) -> str | None:
    """Why Slack would reject this payload, or None when it is well-formed Block Kit."""
    if not isinstance(payload, dict):
        return "invalid_payload"
    blocks = payload.get("blocks")
    if not payload.get("text") and not blocks:
        return "no_text"
    if blocks is not None:
        if not isinstance(blocks, list) or len(blocks) > 50:
            return "invalid_blocks"
        for block in blocks:
            if not isinstance(block, dict) or block.get("type") not in BLOCK_TYPES:
                return "invalid_blocks"
            text = block.get("text")
            if block["type"] == "header" and (text.get("type") != "plain_text" or len(text.get("text", "")) > 150):
                return "invalid_blocks"
            if block["type"] == "section" and (text is None or len(text.get("text", "")) > 3000):
                return "invalid_blocks"
    if len(json.dumps(payload)) > 40_000:
        return "msg_too_long"
    return None


@dataclass
class Request:
    path: str
    payload: Any
    status: int
    at: float


class SlackReceiver:
    """``port`` 0 picks a free port; pass a former receiver's port to come back where it was.
    While ``outage`` holds an answer (say 503), every request gets it, scripted answers wait."""

    def __init__(self, port: int = 0) -> None:
        self.requests: list[Request] = []
        self.outage: Answer | None = None
        self._script: deque[Answer] = deque()
        self._lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return

            def do_POST(self) -> None:  # noqa: N802 - stdlib name
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                answer = receiver._answer(self.path, raw)
                if answer.delay:
                    time.sleep(answer.delay)
                body = answer.body.encode()
                self.send_response(answer.status)
                for key, value in answer.headers.items():
                    self.send_header(key, value)
                self.send_header("content-type", "text/plain")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def _answer(self, path: str, raw: bytes) -> Answer:
        try:
            payload = json.loads(raw)
        except ValueError:
            payload = None
        with self._lock:
            if self.outage is not None:
                answer = self.outage
            elif self._script:
                answer = self._script.popleft()
            elif not path.startswith("/services/"):
                answer = Answer(404, "no_service")
            else:
                problem = payload_problem(payload)
                answer = Answer(400, problem) if problem else Answer()
            self.requests.append(Request(path, payload, answer.status, time.monotonic()))
        return answer

    # -- test API ------------------------------------------------------------------------
    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/services/T000/B000/XXXXSECRETXXXX"

    def respond(self, *answers: Answer) -> None:
        with self._lock:
            self._script.extend(answers)

    def clear_script(self) -> None:
        """Drop the scripted answers not used yet: back to answering like Slack."""
        with self._lock:
            self._script.clear()

    @property
    def accepted(self) -> list[Any]:
        with self._lock:
            return [r.payload for r in self.requests if r.status == 200]

    def wait_for(self, count: int, timeout: float = 60.0) -> list[Any]:
        deadline = scaled_deadline(timeout)
        while time.monotonic() < deadline:
            if len(self.accepted) >= count:
                return self.accepted
            time.sleep(0.05)
        return self.accepted

    def __enter__(self) -> SlackReceiver:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
