"""Patterns of Korean and Japanese copy the CJK reader handles, one test each (issue 15, second pass).

Each text is the shortest sentence that shows its pattern, written here to pin one rule; the real copy
the rules were fixed on is in ``tests/data/real/ja/ja_holdout_2.jsonl`` (see docs/tagger.md).
"""

from __future__ import annotations

import pytest

from newswatch.processors.tag_meetings import MeetingTagger
from newswatch.schema import Article


@pytest.fixture(scope="module")
def tagger() -> MeetingTagger:
    return MeetingTagger()


def _ja(title: str, content: str, *, source: str = "", url: str = "https://example.org/a") -> Article:
    return Article(id="p", url=url, title=title, content=content, source=source, language="ja")


def test_a_yonhap_dateline_makes_korea_the_story_s_own_country(tagger):
    story = _ja(
        "国防部長官が電話会談", "【ソウル聯合ニュース】国防部長官は31日、米国のヘグセス国防長官と電話で会談した。"
    )
    tagged = tagger.tag(story)
    assert (tagged.host_country, tagged.counterpart_countries) == ("KR", ["US"])


@pytest.mark.parametrize("source", ["聯合ニュース (goo ニュース)", "聯合ニュース (WoW!Korea)"])
def test_the_outlet_named_first_in_the_source_is_the_outlet_not_the_site_carrying_it(tagger, source):
    story = _ja(
        "国防部長官が電話会談",
        "国防部長官は31日、米国のヘグセス国防長官と電話で会談した。",
        source=source,
        url="https://news.goo.ne.jp/article/x",
    )
    assert tagger.tag(story).host_country == "KR"


def test_a_registered_outlet_domain_serves_the_japanese_pipeline_too(tagger):
    story = _ja(
        "国防部長が会談", "国防部長は4日、日本の中谷元防衛大臣と会談した。", url="https://jp.xinhuanet.com/2015/x.htm"
    )
    tagged = tagger.tag(story)
    assert (tagged.host_country, tagged.counterpart_countries) == ("CN", ["JP"])


def test_a_date_suffix_after_a_number_is_not_japan(tagger):
    story = _ja(
        "韓米国防相が電話会談",
        "【ソウル聯合ニュース】韓国の安圭伯国防部長官は31日、米国のヘグセス国防長官と電話で会談した。",
    )
    assert tagger.tag(story).counterpart_countries == ["US"]


def test_a_principal_named_with_a_country_is_followed_by_name_in_later_sentences(tagger):
    story = _ja(
        "米ロ国防相が電話会談",
        "アメリカのオースティン国防長官とロシアのベロウソフ国防相が電話で会談しました。\n"
        "オースティン国防長官とベロウソフ国防相が25日に電話で会談したということです。",
        source="NHK",
        url="https://www3.nhk.or.jp/news/x.html",
    )
    tagged = tagger.tag(story)
    assert (tagged.host_country, tagged.counterpart_countries) == ("US", ["RU"])
    assert all("JP" not in {p.country for p in m.participants} for m in tagged.meetings)


def test_a_foreign_defense_title_without_a_country_is_not_japan_s_minister(tagger):
    story = _ja(
        "国防相が会談",
        "アメリカのオースティン国防長官は、国防相と電話で会談しました。",
        source="NHK",
        url="https://www3.nhk.or.jp/news/x.html",
    )
    assert not tagger.tag(story).is_defense_ministerial_meeting


def test_a_surname_with_shi_refers_back_to_the_principal(tagger):
    story = _ja(
        "防衛相が訪中",
        "日本の河野太郎防衛相は18日、中国を訪れた。\n河野氏は18日、魏鳳和・国務委員兼国防部長と会談した。",
        url="http://japanese.china.org.cn/jp/x.htm",
    )
    tagged = tagger.tag(story)
    assert (tagged.host_country, tagged.counterpart_countries) == ("CN", ["JP"])
    assert {p.name for p in tagged.held_meetings[0].participants} == {"魏鳳和", "河野太郎"}


