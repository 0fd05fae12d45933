"""Regression tests for the tenth round of fixes, part A: a defence principal's title read as a grammar of parts
(``title_grammar.tsv``) and one person's titles in apposition (issue 14).

One table, one row a pattern: the id names the pattern, the sentences are short constructions showing it, with
made-up names, not articles (the real items are in ``tests/data/real/en/`` and scored by ``test_real_copy.py``).
"""

from __future__ import annotations

import pytest

from tests.processors.helpers import article

# (title, text, is a meeting, host, counterparts, {(name, country)} among the held meetings' participants)
CASES = {
    "cabinet_secretary_of_defence_after_a_demonym": (
        "Talks in Nairobi",
        "Kenyan Cabinet Secretary of Defence Rose Wanjiru held talks with her Ugandan counterpart Peter Okello in "
        "Nairobi on Monday.",
        True,
        "KE",
        ["UG"],
        {("Rose Wanjiru", "KE")},
    ),
    "minister_responsible_for_defence_affairs": (
        "Talks in Gaborone",
        "Botswana's Minister Responsible for Defence Affairs Kagiso Molefe held talks with Namibian Defence Minister "
        "Frieda Shikongo in Gaborone on Tuesday.",
        True,
        "BW",
        ["NA"],
        {("Kagiso Molefe", "BW"), ("Frieda Shikongo", "NA")},
    ),
    "head_of_the_defense_ministry_of_a_country": (
        "Talks in Astana",
        "The head of the Defense Ministry of Kazakhstan Ruslan Abenov held talks with the head of the Defense "
        "Ministry of Uzbekistan Bakhtiyor Rakhimov in Astana on Friday.",
        True,
        "KZ",
        ["UZ"],
        {("Bakhtiyor Rakhimov", "UZ")},
    ),
    "joined_portfolio_in_apposition_after_another_office": (
        "Talks in Cairo",
        "Lieutenant General Omar Hassan, Commander-in-Chief of the Egyptian Armed Forces, Minister of Defense and "
        "Military Production, met Lieutenant General Amadou Diarra, Minister of National Defense and Veterans "
        "Affairs of the Republic of Mali, in Cairo on Sunday.",
        True,
        "EG",
        ["ML"],
        {("Omar Hassan", "EG"), ("Amadou Diarra", "ML")},
    ),
    "other_portfolio_before_defence": (
        "Talks in Suva",
        "Fiji's Minister for National Security and Defence Jone Vakarua met Australian Defence Minister Tom Barker "
        "in Suva on Wednesday.",
        True,
        "FJ",
        ["AU"],
        {("Jone Vakarua", "FJ"), ("Tom Barker", "AU")},
    ),
    "secretary_for_defense_with_for": (
        "Talks at the Pentagon",
        "U.S. Secretary for Defense Mark Ellison met Japanese Defense Minister Kenji Sato at the Pentagon on Monday.",
        True,
        "US",
        ["JP"],
        {("Kenji Sato", "JP")},
    ),
    "deputy_before_a_built_title_is_no_principal": (
        "Talks in Nairobi",
        "Deputy Cabinet Secretary of Defence Paul Mwangi held talks with Ugandan Defence Minister Peter Okello in "
        "Nairobi on Monday.",
        False,
        None,
        [],
        set(),
    ),
    "a_junior_defence_portfolio_is_no_principal": (
        "Talks in London",
        "Minister of Defence Procurement James Carter held talks with Polish Defence Minister Adam Nowak in London "
        "on Monday.",
        False,
        None,
        [],
        set(),
    ),
    "armed_forces_chief_is_an_officer": (
        "Talks in Rome",
        "French armed forces chief General Pierre Lemaire held talks with Italian Defence Minister Marco Rossi in "
        "Rome on Monday.",
        False,
        None,
        [],
        set(),
    ),
}


@pytest.mark.parametrize(
    ("title", "text", "is_meeting", "host", "counterparts", "names"), CASES.values(), ids=CASES.keys()
)
def test_tenth_round_a_pattern(tagger, title, text, is_meeting, host, counterparts, names):
    tagged = tagger.tag(article(text, title=title, source="Example Wire", url="https://example.test/story"))
    assert tagged.is_defense_ministerial_meeting is is_meeting
    assert tagged.counterpart_countries == counterparts
    if host is not None:
        assert tagged.host_country == host
    held = {(p.name, p.country) for m in tagged.held_meetings for p in m.participants}
    assert names <= held, held


def test_a_name_before_his_counterparts_is_never_the_counterparts(tagger):
    """A name the grammar now reads (a joined portfolio's minister) before "his counterparts" is the home side's:
    the unnamed counterpart does not take it."""
    tagged = tagger.tag(
        article(
            "After the commission meeting, the Minister for Defence and Security Kabo Sello hosted his counterparts "
            "from Namibia in Gaborone on Friday.",
            title="Talks in Gaborone",
            source="Example Wire",
            url="https://example.test/story",
        )
    )
    assert tagged.is_defense_ministerial_meeting and tagged.counterpart_countries == ["NA"]
    held = {(p.name, p.country) for m in tagged.held_meetings for p in m.participants}
    assert ("Kabo Sello", "NA") not in held, held
