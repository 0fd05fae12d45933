"""Patterns of Korean and Japanese copy the CJK reader handles, third, fifth and sixth passes (issue 15): one test each.

Each text is a short sentence written here to pin one rule; the error classes they come from were seen on
``tests/data/real/ko/ko_holdout_2.jsonl`` and ``tests/data/real/ja/ja_holdout_3.jsonl`` (third pass) and on
``ko_holdout_3-4`` and ``ja_holdout_4-5`` (fifth pass) and on ``ko_holdout_5`` and ``ja_holdout_6`` (sixth pass; all
development copy since, see docs/tagger.md). No text here is copied from those batches.
"""

from __future__ import annotations

import pytest

from newswatch.processors.tag_meetings import MeetingTagger
from newswatch.schema import Article


@pytest.fixture(scope="module")
def tagger() -> MeetingTagger:
    return MeetingTagger()


def _story(language: str, title: str, content: str, *, source: str = "", url: str = "https://example.org/a"):
    return Article(id="p", url=url, title=title, content=content, source=source, language=language)


def _names(tagged) -> set[tuple[str | None, str]]:
    return {(p.name, p.country) for m in tagged.held_meetings for p in m.participants}


# -- non-principals own their meetings -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "title", "content"),
    [
        (
            "ko",
            "류전리 부참모장, 안규백 한국 국방장관과 회담",
            "류전리 중앙군사위원회 연합참모부 부참모장이 3일 베이징에서 안규백 한국 국방장관과 회담했다.",
        ),
        ("ja", "副参謀長が会談", "中国の劉振立副参謀長は3日、北京で韓国の安圭伯国防部長官と会談した。"),
    ],
)
def test_a_deputy_chief_of_staff_owns_his_meeting_with_a_foreign_minister(tagger, language, title, content):
    story = _story(language, title, content, url="http://kr.xinhuanet.com/2025/x.htm")
    tagged = tagger.tag(story)
    assert not tagged.is_defense_ministerial_meeting
    assert tagged.host_country == "KR"  # the one principal the story is about, not the outlet's country


# -- a leaders' summit is no defense talks -------------------------------------------------------------


def test_a_leaders_summit_next_to_a_pair_adds_no_counterpart(tagger):
    story = _story(
        "ko",
        "안규백 국방장관, 둥쥔 중국 국방부장과 회담",
        "안규백 국방부 장관은 2일 둥쥔 중국 국방부장과 회담했다.\n"
        "두 장관은 한중회담에서 북중 정상회담 등 최근 정세에 대해 의견을 나눴다.",
    )
    assert tagger.tag(story).counterpart_countries == ["CN"]


def test_a_japanese_summit_and_an_early_two_plus_two_are_no_defense_talks_held(tagger):
    story = _story(
        "ja",
        "首脳会談で2プラス2の早期開催を確認",
        "日米首脳会談の共同声明に2プラス2の早期開催が盛り込まれ、中谷防衛大臣は米側との協議に意欲を示した。",
    )
    assert not tagger.tag(story).is_defense_ministerial_meeting


# -- talks agreed or hoped for are not held ------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "title", "content"),
    [
        ("ko", "남북 국방장관 평양서 회담", "남북한이 국방장관회담을 다음 달 평양에서 열기로 최종 합의했습니다."),
        ("ko", "한일 국방장관 회담", "한국과 일본은 국방장관회담을 서울에서 갖기로 합의했다고 국방부가 밝혔다."),
        ("ja", "防衛相「豪国防相との会談希望」", "小泉防衛相は、豪州のマールズ国防相と会談したいという考えを示した。"),
        ("ja", "防衛相が訪豪へ", "小泉防衛相は来月、豪州のマールズ国防相と会談する方針だ。"),
    ],
)
def test_talks_agreed_hoped_for_or_intended_are_not_held(tagger, language, title, content):
    assert not tagger.tag(_story(language, title, content)).is_defense_ministerial_meeting


def test_a_body_s_principals_talks_agreed_for_later_overrule_a_headline_without_tense(tagger):
    story = _story("ko", "남북 국방장관 제주도 회담", "남북한은 국방장관회담을 제주도에서 갖기로 최종 합의했다.")
    tagged = tagger.tag(story)
    assert not tagged.is_defense_ministerial_meeting
    assert [m.status for m in tagged.meetings] == ["planned"]


