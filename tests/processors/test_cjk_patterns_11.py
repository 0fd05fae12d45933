"""Patterns of Korean and Japanese copy the CJK reader handles, eleventh pass (issue 15): one row per pattern.

Each text is a short sentence written here to pin one rule. The error classes were ranked over the remaining errors
of every Korean and Japanese set; they were seen on the older sets and on two thirds (half A) of
``tests/data/real/ko/ko_holdout_11.jsonl`` and ``tests/data/real/ja/ja_holdout_12.jsonl`` (round 9), and, after the
other third (half B) was scored once for carry-over, on B (rows marked "half B"); all are development copy since
(docs/tagger.md, *Eleventh pass*). No text here is copied from those batches.
"""

from __future__ import annotations

import pytest

from tests.processors.helpers import check_cjk_pattern, cjk_pattern_rows

#: pattern, language, title, content, (meeting, host, counterparts), names the held meetings must include[, url]
PATTERNS = [
    (
        "korean_joint_visit_of_two_principals_is_a_meeting",
        "ko",
        "한미 국방장관, 판문점 방문",
        "안규백 국방부 장관은 4일 피트 헤그세스 미국 국방장관과 판문점을 함께 찾았다.",
        (True, "KR", ["US"]),
        {("피트 헤그세스", "US")},
    ),
    (
        "korean_joint_review_of_an_honour_guard_in_a_caption_is_a_meeting",
        "ko",
        "한미 국방장관, 의장대 사열",
        "안규백 국방부 장관과 피트 헤그세스 미국 국방장관이 5일 국방부에서 의장대 사열을 함께 받고 있다.",
        (True, "KR", ["US"]),
        set(),
    ),
    (
        "korean_joint_attendance_at_a_forum_is_no_meeting",
        "ko",
        "한-폴 전략대화",
        "안규백 국방부 장관은 6일 바르샤바에서 열린 전략대화에 폴란드 국방장관과 함께 참석했다.",
        (False, None, []),
        set(),
    ),
    (
        "korean_plain_present_of_gajida_is_a_plan_not_the_held_adnominal",
        "ko",
        "한미 국방장관 회담",
        "안규백 국방부 장관은 21일 워싱턴에서 피트 헤그세스 미국 국방장관과 첫 회담을 가진다.",
        (False, None, []),
        set(),
    ),
    (
        "korean_held_adnominal_gajin_stays_held",
        "ko",
        "한미 국방장관 회담",
        "안규백 국방부 장관은 21일 워싱턴에서 피트 헤그세스 미국 국방장관과 회담을 가진 뒤 기자들과 만났다.",
        (True, "KR", ["US"]),
        {("피트 헤그세스", "US")},
    ),
    (
        "japanese_copy_crediting_a_korean_agency_with_inyo_is_framed_by_the_korean_side",
        "ja",
        "日韓防衛相が会談",
        "引用=ニュース1\n安圭伯国防部長官は4日、ソウルで小泉防衛大臣と会談した。",
        (True, "KR", ["JP"]),
        {("小泉", "JP")},
    ),
    (
        "japanese_principals_meeting_by_its_name_as_the_object_after_the_story_s_minister_is_his",
        "ja",
        "小泉防衛相、マレーシア訪問",
        "小泉防衛相は1日、マレーシアを訪れた。日米豪比4者会談を含めて8つの防衛相会談をこなした。",
        (True, "JP", ["AU", "PH", "US"]),
        set(),
    ),
    (
        "japanese_principals_meeting_by_its_name_as_a_topic_with_a_plan_stays_unheld",
        "ja",
        "小泉防衛相、来週訪米",
        "小泉防衛相は来週、アメリカを訪れる。日米防衛相会談では、同盟の強化を話し合う予定です。",
        (False, None, []),
        set(),
    ),
    (
        "japanese_past_of_holding_before_the_talks_dates_them_held_past_a_quote",
        "ja",
        "日米防衛相会談",
        "小泉防衛相は、2日に行われた日米防衛相会談の席で「同盟を強める。抑止力を高めたい」と語っている。",
        (True, "JP", ["US"]),
        set(),
    ),
    (
        "japanese_non_past_of_holding_before_the_talks_stays_a_plan",
        "ja",
        "日米防衛相会談",
        "小泉防衛相は、来月行われる日米防衛相会談で同盟の強化を訴える。",
        (False, None, []),
        set(),
    ),
]


@pytest.mark.parametrize(**cjk_pattern_rows(PATTERNS))
def test_eleventh_pass_patterns(tagger, pattern, language, title, content, verdict, names, url):
    check_cjk_pattern(tagger, pattern, language, title, content, verdict, names, url)
