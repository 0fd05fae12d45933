"""Regression tests for the error classes of the eighth round of fixes (batches 54-56 as development copy, issue 14).

One table, one row a pattern: the id names the pattern, the sentences are short constructions showing it, not
articles (the real items are in ``tests/data/real/en/`` and scored by ``test_real_copy.py``).
"""

from __future__ import annotations

import pytest

from newswatch.processors.tag_meetings.lexicon import DEFAULT_RULES, load_lexicon, source_country
from tests.processors.helpers import article, check_pattern

# (title, text, source, url, is a meeting, host, counterparts)
CASES = {
    "kosovo_is_a_counterpart_coded_xk": (
        "Albania and Kosovo",
        "Albanian Defence Minister Niko Peleshi received the Minister of Defense of Kosovo, Ejup Maqedonci, in "
        "Tirana on Monday.",
        "Example Wire",
        "https://example.test/story",
        True,
        "AL",
        ["XK"],
    ),
    "a_kosovar_demonym_is_kosovo": (
        "Talks in Skopje",
        "North Macedonia's Defence Minister Vladimir Misajlovski held talks with his Kosovar counterpart Ejup "
        "Maqedonci in Skopje on Friday.",
        "Example Wire",
        "https://example.test/story",
        True,
        "MK",
        ["XK"],
    ),
    "a_press_agency_credit_led_by_its_country_is_the_host": (
        "Two countries analyse defence matters",
        "The Minister of National Defence, Joao Lourenco, held talks with the Mozambican minister of National "
        "Defence, Cristovao Chume, in Luanda on Tuesday.",
        "AllAfrica (Angola Press Agency)",
        "https://allafrica.com/stories/1.html",
        True,
        "AO",
        ["MZ"],
    ),
    "an_outlet_named_for_its_country_press_is_the_host": (
        "Defence ties",
        "The Minister for Defence held talks with the visiting Defence Minister of Australia, Richard Marles, on "
        "Tuesday.",
        "The Fiji Times",
        "https://example.test/story",
        True,
        "FJ",
        ["AU"],
    ),
    "plural_principals_before_names_each_of_a_country_are_theirs": (
        "Regional defence ministers meet",
        "Uganda's Defence Minister Amama Mbabazi said the talks went well. Defence ministers Amama Mbabazi of "
        "Uganda, Kivutha Kibwana of Kenya and Philemon Sarungi of Tanzania met in Kampala on Friday.",
        "Example Wire",
        "https://example.test/story",
        True,
        "UG",
        ["KE", "TZ"],
    ),
    "a_possessive_country_before_a_listed_name_is_its": (
        "Regional defence ministers meet",
        "Uganda's Defence Minister Amama Mbabazi said the talks went well. Present as the meeting opened on Friday "
        "were defence ministers Amama Mbabazi of Uganda, Kivutha Kibwana of Kenya and Tanzania's Philemon Sarungi.",
        "Example Wire",
        "https://example.test/story",
        True,
        "UG",
        ["KE", "TZ"],
    ),
    "plural_principals_before_one_name_of_a_country_are_no_list": (
        "Defence ministers",
        "Defence ministers Amama Mbabazi of Uganda met in Kampala on Friday.",
        "Example Wire",
        "https://example.test/story",
        False,
        None,
        [],
    ),
    "nz_in_a_source_credit_is_new_zealand": (
        "ANZAC defence ministers meet",
        "The Minister for Defence, Hon. Dr Wayne Mapp, met his Australian counterpart, Senator John Faulkner, in "
        "Sydney today.",
        "Example Blog (NZ Government release)",
        "https://example.test/story",
        True,
        "NZ",
        ["AU"],
    ),
    "png_is_papua_new_guinea": (
        "Defence ministers meet",
        "Australian Defence Minister Richard Marles met PNG Defence Minister Billy Joseph in Brisbane on Monday.",
        "Example Wire",
        "https://example.test/story",
        True,
        "AU",
        ["PG"],
    ),
    "a_junior_defence_portfolio_minister_is_no_principal": (
        "Patrol boat handed over",
        "Defence Personnel Minister Matt Keogh met the PNG defence minister at the navy base on Monday.",
        "Example Wire",
        "https://example.test/story",
        False,
        None,
        [],
    ),
    "a_minister_for_defence_industry_is_no_principal": (
        "Industry talks",
        "Minister for Defence Industry Pat Conroy met the Japanese Defence Minister Gen Nakatani in Tokyo on Monday.",
        "Example Wire",
        "https://example.test/story",
        False,
        None,
        [],
    ),
    "a_second_minister_of_defence_is_his_countrys_principal": (
        "Defence ministers hold talks",
        "Singapore's Defence Minister Ng Eng Hen held talks with Brunei's Second Minister of Defence Halbi Yussof "
        "on Monday.",
        "Example Wire",
        "https://example.test/story",
        True,
        "SG",
        ["BN"],
    ),
}


