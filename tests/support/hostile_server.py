"""A loopback HTTP server for attack payloads: fixed answers per path, on any 127.x address.

Unlike ``feed_server.FeedServer`` it can bind a chosen loopback address and port (so two servers
can share a port on 127.0.0.1 and 127.0.0.2), counts every TCP connection it accepts, and sends
bodies exactly as given (pre-compressed bytes with any ``Content-Encoding``).
"""

from __future__ import annotations

import contextlib
import http.server
import socket
import threading
from dataclasses import dataclass, field


@dataclass
class Answer:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"content-type": "application/rss+xml"})


@dataclass
class Request:
    path: str
    headers: dict[str, str]


class HostileServer:
    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self.answers: dict[str, Answer] = {}
        self.requests: list[Request] = []
        self.connections = 0
        self._lock = threading.Lock()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return

            def do_GET(self) -> None:  # noqa: N802 - stdlib name
                with server._lock:
                    server.requests.append(Request(self.path, {k.lower(): v for k, v in self.headers.items()}))
                    answer = server.answers.get(self.path, Answer(b"not found", 404, {"content-type": "text/plain"}))
                self.send_response(answer.status)
                for key, value in answer.headers.items():
                    self.send_header(key, value)
                self.send_header("content-length", str(len(answer.body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client stopped reading
                    self.wfile.write(answer.body)

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def get_request(self) -> tuple[socket.socket, object]:
                accepted = super().get_request()
                with server._lock:
                    server.connections += 1
                return accepted

        self._server = Server((host, port), Handler)
        self.host, self.port = self._server.server_address[:2]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str, host: str | None = None) -> str:
        return f"http://{host or self.host}:{self.port}{path}"

    def paths(self) -> list[str]:
        with self._lock:
            return [r.path for r in self.requests]

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def twin_servers(first: str, second: str) -> tuple[HostileServer, HostileServer]:
    """Two servers on the same free port, one on each loopback address."""
    for _ in range(20):
        a = HostileServer(first)
        try:
            return a, HostileServer(second, a.port)
        except OSError:
            a._server.server_close()
    raise RuntimeError(f"no port free on both {first} and {second}")


def wrap_tls(server: HostileServer, certfile: str, keyfile: str) -> list[str]:
    """Serve TLS with the given certificate; returns the list the SNI names clients sent are added to."""
    import ssl

    names: list[str] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certfile, keyfile)
    context.sni_callback = lambda sock, name, ctx: names.append(name or "")  # type: ignore[assignment, misc]
    server._server.socket = context.wrap_socket(server._server.socket, server_side=True)
    return names
