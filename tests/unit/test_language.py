"""Article language: declared first, then the script, then py3langid for scripts that do not decide."""

from __future__ import annotations

import pytest

from newswatch.collectors.config import FeedConfig
from newswatch.collectors.rss import parse_feed
from newswatch.language import by_script, declared, detect, language_of


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("안규백 국방부 장관은 8일 나카타니 겐 일본 방위상과 회담했다.", "ko"),
        ("日 방위상 ‘서울안보대화’ 참석… 10년 만에 訪韓", "ko"),  # hanja in a Korean headline
        ("小泉進次郎防衛相は７日、オーストラリアのマールズ国防相と会談した。", "ja"),
        ("中国国防部长董军会见日本防卫大臣", "zh"),  # Han without kana
        ("Defense Minister Shin Won-sik met his Australian counterpart.", None),  # Latin: the script cannot say
        ("12345 !!!", None),
    ],
)
def test_the_script_decides_where_it_can(text, code):
    assert by_script(text) == code


def test_other_scripts_go_to_the_detector():
    assert detect("Defense Minister Shin Won-sik met his Australian counterpart in Melbourne on Tuesday.") == "en"
    assert detect("Le ministre des Armées a rencontré son homologue australien à Paris.") == "fr"
    assert detect("") is None


def test_a_declaration_beats_the_text():
    assert declared("ko-KR") == "ko" and declared("ja_JP") == "ja" and declared("en-us") == "en"
    assert declared("not a language") is None and declared(None) is None
    assert language_of("Defense ministers met.", None, "ja-JP") == "ja"


FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>{lang}
<item><title>{title}</title><link>https://example.org/{n}</link><description>{body}</description></item>
</channel></rss>"""


def _feed(title: str, body: str, lang: str = "", n: int = 1) -> bytes:
    element = f"<language>{lang}</language>" if lang else ""
    return FEED.format(lang=element, title=title, body=body, n=n).encode()


def test_collected_articles_carry_their_language():
    korean = parse_feed(_feed("한미 국방장관 통화", "서욱 국방부 장관이 통화했다."), source="s").articles[0]
    assert korean.language == "ko"  # from the script
    english = parse_feed(_feed("Talks", "Ministers met.", lang="en-us"), source="s").articles[0]
    assert english.language == "en"  # the feed's <language>
    configured = parse_feed(_feed("Talks", "Ministers met.", lang="en-us"), source="s", language="ja").articles[0]
    assert configured.language == "ja"  # the feed's configuration beats its <language>
    unknown = parse_feed(_feed("Talks", "Ministers met."), source="s").articles[0]
    assert unknown.language is None  # the processor detects it


def test_a_feed_declares_its_language_in_config():
    assert FeedConfig(url="https://www.yna.co.kr/rss/politics.xml", language="ko").language == "ko"
    with pytest.raises(ValueError):
        FeedConfig(url="https://x", language="Korean")
