"""Backfill against the real broker: seeds plus a generated archive, progress, no duplicates, retention."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

from kafka.admin import ConfigResource, ConfigResourceType

from newswatch.collectors.backfill import BackfillError, run_backfill
from newswatch.schema import Article, encode
from tests.conftest import SEEDS
from tests.replay.helpers import cli, days_ago
from tests.support.topics import read_all

GENERATED = 10_000


def _keep_forever(kafka, topic: str) -> None:
    admin = kafka.admin()
    try:
        admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, topic, configs={"retention.ms": "-1"})])
    finally:
        admin.close()


def _archive(path, n: int, start: datetime) -> list[Article]:
    articles = [Article(id=f"gen-{i:05d}", url=f"https://archive.example/{i}", title=f"Archived story {i}",
                        content=f"Body of archived story {i}.", published=start + timedelta(seconds=30 * i),
                        source="gen")
                for i in range(n)]
    path.write_bytes(b"\n".join(encode(a) for a in articles) + b"\n")
    return articles


def test_backfill_of_seeds_and_a_generated_archive_prints_progress(settings, kafka, tmp_path):
    archive = tmp_path / "archive.jsonl"
    articles = _archive(archive, GENERATED, days_ago(5))
    first = cli(settings, "backfill", str(SEEDS), str(archive))
    # The seed story is from 2024: far older than the test topic's 7-day retention.
    assert first.returncode == 2
    assert "older than" in first.stderr and "retention.ms" in first.stderr and "--force" in first.stderr
    assert read_all(kafka, settings.topics.articles) == []

    _keep_forever(kafka, settings.topics.articles)
    run = cli(settings, "backfill", str(SEEDS), str(archive))
    assert run.returncode == 0, run.stderr
    assert f"backfill: {GENERATED + 2}/{GENERATED + 2} records" in run.stderr  # seeds: feed item + text file
    assert "reading archives: 3/3 files" in run.stderr
    assert "backfill done: 3 files" in run.stderr

    records = read_all(kafka, settings.topics.articles)
    assert len(records) == GENERATED + 2
    by_id = {r.key.decode(): r for r in records}
    assert len(by_id) == len(records)
    for article in (articles[0], articles[4321], articles[-1]):
        assert by_id[article.id].timestamp == int(article.published.timestamp() * 1000)
    seed_item = next(r for r in records if b"Seoul Defense Dialogue" in r.value and b'"published":"2024' in r.value)
    assert seed_item.timestamp == int(datetime(2024, 11, 20, 8, 50, tzinfo=UTC).timestamp() * 1000)

    again = cli(settings, "backfill", "--json", str(SEEDS), str(archive))
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)
    assert (summary["read"], summary["published"], summary["skipped"]) == (GENERATED + 2, 0, GENERATED + 2)
    assert len(read_all(kafka, settings.topics.articles)) == GENERATED + 2


def test_interrupted_backfill_is_finished_by_running_it_again(settings, kafka, tmp_path):
    archive = tmp_path / "archive.jsonl"
    _archive(archive, 2500, days_ago(3))
    stop = threading.Event()

    def stop_after_first_chunk(done: int, total: int) -> None:
        if done > 0:
            stop.set()

    first = run_backfill(settings.collector, settings.topics, kafka, [archive], topic=settings.topics.articles,
                         stop=stop,
                         on_progress=stop_after_first_chunk)
    assert not first.complete and 0 < first.published < 2500
    second = run_backfill(settings.collector, settings.topics, kafka, [archive], topic=settings.topics.articles)
    assert second.complete
    assert (second.skipped, second.published) == (first.published, 2500 - first.published)
    keys = [r.key for r in read_all(kafka, settings.topics.articles)]
    assert len(keys) == len(set(keys)) == 2500


def test_bad_lines_go_to_the_dead_letter_topic_and_old_archives_need_force(settings, kafka, tmp_path):
    archive = tmp_path / "mixed.jsonl"
    good = Article(id="ok-1", url="https://x.example/1", title="Fine", published=days_ago(400))
    future = Article(id="future-1", url="https://x.example/2", title="Typo in the year",
                     published=datetime.now(UTC) + timedelta(days=2))  # Kafka 4 accepts at most 1 h ahead
    archive.write_bytes(encode(good) + b"\n{broken\n" + b'{"id": "no-title"}\n' + encode(future) + b"\n")
    try:
        run_backfill(settings.collector, settings.topics, kafka, [archive], topic=settings.topics.articles)
        raise AssertionError("an archive older than the retention window was accepted without --force")
    except BackfillError as exc:
        assert "1 of 1 articles" in str(exc) and "retention.ms (7.0 days)" in str(exc)
    summary = run_backfill(settings.collector, settings.topics, kafka, [archive], topic=settings.topics.articles,
                           force=True)
    assert (summary.read, summary.published, summary.dead_letters) == (4, 1, 3)
    dead = [json.loads(r.value) for r in read_all(kafka, settings.topics.dlq)]
    assert sorted(d["error_type"] for d in dead) == ["invalid_json", "invalid_schema", "timestamp_rejected"]
    assert all(d["stage"] == "backfill" and str(archive) in d["error"] for d in dead)
