"""Articles with controlled timestamps for replay and backfill tests."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec

from newswatch.kafka_io import Kafka
from newswatch.schema import Article, TaggedArticle, encode
from newswatch.settings import Settings
from tests.conftest import ROOT
from tests.support.processes import stage_env, topic_env
from tests.support.topics import read_all

DEV_SET = ROOT / "tests" / "data" / "dev_meetings.jsonl"


def dev_articles() -> list[tuple[Article, bool]]:
    """The labelled dev set as (article, is a meeting) pairs: realistic text, both verdicts."""
    rows = [json.loads(line) for line in DEV_SET.read_text().splitlines() if line.strip()]
    return [(msgspec.convert({k: v for k, v in row.items() if k != "label"}, Article),
             bool(row["label"]["is_defense_ministerial_meeting"])) for row in rows]


def days_ago(n: int) -> datetime:
    """Midnight UTC ``n`` days ago: recent enough for the topic's default 7-day retention."""
    return datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=n)


def publish(kafka: Kafka, topic: str, stamped: list[tuple[Article, datetime]]) -> None:
    producer = kafka.producer()
    try:
        futures = [producer.send(topic, key=a.id.encode(), value=encode(a), timestamp_ms=int(t.timestamp() * 1000))
                   for a, t in stamped]
        producer.flush()
        for future in futures:
            future.get()
    finally:
        producer.close()


def tagged(kafka: Kafka, topic: str) -> list[TaggedArticle]:
    """What a read_committed consumer sees in ``topic``."""
    return [msgspec.json.decode(r.value, type=TaggedArticle) for r in read_all(kafka, topic)]


def cli_env(settings: Settings, **extra: str) -> dict[str, str]:
    """Environment for a ``python -m newswatch`` subprocess using the test's topics."""
    return stage_env({**topic_env(settings), **extra})


def cli(settings: Settings, *args: str, env: dict[str, str] | None = None, timeout: float = 300,
        cwd: Path | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "newswatch", "--bootstrap-servers", settings.kafka.bootstrap_servers or "",
               *args]
    return subprocess.run(command, env=env or cli_env(settings), cwd=cwd or ROOT, capture_output=True, text=True,
                          timeout=timeout, check=False)


def popen(settings: Settings, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    command = [sys.executable, "-m", "newswatch", "--bootstrap-servers", settings.kafka.bootstrap_servers or "",
               *args]
    return subprocess.Popen(command, env=env or cli_env(settings), cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
