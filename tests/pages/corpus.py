"""The known data set the pages are tested on: a few stories served as an RSS feed, run through the
real pipeline (collector, tagger, resolver, meeting store). What the tagger makes of each story is
pinned in ``EXPECTED_EDGES``; one story carries hostile markup and a ``javascript:`` link."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

from tests.conftest import SEEDS

HOSTILE_TITLE = '<script>window.__pwned = "title"</script><img src=x onerror="window.__pwned=1"> Korea, Japan talks'
HOSTILE_LINK = "javascript:window.__pwned='link'"
HOSTILE_TEXT = ('South Korean Defense Minister Shin Won-sik held talks with Japanese Defense Minister Minoru Kihara '
                'in Tokyo on Friday <script>window.__pwned="evidence"</script><img src=x onerror="window.__pwned=2">, '
                'the ministry said.')


def _item(title: str, link: str, guid: str, when: datetime, text: str, outlet: str = "Test Wire") -> str:
    return (f"<item><title>{escape(title)}</title><link>{escape(link)}</link>"
            f'<guid isPermaLink="false">{escape(guid)}</guid><pubDate>{format_datetime(when)}</pubDate>'
            f"<source url=\"https://wire.example/rss\">{escape(outlet)}</source>"
            f"<description>{escape(escape(text))}</description></item>")


STORIES = [
    ("Japan, Philippines defense chiefs hold talks", "https://wire.example/jp-ph", "jp-ph",
     datetime(2024, 11, 4, 9, tzinfo=UTC),
     "Japanese Defense Minister Gen Nakatani held talks with Philippine Secretary of National Defense Gilberto "
     "Teodoro in Tokyo on Monday, the ministry said. The two ministers agreed to deepen defense cooperation."),
    ("Japan, Philippines ministers meet again", "https://wire.example/jp-ph-2", "jp-ph-2",
     datetime(2025, 2, 10, 9, tzinfo=UTC),
     "Japanese Defense Minister Gen Nakatani met Philippine Secretary of National Defense Gilberto Teodoro in "
     "Manila on Monday, the ministry said, their second meeting in three months."),
    ("German, French defense ministers to meet", "https://wire.example/de-fr", "de-fr",
     datetime(2024, 12, 2, 9, tzinfo=UTC),
     "German Defense Minister Boris Pistorius will meet French Defense Minister Sebastien Lecornu in Paris next "
     "week to discuss joint procurement, the ministry said."),
    (HOSTILE_TITLE, HOSTILE_LINK, "hostile", datetime(2024, 12, 6, 9, tzinfo=UTC), HOSTILE_TEXT),
]


def write_feed(folder: Path) -> Path:
    """The seed story plus ``STORIES`` as one RSS feed in ``folder``; returns the feed's path."""
    seed = (SEEDS / "feed.xml").read_text(encoding="utf-8")
    seed_item = seed[seed.index("<item>"):seed.index("</item>") + len("</item>")]
    items = "".join(_item(*story) for story in STORIES)
    feed = folder / "feed.xml"
    feed.write_text('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>pages test</title>'
                    f"<link>https://wire.example/</link><description>test</description>{seed_item}{items}"
                    "</channel></rss>", encoding="utf-8")
    return feed
