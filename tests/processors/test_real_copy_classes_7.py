"""Regression tests for the error classes of the seventh held-out set (batches 46-53, issue 14; seventh round of fixes).

One table, one row a pattern: the id names the pattern, the sentences are short constructions showing it, not
articles (the real items are in ``tests/data/real/en/`` and scored by ``test_real_copy.py``).
"""

from __future__ import annotations

import pytest

from newswatch.processors.tag_meetings.lexicon import DEFAULT_RULES, load_lexicon, source_country
from tests.processors.helpers import article, check_pattern

# (title, text, source, url, is a meeting, host, counterparts)
CASES = {
    "travelled_to_a_city_to_meet_is_a_trip_made": (
        "Defence minister in Berlin",
        "On Tuesday Hungarian Defence Minister Kristof Szalay-Bobrovniczky travelled to Berlin to meet his German "
        "counterpart Christine Lambrecht.",
        "About Hungary",
        "https://abouthungary.hu/news/1",
        True,
        "HU",
        ["DE"],
    ),
    "a_trip_to_meet_is_a_trip_made": (
        "Healey in Washington",
        "British Defence Secretary John Healey's trip to meet U.S. Secretary of Defense Pete Hegseth comes after "
        "the spending rise.",
        "Example Wire",
        "https://example.test/story",
        True,
        "GB",
        ["US"],
    ),
    "a_demonym_before_a_list_of_titled_names_is_each_ones": (
        "Secretary hosts Peruvian leaders at Pentagon",
        "Defense Secretary Chuck Hagel hosted Peruvian President Ollanta Humala, Foreign Minister Eda Rivas and "
        "Defense Minister Pedro Cateriano at the Pentagon yesterday.",
        "U.S. Department of Defense",
        "https://www.defense.gov/News/1/",
        True,
        "US",
        ["PE"],
    ),
    "a_meeting_reviewed_is_background": (
        "Defense Minister Nakatani meets the U.S. Ambassador",
        "Defense Minister Nakatani and Ambassador Emanuel used the occasion to review the recent Japan-U.S. "
        "Defense Ministerial Meeting with Secretary Austin.",
        "Japan Ministry of Defense",
        "https://www.mod.go.jp/en/article/1.html",
        False,
        None,
        [],
    ),
    "the_inviter_of_a_trip_to_meet_an_officer_is_not_met": (
        "Azerbaijani defense minister meets chief of Turkish General Staff",
        "Azerbaijan's Defense Minister Zakir Hasanov, in Ankara at the invitation of Turkish Defense Minister "
        "Nurettin Canikli, has met Chief of General Staff of the Turkish Armed Forces Hulusi Akar.",
        "News.az (Trend)",
        "https://news.az/news/1",
        False,
        None,
        [],
    ),
    "the_inviter_of_talks_held_with_him_is_met": (
        "Azerbaijani defense minister in Ankara",
        "Azerbaijan's Defense Minister Zakir Hasanov, in Ankara at the invitation of Turkish Defense Minister "
        "Nurettin Canikli, has held talks with him.",
        "News.az (Trend)",
        "https://news.az/news/1",
        True,
        "AZ",
        ["TR"],
    ),
    "a_defence_title_before_an_agencys_name_is_the_agency_heads": (
        "Korea and Malaysia look at defence industry cooperation",
        "KUALA LUMPUR: Defence Minister Mohamed Khaled Nordin received a courtesy visit today from South Korean "
        "Minister of Defence Acquisition Programme Administration (DAPA) Seok Jong Gun.",
        "The Sun (Malaysia)",
        "https://thesun.my/local_news/story",
        False,
        None,
        [],
    ),
    "a_present_headline_without_a_day_to_come_still_tells_of_talks_held": (
        "Defense Minister meets with German counterpart in Berlin",
        "Hungarian Defence Minister Kristof Szalay-Bobrovniczky was received in Berlin with military honours.\n"
        "He was due to meet his German counterpart Christine Lambrecht.",
        "About Hungary",
        "https://abouthungary.hu/news/1",
        True,
        "HU",
        ["DE"],
    ),
    "will_travel_to_meet_is_still_a_plan": (
        "Defence minister to Berlin",
        "Hungarian Defence Minister Kristof Szalay-Bobrovniczky will travel to Berlin to meet his German "
        "counterpart Christine Lambrecht.",
        "About Hungary",
        "https://abouthungary.hu/news/1",
        False,
        None,
        [],
    ),
    "a_trip_dated_earlier_is_recalled_not_news": (
        "Indonesia and China talk defence",
        "Earlier this month, Japanese Defense Minister Gen Nakatani flew to Jakarta to meet Indonesian Defense "
        "Minister Sjafrie Sjamsoeddin.",
        "Example Wire",
        "https://example.test/story",
        False,
        None,
        [],
    ),
}