# -- opening remarks report talks under way ------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "title", "content", "pair"),
    [
        (
            "ko",
            '둥쥔 국방부장 "한국은 좋은 이웃"',
            '둥쥔 중국 국방부장은 국방부에서 열린 한·중 국방장관 회담 모두발언에서 "한국은 좋은 이웃"이라고 말했다.',
            ("KR", ["CN"]),
        ),
        (
            "ja",
            "防衛相「率直な意見交換を」",
            "小泉防衛相は、豪州のマールズ国防相との会談の冒頭で「率直な意見交換をしたい」と述べた。",
            ("JP", ["AU"]),
        ),
    ],
)
def test_opening_remarks_of_talks_report_them_held(tagger, language, title, content, pair):
    tagged = tagger.tag(_story(language, title, content, source="연합뉴스" if language == "ko" else ""))
    assert tagged.is_defense_ministerial_meeting
    assert (tagged.host_country, tagged.counterpart_countries) == pair


# -- the sides of a meeting named before its sentence ---------------------------------------------------


def test_both_ministers_in_a_later_sentence_meet_with_the_names_given_before(tagger):
    story = _story(
        "ko",
        "미국-필리핀 국방장관 회담",
        "미 국방부는 피트 헤그세스 미국 국방장관이 길버트 테오도로 필리핀 국방장관과 "
        "협력 방안을 논의했다고 밝혔습니다.\n"
        "두 장관은 이날 말레이시아에서 열린 아세안 국방장관 회의를 계기로 회담했습니다.",
        source="VOA 한국어",
    )
    tagged = tagger.tag(story)
    assert (tagged.host_country, tagged.counterpart_countries) == ("US", ["PH"])
    assert ("길버트 테오도로", "PH") in _names(tagged)


@pytest.mark.parametrize(
    ("title", "content"),
    [
        ("米比国防長官が会談", "米比国防長官はシンガポールで会談した。"),
        (
            "両国防長官が会談",
            "米国のヘグセス国防長官はフィリピンのテオドロ国防相と電話で協議した。両国防長官の会談は初めてだった。",
        ),
    ],
)
def test_philippine_pair_forms_and_both_ministers_name_the_sides(tagger, title, content):
    tagged = tagger.tag(_story("ja", title, content, source="スプートニク日本"))
    assert (tagged.host_country, tagged.counterpart_countries) == ("US", ["PH"])


def test_the_same_ministry_s_head_with_a_bracketed_reading_is_its_principal(tagger):
    story = _story(
        "ja",
        "韓日防衛相が電話会談",
        "韓国国防部によれば、同部の安圭伯(アン・ギュベク)長官は15日、日本の小泉進次郎防衛相と電話会談し、情報を共有した。",
    )
    tagged = tagger.tag(story)
    assert (tagged.host_country, tagged.counterpart_countries) == ("KR", ["JP"])
    assert ("安圭伯", "KR") in _names(tagged)


# -- names ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name", "country"),
    [
        ("안규백 국방부 장관은 15일 오전 고이즈미 신지로 일본 방위상과 전화로 통화했다.", "고이즈미 신지로", "JP"),
        ("안규백 국방부 장관은 17일 태국 방콕에서 웨이펑허(魏鳳和) 중국 국방부장과 회담했다.", "웨이펑허", "CN"),
        ("안규백 국방부 장관은 방콕서 응오 쑤언 릭 베트남 국방장관과 회담했다.", "응오 쑤언 릭", "VN"),
        ("안규백 국방부 장관은 둥쥔 中 국방부장과 회담했다.", "둥쥔", "CN"),
    ],
)
def test_a_korean_transcription_of_a_foreign_name_is_read_from_the_words_before_its_title(
    tagger, content, name, country
):
    tagged = tagger.tag(_story("ko", "국방장관 회담", content, source="연합뉴스"))
    assert (name, country) in _names(tagged)


def test_a_katakana_name_does_not_end_in_the_country_s_one_kanji_abbreviation(tagger):
    tagged = tagger.tag(_story("ja", "防衛相会談", "木原防衛大臣はテオドロ比国防大臣と会談を行いました。"))
    assert ("テオドロ", "PH") in _names(tagged)


