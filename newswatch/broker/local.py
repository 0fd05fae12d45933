"""A real single-node Apache Kafka 4.x broker (KRaft, broker+controller) on 127.0.0.1.

No Docker here: the jars come from Maven Central (``pom.xml`` beside this file), cached per user,
and the broker runs as a plain JVM process. The same class serves ``newswatch broker``,
the embedded default of every command when no bootstrap servers are configured, and the
test suite's session fixture.

Layout of a broker home (``~/.local/state/newswatch/broker`` by default)::

    server.properties   written at every start (ports may change between starts)
    data/               KRaft metadata and topic logs (formatted on first start)
    logs/server.log     the broker's own log
    state.json          pid and ports of the running broker
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from newswatch.errors import BrokerError, MissingToolError
from newswatch.kafka_ready import wait_until_ready

STARTED_LINE = "Kafka Server started"
DEFAULT_PORT = 9092


def default_home() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "newswatch" / "broker"


def default_jar_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newswatch" / "kafka"


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def new_cluster_id() -> str:
    """A KRaft cluster id: URL-safe base64 of a random UUID that does not start with ``-``.

    ``kafka-storage format -t -abc...`` reads such an id as an option and fails (about 1 start in 64
    before this); Kafka's own ``Uuid.randomUuid()`` draws again for the same reason.
    """
    while True:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cluster_id.startswith("-"):
            return cluster_id


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child still answers kill(0); treat it as dead.
    with contextlib.suppress(OSError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        if stat.rsplit(")", 1)[1].split()[0] == "Z":
            return False
    return True


def ensure_jars(cache: Path | None = None) -> Path:
    """Return a folder of broker jars, downloading them with Maven on first use only."""
    pom = resources.files("newswatch.broker").joinpath("pom.xml").read_bytes()
    digest = hashlib.sha256(pom).hexdigest()[:12]
    root = (cache or default_jar_cache()) / digest
    lib = root / "lib"
    if (root / "complete").exists():
        return lib
    with _locked(root / ".lock"):
        if (root / "complete").exists():
            return lib
        mvn = shutil.which("mvn")
        if mvn is None:
            raise MissingToolError(
                "Maven (mvn) is needed once to download the embedded Kafka broker from Maven Central: "
                "install it (apt-get install maven) or set NEWSWATCH_KAFKA__BOOTSTRAP_SERVERS"
            )
        (root / "pom.xml").write_bytes(pom)
        staging = root / "lib.partial"
        shutil.rmtree(staging, ignore_errors=True)
        cmd = [mvn, "-B", "-q", "-f", str(root / "pom.xml"), "dependency:copy-dependencies",
               f"-DoutputDirectory={staging}", "-DincludeScope=runtime"]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            tail = (proc.stdout + proc.stderr).strip().splitlines()[-5:]
            raise BrokerError("Maven could not fetch the Kafka jars: " + " | ".join(tail))
        shutil.rmtree(lib, ignore_errors=True)
        staging.rename(lib)
        (root / "complete").write_text(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    return lib


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        raise MissingToolError(
            "Java 17+ is needed to run the embedded Kafka broker: install it "
            "(apt-get install openjdk-17-jre-headless) or set NEWSWATCH_KAFKA__BOOTSTRAP_SERVERS"
        )
    return java


@dataclass(frozen=True)
class BrokerStatus:
    running: bool
    pid: int | None
    bootstrap: str | None
    home: Path

    def describe(self) -> str:
        if self.running:
            return f"running: pid {self.pid}, bootstrap servers {self.bootstrap}, home {self.home}"
        return f"stopped (home {self.home})"


class LocalBroker:
    """One local broker instance rooted at ``home``."""

    def __init__(self, home: Path | None = None, *, port: int = DEFAULT_PORT, heap: str = "512m",
                 jar_cache: Path | None = None):
        self.home = Path(home) if home else default_home()
        self.preferred_port = port
        self.heap = heap
        self.jar_cache = jar_cache
        self._proc: subprocess.Popen[bytes] | None = None

    # -- state ---------------------------------------------------------------------------
    @property
    def _state_file(self) -> Path:
        return self.home / "state.json"

    def _read_state(self) -> dict:
        try:
            return json.loads(self._state_file.read_text())
        except (OSError, ValueError):
            return {}

    def status(self) -> BrokerStatus:
        state = self._read_state()
        pid = state.get("pid")
        if pid and _pid_alive(int(pid)):
            return BrokerStatus(True, int(pid), f"127.0.0.1:{state['port']}", self.home)
        return BrokerStatus(False, None, None, self.home)

    @property
    def bootstrap(self) -> str:
        status = self.status()
        if not status.bootstrap:
            raise BrokerError(f"the local broker at {self.home} is not running")
        return status.bootstrap

    # -- lifecycle -----------------------------------------------------------------------
    def start(self, timeout: float = 120.0) -> str:
        """Start the broker (or reuse a running one) and return its bootstrap address."""
        with _locked(self.home / ".lock"):
            status = self.status()
            if status.running and status.bootstrap:
                wait_until_ready(status.bootstrap, timeout=timeout)
                return status.bootstrap
            java = _java()
            lib = ensure_jars(self.jar_cache)
            state = self._read_state()
            port = self._choose_port(state.get("port") or self.preferred_port)
            cport = self._choose_port(state.get("controller_port") or 0, avoid={port})
            props = self._write_properties(port, cport)
            self._format_if_needed(java, lib, props)
            logs = self.home / "logs"
            logs.mkdir(parents=True, exist_ok=True)
            log4j = resources.files("newswatch.broker").joinpath("log4j2.properties")
            log4j_path = self.home / "log4j2.properties"
            log4j_path.write_bytes(log4j.read_bytes())
            started_at = (logs / "server.log").stat().st_size if (logs / "server.log").exists() else 0
            cmd = [java, f"-Xmx{self.heap}", f"-Xms{self.heap}", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                   "-Djava.awt.headless=true", f"-Dlog4j2.configurationFile={log4j_path}",
                   f"-Dkafka.logs.dir={logs}", "-cp", f"{lib}/*", "kafka.Kafka", str(props)]
            with open(logs / "stdout.log", "ab") as out:
                self._proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT,
                                              stdin=subprocess.DEVNULL, start_new_session=True)
            self._state_file.write_text(json.dumps({"pid": self._proc.pid, "port": port,
                                                    "controller_port": cport}))
            bootstrap = f"127.0.0.1:{port}"
            try:
                self._wait_started(logs / "server.log", started_at, timeout)
                wait_until_ready(bootstrap, timeout=timeout)
            except BaseException:
                self.kill()
                raise
            return bootstrap

    def stop(self, grace: float = 30.0) -> bool:
        """SIGTERM, then SIGKILL after ``grace`` seconds. Returns True if a broker was stopped."""
        status = self.status()
        if not status.running or status.pid is None:
            return False
        self._signal(status.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and _pid_alive(status.pid):
            self._reap()
            time.sleep(0.2)
        if _pid_alive(status.pid):
            self._signal(status.pid, signal.SIGKILL)
        self._reap(block=True)
        return True

    def kill(self) -> None:
        """SIGKILL the broker, as a crash would (fault tests)."""
        status = self.status()
        if status.pid:
            self._signal(status.pid, signal.SIGKILL)
            deadline = time.monotonic() + 10
            while _pid_alive(status.pid) and time.monotonic() < deadline:
                self._reap()
                time.sleep(0.05)
        self._reap(block=True)

    # -- helpers -------------------------------------------------------------------------
    def _signal(self, pid: int, sig: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)

    def _reap(self, block: bool = False) -> None:
        if self._proc is not None:
            try:
                self._proc.wait(timeout=10 if block else 0.001)
            except subprocess.TimeoutExpired:
                return
            self._proc = None

    def _choose_port(self, wanted: int, avoid: set[int] = frozenset()) -> int:  # type: ignore[assignment]
        if wanted and wanted not in avoid and _port_is_free(wanted):
            return wanted
        while True:
            port = _free_port()
            if port not in avoid:
                return port

    def _write_properties(self, port: int, cport: int) -> Path:
        data = self.home / "data"
        lines = {
            "process.roles": "broker,controller",
            "node.id": "1",
            "controller.quorum.voters": f"1@127.0.0.1:{cport}",
            "listeners": f"PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{cport}",
            "advertised.listeners": f"PLAINTEXT://127.0.0.1:{port}",
            "inter.broker.listener.name": "PLAINTEXT",
            "controller.listener.names": "CONTROLLER",
            "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            "log.dirs": str(data),
            "num.partitions": "1",
            "offsets.topic.replication.factor": "1",
            "offsets.topic.num.partitions": "4",
            "transaction.state.log.replication.factor": "1",
            "transaction.state.log.min.isr": "1",
            "share.coordinator.state.topic.replication.factor": "1",
            "share.coordinator.state.topic.min.isr": "1",
            "group.initial.rebalance.delay.ms": "0",
            "auto.create.topics.enable": "false",
        }
        self.home.mkdir(parents=True, exist_ok=True)
        props = self.home / "server.properties"
        props.write_text("".join(f"{k}={v}\n" for k, v in lines.items()))
        return props

    def _format_if_needed(self, java: str, lib: Path, props: Path) -> None:
        if (self.home / "data" / "meta.properties").exists():
            return
        cluster_id = new_cluster_id()
        cmd = [java, "-cp", f"{lib}/*", "kafka.tools.StorageTool", "format", "-t", cluster_id, "-c", str(props)]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            raise BrokerError("formatting the broker storage failed: " + (proc.stdout + proc.stderr).strip())

    def _wait_started(self, log: Path, offset: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc is not None and self._proc.poll() is not None:
                raise BrokerError(f"the Kafka broker exited with code {self._proc.returncode}; see {log}")
            if log.exists():
                with open(log, "rb") as fh:
                    fh.seek(offset)
                    if STARTED_LINE.encode() in fh.read():
                        return
            time.sleep(0.2)
        raise BrokerError(f"the Kafka broker did not start within {timeout:.0f} s; see {log}")
