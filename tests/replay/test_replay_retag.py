"""Replay after a rule change re-tags the range; the same command with an unchanged tagger resumes.

Regression for issue 13: the tagger version was typed by hand and never changed, and the replay's
group was keyed by it, so ``newswatch replay`` after a rule fix resumed its finished plan and
silently re-tagged nothing.
"""

from __future__ import annotations

import shutil
import threading
from collections import Counter
from datetime import timedelta

from prometheus_client import CollectorRegistry

from newswatch.processors.replay import ReplayRequest, ReplayWindow, run_replay
from newswatch.processors.tag_meetings import MeetingTagger, TaggerConfig
from newswatch.processors.tag_meetings.config import DATA_ROOT
from tests.replay.helpers import days_ago, dev_articles, publish, tagged


def _run(settings, kafka, tagger, window):
    request = ReplayRequest(window=window, output_topic=settings.topics.tagged)
    return run_replay(settings.processor, settings.topics, kafka, request, stop=threading.Event(),
                      registry=CollectorRegistry(), tagger=tagger)


def _edited_tagger(tmp_path) -> MeetingTagger:
    """The same rules plus one trigger phrase, from a copy of the rules folder."""
    rules = tmp_path / "rules-en"
    shutil.copytree(DATA_ROOT / "en", rules)
    with (rules / "triggers.tsv").open("a", encoding="utf-8") as triggers:
        triggers.write("in-person\tverb\tsat down with\n")
    return MeetingTagger(TaggerConfig(data_dir=rules))


def test_rule_change_retags_the_range_and_unchanged_tagger_resumes(settings, kafka, tagger, tmp_path):
    articles = [(article, days_ago(1) + timedelta(minutes=i)) for i, (article, _) in enumerate(dev_articles()[:12])]
    publish(kafka, settings.topics.articles, articles)
    window = ReplayWindow(topic=settings.topics.articles, since=days_ago(1), until=days_ago(0))

    first = _run(settings, kafka, tagger, window)
    assert first.complete and first.tagged == 12 and first.retagged_from is None

    unchanged = _run(settings, kafka, tagger, window)  # the same command, the same tagger: resume, nothing to do
    assert unchanged.resumed and unchanged.complete and unchanged.read == 0 and unchanged.group == first.group

    edited = _edited_tagger(tmp_path)
    assert edited.version != tagger.version
    second = _run(settings, kafka, edited, window)  # the same command after a rule change
    assert second.group == first.group and not second.resumed
    assert second.retagged_from == tagger.version
    assert second.complete and second.tagged == 12

    out = tagged(kafka, settings.topics.tagged)
    by_version = Counter(t.tagger_version for t in out)
    # each record carries its own language's version (English here); the plan keeps the digest of all languages
    assert by_version == {tagger.versions["en"]: 12, edited.versions["en"]: 12}
    assert {t.article_id for t in out if t.tagger_version == edited.versions["en"]} == {a.id for a, _ in articles}

    again = _run(settings, kafka, edited, window)  # and the new tagger's plan resumes in turn
    assert again.resumed and again.read == 0
