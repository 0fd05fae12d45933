"""`newswatch meeting-store` as a real process: SIGKILLed mid-batch, and PostgreSQL stopped for 60 s under load."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

import pytest

from newswatch.schema import MeetingRecord, encode
from newswatch.sinks.meeting_store.database import Database
from tests.conftest import ROOT
from tests.meetings.factories import tagged
from tests.meetings.kafka_helpers import latest, wait
from tests.meetings.test_store import resolve
from tests.support.groups import committed_lag
from tests.support.postgres import PostgresServer
from tests.support.processes import stage_env, topic_env
from tests.support.topics import produce


def revisions(meetings: int, start_day: int = 0) -> list[MeetingRecord]:
    """Every revision of ``meetings`` KR-JP meetings ten days apart, each reported by three outlets."""
    out = []
    for n in range(meetings):
        day = start_day + n * 10
        out += resolve(tagged("yonhap", day=day), tagged("kyodo", day=day + 0.3), tagged("nhk", day=day + 1))
    return out


def publish(kafka, topic: str, records: list[MeetingRecord]) -> None:
    produce(kafka, topic, [encode(r) for r in records], [r.meeting_id.encode() for r in records])


def start(settings, url: str, group: str, log, batch: int = 40) -> subprocess.Popen:
    env = stage_env({**topic_env(settings), "NEWSWATCH_KAFKA__BOOTSTRAP_SERVERS": settings.kafka.bootstrap_servers,
                     "NEWSWATCH_MEETING_STORE__URL": url, "NEWSWATCH_MEETING_STORE__GROUP": group,
                     "NEWSWATCH_MEETING_STORE__MAX_BATCH": str(batch),
                     "NEWSWATCH_MEETING_STORE__POLL_TIMEOUT_MS": "100",
                     "NEWSWATCH_MEETING_STORE__RETRY_MAX_SECONDS": "1", "NEWSWATCH_METRICS__MEETING_STORE_PORT": "0",
                     "NEWSWATCH_KAFKA__SESSION_TIMEOUT_MS": "10000"})
    return subprocess.Popen([sys.executable, "-m", "newswatch", "meeting-store"], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=log)


def stored(url: str) -> dict[str, tuple[int, int]]:
    """meeting id -> (revision, reports) as the database holds it (empty while unreachable)."""
    db = Database(url)
    try:
        rows = db.query("SELECT m.meeting_id, m.revision, count(r.article_id) AS n FROM meetings m "
                        "LEFT JOIN reports r ON r.meeting_id = m.meeting_id GROUP BY m.meeting_id, m.revision")
        return {r["meeting_id"]: (r["revision"], r["n"]) for r in rows}
    except Exception:  # noqa: BLE001 - the server is down or the schema not there yet
        return {}
    finally:
        db.close()


def expected(kafka, topic: str) -> dict[str, tuple[int, int]]:
    return {k: (m.revision, len(m.reports)) for k, m in latest(kafka, topic).items()}


def stop_process(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=60)


def test_sigkill_mid_batch_then_restart_leaves_exactly_the_topic_s_meetings(settings, kafka, unique, tmp_path,
                                                                           postgres_server):
    url = postgres_server.create_database(f"kill_{unique}")
    topic, group = settings.topics.meetings_topic, f"g{unique}-store"
    kafka.ensure_topics(settings.topics, extra={topic: {"num_partitions": 3, "replication_factor": 1,
                                                        "configs": {"cleanup.policy": "compact"}}})
    publish(kafka, topic, revisions(300))
    logs = [open(tmp_path / f"store-{n}.log", "w") for n in (1, 2)]  # noqa: SIM115 - closed below
    first = start(settings, url, group, logs[0], batch=10)
    try:
        started = wait(lambda: len(stored(url)) >= 30 or first.poll() is not None, timeout=120)
    finally:
        first.send_signal(signal.SIGKILL)
        first.communicate(timeout=30)
    logs[0].flush()
    assert started, (tmp_path / "store-1.log").read_text()[-3000:]
    assert committed_lag(kafka, group, topic) > 0, "the sink had finished before the kill"
    second = start(settings, url, group, logs[1])
    try:
        assert wait(lambda: committed_lag(kafka, group, topic) == 0, timeout=120), \
            (tmp_path / "store-2.log").read_text()[-3000:]
    finally:
        stop_process(second)
        for log in logs:
            log.close()
    want = expected(kafka, topic)
    assert len(want) == 300
    assert stored(url) == want


@pytest.mark.faults
def test_postgres_stopped_for_60_s_under_load_the_sink_waits_and_loses_nothing(settings, kafka, unique, tmp_path):
    server = PostgresServer()
    server.init()
    server.start()
    url = server.create_database("outage")
    topic, group = settings.topics.meetings_topic, f"g{unique}-store"
    kafka.ensure_topics(settings.topics, extra={topic: {"num_partitions": 3, "replication_factor": 1,
                                                        "configs": {"cleanup.policy": "compact"}}})
    log = open(tmp_path / "store.log", "w")  # noqa: SIM115 - closed below
    sink = start(settings, url, group, log, batch=20)
    batches = [revisions(10, start_day=1000 * b) for b in range(40)]  # 40 x 30 revisions, new meetings each
    loading = threading.Event()

    def load() -> None:  # about 15 revisions a second for 80 s
        for batch in batches:
            publish(kafka, topic, batch)
            time.sleep(2.0)
        loading.set()

    producer = threading.Thread(target=load, daemon=True)
    try:
        producer.start()
        assert wait(lambda: len(stored(url)) >= 20, timeout=120), (tmp_path / "store.log").read_text()[-3000:]
        server.stop()
        outage_started = time.monotonic()
        time.sleep(60)  # the outage itself, as the scenario prescribes
        assert sink.poll() is None, "the sink died while the database was down"
        server.start()
        outage = time.monotonic() - outage_started
        assert loading.wait(timeout=180)
        assert wait(lambda: committed_lag(kafka, group, topic) == 0, timeout=180), \
            (tmp_path / "store.log").read_text()[-3000:]
        want = expected(kafka, topic)
        assert len(want) == 400 and outage >= 60
        assert stored(url) == want
        assert "meeting database unavailable, waiting" in (tmp_path / "store.log").read_text()
    finally:
        stop_process(sink)
        log.close()
        server.remove()
