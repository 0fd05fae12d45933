"""Regression tests for the broad verdict rules of the tenth round, part B (batches 63-65 as development copy,
issue 14): the meeting as the occasion of a page, multilateral members in a list, joint-action headlines, and
openings whose meeting is still to come or a year's record.

One table, one row a pattern: the id names the pattern, the sentences are short constructions showing it, not
articles (the real items are in ``tests/data/real/en/`` and scored by ``test_real_copy.py``).
"""

from __future__ import annotations

import pytest

from tests.processors.helpers import check_pattern

# (title, text, source, url, is a meeting, host, counterparts)
CASES = {
    "a_headline_and_lead_that_both_plan_the_meeting_make_a_body_noun_mention_no_news": (
        "Defence chiefs of Spain, Portugal to meet in Madrid next week",
        "Spain's and Portugal's defence chiefs will meet for talks in Madrid next week, the ministry said. "
        "Defence Minister Margarita Robles's meeting with her Portuguese counterpart Nuno Melo comes as Melo is "
        "due in Madrid for a forum hosted by the ministry.",
        "Example Wire",
        "https://example.test/story",
        False,
        None,
        [],
    ),
    "a_meeting_held_in_the_lead_stays_held_under_a_planning_headline": (
        "Defence chiefs of Spain, Portugal to meet again in June",
        "Defence Minister Margarita Robles met her Portuguese counterpart Nuno Melo in Madrid on Monday. "
        "The two ministers held talks on the Atlantic.",
        "Example Wire",
        "https://example.test/story",
        True,
        "ES",
        ["PT"],
    ),
    "a_year_end_review_lead_makes_its_meetings_background": (
        "Ministry looks back on a year of defence diplomacy",
        "Over the year the Ministry of Defence took its ties with partners to a new level, a statement said. "
        "In March Defence Minister Margarita Robles met her Portuguese counterpart Nuno Melo in Lisbon.",
        "Example Wire",
        "https://example.test/story",
        False,
        None,
        [],
    ),
    "a_plan_further_down_does_not_undo_a_joint_action_headline": (
        "Spain, Portugal defence chiefs vow closer ties",
        "MADRID - On Monday Spanish Defence Minister Margarita Robles and Portuguese Defence Minister Nuno Melo "
        "said the ties between the two countries were strong. Melo's visit comes a month after the Portuguese "
        "foreign minister was in Madrid to meet his Spanish counterpart.",
        "Example Wire",
        "https://example.test/story",
        True,
        "ES",
        ["PT"],
    ),
    "gathered_a_principal_and_his_counterparts_from_a_list": (
        "Five ministers in Rome",
        "The meeting was held yesterday in Rome. It gathered Italian Defence Minister Guido Crosetto and his "
        "counterparts from France (Sebastien Lecornu), Germany (Boris Pistorius) and Poland "
        "(Wladyslaw Kosiniak-Kamysz).",
        "Example Wire",
        "https://example.test/story",
        True,
        "IT",
        ["DE", "FR", "PL"],
    ),
    "was_host_to_a_group_made_up_of_listed_members": (
        "Five ministers confer",
        "German Defence Minister Boris Pistorius was host to the group of five, made up of Germany, France, "
        "Italy, the UK and Poland, by video on Monday.",
        "Example Wire",
        "https://example.test/story",
        True,
        "DE",
        ["FR", "GB", "IT", "PL"],
    ),
    "a_membership_named_beside_a_meeting_noun_alone_is_no_meeting": (
        "Regional security",
        "Defence Minister Mohamed Khaled Nordin spoke of the arrangements. Among them is the Five Power Defence "
        "Arrangements meeting, comprising Australia, Singapore, Malaysia, New Zealand and Britain.",
        "Example Wire",
        "https://example.test/story",
        False,
        None,
        [],
    ),
    "a_press_conference_page_names_the_two_principals_in_its_opening": (
        "Press conference, Canberra",
        "Richard Marles, Minister for Defence\n"
        "Richard Marles: Thanks for coming. Today I sat at the table with Secretary Pete Hegseth, the Secretary "
        "of Defense of the United States. It was a very productive meeting.",
        "Australian Minister for Defence (transcript)",
        "https://example.test/story",
        True,
        "AU",
        ["US"],
    ),
    "a_press_conference_page_with_one_principal_is_no_meeting": (
        "Press conference, Canberra",
        "Richard Marles, Minister for Defence\nRichard Marles: Thanks for coming. Today we announce new ships.",
        "Australian Minister for Defence (transcript)",
        "https://example.test/story",
        False,
        None,
        [],
    ),
    "a_press_conference_page_whose_opening_plans_the_meeting_is_no_meeting": (
        "Press conference, Canberra",
        "Richard Marles, Minister for Defence, will meet Secretary Pete Hegseth, the Secretary of Defense of the "
        "United States, next week.",
        "Australian Minister for Defence (transcript)",
        "https://example.test/story",
        False,
        None,
        [],
    ),
    "an_honor_cordon_page_whose_held_sentence_names_one_side_has_the_other_from_its_headline": (
        "Remarks by Secretary Mattis at an Honor Cordon Welcoming U.K. Secretary of State for Defence Fallon",
        "Secretary of Defense Jim Mattis welcomed his guest at the Pentagon on Friday.",
        "U.S. Department of Defense (transcript)",
        "https://example.test/story",
        True,
        "US",
        ["GB"],
    ),
    "a_participle_hosted_by_after_a_planned_meeting_noun_is_planned_too": (
        "New defence minister takes office",
        "New German Defence Minister Boris Pistorius took the oath on Thursday. On Friday he will join a meeting "
        "of the contact group, hosted by US Defense Secretary Lloyd Austin at Ramstein.",
        "Example Wire",
        "https://example.test/story",
        False,
        None,
        [],
    ),
    "a_passive_was_hosted_by_stays_a_held_meeting": (
        "Defence talks in Washington",
        "German Defence Minister Boris Pistorius was hosted by US Defense Secretary Lloyd Austin at the Pentagon "
        "on Friday.",
        "Example Wire",
        "https://example.test/story",
        True,
        "DE",
        ["US"],
    ),
}


@pytest.mark.parametrize(
    ("title", "text", "source", "url", "is_meeting", "host", "counterparts"), CASES.values(), ids=CASES.keys()
)
def test_tenth_round_b_pattern(tagger, title, text, source, url, is_meeting, host, counterparts):
    check_pattern(tagger, title, text, source, url, is_meeting, host, counterparts)