def test_a_one_kanji_name_is_the_end_of_the_name_the_tokenizer_cut(tagger):
    tagged = tagger.tag(_story("ja", "防衛相会談", "小泉防衛相は、ソウルの国防省で韓国の韓民求国防相と会談した。"))
    assert ("韓民求", "KR") in _names(tagged)


# -- Japanese held forms --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "木原防衛相は、オースティン米国防長官との会談の冒頭、「同盟を強化したい」と述べた。",
        "木原防衛相は、オースティン米国防長官と約1時間会談。",
    ],
    ids=["a_quotation_after_the_trigger_is_no_cue", "a_sentence_ended_on_the_noun"],
)
def test_japanese_held_talks_said_in_a_quotation_or_ended_on_the_noun(tagger, sentence):
    tagged = tagger.tag(_story("ja", "防衛相", sentence))
    assert (tagged.is_defense_ministerial_meeting, tagged.counterpart_countries) == (True, ["US"])


def test_a_body_sentence_ending_on_a_verb_in_its_dictionary_form_is_still_a_plan(tagger):
    tagged = tagger.tag(_story("ja", "防衛相", "木原防衛相は来週、オースティン米国防長官と会う。"))
    assert not tagged.is_defense_ministerial_meeting


@pytest.mark.parametrize(
    ("title", "content"),
    [
        ("허웨이둥 위원, 안규백 한국 국방장관과 회담", "허웨이둥 중앙군사위원회 위원이 4일 한국 국방장관과 회담했다."),
        ("장유샤 부주석, 한국 국방장관과 회담", "장유샤 중앙군사위원회 부주석이 4일 안규백 한국 국방장관과 회담했다."),
    ],
    ids=["a_named_subject_of_no_known_title", "a_vice_chairman"],
)
def test_a_headline_s_foreign_minister_is_no_domestic_subject_for_a_later_meeting(tagger, title, content):
    story = _story("ko", title, content, url="http://kr.xinhuanet.com/2025/x.htm")
    tagged = tagger.tag(story)
    assert not tagged.is_defense_ministerial_meeting


@pytest.mark.parametrize(
    "content",
    [
        "안규백 국방부 장관과 피트 헤그세스 미국 국방장관은 조속한 시일 내 회담을 열자는 데 합의했다.",
        "안규백 국방부 장관은 다음 주 피트 헤그세스 미국 국방장관과 회담을 개최하기로 합의했다.",
    ],
    ids=["a_propositive", "agreed_to_hold_with_a_report_verb_after"],
)
def test_korean_talks_proposed_or_agreed_for_later_are_not_held(tagger, content):
    assert not tagger.tag(_story("ko", "국방장관", content)).is_defense_ministerial_meeting


@pytest.mark.parametrize(
    ("language", "content"),
    [
        ("ja", "木原防衛相は、オースティン米国防長官と会談し、再び会談することで一致した。"),
        ("ko", "안규백 국방부 장관은 피트 헤그세스 미국 국방장관과 회담하고 재차 만나기로 했다."),
    ],
)
def test_a_next_meeting_agreed_in_the_same_sentence_leaves_the_first_held(tagger, language, content):
    tagged = tagger.tag(_story(language, "국방장관" if language == "ko" else "防衛相", content))
    assert (tagged.is_defense_ministerial_meeting, tagged.counterpart_countries) == (True, ["US"])


@pytest.mark.parametrize(
    ("sentence", "held"),
    [
        ("木原防衛相は4日、オースティン米国防長官と会談し、協力の強化で一致。", True),
        ("木原防衛相は、オースティン米国防長官と会談を終え、共同記者会見に臨んだ。", True),
        ("木原防衛相は21日にカンボジアのティア・セイハ国防相と会談を行い、22日に会合に出た後に帰国する。", False),
        ("木原防衛相は、オースティン米国防長官との会談を検討。", False),
    ],
    ids=["ends_on_a_verbal_noun", "past_in_da", "past_in_an_after_clause", "ends_on_a_planning_noun"],
)
def test_japanese_past_forms_and_noun_endings(tagger, sentence, held):
    assert tagger.tag(_story("ja", "防衛相", sentence)).is_defense_ministerial_meeting is held


# -- fifth pass: a 2+2 holds both sides' defense principals -------------------------------------------