@pytest.mark.parametrize(
    ("title", "text", "source", "url", "is_meeting", "host", "counterparts"), CASES.values(), ids=CASES.keys()
)
def test_eighth_round_pattern(tagger, title, text, source, url, is_meeting, host, counterparts):
    check_pattern(tagger, title, text, source, url, is_meeting, host, counterparts)


@pytest.mark.parametrize(
    ("source", "country"),
    [
        ("AllAfrica (Botswana Daily News)", "BW"),
        ("BNT News (Bulgarian National Television)", "BG"),
        ("Novinite (Sofia News Agency)", "BG"),
        ("1TV (Georgian Public Broadcaster)", "GE"),
        ("Example Wire (Reuters)", None),
        ("Example Wire (NATO News)", None),
        ("Bulgarian National Radio", "BG"),
        ("Budapest Times", "HU"),
        ("Example Times", None),
    ],
    ids=[
        "a_national_newspaper_credit_is_its_country",
        "a_demonym_led_broadcaster_credit_is_its_country",
        "a_capital_led_agency_credit_is_its_country",
        "a_public_broadcaster_credit_is_its_country",
        "a_wire_credit_names_no_country",
        "an_organisation_led_press_credit_names_no_country",
        "an_outlet_named_as_its_countrys_radio_is_its_country",
        "an_outlet_named_for_a_capitals_times_is_its_country",
        "an_outlet_named_for_no_country_names_none",
    ],
)
def test_eighth_round_press_credit_country(source, country):
    assert source_country(source, "https://example.test/story", load_lexicon(DEFAULT_RULES)) == country


# (title, text, counterpart, the name its participant is given)
NAMES = {
    "a_name_listed_with_of_its_country_is_that_countrys_principal": (
        "Regional defence ministers meet",
        "Uganda's Defence Minister Amama Mbabazi said the talks went well. Defence ministers Amama Mbabazi of "
        "Uganda, Kivutha Kibwana of Kenya and Philemon Sarungi of Tanzania met in Kampala on Friday.",
        "KE",
        "Kivutha Kibwana",
    ),
    "a_name_listed_after_its_countrys_possessive_is_its_principal": (
        "Regional defence ministers meet",
        "Uganda's Defence Minister Amama Mbabazi said the talks went well. Defence ministers Amama Mbabazi of "
        "Uganda, Kivutha Kibwana of Kenya and Tanzania's Philemon Sarungi met in Kampala on Friday.",
        "TZ",
        "Philemon Sarungi",
    ),
}


@pytest.mark.parametrize(("title", "text", "country", "name"), NAMES.values(), ids=NAMES.keys())
def test_eighth_round_participant_name(tagger, title, text, country, name):
    tagged = tagger.tag(article(text, title=title, source="Example Wire"))
    names = {p.name for m in tagged.held_meetings for p in m.participants if p.country == country}
    assert names == {name}
