"""Patterns of Korean and Japanese copy the CJK reader handles, tenth pass (issue 15): one row per pattern.

Each text is a short sentence written here to pin one rule; the error classes they come from were seen on
``tests/data/real/ko/ko_holdout_9.jsonl`` and ``tests/data/real/ja/ja_holdout_10.jsonl`` (round 8's half A, development
copy since, see docs/tagger.md, *Tenth pass*). No text here is copied from those batches.
"""

from __future__ import annotations

import pytest

from tests.processors.helpers import check_cjk_pattern, cjk_pattern_rows

#: pattern, language, title, content, (meeting, host, counterparts), names the held meetings must include[, url]
PATTERNS = [
    (
        "japanese_pair_of_a_called_off_meeting_in_a_subordinate_clause_is_no_counterpart",
        "ja",
        "防衛相会談",
        "日韓の防衛相会談が見送られる中、木原防衛相は4日、オーストラリアのマールズ国防相と会談を行った。",
        (True, "JP", ["AU"]),
        {("マールズ", "AU")},
    ),
    (
        "japanese_partners_of_talks_still_to_come_are_no_counterparts_beside_held_talks_in_a_relative_clause",
        "ja",
        "日豪防衛相会談",
        "木原防衛相は5日、日豪防衛相会談の開かれたシンガポールで、インドネシアやタイの国防相と会談する。",
        (True, "JP", ["AU"]),
        set(),
    ),
    (
        "japanese_meeting_as_the_topic_takes_the_sentence_final_plan",
        "ja",
        "国防大臣会合",
        "国防大臣会合は6月3日に、フィジーとトンガの国防大臣を東京に招いて、地域の課題について意見を交わす予定だった。",
        (False, None, []),
        set(),
    ),
    (
        "korean_principal_before_daesin_sent_a_stand_in_and_is_no_side",
        "ko",
        "카타르 총참모장 접견",
        "안규백 국방부 장관은 3일 무함마드 빈 아메드 카타르 국방부 장관 대신 방산 전시회에 대표단장으로 온 "
        "카타르 총참모장을 만나 협력 방안을 논의했다.",
        (False, None, []),
        set(),
    ),
    (
        "japanese_principal_before_ni_kawari_sent_a_stand_in_and_is_no_side",
        "ja",
        "参謀総長と会談",
        "木原防衛相は3日、カタールの国防相に代わり来日した参謀総長と会談した。",
        (False, None, []),
        set(),
    ),
    (
        "korean_ministers_meeting_dated_by_an_earlier_month_alone_is_background",
        "ko",
        "한일 국방차관급 회의",
        "김선호 국방부 차관은 8일 일본 방위심의관과 회의를 열었다. "
        "이 회의는 지난 5월 한일 국방장관회담에서 합의된 대로 처음 열렸다.",
        (False, None, []),
        set(),
    ),
    (
        "korean_earlier_month_with_its_day_dates_the_story_s_own_talks",
        "ko",
        "한일 국방장관 회담",
        "안규백 국방부 장관은 지난 6월 30일 서울에서 나카타니 일본 방위상과 회담했다.",
        (True, "KR", ["JP"]),
        {("나카타니", "JP")},
    ),
    (
        "korean_time_word_glossed_by_its_date_is_no_part_of_the_name",
        "ko",
        "한-영 국방장관 회담",
        "서욱 국방부 장관은 오늘(21일) 벤 월러스 영국 국방장관을 만나 협력을 논의했습니다.",
        (True, "KR", ["GB"]),
        {("벤 월러스", "GB")},
    ),
    (
        "japanese_ministers_meeting_written_with_kaigi_then_its_attendees",
        "ja",
        "拡大国防相会議",
        "【ハノイ共同】東南アジア諸国と日米は3日、拡大国防相会議をハノイで開いた。"
        "会議には中谷防衛相やオースティン米国防長官らが顔をそろえた。",
        (True, "JP", ["US"]),
        {("オースティン", "US")},
    ),
    (
        "japanese_speech_at_the_opening_of_a_held_forum_is_attendance",
        "ja",
        "拡大国防相会議",
        "【ハノイ共同】東南アジア諸国と日米は3日、拡大国防相会議をハノイで開いた。"
        "議長国ベトナムのザン国防相は会議の冒頭、地域の協力を訴えた。",
        (True, "JP", ["VN"]),
        set(),
    ),
    (
        "japanese_verbless_caption_line_reads_as_held_and_the_headline_s_minister_frames_it",
        "ja",
        "木原防衛相、シンガポール訪問",
        "日米豪比4か国会談 左から/オースティン米国防長官、マールズ豪国防相、木原防衛大臣、テオドロ比国防相\n\n"
        "木原防衛大臣はシンガポールを訪れた。",
        (True, "JP", ["AU", "PH", "US"]),
        {("テオドロ", "PH")},
    ),
    (
        "japanese_verbless_line_with_a_plan_word_stays_a_plan",
        "ja",
        "木原防衛相、来週豪州へ",
        "日豪防衛相会談の予定\n\n木原防衛相は来週、オーストラリアを訪れる。",
        (False, None, []),
        set(),
    ),
]


@pytest.mark.parametrize(**cjk_pattern_rows(PATTERNS))
def test_tenth_pass_patterns(tagger, pattern, language, title, content, verdict, names, url):
    check_cjk_pattern(tagger, pattern, language, title, content, verdict, names, url)
