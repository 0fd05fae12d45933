"""Patterns of Korean and Japanese copy the CJK reader handles, eighth pass (issue 15): one row per pattern.

Each text is a short sentence written here to pin one rule; the error classes they come from were seen on
``tests/data/real/ko/ko_holdout_7.jsonl`` and ``tests/data/real/ja/ja_holdout_8.jsonl`` (development copy since, see
docs/tagger.md, *Eighth pass*). No text here is copied from those batches.
"""

from __future__ import annotations

import pytest

from tests.processors.helpers import check_cjk_pattern, cjk_pattern_rows

#: pattern, language, title, content, (meeting, host, counterparts), names the held meetings must include[, url]
PATTERNS = [
    (
        "korean_omani_minister_responsible_for_defence_affairs_is_a_principal",
        "ko",
        "국방장관, 오만 방문",
        "안규백 국방부장관은 3일 무스카트에서 오만 국방담당장관과 회담했다.",
        (True, "KR", ["OM"]),
        set(),
    ),
    (
        "korean_omani_deputy_prime_minister_for_defence_is_a_principal",
        "ko",
        "한-오만 국방장관회담",
        "안규백 국방부장관은 3일 오만 국방부총리와 양자회담을 했다.",
        (True, "KR", ["OM"]),
        set(),
    ),
    (
        "korean_future_modifier_of_the_ways_discussed_after_a_connective_is_no_plan",
        "ko",
        "한-호주 국방장관회담",
        "안규백 국방부장관은 3일 리처드 말스 호주 국방장관과 회담을 열어 두 나라 방산 협력을 넓힐 방안을 논의했다.",
        (True, "KR", ["AU"]),
        {("리처드 말스", "AU")},
    ),
    (
        "korean_future_predicate_after_a_connective_is_still_a_plan",
        "ko",
        "한-호주 국방장관회담",
        "안규백 국방부장관은 3일 리처드 말스 호주 국방장관과 회담을 열어 두 나라 방산 협력을 논의할 예정이다.",
        (False, None, []),
        set(),
    ),
    (
        "korean_two_plus_two_written_with_a_full_stop_holds_both_principals",
        "ko",
        "美·日 협력",
        "미국과 일본이 외교.국방장관 회의를 열고 동맹 강화에 합의했다.",
        (True, "US", ["JP"]),
        set(),
    ),
    (
        "korean_two_plus_two_planned_is_no_meeting",
        "ko",
        "美·日 협력",
        "미국과 일본이 다음 주 외교·국방장관 회의를 열 예정이다.",
        (False, None, []),
        set(),
    ),
    (
        "korean_intentional_connective_is_a_plan",
        "ko",
        "미·일, 2+2 준비",
        "미국과 일본이 도쿄에서 외교·국방장관 회의를 열려고 준비하고 있습니다.",
        (False, None, []),
        set(),
    ),
    (
        "korean_officials_two_plus_two_is_no_principals_meeting",
        "ko",
        "한-인니 2+2 국장급 회의",
        "한국과 인도네시아는 3일 서울에서 외교·국방 2+2 국장급 고위관리회의를 열었다.",
        (False, None, []),
        set(),
    ),
    (
        "japanese_turkish_state_broadcaster_s_page_is_turkey_s_story",
        "ja",
        "防衛大臣のトルコ訪問",
        "今週、中谷防衛大臣がアンカラでトルコのギュレル国防大臣と会談し、防衛協力を確認しました。",
        (True, "TR", ["JP"]),
        {("中谷", "JP")},
        "https://trt.global/nihongo/article/a",
    ),
    (
        "japanese_ministry_s_dotted_katakana_name_and_bare_minister_is_its_principal",
        "ja",
        "国防大臣が来訪",
        "小泉防衛大臣は5日、東京でインドネシア共和国国防省のシャフリ・シャムスディン大臣と会談した。",
        (True, "JP", ["ID"]),
        {("シャフリ・シャムスディン", "ID")},
    ),
    (
        "japanese_verbal_noun_across_a_headline_space_is_no_part_of_a_name",
        "ja",
        "小泉防衛相、インド訪問 シン国防相と会談",
        "小泉防衛相は19日、ニューデリーでインドの国防相と会談した。",
        (True, "JP", ["IN"]),
        {("シン", "IN")},
    ),
    (
        "korean_arabic_name_with_bin_and_a_gloss_before_its_country",
        "ko",
        "한-오만 회담",
        "안규백 국방부장관은 1일 무함마드 빈 나세르(Mohammed bin Nasser) 오만 국방담당장관과 양자회담을 했습니다.",
        (True, "KR", ["OM"]),
        {("무함마드 빈 나세르", "OM")},
    ),
    (
        "korean_new_before_a_country_and_title_is_no_part_of_the_name",
        "ko",
        "미-러 통화",
        "피트 헤그세스 장관은 안드레이 벨로우소프 새 러시아 국방부 장관과 통화했습니다.",
        (True, "US", ["RU"]),
        {("안드레이 벨로우소프", "RU")},
    ),
    (
        "korean_question_mark_inside_a_mangled_latin_gloss_ends_no_sentence",
        "ko",
        "한-루마니아 회담",
        "안규백 국방부장관은 2일 안젤 틀버르(Angel T?LV?R) 루마니아 국방장관을 만나 협력을 논의했습니다.",
        (True, "KR", ["RO"]),
        {("안젤 틀버르", "RO")},
    ),
    (
        "korean_cue_of_a_next_clause_with_its_own_subject_is_not_the_talks",
        "ko",
        "미-우 국방장관 통화",
        "헤그세스 미 국방장관은 3일 우메로우 우크라이나 국방장관과 전화 통화를 하고, 동맹국들이 지원을 계속할 것이라고 "
        "말했다.",
        (True, "US", ["UA"]),
        set(),
    ),
    (
        "korean_plan_word_before_the_trigger_still_rules_a_joined_call_out",
        "ko",
        "미-우 국방장관 통화",
        "헤그세스 미 국방장관은 다음 달 우메로우 우크라이나 국방장관과 전화 통화를 하고, "
        "동맹국들이 지원을 계속할 것이라고 말했다.",
        (False, None, []),
        set(),
    ),
]


@pytest.mark.parametrize(**cjk_pattern_rows(PATTERNS))
def test_eighth_pass_patterns(tagger, pattern, language, title, content, verdict, names, url):
    check_cjk_pattern(tagger, pattern, language, title, content, verdict, names, url)
