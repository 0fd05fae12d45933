"""Pipeline stages as real operating-system processes (``python -m newswatch ...``), for fault tests.

Each process gets its configuration the way an operator would give it: global options plus
``NEWSWATCH_*`` environment variables. Its output goes to a log file; a sampler thread keeps the
peak resident memory (psutil) so tests and benchmarks can report it.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

from newswatch.settings import Settings
from tests.support.timing import deadline as scaled_deadline
from tests.support.timing import scaled

ROOT = Path(__file__).resolve().parents[2]

log = logging.getLogger(__name__)


def stage_env(extra: dict[str, str]) -> dict[str, str]:
    """The test's environment without any NEWSWATCH_* variable, plus ``extra``; this checkout first."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWATCH_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


def topic_env(settings: Settings) -> dict[str, str]:
    """The ``NEWSWATCH_*`` variables that give a subprocess the test's topics and consumer groups."""
    return {
        "NEWSWATCH_TOPICS__ARTICLES": settings.topics.articles,
        "NEWSWATCH_TOPICS__TAGGED": settings.topics.tagged,
        "NEWSWATCH_TOPICS__DLQ": settings.topics.dlq,
        "NEWSWATCH_TOPICS__PARTITIONS": str(settings.topics.partitions),
        "NEWSWATCH_PROCESSOR__GROUP": settings.processor.group,
        "NEWSWATCH_ALERT__GROUP": settings.alert.group,
        "NEWSWATCH_ALERT__SOURCE": settings.alert.source,
        "NEWSWATCH_MEETINGS__GROUP": settings.meetings.group,
        "NEWSWATCH_MEETING_STORE__GROUP": settings.meeting_store.group,
        "NEWSWATCH_MEETING_STORE__URL": settings.meeting_store.url.get_secret_value(),
    }


class StageProcess:
    """One ``newswatch <command>`` process."""

    def __init__(self, name: str, bootstrap: str, command: list[str], env: dict[str, str], workdir: Path,
                 argv: list[str] | None = None):
        self.name = name
        workdir.mkdir(parents=True, exist_ok=True)
        self.log_path = workdir / f"{name}.log"
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in wait()
        argv = argv or [sys.executable, "-m", "newswatch", "--bootstrap-servers", bootstrap, "--log-format", "json",
                        *command]
        self.proc = subprocess.Popen(argv, env=stage_env(env), cwd=workdir, stdout=self._log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.peak_rss = 0
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def _sample(self) -> None:
        try:
            ps = psutil.Process(self.proc.pid)
            while self.proc.poll() is None:
                self.peak_rss = max(self.peak_rss, ps.memory_info().rss)
                time.sleep(0.1)
        except psutil.Error:
            return

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def log_text(self) -> str:
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text(errors="replace")

    def metrics_url(self, timeout: float = 60.0) -> str:
        """The ``/metrics`` URL the process printed at start."""
        deadline = scaled_deadline(timeout)
        while time.monotonic() < deadline:
            found = re.search(r"metrics: (http://\S+/metrics)", self.log_text())
            if found:
                return found.group(1)
            if not self.alive:
                break
            time.sleep(0.1)
        raise AssertionError(f"{self.name} printed no metrics URL:\n{self.log_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL, as a crash or an OOM killer would."""
        self.proc.send_signal(signal.SIGKILL)
        self.wait(timeout=30)

    def terminate(self, timeout: float = 60.0) -> int:
        """SIGTERM (what an orchestrator sends) and the exit code once it is gone."""
        if self.alive:
            self.proc.send_signal(signal.SIGTERM)
        return self.wait(timeout)

    def wait(self, timeout: float = 60.0) -> int:
        try:
            code = self.proc.wait(timeout=scaled(timeout))
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait(timeout=30)
        self._sampler.join(timeout=5)
        self._log.close()
        return code


def wait_until(predicate, timeout: float, interval: float = 0.2, what: str = "condition") -> None:
    started = time.monotonic()
    deadline = scaled_deadline(timeout)
    while time.monotonic() < deadline:
        if predicate():
            log.info("%s: after %.1f s", what, time.monotonic() - started)
            return
        time.sleep(interval)
    if not predicate():
        raise AssertionError(f"timed out after {time.monotonic() - started:.0f} s waiting for {what}")


def scrape(url: str, name: str, **labels: str) -> float:
    """One sample from a process's ``/metrics`` (0 when absent), as Prometheus would read it."""
    import httpx
    from prometheus_client.parser import text_string_to_metric_families

    text = httpx.get(url, timeout=5).text
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return float(sample.value)
    return 0.0
