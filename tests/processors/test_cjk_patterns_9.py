"""Patterns of Korean and Japanese copy the CJK reader handles, ninth pass (issue 15): one row per pattern.

Each text is a short sentence written here to pin one rule; the error classes they come from were seen on
``tests/data/real/ko/ko_holdout_8.jsonl`` and ``tests/data/real/ja/ja_holdout_9.jsonl`` and the remaining errors of
the earlier Korean and Japanese sets (development copy since, see docs/tagger.md, *Ninth pass*). No text here is
copied from those batches.
"""

from __future__ import annotations

import pytest

from tests.processors.helpers import check_cjk_pattern, cjk_pattern_rows

#: pattern, language, title, content, (meeting, host, counterparts), names the held meetings must include[, url]
PATTERNS = [
    (
        "korean_initial_s_full_stop_inside_a_latin_gloss_ends_no_sentence",
        "ko",
        "한-필리핀 회담",
        "안규백 국방부장관은 3일 로베르토 산토스(Roberto C. Santos Jr.) 필리핀 국방장관과 회담했다.",
        (True, "KR", ["PH"]),
        {("로베르토 산토스", "PH"), ("안규백", "KR")},
    ),
    (
        "korean_name_s_last_syllable_read_as_the_particle_na_is_the_name_s",
        "ko",
        "한-필리핀 회담",
        "안규백 국방부장관은 3일 카를로스 로드리게나 필리핀 국방장관과 회담했다.",
        (True, "KR", ["PH"]),
        {("카를로스 로드리게나", "PH")},
    ),
    (
        "korean_name_cut_twice_before_the_particle_na_is_still_one_name",
        "ko",
        "한-필리핀 회담",
        "안규백 국방부장관은 3일 후안 로렌자나 필리핀 국방장관과 회담했다.",
        (True, "KR", ["PH"]),
        {("후안 로렌자나", "PH")},
    ),
    (
        "korean_country_with_the_particle_na_is_no_name",
        "ko",
        "한-필리핀 회담",
        "안규백 국방부장관은 3일 미국이나 필리핀 국방장관과 회담했다.",
        (True, "KR", ["PH"]),
        set(),
    ),
    (
        "japanese_latin_gloss_between_a_name_and_its_title_keeps_the_country",
        "ja",
        "国防相会談",
        "ベトナムのファン・バン・ザン(Phan Van Giang)国防相とラオスのチャンサモン・チャンニャラート"
        "(Chansamone Chanyalath) 国防大臣が会談した。",
        (True, "VN", ["LA"]),
        {("チャンサモン・チャンニャラート", "LA"), ("ファン・バン・ザン", "VN")},
    ),
    (
        "japanese_government_opening_the_lede_frames_a_third_country_story",
        "ja",
        "国防相会談",
        "ラオス政府は、ベトナムのファン・バン・ザン国防相をラオスへ招き、ラオス・ベトナム国防相会談を開いたと発表した。",
        (True, "LA", ["VN"]),
        {("ファン・バン・ザン", "VN")},
    ),
    (
        "japanese_vice_minister_s_talks_with_listed_principals_are_no_talks_between_them",
        "ja",
        "副大臣の動静",
        "鬼木防衛副大臣は、タイとマレーシアの国防大臣と会談しました。",
        (False, None, []),
        set(),
    ),
    (
        "korean_vice_minister_s_talks_with_listed_principals_are_no_talks_between_them",
        "ko",
        "국방차관 동정",
        "김선호 국방부 차관은 3일 태국, 베트남 국방장관과 각각 회담했다.",
        (False, None, []),
        set(),
    ),
    (
        "japanese_own_principal_with_listed_principals_still_meets_them",
        "ja",
        "防衛相会談",
        "木原防衛大臣は、タイとマレーシアの国防大臣と会談しました。",
        (True, "JP", ["MY", "TH"]),
        set(),
    ),
    (
        "korean_two_plus_two_with_its_gloss_as_the_scene_of_a_said_clause_is_held",
        "ko",
        "한-캐나다 협력",
        "한국과 캐나다는 3일 오타와에서 열린 한국-캐나다 외교·국방(2+2) 장관회의에서 방산 협력이 중요하다고 강조했다. "
        "안규백 국방부장관이 참석했다.",
        (True, "KR", ["CA"]),
        set(),
    ),
    (
        "korean_two_plus_two_with_its_gloss_planned_is_no_meeting",
        "ko",
        "한-캐나다 협력",
        "한국과 캐나다는 다음 달 외교·국방(2+2) 장관회의를 열 예정이다. 안규백 국방부장관이 참석한다.",
        (False, None, []),
        set(),
    ),
    (
        "korean_tenseless_two_plus_two_headline_over_a_body_that_plans_it_is_a_plan",
        "ko",
        "한-캐나다 외교·국방장관 회의",
        "한국과 캐나다는 다음 달 외교·국방장관 회의를 열 예정이다.",
        (False, None, []),
        set(),
    ),
    (
        "korean_tenseless_two_plus_two_headline_over_a_body_that_plans_its_glossed_form_is_a_plan",
        "ko",
        "한-캐나다 외교·국방(2+2) 장관회의",
        "한국과 캐나다는 다음 달 외교·국방(2+2) 장관회의를 열 예정이다. 안규백 국방부장관이 참석한다.",
        (False, None, []),
        set(),
    ),
    (
        "korean_tenseless_two_plus_two_headline_over_a_body_that_holds_it_is_held",
        "ko",
        "한-캐나다 외교·국방장관 회의",
        "한국과 캐나다는 3일 외교·국방장관 회의를 열었다.",
        (True, "KR", ["CA"]),
        set(),
    ),
    (
        "korean_said_clause_at_talks_still_to_come_is_a_plan",
        "ko",
        "회담",
        "안규백 국방부장관과 데이비드 맥긴티 캐나다 국방장관은 다음 주 회담에서 "
        "방산 협력이 중요하다고 강조할 예정이다.",
        (False, None, []),
        set(),
    ),
    (
        "japanese_latin_initials_begin_a_katakana_name",
        "ja",
        "防衛相会談",
        "小泉防衛大臣は、インドのR.K.シャルマ国防大臣と会談した。",
        (True, "JP", ["IN"]),
        {("R.K.シャルマ", "IN")},
    ),
]


@pytest.mark.parametrize(**cjk_pattern_rows(PATTERNS))
def test_ninth_pass_patterns(tagger, pattern, language, title, content, verdict, names, url):
    check_cjk_pattern(tagger, pattern, language, title, content, verdict, names, url)
