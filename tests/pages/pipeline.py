"""A real pipeline run for the pages' tests: the known feed (``corpus``) through collector and tagger,
a few hand-built tagged stories (planned -> held, planned -> cancelled, hostile names and evidence)
published beside them, then the meeting resolver and the meeting store, all through the real broker."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from prometheus_client import CollectorRegistry

from newswatch.collectors.config import FeedConfig
from newswatch.collectors.run import run_collector
from newswatch.config import TopicsConfig
from newswatch.demo import serve_folder
from newswatch.kafka_io import Kafka
from newswatch.processors.resolve_meetings.config import ResolverConfig
from newswatch.processors.resolve_meetings.run import run_meeting_resolver
from newswatch.processors.run import run_processor
from newswatch.schema import Evidence, Meeting, Participant, TaggedArticle
from newswatch.settings import load_settings
from newswatch.sinks.meeting_store.config import MeetingStoreConfig
from newswatch.sinks.meeting_store.run import run_meeting_store
from tests.meetings.kafka_helpers import publish, settled, wait
from tests.pages.corpus import HOSTILE_LINK, HOSTILE_TEXT, HOSTILE_TITLE, write_feed
from tests.support.groups import committed_lag
from tests.support.stages import running

HOSTILE_NAME = '<img src=x onerror="window.__pwned=3">Mallory'
HOSTILE_PLACE = "<script>window.__pwned='place'</script>Atlantis"


def _tagged(article_id: str, outlet: str, when: datetime, status: str, people: list[Participant],
            sentence: str, *, url: str | None = None, title: str | None = None,
            location: str | None = None) -> TaggedArticle:
    meeting = Meeting(participants=people, location=location, status=status,  # type: ignore[arg-type]
                      evidence=[Evidence(text=sentence, start=0, end=len(sentence), rules=["test"])])
    host = people[0].country
    return TaggedArticle(article_id=article_id, url=url or f"https://{outlet}.example/{article_id}",
                         title=title or sentence[:60], is_defense_ministerial_meeting=status == "held", score=0.9,
                         host_country=host, counterpart_countries=[p.country for p in people[1:] if p.country],
                         meetings=[meeting], tagger_version="test", language="en", source=outlet, published=when,
                         fetched_at=when + timedelta(minutes=3))


def hand_built() -> list[TaggedArticle]:
    de = Participant(name="Boris Pistorius", role="Defense Minister", country="DE")
    fr = Participant(name="Sebastien Lecornu", role="Armed Forces Minister", country="FR")
    india = Participant(name="Rajnath Singh", role="Defence Minister", country="IN")
    cn = Participant(name="Dong Jun", role="Defense Minister", country="CN")
    t0 = datetime(2024, 12, 2, 9, tzinfo=UTC)
    return [
        _tagged("de-fr-plan", "dpa", t0, "planned", [de, fr], "Pistorius will meet Lecornu in Paris next week."),
        _tagged("de-fr-held", "afp", t0 + timedelta(days=7), "held", [fr, de],
                "Lecornu and Pistorius held talks in Paris on Monday.", location="Paris"),
        _tagged("in-cn-plan", "pti", t0 + timedelta(days=1), "planned", [india, cn],
                "Singh is expected to meet Dong in Vientiane."),
        _tagged("in-cn-off", "xinhua", t0 + timedelta(days=3), "cancelled", [cn, india],
                "The planned meeting between Dong and Singh was called off."),
        _tagged("hostile-hand", "<b>Evil</b> Times", t0 + timedelta(days=5), "held",
                [Participant(name=HOSTILE_NAME, role="<i>Defense</i> Minister", country="US"),
                 Participant(name="Grant Shapps", role="Defence Secretary", country="GB")],
                HOSTILE_TEXT, url=HOSTILE_LINK, title=HOSTILE_TITLE, location=HOSTILE_PLACE),
    ]


def run_pipeline(kafka: Kafka, tagger, database_url: str, folder: Path) -> None:
    """Everything into ``database_url``; returns when every stage committed all there is."""
    unique = uuid.uuid4().hex[:10]
    topics = TopicsConfig(articles=f"t{unique}.articles", tagged=f"t{unique}.tagged", dlq=f"t{unique}.dlq",
                          partitions=3)
    settings = load_settings(None, kafka={"bootstrap_servers": kafka.bootstrap}, topics=topics.model_dump(),
                             processor={"group": f"g{unique}-processor", "poll_timeout_ms": 200},
                             collector={"allow_networks": ["127.0.0.1/32"]})
    kafka.ensure_topics(settings.topics)
    resolver = ResolverConfig(group=f"g{unique}-meetings", poll_timeout_ms=100)
    store = MeetingStoreConfig(url=database_url, group=f"g{unique}-store", poll_timeout_ms=100)
    write_feed(folder)
    with serve_folder(folder) as base, \
            running(run_processor, cfg=settings.processor, topics=settings.topics, kafka=kafka, tagger=tagger), \
            running(run_meeting_resolver, cfg=resolver, topics=settings.topics, kafka=kafka), \
            running(run_meeting_store, cfg=store, topics=settings.topics, kafka=kafka):
        stats = run_collector(settings.collector, settings.topics, kafka, stop=threading.Event(),
                              registry=CollectorRegistry(),
                              feeds=[FeedConfig(url=f"{base}/feed.xml", name="pages-test")], once=True)
        assert stats.errors == 0 and stats.new >= 4, stats
        def done() -> bool:
            lags = {"processor": committed_lag(kafka, settings.processor.group, settings.topics.articles),
                    "resolver": 0 if settled(kafka, settings, resolver.group) else 1,
                    "store": committed_lag(kafka, store.group, settings.topics.meetings_topic)}
            state["lags"] = lags
            return not any(lags.values())

        state: dict = {}
        # The feed's own stories first (one of them announces the Germany-France talks): resolved before
        # the hand-built reports arrive, so the order of every meeting's reports is fixed.
        assert wait(done, timeout=180), state

        # Plans first, what became of them after: a meeting's id comes from the first report the
        # resolver sees, so the order is fixed here to keep the ids the tests name stable.
        stories = hand_built()
        publish(kafka, settings, [s for s in stories if s.meetings[0].status == "planned"])
        assert wait(done, timeout=180), state
        publish(kafka, settings, [s for s in stories if s.meetings[0].status != "planned"])
        assert wait(done, timeout=180), state
