"""Patterns of Korean and Japanese copy the CJK reader handles, seventh pass (issue 15): one row per pattern.

Each text is a short sentence written here to pin one rule; the error classes they come from were seen on
``tests/data/real/ko/ko_holdout_6.jsonl`` and ``tests/data/real/ja/ja_holdout_7.jsonl`` (development copy since, see
docs/tagger.md). No text here is copied from those batches.
"""

from __future__ import annotations

import pytest

from tests.processors.helpers import check_cjk_pattern, cjk_pattern_rows

#: pattern, language, title, content, (meeting, host, counterparts), names the held meetings must include[, url]
PATTERNS = [
    (
        "both_sides_title_is_not_the_own_minister",
        "ko",
        "인도네시아 국방장관, 호주 방문",
        "프라보워 수비안토 인도네시아 국방장관은 10일 캔버라에서 리처드 말스 호주 국방장관과 회담했다.\n"
        "두 나라 국방장관은 회담을 마친 뒤 공동성명을 냈다.",
        (True, "ID", ["AU"]),
        set(),
    ),
    (
        "korean_name_written_after_its_title",
        "ko",
        "중국 국방부 장관, 영국 국방장관과 회동",
        "중국 국방부 장관 둥쥔은 5일 베이징에서 영국 국방부 장관 존 힐리를 만나 군사 협력을 논의했다.",
        (True, "CN", ["GB"]),
        {("존 힐리", "GB")},
    ),
    (
        "korean_title_in_apposition_before_a_known_name",
        "ko",
        "미 국방장관, 마닐라 방문",
        "필리핀을 방문 중인 미국 국방장관 로이드 오스틴은 4일 주재국의 국방장관인 질베르토 테오도로와 만났습니다.",
        (True, "US", ["PH"]),
        {("질베르토 테오도로", "PH")},
    ),
    (
        "file_photo_caption_is_no_account_of_the_talks",
        "ko",
        "미중 국방장관 화상 회담",
        "사진: 지난 2021년 회담을 한 로이드 오스틴 미국 국방장관과 웨이펑허 중국 국방부장. (자료사진)\n"
        "로이드 오스틴 미 국방장관은 16일 둥쥔 중국 국방부장과 화상 회담을 가졌다.",
        (True, "US", ["CN"]),
        {("둥쥔", "CN")},
    ),
    (
        "known_foreign_principal_s_bare_title_is_not_the_own_minister",
        "ko",
        "프라보워 국방장관, 말레이시아 국방장관과 회담",
        "프라보워 국방장관은 30일 자카르타에서 말레이시아 국방장관과 회담했다.\n"
        "회의에는 프라보워 국방부 장관과 국방부 차관이 함께했다.",
        (True, "ID", ["MY"]),
        set(),
    ),
    (
        "korean_polite_past_of_meet",
        "ko",
        "한일 국방장관 만남",
        "안규백 국방부 장관은 2일 서울에서 나카타니 겐 일본 방위상과 만났습니다.",
        (True, "KR", ["JP"]),
        set(),
    ),
    (
        "korean_propositive_request_refused_is_no_talks_held",
        "ko",
        "중국, 미국 요청 거부",
        "리상푸 중국 국방부장은 지난달 열린 샹그릴라 대화 계기의 국방장관 회담을 하자는 로이드 오스틴 미국 국방장관의 "
        "요청을 거부했습니다.",
        (False, None, []),
        set(),
    ),
    (
        "both_sides_word_in_the_genitive_is_no_sides_of_talks",
        "ko",
        "외교장관, 폴란드 국방장관 만나",
        "조태열 외교장관은 6일 폴란드 부총리 겸 국방장관을 만나 두 나라의 방산 협력을 논의했다.",
        (False, None, []),
        set(),
    ),
    (
        "headline_partner_written_first_is_not_its_subject",
        "ja",
        "ドイツ国防相との会談で協力を確認 米国防長官",
        "米国防総省は15日、ヘグセス国防長官がドイツのピストリウス国防大臣と会談したと発表しました。",
        (True, "US", ["DE"]),
        {("ピストリウス", "DE")},
    ),
    (
        "japanese_federal_title_modifier_is_no_part_of_the_name",
        "ja",
        "米独国防相が会談",
        "米国防総省によると、ヘグセス国防長官は15日、ドイツのボリス・ピストリウス連邦国防大臣と会談した。",
        (True, "US", ["DE"]),
        {("ボリス・ピストリウス", "DE")},
    ),
    (
        "japanese_concurrent_offices_joined_by_ken",
        "ja",
        "防衛相、インド国防相と会談",
        "インドを訪れた稲田防衛相は8日、アルン・ジャイトリー財務大臣兼国防大臣と会談した。",
        (True, "JP", ["IN"]),
        {("アルン・ジャイトリー", "IN")},
    ),
    (
        "japanese_office_holder_named_without_a_country",
        "ja",
        "防衛相が会談",
        "一川防衛相は24日、ハノイでフン・クアン・タイン国防相と会談した。",
        (True, "JP", ["VN"]),
        {("フン・クアン・タイン", "VN")},
    ),
    (
        "korean_country_as_topic_convenes_the_talks",
        "ko",
        "중국, 국방장관 회의 개최",
        "중국은 10일 베이징에서 파키스탄과 러시아 국방장관들을 초청해 회의를 열었습니다.",
        (True, "CN", ["PK", "RU"]),
        set(),
    ),
    (
        "korean_country_as_topic_reacting_to_others_talks_is_no_side",
        "ko",
        "북한, 한미 국방장관 회담에 반발",
        "북한은 6일 한국과 미국 국방장관들이 서울에서 회담을 열었다며 반발했다.",
        (True, "KR", ["US"]),
        set(),
    ),
    (
        "japanese_country_as_topic_reacting_to_others_talks_is_no_side",
        "ja",
        "中国が反発",
        "中国は6日、日本と米国の防衛相と国防長官が東京で会談したことに反発した。",
        (True, "JP", ["US"]),
        set(),
    ),
    (
        "japanese_own_minister_at_an_organisation_s_principals_forum",
        "ja",
        "NATO国防相会合が開幕",
        "北大西洋条約機構(NATO)国防相会合が12日、ブリュッセルで開幕した。\n中谷元防衛相が日本から出席した。",
        (True, "JP", ["NATO"]),
        set(),
    ),
    (
        "japanese_partner_of_a_talks_noun_in_the_own_outlet_s_story",
        "ja",
        "ベトナム、国防外交を強化",
        "中国国防部の董軍部長との面会で、双方は両国の国防協力を進めることで一致しました。\n"
        "ザン国防大臣は今後も各国との協力を進める方針です。",  # the title after it lets the prefilter pass the story
        (True, "VN", ["CN"]),
        {("董軍", "CN")},
        "https://vovworld.vn/ja-JP/a.vov",
    ),
    (
        "japanese_joint_press_conference_of_two_principals",
        "ja",
        "日独防衛相が共同会見",
        "小泉防衛大臣とドイツのピストリウス国防大臣は22日、防衛省で共同記者会見を行った。",
        (True, "JP", ["DE"]),
        {("ピストリウス", "DE")},
    ),
    (
        "japanese_both_countries_ministers_after_their_leaders_met_sign_together",
        "ja",
        "印ロ首脳が会談",
        "インドのモディ首相は4日、ロシアのプーチン大統領と会談した。\n"
        "首脳会談を受け、両国の国防相は同日、軍事技術協力協定に調印した。",
        (True, "IN", ["RU"]),
        set(),
    ),
    (
        "japanese_cuban_minfar_minister_is_a_principal",
        "ja",
        "防衛相が会談",
        "小泉防衛大臣は9日、防衛省でキューバのアルバロ・ロペス・ミエラ革命軍事大臣と会談した。",
        (True, "JP", ["CU"]),
        {("アルバロ・ロペス・ミエラ", "CU")},
    ),
]


@pytest.mark.parametrize(**cjk_pattern_rows(PATTERNS))
def test_seventh_pass_patterns(tagger, pattern, language, title, content, verdict, names, url):
    check_cjk_pattern(tagger, pattern, language, title, content, verdict, names, url)
