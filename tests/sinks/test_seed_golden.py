"""Golden test: the seed's TaggedArticle (tests/data/seed_tagged.json) renders exactly the committed
Block Kit payload (tests/data/seed_alert.json). Regenerate both, after checking the diff, with
``python -m tests.sinks.test_seed_golden``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newswatch.records import decode_record
from newswatch.schema import TaggedArticle, encode
from newswatch.sinks.slack_message import build_message

DATA = Path(__file__).resolve().parent.parent / "data"
SEED_INPUT = DATA / "seed_tagged.json"
SEED_ALERT = DATA / "seed_alert.json"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed_tagged() -> TaggedArticle:
    return decode_record(json.dumps(json.loads(SEED_INPUT.read_text("utf-8"))).encode(), TaggedArticle)


def test_seed_alert_matches_the_golden_payload():
    assert build_message(seed_tagged()) == json.loads(SEED_ALERT.read_text("utf-8"))


def _comparable(tagged: TaggedArticle) -> dict:
    data = json.loads(encode(tagged))
    for volatile in ("tagged_at", "fetched_at", "tagger_version"):  # the version names the rules: it moves
        data.pop(volatile)
    # The tagger does not promise an order of meetings (it varies with PYTHONHASHSEED today).
    data["meetings"] = sorted(data["meetings"], key=lambda m: json.dumps(m, sort_keys=True))
    return data


def test_golden_input_is_what_the_tagger_makes_of_the_seed_feed(request):
    pytest.importorskip("newswatch.processors.tag_meetings")
    from newswatch.collectors.rss import parse_feed

    tagger = request.getfixturevalue("tagger")
    article = parse_feed((SEEDS / "feed.xml").read_bytes(), source="seeds").articles[0]
    assert _comparable(tagger.tag(article)) == _comparable(seed_tagged())


if __name__ == "__main__":
    from newswatch.collectors.rss import parse_feed
    from newswatch.processors.tag_meetings import MeetingTagger

    article = parse_feed((SEEDS / "feed.xml").read_bytes(), source="seeds").articles[0]
    data = json.loads(encode(MeetingTagger().tag(article)))
    data.update(tagged_at="2024-11-20T09:00:00Z", fetched_at="2024-11-20T08:55:00Z")
    SEED_INPUT.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    SEED_ALERT.write_text(json.dumps(build_message(seed_tagged()), ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"wrote {SEED_INPUT} and {SEED_ALERT}")