def test_a_ministry_and_its_head_written_after_a_name_is_a_principal(tagger):
    story = _ja(
        "防衛大臣が訪中",
        "浜田靖一防衛大臣が同日午後に中国国防部の梁光烈・部長と行った会談のあらましを紹介した。",
        source="人民網日本語版",
    )
    tagged = tagger.tag(story)
    assert (tagged.host_country, tagged.counterpart_countries) == ("CN", ["JP"])
    assert ("梁光烈", "部長", "CN") in {(p.name, p.role, p.country) for p in tagged.held_meetings[0].participants}


def test_the_foreign_ministry_s_head_is_no_defense_principal(tagger):
    story = _ja("会談", "浜田靖一防衛大臣は、外務省の林芳正・大臣と会談した。")
    assert not tagger.tag(story).is_defense_ministerial_meeting


def test_kaiken_in_chinese_usage_is_a_meeting_and_kisha_kaiken_is_not(tagger):
    met = _ja("国防部長が会見", "常万全国防部長は4日午後、日本の中谷元防衛大臣と会見した。", source="新華網日本語")
    press = _ja("防衛相が会見", "中谷元防衛大臣は4日、記者会見を開いた。")
    assert tagger.tag(met).counterpart_countries == ["JP"]
    assert not tagger.tag(press).is_defense_ministerial_meeting


def test_a_meeting_someone_hopes_for_is_not_held(tagger):
    story = _ja(
        "防衛相が訪中の意欲", "日本の岩屋毅防衛相は23日、中国の魏鳳和国務委員兼国防部長と会談したい考えを示した。"
    )
    tagged = tagger.tag(story)
    assert not tagged.is_defense_ministerial_meeting
    assert [m.status for m in tagged.meetings] == ["planned"]


def test_a_title_glossed_in_brackets_is_the_same_person(tagger):
    story = _ja(
        "国防部長が会見",
        "常万全・中国国務委員兼国防部長(国防相)は4日、日本の中谷元防衛大臣と会見した。",
        source="新華網日本語",
    )
    tagged = tagger.tag(story)
    assert (tagged.host_country, tagged.counterpart_countries) == ("CN", ["JP"])
    assert len(tagged.held_meetings[0].participants) == 2


def test_a_title_that_begins_a_forum_s_name_is_nobody(tagger):
    story = _ja(
        "韓米国防相が会談",
        "【ワシントン聯合ニュース】韓国の宋永武国防部長官と米国のマティス国防長官が23日、"
        "拡大東南アジア諸国連合(ASEAN)国防相会議が開かれているフィリピンで会談した。",
    )
    assert tagger.tag(story).counterpart_countries == ["US"]


def test_a_held_meeting_the_host_takes_no_part_in_gives_no_counterpart(tagger):
    story = _ja(
        "国防部長官が電話会談",
        "【ワシントン聯合ニュース】韓国の徐旭国防部長官と米国のミラー国防長官代行は17日に電話で会談した。\n"
        "これに先立ち、ミラー氏は英国、フランス、ドイツ、日本など同盟国の国防相と相次いで電話会談を行った。",
    )
    tagged = tagger.tag(story)
    assert (tagged.host_country, tagged.counterpart_countries) == ("KR", ["US"])


def test_a_name_with_its_reading_in_brackets_is_the_kanji_name(tagger):
    story = _ja(
        "国防部長官が電話会談",
        "【ソウル聯合ニュース】韓国の李鐘燮(イ・ジョンソプ)国防部長官が18日、米国のオースティン国防長官と電話で会談した。",
    )
    names = {(p.name, p.country) for p in tagger.tag(story).held_meetings[0].participants}
    assert names == {("李鐘燮", "KR"), ("オースティン", "US")}


def _ko(title: str, content: str) -> Article:
    return Article(id="k", url="https://www.yna.co.kr/view/x", title=title, content=content, language="ko")


def test_the_place_before_a_place_particle_is_the_meeting_s_location(tagger):
    ja = _ja("日韓防衛相が会談", "【ソウル共同】中谷元防衛相は4日、ソウルで韓国の安圭伯国防相と会談した。")
    ko = _ko(
        "한미 국방장관 회담",
        "안규백 국방부 장관은 4일 오후 서울 용산 국방부 청사에서 피트 헤그세스 미국 국방장관과 회담했다.",
    )
    assert tagger.tag(ja).held_meetings[0].location == "ソウル"
    assert tagger.tag(ko).held_meetings[0].location == "서울 용산 국방부 청사"  # 오후 is a time, not the place


