"""Scenario 5: a flood. 50,000 articles are published as fast as the collector's publish path can
(``newswatch backfill`` of a JSON-lines archive) while two processors and an alert sink run. Every
article is tagged exactly once, every meeting alerted exactly once, the lag drains to zero, and each
process's memory stays bounded: the peak resident set of every process is reported and checked.
"""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, datetime, timedelta

import msgspec
import pytest

from newswatch.schema import TaggedArticle, encode
from tests.support.corpus import COUNTRIES, article_stream
from tests.support.groups import committed_lag
from tests.support.processes import wait_until
from tests.support.settle import inputs_of_pipeline, scraped_in_flight, settled
from tests.support.slack_receiver import SlackReceiver
from tests.support.topics import read_all

pytestmark = pytest.mark.faults

ARTICLES = 50_000
#: A stage that buffered the flood instead of streaming it would hold ~50 MB of records and their
#: Python objects several times over; these processes stream in batches of at most 500.
MAX_RSS_MIB = 450
URL = re.compile(r"https://news\.example/[\w/-]+")


def test_flood_of_fifty_thousand_articles(pipeline):
    kafka, s = pipeline.kafka, pipeline.settings
    # one article a second, all in the past (Kafka refuses timestamps an hour ahead) and recent
    # enough for the topic's retention
    start = datetime.now(UTC) - timedelta(seconds=ARTICLES + 3600)
    articles, expected = article_stream(ARTICLES, prefix="flood", start=start)
    archive = pipeline.workdir / "flood.jsonl"
    archive.write_bytes(b"\n".join(encode(a) for a in articles) + b"\n")
    meeting_urls = {a.url for a in articles if a.id in expected.meetings}

    with SlackReceiver() as slack:
        # Four channels, split by host country, at Slack's default pace (about one message a second
        # each): a flood of meetings becomes digests rather than a queue minutes long.
        codes = sorted({code for _name, code, _city in COUNTRIES})
        routes = [{"name": f"desk-{i}", "webhook_url": f"{slack.url}-{i}", "host_countries": codes[i::4]}
                  for i in range(4)]
        env = {"NEWSWATCH_ALERT__ROUTES": json.dumps(routes)}
        processors = [pipeline.start(f"processor-{i}", "process") for i in range(2)]
        alert = pipeline.start("alert", "alert", **env)
        for proc in processors:
            proc.metrics_url()  # started
        alert_url = alert.metrics_url()

        started = time.monotonic()
        backfill = pipeline.start("backfill", "backfill", "--quiet", str(archive))
        assert backfill.wait(timeout=300) == 0, backfill.log_text()[-3000:]
        published_in = time.monotonic() - started

        wait_until(lambda: committed_lag(kafka, s.processor.group, s.topics.articles) == 0, 300,
                   what="the processors' lag to drain")
        drained_in = time.monotonic() - started

        def alerted() -> list[str]:
            return [u for p in slack.accepted for u in dict.fromkeys(URL.findall(json.dumps(p)))]

        wait_until(lambda: meeting_urls <= set(alerted()), 300, what="every meeting alerted")
        # a wrong second delivery could only come from unfinished input: wait until there is none
        wait_until(settled(kafka, inputs_of_pipeline(s), lambda: scraped_in_flight(alert_url) <= 0), 120,
                   what="every stage to commit all its input and the sink to go idle")
        codes = [p.terminate() for p in (*processors, alert)]
        assert codes == [0, 0, 0], alert.log_text()[-2000:]
        urls = alerted()

    tagged = [msgspec.json.decode(r.value, type=TaggedArticle) for r in read_all(kafka, s.topics.tagged, timeout=120)]
    assert len(tagged) == ARTICLES  # no fault, so at-least-once is exactly once here
    assert {t.article_id for t in tagged} == expected.ids
    assert {t.article_id for t in tagged if t.is_defense_ministerial_meeting} == set(expected.meetings)
    assert sorted(urls) == sorted(meeting_urls)  # each meeting alerted once
    assert read_all(kafka, s.topics.dlq) == []

    rss = {p.name: p.peak_rss / 2**20 for p in (backfill, *processors, alert)}
    print(f"\nscenario 5: {ARTICLES} articles published in {published_in:.1f} s "
          f"({ARTICLES / published_in:,.0f}/s), lag drained after {drained_in:.1f} s, "
          f"{len(meeting_urls)} meetings alerted once; peak RSS "
          + ", ".join(f"{name} {mib:.0f} MiB" for name, mib in rss.items()))
    assert all(0 < mib < MAX_RSS_MIB for mib in rss.values()), rss
