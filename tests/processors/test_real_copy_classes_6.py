"""Regression tests for the error classes of the sixth held-out set (batches 38-45, issue 14; sixth round of fixes).

One table, one row a pattern: the id names the pattern, the sentences are short constructions showing it, not
articles (the real items are in ``tests/data/real/en/`` and scored by ``test_real_copy.py``).
"""

from __future__ import annotations

import pytest

from newswatch.processors.tag_meetings.lexicon import DEFAULT_RULES, load_lexicon, source_country
from tests.processors.helpers import article, check_pattern

# (title, text, source, url, is a meeting, host, counterparts)
CASES = {
    "a_back_reference_to_a_minister_introduced_with_his_country_is_no_home_signal": (
        "US Defence Secretary Austin, Estonian Minister Pevkur discuss NATO",
        "United States Secretary of Defence Lloyd Austin met Estonian Minister of Defence Hanno Pevkur at the "
        "Pentagon on Tuesday.\nDefence Minister Pevkur underlined Estonia's defence spending.",
        "Lokmat Times (ANI)",
        "https://example.test/story",
        True,
        "US",
        ["EE"],
    ),
    "the_outlets_own_minister_sharing_a_held_meetings_subject_is_the_host": (
        "Turkish defense minister discusses security with Pakistan counterpart",
        "ANKARA: Turkish National Defense Minister Hulusi Akar and his Pakistan counterpart, Khawaja Muhammed Asif, "
        "talked over regional security on Wednesday.",
        "Pakistan Today",
        "https://www.pakistantoday.com.pk/2022/06/02/story/",
        True,
        "PK",
        ["TR"],
    ),
    "a_national_paper_in_the_outlet_registry_is_the_host": (
        "Austin, Gallant discuss Gaza by phone",
        "US Secretary of Defense Lloyd Austin talked by phone on Thursday with Israeli Defense Minister Yoav Gallant.",
        "Israel National News",
        "https://www.israelnationalnews.com/news/1",
        True,
        "IL",
        ["US"],
    ),
    "a_hard_wrapped_line_goes_on_in_one_sentence": (
        "Ukrainian minister meets Crosetto",
        "Defense Minister Guido Crosetto met\nhis Ukrainian counterpart Rustem Umerov today\nat the ministry in Rome.",
        "ANSA",
        "https://example.test/story",
        True,
        "IT",
        ["UA"],
    ),
    "spoke_today_with_ministers_from_a_list_is_a_call_with_each": (
        "Readout of Secretary Austin's Phone Calls",
        "Secretary of Defense Lloyd J. Austin III spoke today with Defense Ministers from Canada, France and "
        "Poland about the situation in Russia.",
        "U.S. Department of Defense",
        "https://www.defense.gov/News/Releases/1/",
        True,
        "US",
        ["CA", "FR", "PL"],
    ),
    "a_report_verb_after_x_together_with_y_is_a_meeting": (
        "Duale signs cooperation framework with US Defence Secretary",
        "Defence Cabinet Secretary Aden Duale together with the US Secretary for Defence Lloyd Austin have put "
        "their names to a Defence Cooperation Framework.",
        "KBC",
        "https://www.kbc.co.ke/story/",
        True,
        "KE",
        ["US"],
    ),
    "defence_affairs_minister_before_the_name_is_a_principal": (
        "Bahraini, Israeli Defence Ministers discuss a partnership",
        "A telephone call took place on Monday between Defence Affairs Minister, Abdulla Al-Nuaimi, and his Israeli "
        "counterpart, Benny Gantz, Bahrain News Agency reported.\nThe Israeli Defence Minister proposed hosting his "
        "Bahraini counterpart on a visit to Israel.",
        "Bahrain Mirror (BNA)",
        "https://example.test/story",
        True,
        "BH",
        ["IL"],
    ),
    "a_headline_in_the_present_over_a_planned_programme_is_no_meeting": (
        "Greek National Defence Minister holds meetings on Monday in Cyprus",
        "Greek National Defence Minister Nikos Dendias visits Cyprus on Monday.\nDuring the visit Dendias is to "
        "hold talks with the Minister of Defence, Vassilis Palmas.",
        "Faros On Air (CNA)",
        "https://example.test/story",
        False,
        None,
        [],
    ),
    "heading_a_delegation_to_a_ministers_meeting_is_a_plan": (
        "Vietnam attends ASEAN meeting in Cambodia",
        "Defence Minister Phan Van Giang is heading a delegation of Vietnam to the 16th ASEAN Defense Ministers' "
        "Meeting in Phnom Penh, having been invited by Cambodian Defence Minister Tea Banh.",
        "VNA",
        "https://example.test/story",
        False,
        None,
        [],
    ),
    "told_to_open_talks_is_a_plan": (
        "Czech Defense Minister and the F-35",
        "In July, the government told Czech Defense Minister Jana Cernochova to open talks with US Secretary of "
        "Defense Lloyd Austin on F-35 jets.",
        "Sputnik",
        "https://example.test/story",
        False,
        None,
        [],
    ),
}


@pytest.mark.parametrize(
    ("title", "text", "source", "url", "is_meeting", "host", "counterparts"), CASES.values(), ids=CASES.keys()
)
def test_sixth_round_pattern(tagger, title, text, source, url, is_meeting, host, counterparts):
    check_pattern(tagger, title, text, source, url, is_meeting, host, counterparts)


@pytest.mark.parametrize(
    ("source", "url", "country"),
    [
        ("OpenAustralia (Hansard)", "https://openaustralia.org.au/debates/?id=1", "AU"),  # "ansa" is inside a word
        ("ANSA (English, mirrored)", "https://example.test/story", "IT"),
        ("Ministry of National Defence of the Republic of Lithuania (via Public)", "https://example.test/x", "LT"),
        ("Hungarian Government (Ministry of Defence)", "http://www.kormany.hu/en/ministry-of-defence/news/1", "HU"),
    ],
    ids=[
        "a_short_agency_name_inside_a_word_is_no_credit",
        "a_short_agency_name_as_a_word_is",
        "a_credit_after_the_owner",
        "a_government_led_by_its_demonym_beats_a_generic_ministry_credit",
    ],
)
def test_sixth_round_source_country(source, url, country):
    assert source_country(source, url, load_lexicon(DEFAULT_RULES), "the Australian parliament") == country


def test_a_headline_title_without_a_name_takes_the_name_and_title_the_body_writes_together(tagger):
    # the host is first met in the headline ("S. Korean defense chief"), then named once in the body with another
    # title, then referred back to: the participant is the body's name with the title written beside it
    tagged = tagger.tag(
        article(
            "South Korea's Defense Minister Kim Yong-hyun held talks with Canadian Defense Minister Bill Blair on "
            "Wednesday.\nDefense Minister Kim praised the shipyards.",
            title="S. Korean defense chief holds talks with Canadian counterpart",
            source="Yonhap",
        )
    )
    assert tagged.host_country == "KR" and tagged.counterpart_countries == ["CA"]
    host = next(p for p in tagged.meetings[0].participants if p.country == "KR")
    assert (host.name, host.role) == ("Kim Yong-hyun", "Defense Minister")
