"""A replay killed with SIGKILL mid-way and run again ends with exactly an uninterrupted run's output."""

from __future__ import annotations

import json
import signal
import threading
import time
from collections import Counter
from datetime import timedelta

import msgspec
from kafka.structs import TopicPartition
from prometheus_client import CollectorRegistry

from newswatch.processors.replay import ReplayRequest, ReplayWindow, run_replay
from newswatch.schema import TaggedArticle
from tests.replay.helpers import cli, cli_env, days_ago, dev_articles, popen, publish, tagged

COPIES = 6  # the 62-article dev set six times over, with distinct ids: ~370 records


def _verdicts(records: list[TaggedArticle]) -> Counter:
    return Counter((t.article_id, t.is_defense_ministerial_meeting, t.host_country,
                    tuple(t.counterpart_countries), t.tagger_version) for t in records)


def _count_committed(consumer, tps) -> int:
    for _ in consumer.poll(timeout_ms=100).values():
        pass
    return sum(consumer.position(tp) for tp in tps)  # positions move past committed records only


def test_sigkilled_replay_rerun_matches_an_uninterrupted_run(settings, kafka, tagger):
    stamped = [(msgspec.structs.replace(a, id=f"{a.id}-{copy}"), days_ago(2) + timedelta(minutes=7 * i + copy))
               for copy in range(COPIES) for i, (a, _) in enumerate(dev_articles())]
    publish(kafka, settings.topics.articles, stamped)
    since, until = days_ago(2).date().isoformat(), days_ago(1).date().isoformat()
    args = ("replay", "--since", since, "--until", until, "--quiet", "--json")
    env = cli_env(settings, NEWSWATCH_PROCESSOR__REPLAY__MAX_BATCH="3")

    watcher = kafka.consumer(group=None)
    tps = [TopicPartition(settings.topics.tagged, p) for p in range(settings.topics.partitions)]
    watcher.assign(tps)
    watcher.seek_to_beginning(*tps)
    victim = popen(settings, *args, env=env)
    try:
        deadline = time.monotonic() + 120
        while _count_committed(watcher, tps) < 30 and victim.poll() is None and time.monotonic() < deadline:
            pass
        victim.send_signal(signal.SIGKILL)
        victim.wait(30)
    finally:
        watcher.close()
        if victim.poll() is None:
            victim.kill()
    assert victim.returncode == -signal.SIGKILL, "the replay finished before it could be killed"
    partial = tagged(kafka, settings.topics.tagged)
    assert 0 < len(partial) < len(stamped)

    rerun = cli(settings, *args, env=env)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["resumed"] and summary["complete"]
    assert summary["done_before"] >= len(partial)
    assert summary["total"] == len(stamped)

    # The same replay, uninterrupted, into another topic (hence another default group).
    reference_topic = settings.topics.tagged + ".reference"
    kafka.ensure_topics(settings.topics, extra={reference_topic: {"num_partitions": 3, "replication_factor": 1}})
    window = ReplayWindow(topic=settings.topics.articles, since=days_ago(2), until=days_ago(1))
    reference = run_replay(settings.processor, settings.topics, kafka, ReplayRequest(window=window,
                                                                                     output_topic=reference_topic),
                           stop=threading.Event(), registry=CollectorRegistry(), tagger=tagger)
    assert reference.complete and not reference.resumed

    killed_and_rerun = tagged(kafka, settings.topics.tagged)
    uninterrupted = tagged(kafka, reference_topic)
    assert len(killed_and_rerun) == len(uninterrupted) == len(stamped)
    assert _verdicts(killed_and_rerun) == _verdicts(uninterrupted)
    assert max(Counter(t.article_id for t in killed_and_rerun).values()) == 1
    print(f"killed after {len(partial)} records; rerun {summary['seconds']} s; reference {reference.seconds} s")


def test_sigterm_finishes_the_batch_says_interrupted_and_the_rerun_completes(settings, kafka):
    stamped = [(msgspec.structs.replace(a, id=f"{a.id}-{copy}"), days_ago(2) + timedelta(minutes=7 * i + copy))
               for copy in range(COPIES) for i, (a, _) in enumerate(dev_articles())]
    publish(kafka, settings.topics.articles, stamped)
    args = ("replay", "--since", days_ago(2).date().isoformat())
    env = cli_env(settings, NEWSWATCH_PROCESSOR__REPLAY__MAX_BATCH="3")

    watcher = kafka.consumer(group=None)
    tps = [TopicPartition(settings.topics.tagged, p) for p in range(settings.topics.partitions)]
    watcher.assign(tps)
    watcher.seek_to_beginning(*tps)
    first = popen(settings, *args, env=env)
    try:
        deadline = time.monotonic() + 120
        while _count_committed(watcher, tps) < 30 and first.poll() is None and time.monotonic() < deadline:
            pass
        first.send_signal(signal.SIGTERM)
        _out, err = first.communicate(timeout=60)
    finally:
        watcher.close()
        if first.poll() is None:
            first.kill()
    assert first.returncode == 1, err[-2000:]
    assert "replay interrupted (run the same command again to continue)" in err
    done_first = len(tagged(kafka, settings.topics.tagged))

    rerun = cli(settings, *args, env=env)
    assert rerun.returncode == 0, rerun.stderr
    assert f"replay: {len(stamped)}/{len(stamped)} records" in rerun.stderr  # the progress line counts both runs
    assert f"resumed at {done_first}/{len(stamped)}" in rerun.stderr
    assert Counter(t.article_id for t in tagged(kafka, settings.topics.tagged)) == Counter(a.id for a, _ in stamped)


def test_a_second_run_of_the_same_replay_fences_the_first_and_output_stays_exactly_once(settings, kafka, tagger):
    stamped = [(msgspec.structs.replace(a, id=f"{a.id}-{copy}"), days_ago(2) + timedelta(minutes=7 * i + copy))
               for copy in range(COPIES) for i, (a, _) in enumerate(dev_articles())]
    publish(kafka, settings.topics.articles, stamped)
    since = days_ago(2).date().isoformat()
    env = cli_env(settings, NEWSWATCH_PROCESSOR__REPLAY__MAX_BATCH="3")

    watcher = kafka.consumer(group=None)
    tps = [TopicPartition(settings.topics.tagged, p) for p in range(settings.topics.partitions)]
    watcher.assign(tps)
    watcher.seek_to_beginning(*tps)
    first = popen(settings, "replay", "--since", since, "--quiet", env=env)
    try:
        deadline = time.monotonic() + 120
        while _count_committed(watcher, tps) < 30 and first.poll() is None and time.monotonic() < deadline:
            pass
        assert first.poll() is None, "the first replay finished before the second started"
        window = ReplayWindow(topic=settings.topics.articles, since=days_ago(2))
        second = run_replay(settings.processor, settings.topics, kafka, ReplayRequest(window=window,
                                                                                      output_topic=settings.topics.tagged),
                            stop=threading.Event(), registry=CollectorRegistry(), tagger=tagger)
        _out, err = first.communicate(timeout=60)
    finally:
        watcher.close()
        if first.poll() is None:
            first.kill()
    assert second.resumed and second.complete
    assert first.returncode == 3, err[-2000:]
    assert "replay stopped:" in err and "run the same command again to continue" in err
    assert "Traceback" not in err
    out = tagged(kafka, settings.topics.tagged)
    assert Counter(t.article_id for t in out) == Counter(a.id for a, _ in stamped)
