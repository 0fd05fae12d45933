"""Negation and tense: only meetings that took place count."""

from __future__ import annotations

import pytest


def real_triggers(tagger, text: str) -> list[bool]:
    return [t.real for t in tagger.nlp(text)._.nw_triggers]


@pytest.mark.parametrize(
    "text",
    [
        "Defense Minister Shin met his Japanese counterpart on Monday.",
        "Austin held talks with Dong on Friday.",
        "Defense chief holds talks with counterparts from 7 nations",
        "Austin spoke by phone with Umerov.",
        "In talks with Canadian defense chief Bill Blair, Kim highlighted shipbuilding.",
    ],
)
def test_past_and_headline_present_are_real(tagger, text):
    assert real_triggers(tagger, text) and all(real_triggers(tagger, text))


@pytest.mark.parametrize(
    "text",
    [
        "Austin will meet his Japanese counterpart next week.",
        "Austin to meet Chinese counterpart at Shangri-La Dialogue",
        "Austin is expected to hold talks with Dong this week.",
        "Marles is set to hold talks with Hegseth.",
        "Austin did not meet Dong.",
        "There were no talks between the two defense chiefs.",
        "The meeting was postponed after the martial law declaration.",
        "Teodoro denied meeting Chinese officials.",
        "Austin plans to visit Tokyo and meet Kihara.",
        "Austin has not held talks with a Chinese minister since 2022, when he met Wei Fenghe in Cambodia.",
    ],
)
def test_planned_denied_and_cancelled_are_not_real(tagger, text):
    assert real_triggers(tagger, text) and not any(real_triggers(tagger, text))


def test_relative_clause_meeting_is_background(tagger):
    doc = tagger.nlp("Austin, who met Kihara last week, held talks with Teodoro on Monday.")
    assert [(t.text, t.real) for t in doc._.nw_triggers] == [("met", False), ("held talks", True)]


@pytest.mark.parametrize(
    "text",
    [
        "Austin called on his Chinese counterpart to resume talks.",
        "Austin sent a letter to his Chinese counterpart proposing talks.",
    ],
)
def test_urging_and_proposing_talks_is_not_a_meeting(tagger, text):
    doc = tagger.nlp(text)
    assert doc._.nw_triggers and not any(t.real for t in doc._.nw_triggers)


@pytest.mark.parametrize(
    "text",
    [
        '"We are preparing a meeting with Secretary Hegseth," Ukrainian Defense Minister Rustem Umerov said.',
        "U.S. Defense Secretary Pete Hegseth is due to attend talks with Ukrainian Defense Minister Rustem "
        "Umerov in Brussels.",
    ],
)
def test_prepared_and_due_meetings_are_not_real(tagger, text):
    assert not any(real_triggers(tagger, text))


@pytest.mark.parametrize(
    "text",
    [
        "Austin and Dong held face-to-face talks in Singapore on Friday.",
        "Hegseth told Dong that Washington would defend its interests, in their first face-to-face meeting "
        "since Hegseth took office.",
    ],
)
def test_hyphenated_modifiers_and_reported_futures_do_not_plan_the_meeting(tagger, text):
    assert all(real_triggers(tagger, text))


def test_said_he_would_travel_for_talks_is_still_planned(tagger):
    assert not any(real_triggers(tagger, "Austin said he would travel to Tokyo next month for talks with Kihara."))


@pytest.mark.parametrize(
    ("published", "meeting"),
    [
        ("2025-05-28T08:00:00Z", False),  # eight months before the story: background
        ("2025-09-30T08:00:00Z", True),  # this month's news
        ("2025-10-02T08:00:00Z", True),  # last month's, still news
        (None, True),  # no date to compare with
    ],
)
def test_meeting_dated_months_before_the_story_is_background(tagger, published, meeting):
    import msgspec

    from newswatch.schema import Article

    story = msgspec.convert(
        {
            "id": "t",
            "url": "https://example.test/x",
            "title": "",
            "content": "Chinese Defense Minister Dong Jun and U.S. Defense Secretary Pete Hegseth held a video "
            "call in September.",
            "published": published,
        },
        Article,
    )
    assert tagger.tag(story).is_defense_ministerial_meeting is meeting


def test_meeting_in_an_earlier_year_is_background(tagger):
    import msgspec

    from newswatch.schema import Article

    story = msgspec.convert(
        {
            "id": "t",
            "url": "https://example.test/x",
            "title": "",
            "content": "Defense Minister Kim Yong-hyun met Japanese Defense Minister Minoru Kihara in 2023.",
            "published": "2025-03-01T00:00:00Z",
        },
        Article,
    )
    assert not tagger.tag(story).is_defense_ministerial_meeting


def test_published_as_a_string_still_dates_the_meeting(tagger):
    """``Article(**record)`` keeps ``published`` a string: the tagger reads it rather than failing."""
    from newswatch.schema import Article

    text = "Chinese Defense Minister Dong Jun and U.S. Defense Secretary Pete Hegseth held a video call in September."
    fresh = Article(id="a", url="u", title="", content=text, published="2025-09-30T08:00:00Z")
    stale = Article(id="b", url="u", title="", content=text, published="2025-05-28T08:00:00Z")
    garbage = Article(id="c", url="u", title="", content=text, published="not a date")
    assert tagger.tag(fresh).is_defense_ministerial_meeting
    assert not tagger.tag(stale).is_defense_ministerial_meeting
    assert tagger.tag(garbage).is_defense_ministerial_meeting
