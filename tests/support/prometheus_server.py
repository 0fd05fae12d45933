"""A real Prometheus server (Debian's ``prometheus`` package) on loopback, for the dashboard test."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from tests.support.timing import deadline as scaled_deadline

BINARY_CANDIDATES = ("prometheus", "/usr/bin/prometheus")


def binary() -> str:
    for candidate in BINARY_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    raise RuntimeError("prometheus is not installed: run scripts/install-system-deps.sh (apt-get install prometheus)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def loopback_config(project_config: Path, targets: Mapping[str, str], *, interval: str = "1s") -> dict[str, Any]:
    """The project's scrape config with each job's targets replaced by the test's loopback address.

    Jobs the test does not run are dropped; every job it runs must exist in the project's config.
    """
    config = yaml.safe_load(project_config.read_text(encoding="utf-8"))
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    missing = set(targets) - set(jobs)
    assert not missing, f"jobs missing from {project_config}: {missing}"
    config["global"] = {"scrape_interval": interval, "scrape_timeout": interval, "evaluation_interval": interval}
    config["scrape_configs"] = [{**jobs[name], "static_configs": [{"targets": [address]}]}
                                for name, address in targets.items()]
    return config


class Prometheus:
    def __init__(self, url: str, process: subprocess.Popen):
        self.url = url
        self.process = process

    def api(self, path: str, **params: str) -> Any:
        query = urllib.parse.urlencode(params)
        with urllib.request.urlopen(f"{self.url}{path}?{query}", timeout=10) as response:
            body = json.loads(response.read())
        assert body["status"] == "success", body
        return body["data"]

    def query(self, expr: str) -> list[dict[str, Any]]:
        return self.api("/api/v1/query", query=expr)["result"]

    def targets_up(self) -> dict[str, str]:
        return {t["labels"]["job"]: t["health"] for t in self.api("/api/v1/targets")["activeTargets"]}

    def wait(self, predicate, timeout: float = 30.0, what: str = "condition") -> None:  # noqa: ANN001
        deadline = scaled_deadline(timeout)
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}")


@contextmanager
def running_prometheus(config: Mapping[str, Any], workdir: Path) -> Iterator[Prometheus]:
    workdir.mkdir(parents=True, exist_ok=True)
    config_file = workdir / "prometheus.yml"
    config_file.write_text(yaml.safe_dump(dict(config)), encoding="utf-8")
    port = free_port()
    log = (workdir / "prometheus.log").open("wb")
    process = subprocess.Popen(
        [binary(), f"--config.file={config_file}", f"--storage.tsdb.path={workdir / 'data'}",
         f"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"],
        stdout=log, stderr=subprocess.STDOUT)
    server = Prometheus(f"http://127.0.0.1:{port}", process)

    def ready() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"prometheus exited: {(workdir / 'prometheus.log').read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{server.url}/-/ready", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    try:
        server.wait(ready, timeout=60, what="prometheus to be ready")
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
