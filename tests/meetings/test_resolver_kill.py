"""`newswatch resolve` SIGKILLed mid-batch and restarted: the meetings topic ends exactly as without the kill."""

from __future__ import annotations

import signal
import subprocess
import sys
from datetime import timedelta

import msgspec
from kafka.structs import TopicPartition

from newswatch.processors.resolve_meetings.book import MeetingBook
from newswatch.schema import Participant, ReportedMeeting
from tests.conftest import ROOT
from tests.meetings.factories import KR_MINISTER, tagged
from tests.meetings.kafka_helpers import latest, publish, settled, wait
from tests.support.processes import stage_env, topic_env
from tests.support.topics import read_all

MONTHS = 10
COUNTERPARTS = ("JP", "US", "AU", "PH", "CA", "FR", "DE", "GB", "IN", "ID")


def start(settings, group: str, log) -> subprocess.Popen:
    env = stage_env({**topic_env(settings), "NEWSWATCH_KAFKA__BOOTSTRAP_SERVERS": settings.kafka.bootstrap_servers,
                     "NEWSWATCH_MEETINGS__GROUP": group, "NEWSWATCH_MEETINGS__MAX_BATCH": "5",
                     "NEWSWATCH_MEETINGS__POLL_TIMEOUT_MS": "100", "NEWSWATCH_METRICS__RESOLVER_PORT": "0",
                     "NEWSWATCH_KAFKA__SESSION_TIMEOUT_MS": "10000"})
    return subprocess.Popen([sys.executable, "-m", "newswatch", "resolve"], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=log)


def written(kafka, topic: str) -> int:
    consumer = kafka.consumer(group=None)
    try:
        parts = consumer.partitions_for_topic(topic)
        if not parts:
            return 0
        return sum(consumer.end_offsets([TopicPartition(topic, p) for p in parts]).values())
    finally:
        consumer.close()


def stories() -> list:
    """100 meetings (10 counterparts x 10 months), each reported by three outlets over two days."""
    out = []
    for month in range(MONTHS):
        for code in COUNTERPARTS:
            other = Participant(name=f"Minister of {code}", role="defense minister", country=code)
            for n, outlet in enumerate(("yonhap", "kyodo", "reuters")):
                out.append(tagged(outlet, day=month * 30 + n * 0.7, people=(KR_MINISTER, other),
                                  article=f"{code}-{month}-{outlet}"))
    return out


def test_sigkill_mid_batch_then_restart_leaves_exactly_the_records_of_an_unbroken_run(settings, kafka, unique,
                                                                                      tmp_path):
    group = f"g{unique}-meetings"
    articles = stories()
    publish(kafka, settings, articles)
    logs = [open(tmp_path / f"resolve-{n}.log", "w") for n in (1, 2)]  # noqa: SIM115 - closed below
    first = start(settings, group, logs[0])
    try:
        started = wait(lambda: written(kafka, settings.topics.meetings_topic) >= 10 or first.poll() is not None,
                       timeout=120)
        exited = first.poll() is not None
    finally:
        first.send_signal(signal.SIGKILL)
        first.communicate(timeout=30)
    logs[0].flush()
    assert started and not exited, "the resolver never got going: " + (tmp_path / "resolve-1.log").read_text()[-3000:]
    assert not settled(kafka, settings, group), "the resolver had finished before the kill"
    second = start(settings, group, logs[1])
    try:
        done = wait(lambda: settled(kafka, settings, group), timeout=90)
    finally:
        second.send_signal(signal.SIGTERM)
        second.communicate(timeout=60)
        for log in logs:
            log.close()
    second_log = (tmp_path / "resolve-2.log").read_text()
    assert done, second_log[-3000:]
    assert second.returncode == 0, second_log[-3000:]

    # An unbroken resolver over the same reports, in the topic's order, gives the reference records.
    reference: dict[str, object] = {}
    books: dict[int, MeetingBook] = {}
    for record in read_all(kafka, settings.topics.meeting_reports_topic):
        book = books.setdefault(record.partition, MeetingBook(window=timedelta(days=3), horizon=timedelta(days=14)))
        result = book.resolve(msgspec.json.decode(record.value, type=ReportedMeeting))
        if result.record is not None:
            reference[result.record.meeting_id] = result.record
    meetings = latest(kafka, settings.topics.meetings_topic)
    assert meetings == reference
    assert len(meetings) == MONTHS * len(COUNTERPARTS)
    assert all(len(m.reports) == 3 for m in meetings.values())
