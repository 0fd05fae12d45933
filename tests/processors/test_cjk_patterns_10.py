"""Patterns of Korean and Japanese copy the CJK reader handles, tenth pass (issue 15): one row per pattern.

Each text is a short sentence written here to pin one rule; the error classes they come from were seen on
``tests/data/real/ko/ko_holdout_9.jsonl`` and ``tests/data/real/ja/ja_holdout_10.jsonl`` (round 8's half A), and, after
half B was scored once for carry-over, on ``ko_holdout_10.jsonl`` and ``ja_holdout_11.jsonl`` (rows marked "half B");
all four are development copy since (docs/tagger.md, *Tenth pass*). No text here is copied from those batches.
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
    (
        "japanese_countries_counted_before_a_bilateral_word_are_partners_of_the_story_s_minister",  # half B
        "ja",
        "木原防衛相、シャングリラ会合で会談",
        "木原稔防衛大臣はシンガポールを訪れた。翌日には韓国、カナダ、フィジーと個別に2カ国間会談を重ねた。",
        (True, "JP", ["CA", "FJ", "KR"]),
        set(),
    ),
    (
        "japanese_principal_as_the_partner_of_a_dinner_after_the_talks_is_no_side",  # half B
        "ja",
        "米国防長官が外相と会談",
        "オースティン国防長官はこのあと、上川外相と会談した後、木原防衛相との夕食会に出る。",
        (False, None, []),
        set(),
    ),
    (
        "japanese_headline_clause_giving_the_talks_a_day_is_a_plan",  # half B
        "ja",
        "横須賀で木原防衛相とオースティン米国防長官が初対面 日米防衛相会談は28日",
        "木原防衛相とオースティン米国防長官は式典で初めて顔を合わせた。",
        (False, None, []),
        set(),
    ),
    (
        "japanese_list_before_both_countries_names_the_two_sides",  # half B
        "ja",
        "防衛相、各国と会談",
        "木原防衛相は5日、記者会見を開いた。これに先立つ4日には、フランス、ドイツ両国の国防相とそれぞれ会談し、"
        "協力を進めることで一致している。",
        (True, "JP", ["DE", "FR"]),
        set(),
    ),
    (
        "japanese_many_countries_before_a_title_names_no_side_not_the_venue",  # half B
        "ja",
        "防衛相が会見",
        "ドイツで開催された国際会議に参加して、各国の国防相らと次々に会談した木原防衛相は、現地で記者会見に臨んだ。",
        (False, None, []),
        set(),
    ),
    (
        "korean_quoted_past_of_meeting_is_a_meeting",  # half B
        "ko",
        "중·러 국방장관 회동",
        "중국 국방부는 둥쥔 국방부장이 14일 베이징에서 안드레이 벨로우소프 러시아 국방장관을 만났다고 밝혔다.",
        (True, "CN", ["RU"]),
        {("안드레이 벨로우소프", "RU")},
    ),
    (
        "korean_venue_with_its_place_particle_ends_the_countries_before_a_meeting_s_name",  # half B
        "ko",
        "한국·일본·호주, 싱가포르서 첫 3자 국방장관회담",
        "신원식 국방부 장관과 호주 국방장관, 일본 방위상은 2일 싱가포르에서 3자 회담을 했다.",
        (True, "KR", ["AU", "JP"]),
        set(),
    ),
]


@pytest.mark.parametrize(**cjk_pattern_rows(PATTERNS))
def test_tenth_pass_patterns(tagger, pattern, language, title, content, verdict, names, url):
    check_cjk_pattern(tagger, pattern, language, title, content, verdict, names, url)