def test_a_phone_call_has_no_location(tagger):
    story = _ja("日米防衛相が電話会談", "中谷元防衛相は4日、米国のヘグセス国防長官と電話で会談した。")
    assert tagger.tag(story).held_meetings[0].location is None


def test_a_forum_named_in_the_meeting_sentence_is_its_event_and_its_country_a_venue(tagger):
    story = _ja(
        "韓米国防相が会談",
        "【ワシントン聯合ニュース】韓国の宋永武国防部長官と米国のマティス国防長官が23日、"
        "拡大東南アジア諸国連合(ASEAN)国防相会議が開かれているフィリピンで会談した。",
    )
    tagged, rejected = tagger.explain(story)
    (meeting,) = tagged.held_meetings
    assert (meeting.location, meeting.event) == ("フィリピン", "拡大東南アジア諸国連合(ASEAN)国防相会議")
    assert {(r.country, str(r.reason), r.rule) for r in rejected} >= {("PH", "venue", "place.particle")}


def test_explain_lists_the_countries_a_cjk_story_rejects_with_why(tagger):
    story = _ja(
        "国防部長官が電話会談",
        "【ワシントン聯合ニュース】韓国の徐旭国防部長官と米国のミラー国防長官代行は17日に電話で会談した。\n"
        "これに先立ち、ミラー氏は英国、フランス、ドイツ、日本など同盟国の国防相と相次いで電話会談を行った。\n"
        "中国の王毅外相は談話を出した。",
    )
    _tagged, rejected = tagger.explain(story)
    why = {r.country: (str(r.reason), r.rule) for r in rejected}
    assert why["GB"] == ("third party", "meeting.without_host")
    assert why["CN"][0] == "not a principal"


@pytest.mark.parametrize(
    "article",
    [
        Article(
            id="e",
            url="https://x",
            title="Defense ministers meet",
            content="Defense Minister Kim met African Union Commissioner ... in Seoul.",
        ),
        _ko("국방장관 회담", "아프리카연합 대표단"),
        _ja("会談", "アフリカ連合の代表団"),
    ],
    ids=["en", "ko", "ja"],
)
def test_the_african_union_is_read_as_au_the_code_labels_md_gives_it(tagger, article):
    _tagged, rejected = tagger.explain(article)
    assert "AU" in {r.country for r in rejected}


def test_a_korean_principal_named_earlier_is_followed_by_surname_and_jangwan(tagger):
    story = _ko(
        "북한 찾은 러 국방장관",
        "안드레이 벨로우소프 러시아 국방장관이 29일 평양에 도착했다.\n"
        "벨로우소프 장관은 이날 노광철 북한 국방상을 만나 군사협력을 논의했다.",
    )
    tagged = tagger.tag(story)
    assert (tagged.host_country, tagged.counterpart_countries) == ("RU", ["KP"])


def test_a_korean_title_spaced_before_hoeui_is_a_forum_not_a_party(tagger):
    story = _ko(
        "한일 국방장관 회담",
        "김용현 국방부 장관과 나카타니 겐 일본 방위상이 21일 라오스에서 회담을 열었다.\n"
        "회담은 라오스에서 열린 제11차 아세안 확대 국방장관 회의를 계기로 이뤄졌다.",
    )
    assert tagger.tag(story).counterpart_countries == ["JP"]


def test_a_korean_future_adnominal_after_the_trigger_beats_a_past_verb_of_saying(tagger):
    story = _ko(
        "국방장관 통화 임박",
        "군 소식통은 30일 “수일 안에 안규백 국방부 장관과 헤그세스 미 국방장관의 통화가 이뤄질 것”이라고 했다.",
    )
    tagged = tagger.tag(story)
    assert not tagged.is_defense_ministerial_meeting
    assert [m.status for m in tagged.meetings] == ["planned"]


def test_a_time_word_before_a_korean_name_is_no_part_of_it(tagger):
    story = _ko("한미 국방장관 통화", "헤이글 미 국방장관은 4일 저녁 한민구 국방장관과 전화통화를 했다.")
    names = {(p.name, p.country) for p in tagger.tag(story).held_meetings[0].participants}
    assert ("한민구", "KR") in names