@pytest.mark.parametrize(
    ("title", "content", "pair"),
    [
        (
            "2プラス2で同盟強化",
            "日米両政府は10日に東京で開いた外務・防衛閣僚協議(2プラス2)で、同盟の強化で一致した。\n"
            "防衛相は記者団に成果を語った。",
            ("JP", ["US"]),
        ),
        ("閣僚協議", "日本とロシアの外務・防衛相は東京で閣僚協議(2+2)を開いた。", ("JP", ["RU"])),
        (
            "日米安全保障協議委員会の共同記者会見",
            "日米安全保障協議委員会「2+2」後\n国防長官代行と防衛相が会見に臨んだ。",
            ("JP", ["US"]),
        ),
    ],
    ids=["pair_before_it", "countries_before_it", "after_it"],
)
def test_a_two_plus_two_held_has_the_countries_written_before_it_as_sides(tagger, title, content, pair):
    """Its ministers are named elsewhere or not at all (岩屋大臣, 外務・防衛相); the prefilter needs a title."""
    tagged = tagger.tag(_story("ja", title, content, source="防衛省"))
    assert tagged.is_defense_ministerial_meeting
    assert (tagged.host_country, tagged.counterpart_countries) == pair
    assert all(p.name != "外務" for m in tagged.meetings for p in m.participants)  # 外務・防衛相 is one title


@pytest.mark.parametrize(
    "content",
    [
        "石破総理大臣は、日豪「2+2」で有意義な議論が行われることを期待すると述べた。防衛相も同席した。",
        "日本とインドの首相は、2+2を年内に行えるよう努めたいと述べた。防衛相も同席した。",
        "日米首脳会談の共同声明に2プラス2が盛り込まれた。防衛相は歓迎した。",
    ],
    ids=["hoped_for", "a_wish_in_tai", "a_summit_s_pair"],
)
def test_a_two_plus_two_hoped_for_or_named_by_a_summit_is_no_meeting(tagger, content):
    assert not tagger.tag(_story("ja", "2+2", content, source="外務省")).is_defense_ministerial_meeting


# -- fifth pass: a foreign ministry's announcement -----------------------------------------------------


@pytest.mark.parametrize(
    ("language", "title", "content"),
    [
        (
            "ja",
            "国防相が米国防長官と電話会談",
            "ロシア国防省は3日、ショイグ国防相がオースティン米国防長官と電話会談したと発表した。",
        ),
        ("ko", "국방장관 통화", "러시아 국방부는 3일 쇼이구 국방장관이 오스틴 미국 국방장관과 통화했다고 밝혔다."),
    ],
)
def test_a_defense_ministry_as_the_subject_owns_the_bare_title_after_it_and_frames_the_story(
    tagger, language, title, content
):
    tagged = tagger.tag(_story(language, title, content, source="共同通信" if language == "ja" else ""))
    assert (tagged.is_defense_ministerial_meeting, tagged.host_country, tagged.counterpart_countries) == (
        True, "RU", ["US"])


def test_a_spokesperson_with_a_principal_s_surname_is_no_principal(tagger):
    story = _story(
        "ja",
        "米ロ国防相が電話協議",
        "ロシア国防省は3日、ショイグ国防相がオースティン米国防長官と電話で協議したと発表した。\n"
        "米国防総省のシン副報道官は、オースティン氏がロシア側に協議を求めたと明らかにした。",
    )
    assert tagger.tag(story).counterpart_countries == ["US"]  # no India from シン


@pytest.mark.parametrize(
    ("sentence", "held"),
    [("木原防衛相はオースティン米国防長官と電話会談したと発表した。", True),
     ("木原防衛相はオースティン米国防長官と会談すると発表した。", False)],
    ids=["after_a_past", "after_a_dictionary_form"],
)
def test_a_japanese_announcement_of_talks_is_a_plan_only_after_a_dictionary_form(tagger, sentence, held):
    assert tagger.tag(_story("ja", "防衛相", sentence)).is_defense_ministerial_meeting is held


# -- fifth pass: Japanese contacts that are no talks, and talks whose sides are written apart ----------


