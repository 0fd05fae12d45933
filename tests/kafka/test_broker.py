"""The embedded broker: real Kafka 4.x, reused when running, moved off a busy port, stopped cleanly."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from newswatch.broker import LocalBroker
from newswatch.broker.local import ensure_jars
from newswatch.kafka_io import wait_until_ready


def test_jars_are_kafka_4_with_a_logging_binding() -> None:
    lib = ensure_jars()
    names = {p.name for p in lib.iterdir()}
    kafka = [n for n in names if n.startswith("kafka_2.13-")]
    assert kafka and kafka[0].startswith("kafka_2.13-4.")
    assert any(n.startswith("log4j-slf4j2-impl-") for n in names)


def test_second_start_reuses_the_running_broker(kafka_broker: LocalBroker) -> None:
    status = kafka_broker.status()
    assert status.running and status.bootstrap
    assert kafka_broker.start() == status.bootstrap
    assert kafka_broker.status().pid == status.pid
    log = (kafka_broker.home / "logs" / "server.log").read_text()
    assert "Kafka Server started" in log


def test_busy_default_port_moves_and_stop_is_clean(tmp_path: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        busy = squatter.getsockname()[1]
        broker = LocalBroker(tmp_path / "b", port=busy)
        try:
            bootstrap = broker.start(timeout=180)
            assert bootstrap != f"127.0.0.1:{busy}"
            wait_until_ready(bootstrap, timeout=10)
        finally:
            assert broker.stop() is True
    assert not broker.status().running
    assert broker.stop() is False
    with pytest.raises(Exception, match="not running"):
        _ = broker.bootstrap
