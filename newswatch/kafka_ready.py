"""Is a Kafka broker answering? One metadata probe, used by the client side and the embedded broker."""

from __future__ import annotations

import time
from typing import Any

from kafka import KafkaAdminClient
from kafka.errors import KafkaError

from newswatch.errors import BrokerError


def wait_until_ready(bootstrap: str, timeout: float = 60.0, options: dict[str, Any] | None = None) -> None:
    """Block until the broker at ``bootstrap`` answers a metadata request."""
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            admin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=5_000,
                                     bootstrap_timeout_ms=5_000, **(options or {}))
            try:
                admin.list_topics()
                return
            finally:
                admin.close()
        except (KafkaError, OSError) as exc:
            last = exc
            time.sleep(0.5)
    raise BrokerError(f"Kafka at {bootstrap} did not answer within {timeout:.0f} s ({last})")

