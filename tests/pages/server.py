"""``newswatch serve``'s app (API and pages, as the command builds it) on a free loopback port, in a thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn

from newswatch.sinks.meeting_pages.config import ServeConfig
from newswatch.sinks.meeting_pages.routes import mount_pages
from newswatch.sinks.meeting_store.api import create_app
from newswatch.sinks.meeting_store.config import MeetingStoreConfig
from tests.support.postgres import free_port


@contextmanager
def serving(database_url: str, serve: ServeConfig | None = None) -> Iterator[str]:
    store = MeetingStoreConfig(url=database_url)
    app = create_app(store)
    mount_pages(app, store, serve or ServeConfig())
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.02)
    try:
        assert httpx.get(f"{base}/health", timeout=10).status_code == 200
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=30)
