"""Small builders shared by the tagger tests."""

from __future__ import annotations

from newswatch.schema import Article


def article(text: str, title: str = "", source: str = "", url: str = "https://example.test/story") -> Article:
    """An Article whose body is ``text``; the title defaults to the body's first sentence-ish line."""
    return Article(id="test", url=url, title=title, content=text, source=source)


def check_pattern(tagger, title, text, source, url, is_meeting, host, counterparts) -> None:
    """One row of a real-copy class table: the verdict, the counterparts and (when given) the host."""
    tagged = tagger.tag(article(text, title=title, source=source, url=url))
    assert tagged.is_defense_ministerial_meeting is is_meeting
    assert tagged.counterpart_countries == counterparts
    if host is not None:
        assert tagged.host_country == host


def cjk_pattern_rows(patterns: list[tuple]) -> dict:
    """``pytest.mark.parametrize`` keywords for a Korean/Japanese pattern table (the url defaults)."""
    return {
        "argnames": ("pattern", "language", "title", "content", "verdict", "names", "url"),
        "argvalues": [(*row, "https://example.org/a")[:7] for row in patterns],
        "ids": [row[0] for row in patterns],
    }


def check_cjk_pattern(tagger, pattern, language, title, content, verdict, names, url) -> None:
    """One row of a Korean/Japanese pattern table: the verdict, host and counterparts, and names held meetings hold."""
    tagged = tagger.tag(Article(id="p", url=url, title=title, content=content, language=language))
    meeting, host, counterparts = verdict
    assert tagged.is_defense_ministerial_meeting is meeting, pattern
    if meeting:
        assert (tagged.host_country, tagged.counterpart_countries) == (host, counterparts), pattern
    held = {(p.name, p.country) for m in tagged.held_meetings for p in m.participants}
    assert names <= held, (pattern, held)