@pytest.mark.parametrize(
    "content",
    [
        "木原防衛相は拡大ASEAN国防相会議前の夕食会で、中国の董軍国防相と短く言葉を交わした。",
        "会見で記者は「木原防衛相は豪州のマールズ国防相と会談したいと話した」と尋ねた。",
    ],
    ids=["a_greeting_at_a_forum", "a_press_conference_and_a_hope"],
)
def test_a_greeting_at_a_forum_or_a_press_conference_is_no_talks(tagger, content):
    assert not tagger.tag(_story("ja", "防衛相", content)).is_defense_ministerial_meeting


def test_a_chinese_usage_met_with_whom_is_still_talks(tagger):
    content = "中国の董軍国防部長は3日、北京で豪州のマールズ国防相と会見した。"
    story = _story("ja", "国防部長が会見", content, source="人民網日本語版")
    assert tagger.tag(story).counterpart_countries == ["AU"]


def test_a_bare_foreign_title_in_a_visit_story_is_the_one_foreign_country_s(tagger):
    story = _story(
        "ja",
        "ラオス訪問",
        "防衛大臣としてラオスを訪れました。\n続いて、チャンサモーン国防大臣と防衛相会談を行いました。",
        source="木原稔 公式サイト",
    )
    tagged = tagger.tag(story)
    assert (tagged.host_country, tagged.counterpart_countries) == ("JP", ["LA"])
    assert ("チャンサモーン", "LA") in _names(tagged)


def test_a_bare_foreign_title_with_two_foreign_countries_before_it_stays_nobody_s(tagger):
    story = _story(
        "ja",
        "防衛相",
        "防衛大臣としてラオスとタイを訪れました。\n続いて、チャンサモーン国防大臣と防衛相会談を行いました。",
        source="木原稔 公式サイト",
    )
    assert not tagger.tag(story).is_defense_ministerial_meeting


def test_a_japanese_headline_s_plan_in_another_spaced_clause_is_not_the_talks(tagger):
    story = _story(
        "ja",
        "中谷防衛相、韓国国防相と会談 早期訪韓へ調整で一致",
        "中谷防衛大臣が早期に韓国を訪問する方向で調整を進めることで一致しました。",
    )
    tagged = tagger.tag(story)
    assert (tagged.is_defense_ministerial_meeting, tagged.counterpart_countries) == (True, ["KR"])


def test_a_hiragana_he_typed_for_katakana_begins_the_name(tagger):
    tagged = tagger.tag(_story("ja", "防衛相", "小泉防衛大臣は、へグセス国防長官と電話で会談しました。"))
    assert ("へグセス", "US") in _names(tagged)


# -- fifth pass: Korean sides, cues and names ----------------------------------------------------------


def test_a_country_list_before_a_korean_meeting_name_gives_its_sides(tagger):
    content = "윤광웅 국방장관은 23일 자카르타에서 한,인니 국방장관 회담을 했다."
    story = _story("ko", "한,인니 국방장관 회담", content, source="연합뉴스")
    tagged = tagger.tag(story)
    assert (tagged.host_country, tagged.counterpart_countries) == ("KR", ["ID"])


def test_a_korean_meeting_name_called_off_is_not_held(tagger):
    content = "국방부는 오늘로 잡혀 있던 한-카자흐스탄 국방장관회담이 취소됐다고 발표했다."
    story = _story("ko", "국방장관회담 취소", content, source="SBS")
    assert not tagger.tag(story).is_defense_ministerial_meeting


def test_a_cue_after_another_event_is_that_event_s(tagger):
    story = _story(
        "ko",
        "한미 국방장관, SCM 후 공동 기자회견 돌연 취소",
        "서욱 국방장관과 마크 에스퍼 미국 국방장관은 14일 워싱턴에서 SCM을 열었다.",
        source="조선일보",
    )
    tagged = tagger.tag(story)
    assert (tagged.is_defense_ministerial_meeting, tagged.counterpart_countries) == (True, ["US"])


def test_a_cue_that_is_a_topic_in_a_list_is_not_about_the_talks(tagger):
    content = "송영무 국방부 장관은 제임스 매티스 미국 국방장관과 만나 연합훈련 중단, 전작권 환수 등 현안을 논의했다."
    tagged = tagger.tag(_story("ko", "국방장관", content, source="연합뉴스"))
    assert (tagged.is_defense_ministerial_meeting, tagged.counterpart_countries) == (True, ["US"])


