"""Replay against the real broker: exactly the window's articles, re-tagged once, resumable."""

from __future__ import annotations

import random
import threading
from collections import Counter
from datetime import timedelta

import msgspec
import pytest
from prometheus_client import CollectorRegistry

from newswatch.processors.replay import ReplayError, ReplayRequest, ReplayWindow, run_replay
from tests.replay.helpers import days_ago, dev_articles, publish, tagged
from tests.support.topics import read_all


def _replay_settings(settings, **replay):
    cfg = settings.processor.replay.model_copy(update={"poll_timeout_ms": 200, **replay})
    return settings.model_copy(update={"processor": settings.processor.model_copy(update={"replay": cfg})})


def _three_days(settings, kafka):
    """The dev set spread over three days, published in shuffled (out-of-time-order) order."""
    stamped = [(article, days_ago(3 - i % 3) + timedelta(hours=(i * 5) % 24, minutes=i))
               for i, (article, _) in enumerate(dev_articles())]
    random.Random(7).shuffle(stamped)
    publish(kafka, settings.topics.articles, stamped)
    return stamped


def _run(settings, kafka, tagger, window, **kw):
    stop = kw.pop("stop", threading.Event())
    request = ReplayRequest(window=window, output_topic=kw.pop("output", settings.topics.tagged), **kw)
    return run_replay(settings.processor, settings.topics, kafka, request, stop=stop, registry=CollectorRegistry(),
                      tagger=tagger)


def test_replay_of_one_day_retags_exactly_that_day_once(settings, kafka, tagger):
    stamped = _three_days(settings, kafka)
    day = days_ago(2)
    expected = {a.id: a for a, when in stamped if day <= when < day + timedelta(days=1)}
    assert 0 < len(expected) < len(stamped)

    window = ReplayWindow(topic=settings.topics.articles, since=day, until=day + timedelta(days=1))
    summary = _run(settings, kafka, tagger, window)

    out = tagged(kafka, settings.topics.tagged)
    assert Counter(t.article_id for t in out) == Counter(expected.keys())  # each once, nothing else
    assert {t.tagger_version for t in out} == {tagger.versions["en"]}  # English records carry the English version
    assert all(t.replayed and not t.alerts_allowed for t in out)
    for result in out:
        fresh = tagger.tag(expected[result.article_id])
        assert (result.is_defense_ministerial_meeting, result.host_country, result.counterpart_countries) == (
            fresh.is_defense_ministerial_meeting, fresh.host_country, fresh.counterpart_countries)
    assert summary.complete and not summary.resumed
    assert summary.tagged == len(expected)
    assert summary.meetings == sum(t.is_defense_ministerial_meeting for t in out) > 0
    assert summary.read == summary.total == summary.tagged + summary.skipped  # out-of-window records skipped
    assert summary.dead_letters == 0

    again = _run(settings, kafka, tagger, window)  # same range, same group: nothing left to do
    assert again.resumed and again.complete and again.read == 0
    assert len(tagged(kafka, settings.topics.tagged)) == len(expected)


def test_interrupted_replay_resumes_on_its_planned_range(settings, kafka, tagger):
    settings = _replay_settings(settings, max_batch=4)
    stamped = _three_days(settings, kafka)
    window = ReplayWindow(topic=settings.topics.articles, since=days_ago(3), until=days_ago(1))
    expected = {a.id for a, when in stamped if days_ago(3) <= when < days_ago(1)}

    stop = threading.Event()
    request = ReplayRequest(window=window, output_topic=settings.topics.tagged)

    def stop_after_first_batch(done: int, total: int) -> None:
        if done > 0:
            stop.set()  # what SIGTERM/Ctrl-C does: finish the batch, commit, exit

    first = run_replay(settings.processor, settings.topics, kafka, request, stop=stop, registry=CollectorRegistry(),
                       tagger=tagger,
                       on_progress=stop_after_first_batch)
    assert not first.complete and 0 < first.read < first.total
    # New in-window articles arriving after the plan are not part of this replay.
    late = [(msgspec.structs.replace(a, id="late-" + a.id), days_ago(2) + timedelta(hours=1))
            for a, _ in dev_articles()[:3]]
    publish(kafka, settings.topics.articles, late)

    second = run_replay(settings.processor, settings.topics, kafka, request, stop=threading.Event(),
                        registry=CollectorRegistry(),
                        tagger=tagger)
    assert second.resumed and second.complete
    assert second.done_before == first.read
    assert first.read + second.read == second.total
    out = Counter(t.article_id for t in tagged(kafka, settings.topics.tagged))
    assert out == Counter(expected)


def test_from_offsets_replays_only_the_listed_partition_from_there(settings, kafka, tagger):
    _three_days(settings, kafka)
    records_by_partition: dict[int, list] = {}
    for record in read_all(kafka, settings.topics.articles):
        records_by_partition.setdefault(record.partition, []).append(record)
    partition, records = max(records_by_partition.items(), key=lambda kv: len(kv[1]))
    start = records[len(records) // 2].offset
    window = ReplayWindow(topic=settings.topics.articles, from_offsets={partition: start})
    summary = _run(settings, kafka, tagger, window)

    expected = [r.key.decode() for r in records if r.offset >= start]
    assert sorted(t.article_id for t in tagged(kafka, settings.topics.tagged)) == sorted(expected)
    assert summary.partitions[str(partition)] == [start, records[-1].offset + 1]
    assert summary.skipped == 0


def test_a_group_holding_another_range_is_refused(settings, kafka, tagger):
    _three_days(settings, kafka)
    first = ReplayWindow(topic=settings.topics.articles, since=days_ago(2), until=days_ago(1))
    _run(settings, kafka, tagger, first, group="g-" + settings.processor.group)
    other = ReplayWindow(topic=settings.topics.articles, since=days_ago(3), until=days_ago(1))
    with pytest.raises(ReplayError, match="holds a different replay"):
        _run(settings, kafka, tagger, other, group="g-" + settings.processor.group)


def test_poison_records_in_the_window_go_to_the_dead_letter_topic(settings, kafka, tagger):
    when = int((days_ago(1) + timedelta(hours=3)).timestamp() * 1000)
    producer = kafka.producer()
    producer.send(settings.topics.articles, key=b"bad", value=b"{not json", timestamp_ms=when).get(30)
    producer.close()
    summary = _run(settings, kafka, tagger, ReplayWindow(topic=settings.topics.articles, since=days_ago(1)))
    assert (summary.read, summary.tagged, summary.dead_letters) == (1, 0, 1)
    dead = read_all(kafka, settings.topics.dlq)
    assert len(dead) == 1 and b'"stage":"replay"' in dead[0].value and b"invalid_json" in dead[0].value