# (title, text, counterpart, the name its participant is given)
NAMES = {
    "a_hyphenated_given_name_is_its_parts": (
        "Warsaw and Bucharest talk",
        "Polish Deputy Prime Minister Wladyslaw Kosiniak-Kamysz held a video conference with the Minister of "
        "Defence of Romania Radu-Dinele Miruța.",
        "RO",
        "Radu-Dinele Miruța",
    ),
    "a_gazetteer_name_written_another_way_is_given_as_written": (
        "Armenian and Russian defense ministers meet",
        "Afterwards Armenian and Russian Defense Ministers Suren Papikyan and Sergey Shoigu held a meeting.",
        "RU",
        "Sergey Shoigu",
    ),
    "a_name_set_off_before_his_counterpart_is_the_counterparts": (
        "Defence Minister meets Slovenian counterpart",
        "After talks with Marjan Sarec, his Slovenian counterpart, in Ljubljana on Monday, Hungary's Defence "
        "Minister Kristof Szalay-Bobrovniczky said the cooperation was good.",
        "SI",
        "Marjan Sarec",
    ),
    "a_title_set_off_after_his_counterpart_is_the_counterparts": (
        "Hungary and Slovakia",
        "Hungarian Defence Minister Kristof Szalay-Bobrovniczky spoke in Bratislava with his Slovak counterpart, "
        "Defence Minister Jaroslav Nad, after the two ministers' bilateral meeting on Monday.",
        "SK",
        "Jaroslav Nad",
    ),
    "names_after_ministers_of_listed_countries_are_theirs_in_turn": (
        "Azerbaijani and Uzbek defense ministers hold talks",
        "The Defense Ministers of Azerbaijan and Uzbekistan, Zakir Hasanov and Bakhodir Kurbanov, have held talks "
        "in Bukhara.",
        "UZ",
        "Bakhodir Kurbanov",
    ),
    "the_one_unnamed_counterpart_takes_the_one_untitled_principal_met": (
        "Mattis in Bogota",
        "Defense Secretary James N. Mattis met Colombia's defense minister in Bogota yesterday.\nWhite said the "
        "secretary had met Defense Minister Guillermo Botero.",
        "CO",
        "Guillermo Botero",
    ),
}


@pytest.mark.parametrize(("title", "text", "country", "name"), NAMES.values(), ids=NAMES.keys())
def test_seventh_round_participant_name(tagger, title, text, country, name):
    tagged = tagger.tag(article(text, title=title, source="Example Wire"))
    names = {p.name for m in tagged.meetings for p in m.participants if p.country == country}
    assert names == {name}


@pytest.mark.parametrize(
    ("title", "text", "source", "url", "is_meeting", "host", "counterparts"), CASES.values(), ids=CASES.keys()
)
def test_seventh_round_pattern(tagger, title, text, source, url, is_meeting, host, counterparts):
    check_pattern(tagger, title, text, source, url, is_meeting, host, counterparts)


@pytest.mark.parametrize(
    ("source", "url", "country"),
    [
        ("Censor.NET", "https://censor.net/en/news/1/story", "UA"),
        ("Khmer Post Asia", "https://en.khmerpostasia.com/2020/02/03/story", "KH"),
    ],
    ids=["a_national_news_site_seen_in_real_copy_is_registered", "a_subdomain_of_a_registered_site_is_its_outlet"],
)
def test_seventh_round_source_country(source, url, country):
    assert source_country(source, url, load_lexicon(DEFAULT_RULES)) == country