def test_a_photo_caption_of_last_year_s_call_is_background(tagger):
    content = "쇼이구 러시아 국방장관이 지난해 11월 모스크바에서 웨이펑허 중국 국방장관과 화상통화를 하며 서 있다."
    assert not tagger.tag(_story("ko", "러 국방장관", content, source="서울경제")).is_defense_ministerial_meeting


@pytest.mark.parametrize(
    ("content", "name", "country"),
    [
        ("로이드 오스틴 미국 국방장관은 한국의 김용현 신임 국방장관과 통화했다.", "김용현", "KR"),
        ("한민구 국방장관은 싱가포르에서 장-이브 르 드리앙 프랑스 국방장관과 회담했다.", "장-이브 르 드리앙", "FR"),
    ],
    ids=["new_is_no_part_of_the_name", "a_hyphenated_given_name"],
)
def test_korean_names_before_a_title_keep_their_hyphen_and_drop_new(tagger, content, name, country):
    tagged = tagger.tag(_story("ko", "국방장관", content, source="VOA 한국어" if country == "KR" else "연합뉴스"))
    assert (name, country) in _names(tagged)


def test_a_chinese_minister_referred_to_by_his_hangul_surname(tagger):
    story = _story(
        "ko",
        "웨이펑허 中국방부장, 북 부상과 회동",
        "(베이징=연합뉴스) 웨이펑허 중국 국방부장이 24일 김형룡 북한 인민무력성 부상을 만났다.\n"
        "웨이 부장은 이날 싱가포르 국방장관과도 만나 의견을 나눴다.",
    )
    tagged = tagger.tag(story)
    assert (tagged.host_country, tagged.counterpart_countries) == ("CN", ["SG"])


def test_an_embassy_publishing_its_minister_s_visit_is_that_country_s_outlet(tagger):
    story = _story(
        "ko",
        "한민구 국방부 장관 프랑스 방문",
        "한민구 국방장관이 장-이브 르 드리앙 프랑스 국방 장관의 초청을 받아 프랑스를 방문했다.\n"
        "한민구 장관과 르 드리앙 장관은 15일 두 나라 국방장관회담에서 협력 강화에 합의했다.",
        source="주한 프랑스 대사관",
    )
    tagged = tagger.tag(story)
    assert (tagged.host_country, tagged.counterpart_countries) == ("FR", ["KR"])


@pytest.mark.parametrize(
    ("content", "held"),
    [
        (
            "한국과 유엔사 회원국들이 서울에서 제2차 한·유엔사회원국 국방장관회의를 열었습니다.\n"
            "캐나다, 네덜란드 등 2개국의 국방장관과 6개국 차관급 인사가 참석했습니다.",
            True,
        ),
        (
            "한국과 유엔사 회원국들이 서울에서 제2차 한·유엔사회원국 국방장관회의를 열 예정입니다.\n"
            "캐나다, 네덜란드 등 2개국의 국방장관이 참석할 예정입니다.",
            False,
        ),
    ],
    ids=["held_forum", "planned_forum"],
)
def test_principals_who_attended_a_held_forum_of_the_story_s_country_are_its_parties(tagger, content, held):
    tagged = tagger.tag(_story("ko", "국방장관회의 서울서 개최", content, source="연합뉴스"))
    assert tagged.is_defense_ministerial_meeting is held
    if held:
        assert (tagged.host_country, tagged.counterpart_countries) == ("KR", ["CA", "NL"])


@pytest.mark.parametrize(
    ("content", "held"),
    [
        ("송 장관과 리야미자드 장관은 30일 인도네시아 국방부 청사에서 열린 회담에서 정세를 논의했다.", True),
        ("송 장관과 리야미자드 장관은 30일 인도네시아와 필리핀 국방부 청사에서 열린 회담에서 정세를 논의했다.", False),
    ],
    ids=["one_foreign_country", "two_foreign_countries"],
)
def test_two_names_with_bare_titles_meet_when_the_sentence_names_one_foreign_country(tagger, content, held):
    tagged = tagger.tag(_story("ko", "송 장관-리야미자드 장관 회담", content, source="이데일리"))
    assert tagged.is_defense_ministerial_meeting is held
    if held:
        assert (tagged.host_country, tagged.counterpart_countries) == ("KR", ["ID"])
        assert ("리야미자드", "ID") in _names(tagged)


