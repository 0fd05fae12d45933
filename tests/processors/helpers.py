"""Small builders shared by the tagger tests."""

from __future__ import annotations

from newswatch.schema import Article


def article(text: str, title: str = "", source: str = "", url: str = "https://example.test/story") -> Article:
    """An Article whose body is ``text``; the title defaults to the body's first sentence-ish line."""
    return Article(id="test", url=url, title=title, content=text, source=source)
