"""The embedded broker: real Kafka 4.x, reused when running, moved off a busy port, stopped cleanly."""

from __future__ import annotations

import base64
import socket
import uuid
from pathlib import Path

import pytest

from newswatch.broker import LocalBroker, local
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


def _uuids_starting_with_a_dash_first(monkeypatch: pytest.MonkeyPatch) -> list[uuid.UUID]:
    """Make ``uuid4`` return a UUID whose base64 starts with ``-`` (first byte 0xF8), then a normal one."""
    bad = uuid.UUID(bytes=b"\xf8" + bytes(range(1, 16)))
    good = uuid.UUID(bytes=bytes(range(16)))
    queue = [bad, good]
    monkeypatch.setattr(local.uuid, "uuid4", lambda: queue.pop(0))
    return queue


def test_cluster_id_never_starts_with_a_dash_regression(monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: about 1 format in 64 failed with ``argument --cluster-id/-t: expected one argument``."""
    queue = _uuids_starting_with_a_dash_first(monkeypatch)
    cluster_id = local.new_cluster_id()
    assert not queue, "the id starting with '-' must have been drawn again"
    assert cluster_id == base64.urlsafe_b64encode(bytes(range(16))).decode().rstrip("=")
    assert len(cluster_id) == 22


def test_storage_formats_when_the_first_random_id_starts_with_a_dash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _uuids_starting_with_a_dash_first(monkeypatch)
    broker = LocalBroker(tmp_path / "b", port=0)
    props = broker._write_properties(broker._choose_port(0), broker._choose_port(0))
    broker._format_if_needed(local._java(), ensure_jars(), props)  # raised BrokerError before the fix
    meta = (tmp_path / "b" / "data" / "meta.properties").read_text()
    assert "cluster.id=" + base64.urlsafe_b64encode(bytes(range(16))).decode().rstrip("=") in meta