def test_a_cue_with_a_list_mark_but_no_discussion_after_it_still_calls_the_talks_off(tagger):
    content = "안규백 국방부 장관과 피트 헤그세스 미국 국방장관의 회담이 무산, 양측은 일정을 다시 잡지 않았다."
    assert not tagger.tag(_story("ko", "국방장관", content, source="연합뉴스")).is_defense_ministerial_meeting


@pytest.mark.parametrize(
    "content",
    [
        "日米両政府は2プラス2の開催を見送った。防衛相が明らかにした。",
        "防衛相は、日本とフィリピンの2+2を開催できなかったと述べた。",
        "木原防衛相は、オースティン米国防長官と会談後、記者会見を開く予定だ。",
    ],
    ids=["called_off_in_the_past", "could_not_be_held", "after_the_talks_in_the_future"],
)
def test_japanese_talks_called_off_or_still_ahead_are_not_held(tagger, content):
    assert not tagger.tag(_story("ja", "防衛相", content)).is_defense_ministerial_meeting


@pytest.mark.parametrize(
    ("content", "held"),
    [
        ("안규백 국방부 장관은 척 헤이글 전 미국 국방장관과 만나 회담했다.", False),
        ("안규백 국방부 장관은 한민구 전 국방장관과 만났다.", False),
        ("안규백 국방부 장관은 피트 헤그세스 미국 국방장관과 만나 회담했다.", True),
    ],
    ids=["former_before_the_country", "former_before_the_title", "a_serving_minister"],
)
def test_a_former_korean_minister_is_no_principal(tagger, content, held):
    assert tagger.tag(_story("ko", "국방장관", content, source="연합뉴스")).is_defense_ministerial_meeting is held


# -- sixth pass (classes seen on ko_holdout_5 and ja_holdout_6) ------------------------------------------


@pytest.mark.parametrize(
    ("language", "content", "pair"),
    [
        ("ko", "캄보디아를 방문 중인 김철수 국방부 장관은 3일 티아 세이하 캄보디아 국방장관과 회담했다.",
         ("KR", ["KH"])),
        ("ja", "フィリピンを訪れたヘグセス国防長官は3日、テオドロ比国防相と会談した。", ("US", ["PH"])),
    ],
    ids=["ko_visited_country", "ja_visited_country"],
)
def test_a_country_that_is_a_verb_s_argument_is_not_the_title_s_country(tagger, language, content, pair):
    title, source = ("국방장관", "연합뉴스") if language == "ko" else ("国防相", "")
    tagged = tagger.tag(_story(language, title, content, source=source))
    assert (tagged.host_country, tagged.counterpart_countries) == pair


def test_a_korean_transcript_without_full_stops_is_read_sentence_by_sentence(tagger):
    content = (
        "【 앵커 】 한미 안보협의회에 참석한 김철수 국방부 장관이 입장을 밝혔습니다 【 기자 】 미국 워싱턴에서 열린 "
        "한미 안보협의회에서 두 나라 국방장관은 방위비 문제를 놓고 생각이 엇갈렸습니다 회의 뒤에 열기로 했던 "
        "기자회견은 취소됐습니다"
    )
    tagged = tagger.tag(_story("ko", "한미 국방장관", content))
    assert (tagged.is_defense_ministerial_meeting, tagged.host_country, tagged.counterpart_countries) == (
        True, "KR", ["US"])
    assert ("나라", "KR") not in _names(tagged)  # 두 나라: both sides, no name


@pytest.mark.parametrize(
    ("language", "content", "expected"),
    [
        (
            "ko",
            "김철수 국방부 장관은 3일 회의에 참석했다. "
            "또 캐나다·네덜란드 국방장관과도 각각 양자회담을 열어 협력 방안을 논의했다.",
            (True, ["CA", "NL"]),
        ),
        (
            "ja",
            "木原防衛大臣は米国を訪れた。米国のオースティン国防長官は、3日は大統領と会談した。"
            "これに対しオースティン長官は、会談では協力を確認した。",
            (False, []),
        ),
    ],
    ids=["ko_partners_of_an_omitted_subject", "ja_the_foreign_principal_is_the_topic"],
)
def test_the_story_s_own_minister_is_the_implied_subject_only_of_a_sentence_whose_foreign_principal_is_no_topic(
    tagger, language, content, expected
):
    tagged = tagger.tag(_story(language, "국방장관" if language == "ko" else "防衛相", content))
    assert (tagged.is_defense_ministerial_meeting, tagged.counterpart_countries) == expected


