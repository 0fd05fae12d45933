"""Regression tests for the broad rules of the ninth round of fixes (batches 57-59 as development copy, issue 14).

One table, one row a pattern: the id names the pattern, the sentences are short constructions showing it, not
articles (the real items are in ``tests/data/real/en/`` and scored by ``test_real_copy.py``).
"""

from __future__ import annotations

import pytest

from tests.processors.helpers import check_pattern

# (title, text, source, url, is a meeting, host, counterparts)
CASES = {
    "a_counterpart_beside_the_subject_restated_a_joint_aim": (
        "Two countries and their armies",
        "Angolan Defence Minister Joao Sequeira and his Portuguese counterpart Joao Cravinho restated on Tuesday "
        "in Luanda their wish to strengthen military cooperation.",
        "Example Wire",
        "https://example.test/story",
        True,
        "AO",
        ["PT"],
    ),
    "two_countries_principals_joined_by_and_reiterated_together": (
        "Defence ties",
        "Estonian Defence Minister Hanno Pevkur and Latvian Defence Minister Andris Spruds reiterated in Riga on "
        "Monday their support for Ukraine.",
        "Example Wire",
        "https://example.test/story",
        True,
        "EE",
        ["LV"],
    ),
    "one_principal_reiterating_alone_is_no_meeting": (
        "Defence policy",
        "Estonian Defence Minister Hanno Pevkur reiterated on Monday his country's support for Ukraine.",
        "Example Wire",
        "https://example.test/story",
        False,
        "EE",
        [],
    ),
    "sat_down_with_a_day_between_the_verb_and_with": (
        "A trip south",
        "Defense Secretary Chuck Hagel sat down on Thursday with his Mexican counterpart Salvador Cienfuegos in "
        "Mexico City.",
        "Example Wire",
        "https://example.test/story",
        True,
        "US",
        ["MX"],
    ),
    "a_joint_press_conference_with_a_counterpart_is_a_meeting": (
        "Statements in Warsaw",
        "Defence Secretary John Healey and his Polish counterpart Wladyslaw Kosiniak-Kamysz gave a joint press "
        "conference in Warsaw on Monday.",
        "Example Wire",
        "https://example.test/story",
        True,
        "GB",
        ["PL"],
    ),
    "one_principals_joint_statement_with_a_company_is_no_meeting": (
        "Statement",
        "Defence Secretary John Healey and the company's chief executive issued a joint statement on Monday.",
        "Example Wire",
        "https://example.test/story",
        False,
        None,
        [],
    ),
    "plural_defense_secretaries_of_two_countries_are_both_met": (
        "A trip south",
        "Defense Secretary Chuck Hagel sat down with the defense secretaries of Mexico and Canada in Mexico City.",
        "Example Wire",
        "https://example.test/story",
        True,
        "US",
        ["CA", "MX"],
    ),
    "visited_with_a_counterpart_is_a_meeting": (
        "In Guatemala",
        "Secretary of Defense Chuck Hagel visited with his Guatemalan counterpart Manuel Lopez Ambrosio in "
        "Guatemala City on Friday.",
        "Example Wire",
        "https://example.test/story",
        True,
        "US",
        ["GT"],
    ),
    "held_a_working_session_with_a_counterpart_is_a_meeting": (
        "A session in Vilnius",
        "Lithuanian Defence Minister Dovile Sakaliene held a working session with Polish Defence Minister Wladyslaw "
        "Kosiniak-Kamysz in Vilnius on Monday.",
        "Example Wire",
        "https://example.test/story",
        True,
        "LT",
        ["PL"],
    ),
    "a_defense_ministerial_with_counterparts_is_a_meeting": (
        "North American talks",
        "Defense Secretary Chuck Hagel attended the North American Defense Ministerial with the defense "
        "secretaries of Mexico and Canada on Thursday.",
        "Example Wire",
        "https://example.test/story",
        True,
        "US",
        ["CA", "MX"],
    ),
    "two_country_headline_gives_the_unqualified_lead_subject_the_other_country": (
        "Egypt and Zambia agree to strengthen military cooperation",
        "The Minister of Defense, Mohamed Zaki, held a meeting with the Minister of Defense of Zambia, Ambrose "
        "Lufuma, in Cairo on Monday.",
        "Example Blog",
        "https://example.test/story",
        True,
        "EG",
        ["ZM"],
    ),
    "a_headline_naming_whose_minister_keeps_the_unqualified_subject_there": (
        "Zambia's defence minister holds talks with Namibia",
        "The Minister of Defence, Ambrose Lufuma, held talks with Namibia's Minister of Defence Frans Kapofi in "
        "Lusaka on Monday.",
        "Example Blog",
        "https://example.test/story",
        True,
        "ZM",
        ["NA"],
    ),
    "a_group_before_plural_principals_names_its_members": (
        "Talks in Prague",
        "Czech Defence Minister Lubomir Metnar said V4 defence ministers met in Prague on Wednesday.",
        "Example Wire",
        "https://example.test/story",
        True,
        "CZ",
        ["HU", "PL", "SK"],
    ),
    "plural_principals_of_a_group_are_its_members": (
        "Talks in Prague",
        "Czech Defence Minister Lubomir Metnar said the defence ministers of the Visegrad Group met in Prague on "
        "Wednesday.",
        "Example Wire",
        "https://example.test/story",
        True,
        "CZ",
        ["HU", "PL", "SK"],
    ),
    "a_two_country_headline_over_both_principals_is_their_meeting": (
        "Angola and Mozambique analyse defence matters",
        "Angolan Defence Minister Joao Liberdade said cooperation was growing. Mozambican Defence Minister Jaime "
        "Neto praised the ties between the armed forces.",
        "AllAfrica (Angola Press Agency)",
        "https://allafrica.com/stories/1.html",
        True,
        "AO",
        ["MZ"],
    ),
    "a_two_country_headline_of_a_plan_is_no_meeting": (
        "Angola and Mozambique to analyse defence matters",
        "Angolan Defence Minister Joao Liberdade said cooperation was growing. Mozambican Defence Minister Jaime "
        "Neto praised the ties between the armed forces.",
        "Example Wire",
        "https://example.test/story",
        False,
        None,
        [],
    ),
    "a_two_country_headline_naming_a_person_is_no_pair": (
        "Liberdade, Mozambique discuss defence matters",
        "Angolan Defence Minister Joao Liberdade said cooperation was growing. Mozambican Defence Minister Jaime "
        "Neto praised the ties between the armed forces.",
        "Example Wire",
        "https://example.test/story",
        False,
        None,
        [],
    ),
    "a_two_country_headline_over_their_meeting_is_the_outlets_side": (
        "Iran, Tajikistan agree to set up a defence committee",
        "Tajik Defence Minister Sherali Mirzo held talks with Iranian Defence Minister Amir Hatami in Tehran on "
        "Monday.",
        "Tehran Times (IRNA)",
        "https://example.test/story",
        True,
        "IR",
        ["TJ"],
    ),
    "another_office_holders_meeting_undoes_a_two_country_headline": (
        "Turkish, Iraqi defense chiefs meet in Ankara",
        "Foreign Minister Hakan Fidan met Iraqi Defense Minister Thabit Abbasi in Ankara on Sunday. The closed "
        "meeting of the two ministers lasted an hour.",
        "Example Wire",
        "https://example.test/story",
        False,
        None,
        [],
    ),
}


@pytest.mark.parametrize(
    ("title", "text", "source", "url", "is_meeting", "host", "counterparts"), CASES.values(), ids=CASES.keys()
)
def test_ninth_round_pattern(tagger, title, text, source, url, is_meeting, host, counterparts):
    check_pattern(tagger, title, text, source, url, is_meeting, host, counterparts)
