"""The Aho-Corasick prefilter: cheap, and never drops a defense story."""

from __future__ import annotations

import json
from pathlib import Path

from newswatch.schema import Article

DEV = Path(__file__).resolve().parents[1] / "data" / "dev_meetings.jsonl"


def test_every_labelled_meeting_passes_the_prefilter(tagger):
    for line in DEV.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        label = record.pop("label")
        if label["is_defense_ministerial_meeting"]:
            assert tagger.prefilter(Article(**record)), record["title"]


def test_ordinary_news_is_filtered_out(tagger):
    story = Article(
        id="x", url="u", title="Spain beats England", content="Spain won the European Championship."
    )
    assert not tagger.prefilter(story)
    result = tagger.tag(story)
    assert not result.is_defense_ministerial_meeting and result.score == 0.0


def test_tag_many_matches_tag_in_order(tagger):
    stories = [
        Article(id=str(i), url="u", title=t, content=c)
        for i, (t, c) in enumerate(
            [
                ("Rain", "Rain is expected."),
                (
                    "Talks",
                    "Defence Secretary John Healey met his Ukrainian counterpart Rustem Umerov in Kyiv.",
                ),
                ("Markets", "Stocks rose."),
            ]
        )
    ]
    many = list(tagger.tag_many(stories))
    assert [t.article_id for t in many] == ["0", "1", "2"]
    assert [t.counterpart_countries for t in many] == [tagger.tag(s).counterpart_countries for s in stories]
    assert [t.is_defense_ministerial_meeting for t in many] == [False, True, False]


def test_bare_names_and_counterparts_pass_but_word_fragments_do_not(tagger):
    def passes(text: str) -> bool:
        return tagger.prefilter(Article(id="x", url="u", title=text))

    assert passes("Austin meets Marles in Canberra")
    assert passes("Minister meets his Mongolian counterparts")
    assert passes("French Armed Forces Minister meets Indian counterpart")
    assert not passes("A desperate search for survivors")


def test_principal_names_match_whole_words_only(tagger):
    """Regression: 'Kishi' (a defense minister) matched 'Kishida' (a prime minister)."""
    assert not tagger.prefilter(Article(id="x", url="u", title="Why is Fumio Kishida called a tax-hiker?"))
    assert tagger.prefilter(Article(id="x", url="u", title="Kishi's talks end"))