def test_a_korean_request_quoted_after_the_talks_leaves_them_held(tagger):
    content = "김철수 국방부 장관은 리샹푸 중국 국방부장과도 회담하고, 중국이 건설적인 역할을 해 달라고 요청했다."
    assert tagger.tag(_story("ko", "국방장관", content, source="연합뉴스")).counterpart_countries == ["CN"]


def test_a_two_plus_two_that_names_no_principal_title_passes_the_prefilter_and_is_held(tagger):
    content = "インドとオーストラリアは11日、初めての外務・防衛閣僚協議(2プラス2)をキャンベラで開いた。"
    tagged = tagger.tag(_story("ja", "印豪が初の2プラス2", content))
    assert (tagged.is_defense_ministerial_meeting, tagged.host_country, tagged.counterpart_countries) == (
        True, "IN", ["AU"])


@pytest.mark.parametrize(
    ("title", "content"),
    [
        ("日韓防衛相の電話会談、韓国が応じず", "日本は韓国に防衛相同士の電話会談を提案したものの、断られていた。"),
        ("日韓防衛相会談", "木原防衛相は韓国の国防相との電話会談を要請した。"),
    ],
    ids=["proposed_and_refused", "requested"],
)
def test_japanese_talks_proposed_or_refused_are_not_held(tagger, title, content):
    assert not tagger.tag(_story("ja", title, content)).is_defense_ministerial_meeting


def test_a_foreign_principal_written_as_the_partner_leaves_the_writer_s_minister_the_host(tagger):
    content = "英国のジョン・スミス国防大臣との間で、日英防衛相会談を行いました。"
    tagged = tagger.tag(_story("ja", "日英防衛相会談", content, url="https://example.org/blog/1"))
    assert (tagged.host_country, tagged.counterpart_countries) == ("JP", ["GB"])


def test_a_known_katakana_name_voiced_differently_is_still_his(tagger):
    tagged = tagger.tag(_story("ja", "防衛相会談", "木原防衛相は3日、マールス国防相と会談した。"))
    assert tagged.counterpart_countries == ["AU"]


@pytest.mark.parametrize(
    ("title", "content"),
    [
        ("統幕長が懇談", "両者は、今年4月の日米安全保障協議委員会(2+2)の共同発表を踏まえ、意見を述べた。"),
        ("日米2プラス2、来月開催の可能性", "前回の日米2プラス2は今年3月に東京で開かれた。"),
    ],
    ids=["a_two_plus_two_modifying_another_noun", "a_previous_one_and_a_possible_one"],
)
def test_a_two_plus_two_only_mentioned_or_possible_is_no_meeting(tagger, title, content):
    assert not tagger.tag(_story("ja", title, content)).is_defense_ministerial_meeting


@pytest.mark.parametrize(
    ("content", "name"),
    [
        ("김철수 국방부 장관은 3일 벤 월러스(Ben Wallace) 영국 국방장관과 전화 통화를 했다.", ("벤 월러스", "GB")),
        ("김철수 국방부 장관은 3일 이와야 다케시(岩屋毅) 일본 방위상과 따로 만났다.", ("이와야 다케시", "JP")),
    ],
    ids=["a_spaced_latin_gloss", "a_name_kiwi_keeps_whole"],
)
def test_a_korean_name_glossed_in_brackets_before_its_title_is_read_whole(tagger, content, name):
    assert name in _names(tagger.tag(_story("ko", "국방장관", content, source="연합뉴스")))


def test_a_long_dotted_name_and_a_deputy_prime_minister_for_defence_are_read(tagger):
    content = (
        "23日、木原防衛大臣は防衛省で、"
        "カタールのハリド・ビン・サレハ・アル・ハマド副首相兼防衛担当国務大臣と会談した。"
    )
    tagged = tagger.tag(_story("ja", "防衛相会談", content))
    assert tagged.counterpart_countries == ["QA"]
    assert ("ハリド・ビン・サレハ・アル・ハマド", "QA") in _names(tagged)