def test_a_surname_alone_is_completed_from_the_name_the_story_gave_before(tagger):
    story = _ko(
        "러 국방장관 방북",
        "안드레이 벨로우소프 러시아 국방장관이 29일 노광철 북한 국방상과 평양에서 회담했다.\n"
        "벨로우소프 장관은 이날 노 국방상을 만나 군사협력 확대를 강조했다.",
    )
    names = {(p.name, p.country) for m in tagger.tag(story).held_meetings for p in m.participants}
    assert ("노광철", "KP") in names and ("노", "KP") not in names


def test_naka_meaning_amid_is_not_china(tagger):
    story = _ja("日米防衛相が会談", "任期が残り2か月となる中、中谷元防衛相は米国のヘグセス国防長官と会談した。")
    _tagged, rejected = tagger.explain(story)
    assert "CN" not in {r.country for r in rejected}


def test_a_sino_russian_pair_form_gives_both_sides(tagger):
    story = _ja("中露国防相が会談", "【北京共同】中露の国防相が北京で会談した。")
    tagged = tagger.tag(story)
    assert (tagged.host_country, tagged.counterpart_countries) == ("CN", ["RU"])  # the pair's first is its subject


def test_a_surname_with_shi_after_a_particle_is_still_the_principal(tagger):
    story = _ja(
        "防衛相が訪中",
        "日本の河野太郎防衛相は18日、中国を訪れた。\n18日の夜には河野氏が魏鳳和・国務委員兼国防部長と会談した。",
        url="http://japanese.china.org.cn/jp/x.htm",
    )
    assert tagger.tag(story).counterpart_countries == ["JP"]


def test_a_long_katakana_name_is_read_whole(tagger):
    story = _ja("日越防衛相が会談", "岸防衛相は、ベトナムのファン・ハン・サン国防相と会談した。")
    names = {p.name for p in tagger.tag(story).held_meetings[0].participants}
    assert "ファン・ハン・サン" in names


@pytest.mark.parametrize(
    ("source", "url", "country"),
    [
        ("中央日報日本語版", "https://japanese.joins.com/JArticle/1", "KR"),
        ("", "https://www.chosunonline.com/site/data/html_dir/x.html", "KR"),
        ("スプートニク日本", "https://example.org/x", "RU"),
    ],
)
def test_korean_chinese_and_russian_japanese_services_are_their_country_s_outlets(tagger, source, url, country):
    story = _ja("国防相が会談", "国防相は4日、日本の中谷元防衛大臣と会談した。", source=source, url=url)
    assert tagger.tag(story).host_country == country


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("中谷元防衛相は、米国のヘグセス国防長官との会談を見合わせた。", "postponed"),
        ("中谷元防衛相と米国のヘグセス国防長官の会談は行われなかった。", "denied"),
        ("中谷元防衛相は、米国のヘグセス国防長官と会談できずに帰国した。", "denied"),
    ],
)
def test_japanese_put_off_and_did_not_take_place_are_not_held(tagger, sentence, status):
    tagged = tagger.tag(_ja("防衛相", sentence))
    assert not tagged.is_defense_ministerial_meeting
    assert [m.status for m in tagged.meetings] == [status]


def test_a_japanese_surname_with_choukan_refers_back_to_the_principal(tagger):
    story = _ja(
        "韓米国防相が電話会談",
        "【ソウル聯合ニュース】韓国の韓民求国防部長官と米国のマティス国防長官は1日、電話で会談した。\n"
        "マティス長官は会談で、韓長官に同盟の意思は変わらないと述べた。",
    )
    tagged = tagger.tag(story)
    assert (tagged.host_country, tagged.counterpart_countries) == ("KR", ["US"])
    assert [r for m in tagged.held_meetings for e in m.evidence for r in e.rules if r.startswith("person:")]


def test_a_short_name_is_completed_only_to_a_known_name_the_story_writes(tagger):
    former = _ja("日韓防衛相が会談", "中谷元防衛相は4日、韓国の安圭伯国防相と会談した。")
    only_short = _ja("日越防衛相会談", "岩屋毅防衛大臣はベトナムを訪れ、ベトナムのリック国防大臣と会談した。")
    assert ("中谷元", "JP") in {(p.name, p.country) for p in tagger.tag(former).held_meetings[0].participants}
    assert ("リック", "VN") in {(p.name, p.country) for p in tagger.tag(only_short).held_meetings[0].participants}
