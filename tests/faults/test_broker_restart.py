"""Scenario 1: the broker is SIGKILLed and restarted while a collector, a processor and an alert sink
run. Stories keep appearing in the feed before, during and after the outage. Every story appears
exactly once in the tagged topic (after deduplication by id) and every meeting is alerted exactly
once; all three processes ride out the outage and stop cleanly afterwards."""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, datetime, timedelta

import msgspec
import pytest

from newswatch.collectors.ids import article_id
from newswatch.schema import Article, TaggedArticle
from tests.support.corpus import article_stream
from tests.support.growing_feed import GrowingFeed
from tests.support.processes import wait_until
from tests.support.settle import inputs_of_pipeline, scraped_in_flight, settled
from tests.support.slack_receiver import SlackReceiver
from tests.support.topics import read_all

pytestmark = pytest.mark.faults

PHASE_SECONDS = 12
PER_SECOND = 10
URL = re.compile(r"https://news\.example/[\w/-]+")


def release_for(feed: GrowingFeed, seconds: int) -> None:
    for _ in range(seconds):
        feed.release(PER_SECOND)
        time.sleep(1)


def test_broker_killed_and_restarted_under_a_running_pipeline(pipeline):
    kafka, s = pipeline.kafka, pipeline.settings
    start = datetime.now(UTC) - timedelta(hours=1)
    stories, expected = article_stream(3 * PHASE_SECONDS * PER_SECOND, prefix="outage", defense_share=0.2,
                                       start=start)
    ids = {article_id(a.url) for a in stories}
    meeting_urls = {a.url for a in stories if a.id in expected.meetings}

    with GrowingFeed(stories) as feed, SlackReceiver() as slack:
        env = {"NEWSWATCH_COLLECTOR__FEEDS": json.dumps([{"url": feed.url, "name": "wire"}]),
               "NEWSWATCH_COLLECTOR__INTERVAL_SECONDS": "1", "NEWSWATCH_COLLECTOR__ALLOW_NETWORKS": '["127.0.0.0/8"]',
               "NEWSWATCH_ALERT__WEBHOOK_URL": slack.url}
        stages = [pipeline.start("collector", "collect", **env), pipeline.start("processor", "process", **env),
                  pipeline.start("alert", "alert", **env)]
        alert_url = [stage.metrics_url() for stage in stages][2]

        release_for(feed, PHASE_SECONDS)  # before
        pipeline.broker.kill()
        killed_at = feed.visible
        release_for(feed, PHASE_SECONDS)  # during: the broker is down
        pipeline.broker.start(timeout=180)
        restarted_at = feed.visible
        release_for(feed, PHASE_SECONDS)  # after
        assert 0 < killed_at < restarted_at < feed.visible == len(stories)

        def tagged_ids() -> set[str]:
            records = read_all(kafka, s.topics.tagged)
            return {msgspec.json.decode(r.value, type=TaggedArticle).article_id for r in records}

        def alerted() -> list[str]:
            return [u for p in slack.accepted for u in dict.fromkeys(URL.findall(json.dumps(p)))]

        wait_until(lambda: tagged_ids() >= ids, 240, what="every story tagged")
        try:
            wait_until(lambda: meeting_urls <= set(alerted()), 180, what="every meeting alerted")
        except AssertionError as timed_out:  # say where they stopped: this once failed under load (stop 23)
            missing = meeting_urls - set(alerted())
            raise AssertionError(f"{timed_out}: {len(missing)} of {len(meeting_urls)} meetings never alerted, "
                                 f"{len(slack.accepted)} payloads accepted; the alert sink "
                                 f"{'alive' if stages[2].alive else 'dead'}, its log:\n"
                                 f"{stages[2].log_text()[-4000:]}") from None
        # a wrong second alert could only come from unfinished input: wait until there is none
        wait_until(settled(kafka, inputs_of_pipeline(s), lambda: scraped_in_flight(alert_url) <= 0), 60,
                   what="every stage to commit all its input and the sink to go idle")
        assert all(stage.alive for stage in stages), [st.log_text()[-2000:] for st in stages if not st.alive]
        codes = [stage.terminate() for stage in stages]
        assert codes == [0, 0, 0], [st.log_text()[-2000:] for st in stages]
        urls = alerted()

    articles = [msgspec.json.decode(r.value, type=Article) for r in read_all(kafka, s.topics.articles)]
    assert {a.id for a in articles} == ids  # collected: every story, nothing else
    tagged = [msgspec.json.decode(r.value, type=TaggedArticle) for r in read_all(kafka, s.topics.tagged)]
    assert {t.article_id for t in tagged} == ids  # exactly once after dedup by id
    assert {t.url for t in tagged if t.is_defense_ministerial_meeting} == meeting_urls
    assert sorted(urls) == sorted(meeting_urls)  # each meeting alerted exactly once
    print(f"\nscenario 1: {len(ids)} stories ({killed_at} before the kill, {restarted_at - killed_at} while "
          f"the broker was down, {len(ids) - restarted_at} after), {len(articles) - len(ids)} re-published and "
          f"{len(tagged) - len(ids)} re-tagged records, {len(meeting_urls)} meetings alerted once")
