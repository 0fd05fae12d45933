"""Shared fixtures. One real Kafka broker per test session; fresh topics and groups per test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from newswatch.broker import LocalBroker
from newswatch.config import TopicsConfig
from newswatch.kafka_io import Kafka
from newswatch.settings import Settings, load_settings
from tests.support.slack_receiver import SlackReceiver

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def kafka_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalBroker]:
    """A real Apache Kafka broker for the whole session."""
    broker = LocalBroker(tmp_path_factory.mktemp("kafka"), port=0)
    broker.start(timeout=180)
    yield broker
    broker.stop()


@pytest.fixture(scope="session")
def kafka(request: pytest.FixtureRequest) -> Kafka:
    """The session's Kafka. ``NEWSWATCH_TEST_BOOTSTRAP=host:port`` reuses a running broker instead
    (handy while developing: tests use fresh topic and group names, so sharing is safe)."""
    external = os.environ.get("NEWSWATCH_TEST_BOOTSTRAP")
    if external:
        return Kafka(bootstrap=external)
    broker: LocalBroker = request.getfixturevalue("kafka_broker")
    return Kafka(bootstrap=broker.bootstrap)


@pytest.fixture
def unique() -> str:
    return uuid.uuid4().hex[:10]


@pytest.fixture
def settings(kafka: Kafka, unique: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Settings:
    """Settings pointing at the session broker, with topics and groups nobody else uses."""
    for key in list(os.environ):
        if key.startswith("NEWSWATCH_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    topics = TopicsConfig(articles=f"t{unique}.articles", tagged=f"t{unique}.tagged", dlq=f"t{unique}.dlq",
                          partitions=3)
    result = load_settings(
        None,
        kafka={"bootstrap_servers": kafka.bootstrap},
        topics=topics.model_dump(),
        processor={"group": f"g{unique}-processor", "poll_timeout_ms": 200},
        # The delivery tests feed tagged records straight in; meeting alerts (source "meetings", the
        # default) are tested with the resolver running, in tests/sinks/test_meeting_alerts.py.
        alert={"group": f"g{unique}-alert", "source": "articles"},
        meetings={"group": f"g{unique}-meetings"},
        meeting_store={"group": f"g{unique}-meeting-store", "url": f"sqlite:///{tmp_path / 'meetings.db'}"},
        collector={"allow_networks": ["127.0.0.1/32"]},  # test feeds are served on loopback
    )
    kafka.ensure_topics(result.topics)
    return result


@pytest.fixture
def slack() -> Iterator[SlackReceiver]:
    with SlackReceiver() as receiver:
        yield receiver


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use the broker are marked ``kafka`` so ``-m 'not kafka'`` runs the fast ones."""
    for item in items:
        if {"kafka_broker", "kafka"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.kafka)


@pytest.fixture(scope="session")
def tagger():
    """One tagger per session: building the spaCy pipeline is the slow part."""
    from newswatch.processors.tag_meetings import MeetingTagger

    return MeetingTagger()


@pytest.fixture(scope="session")
def postgres_server():
    """One real PostgreSQL server for the whole session (Debian's postgresql package)."""
    from tests.support.postgres import PostgresServer

    server = PostgresServer()
    server.init()
    server.start()
    yield server
    server.remove()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path, unique: str) -> str:
    """A fresh, empty meeting database: an SQLite file, or a new database on the session's PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'meetings.db'}"
    server = request.getfixturevalue("postgres_server")
    return server.create_database(f"meetings_{unique}")
