"""Fault scenarios run against a broker of their own (started here, in a temporary folder), never
the session broker nor a shared development broker: scenario 1 kills it.

The broker's data and the processes' logs live in a folder of their own rather than under pytest's
base temp, which another pytest run on the same machine may rotate away mid-scenario. When a test of
the package failed, the folder is kept and a warning in the summary names it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from newswatch.broker import LocalBroker
from newswatch.kafka_io import Kafka
from newswatch.settings import Settings, load_settings
from tests.support.processes import StageProcess, topic_env


@pytest.fixture(scope="package")
def fault_home(request: pytest.FixtureRequest) -> Iterator[Path]:
    """The scenarios' folder (broker data, stage logs), kept for reading when any test failed."""
    home = Path(tempfile.mkdtemp(prefix="newswatch-faults-"))
    failed_before = request.session.testsfailed
    yield home
    if request.session.testsfailed > failed_before:
        warnings.warn(f"fault scenarios failed: their broker data and stage logs are kept in {home}", stacklevel=1)
        return
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="package")
def fault_broker(fault_home: Path) -> Iterator[LocalBroker]:
    broker = LocalBroker(fault_home / "kafka", port=0, heap="512m")
    broker.start(timeout=180)
    yield broker
    broker.stop()


@dataclass
class Pipeline:
    """One scenario's topics, groups and processes on the fault broker."""

    broker: LocalBroker
    bootstrap: str
    settings: Settings
    workdir: Path
    partitions: int
    processes: list[StageProcess] = field(default_factory=list)

    @property
    def kafka(self) -> Kafka:
        return Kafka(bootstrap=self.bootstrap)

    def env(self, **extra: str) -> dict[str, str]:
        s = self.settings
        env = {
            **topic_env(s), "NEWSWATCH_TOPICS__PARTITIONS": str(self.partitions),
            "NEWSWATCH_PROCESSOR__POLL_TIMEOUT_MS": "200",
            # Fail over in ~10 s instead of the client default 45 s (same setting an operator would tune).
            "NEWSWATCH_KAFKA__SESSION_TIMEOUT_MS": "10000",
            "NEWSWATCH_METRICS__COLLECTOR_PORT": "0", "NEWSWATCH_METRICS__PROCESSOR_PORT": "0",
            "NEWSWATCH_METRICS__ALERT_PORT": "0",
        }
        env.update(extra)
        return env

    def start(self, name: str, *command: str, **env: str) -> StageProcess:
        proc = StageProcess(name, self.bootstrap, list(command), self.env(**env), self.workdir)
        self.processes.append(proc)
        return proc


@pytest.fixture
def pipeline(fault_broker: LocalBroker, fault_home: Path, request: pytest.FixtureRequest,
             monkeypatch: pytest.MonkeyPatch) -> Iterator[Pipeline]:
    unique = uuid.uuid4().hex[:8]
    workdir = fault_home / f"{request.node.name[:40]}-{unique}"
    workdir.mkdir()
    for key in list(os.environ):
        if key.startswith("NEWSWATCH_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(workdir)
    partitions = 6
    settings = load_settings(
        None,
        kafka={"bootstrap_servers": fault_broker.bootstrap},
        topics={"articles": f"f{unique}.articles", "tagged": f"f{unique}.tagged", "dlq": f"f{unique}.dlq",
                "partitions": partitions},
        processor={"group": f"f{unique}-processor", "poll_timeout_ms": 200},
        # The scenarios run collector -> processor -> alert sink without a resolver: the sink alerts on
        # tagged articles here (the same delivery code as the default meeting source).
        alert={"group": f"f{unique}-alert", "source": "articles"},
    )
    kafka = Kafka(bootstrap=fault_broker.bootstrap)
    kafka.ensure_topics(settings.topics)
    pipe = Pipeline(fault_broker, fault_broker.bootstrap, settings, workdir, partitions)
    yield pipe
    for proc in pipe.processes:
        if proc.alive:
            proc.kill()
