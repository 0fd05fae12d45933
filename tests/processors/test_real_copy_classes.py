"""Regression tests for the error classes of the third held-out set (batches 13-28, issue 14).

Each test is named after the pattern it pins; the sentences are short paraphrases of the pattern, not
articles (the real items are in ``tests/data/real/en/`` and scored by ``test_real_copy.py``).
"""

from __future__ import annotations

from tests.processors.helpers import article


def tag(tagger, text: str, title: str = "", **kw):
    return tagger.tag(article(text, title=title, **kw))


def names(tagged) -> dict[str, str | None]:
    return {p.country: p.name for m in tagged.held_meetings for p in m.participants}


def test_took_the_chance_to_speak_with_counterparts_is_a_meeting_held(tagger):
    text = (
        "Defence Minister Anita Anand met U.S. Secretary of Defense Pete Hegseth in Brussels.\n"
        "The Minister also took the chance to speak with his counterparts from Croatia, Estonia, and Portugal."
    )
    tagged = tag(tagger, text, title="Minister Anand meets NATO counterparts")
    assert tagged.counterpart_countries == ["EE", "HR", "PT", "US"]


def test_an_infinitive_after_will_take_the_opportunity_stays_planned(tagger):
    text = "Defence Minister Anita Anand will take the opportunity to meet her counterparts from Croatia and Estonia."
    assert not tag(tagger, text, title="Anand to travel to Brussels").is_defense_ministerial_meeting


def test_a_title_between_counterpart_and_name_is_not_the_name(tagger):
    text = (
        "Defence Minister Anita Anand convened with her Croatian counterpart, Minister Ivan Anušić, "
        "on defence relations."
    )
    tagged = tag(tagger, text, title="Anand meets Croatian counterpart")
    assert tagged.counterpart_countries == ["HR"]
    assert names(tagged)["HR"] == "Ivan Anušić"


def test_indian_and_bruneian_honorifics_are_no_part_of_the_name(tagger):
    text = (
        "Indonesian Defence Minister Prabowo Subianto received his Indian counterpart Smt Nirmala Sitharaman "
        "in Jakarta.\nThe Timor-Leste Defence Minister, Brigadier Filomeno Paixão, met Richard Marles later."
    )
    tagged = tag(tagger, text, title="Prabowo receives Indian counterpart")
    assert names(tagged)["IN"] == "Nirmala Sitharaman"
