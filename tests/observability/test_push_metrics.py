"""``push_metrics``: batch jobs push to a Pushgateway when one is configured (a loopback stand-in here)."""

from __future__ import annotations

import http.server
import os
import threading
from collections.abc import Iterator

import pytest
from prometheus_client import CollectorRegistry, Counter

from newswatch.metrics import push_metrics
from newswatch.settings import Settings


class FakePushgateway(http.server.ThreadingHTTPServer):
    def __init__(self, status: int = 200):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.status = status
        self.requests: list[tuple[str, str, bytes]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: FakePushgateway

    def do_PUT(self) -> None:  # noqa: N802 - stdlib naming
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.requests.append(("PUT", self.path, body))
        self.send_response(self.server.status)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def gateway() -> Iterator[FakePushgateway]:
    server = FakePushgateway()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def job_registry() -> CollectorRegistry:
    registry = CollectorRegistry()
    Counter("records_replayed", "test", namespace="newswatch", registry=registry).inc(7)
    return registry


def test_pushes_the_registry_under_the_job_and_grouping_key(gateway):
    settings = Settings(metrics={"pushgateway": gateway.url})
    assert push_metrics(settings.metrics.pushgateway, job_registry(), "replay", grouping_key={"run": "r1"}) is True
    [(method, path, body)] = gateway.requests
    assert (method, path) == ("PUT", "/metrics/job/replay/run/r1")
    assert b"newswatch_records_replayed_total 7.0" in body


def test_nothing_is_pushed_without_a_pushgateway(gateway):
    assert push_metrics(Settings().metrics.pushgateway, job_registry(), "replay") is False
    assert gateway.requests == []


def test_an_unreachable_or_failing_gateway_is_reported_not_raised(gateway):
    gateway.status = 500
    assert push_metrics(Settings(metrics={"pushgateway": gateway.url}).metrics.pushgateway, job_registry(),
                        "tag") is False
    closed = Settings(metrics={"pushgateway": "http://127.0.0.1:9"})
    assert push_metrics(closed.metrics.pushgateway, job_registry(), "tag", timeout=2) is False


def test_tag_over_a_file_pushes_its_counts_when_a_pushgateway_is_configured(gateway, monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from newswatch.cli import _register_all, app
    from tests.conftest import SEEDS

    for key in [k for k in os.environ if k.startswith("NEWSWATCH_")]:
        monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    _register_all()
    seed = next(SEEDS.glob("*.txt"))
    result = CliRunner().invoke(app, ["tag", str(seed)], env={"NEWSWATCH_METRICS__PUSHGATEWAY": gateway.url})
    assert result.exit_code == 0, result.output
    [(method, path, body)] = gateway.requests
    assert (method, path) == ("PUT", "/metrics/job/newswatch-tag")
    text = body.decode()
    assert 'newswatch_records_sent_total{stage="tag"} 1.0' in text
    assert 'newswatch_meetings_detected_total{counterpart_country="NATO",host_country="KR"} 1.0' in text
    assert 'newswatch_articles_tagged_total{outcome="meeting"} 1.0' in text

    gateway.requests.clear()
    result = CliRunner().invoke(app, ["tag", str(seed)], env={})
    assert result.exit_code == 0 and gateway.requests == []


def test_backfill_pushes_what_it_published(gateway, settings, kafka, tmp_path):
    from tests.conftest import SEEDS
    from tests.replay.helpers import cli, cli_env

    env = cli_env(settings, NEWSWATCH_METRICS__PUSHGATEWAY=gateway.url)
    run = cli(settings, "backfill", "--force", str(SEEDS / "feed.xml"), env=env)
    assert run.returncode == 0, run.stderr
    [(method, path, body)] = gateway.requests
    assert (method, path) == ("PUT", "/metrics/job/newswatch-backfill")
    assert 'newswatch_records_sent_total{stage="backfill"} 1.0' in body.decode()
