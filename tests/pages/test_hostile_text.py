"""Untrusted text is inert on every page: markup in titles, names, roles, places, outlets and evidence,
and ``javascript:`` links, fed through the real pipeline (collector and tagger for one story, the
resolver and the meeting store for all), show as text and never run."""

from __future__ import annotations

import pytest

from tests.pages.corpus import HOSTILE_TITLE
from tests.pages.pipeline import HOSTILE_NAME, HOSTILE_PLACE

pytestmark = pytest.mark.browser

PAGES = ["/view/network", "/view/map?country=US", "/view/timeline?a=GB&b=US",
         "/view/meetings/2024-12-07.in-person.GB-US", "/view/meetings/2024-12-06.in-person.JP-KR",
         "/view/reports/hostile-hand"]


def test_the_hostile_records_reached_the_store(pipeline_database):
    from newswatch.sinks.meeting_store.database import Database

    db = Database(pipeline_database)
    try:
        urls = {r["url"] for r in db.query("SELECT url FROM reports WHERE url LIKE ?", ["javascript:%"])}
        names = {r["name"] for r in db.query("SELECT name FROM participants")}
    finally:
        db.close()
    assert len(urls) == 1 and HOSTILE_NAME in names  # else the browser test below proves nothing


@pytest.mark.parametrize("path", PAGES)
def test_untrusted_text_is_inert(browser, pages_url, path):
    browser.open(pages_url + path, drawn=not path.startswith(("/view/meetings", "/view/reports")))
    assert browser.js("return typeof window.__pwned") == "undefined"
    scripts = browser.js("return Array.from(document.scripts, s => s.src)")
    assert all(src.startswith(f"{pages_url}/static/") for src in scripts), scripts
    hrefs = browser.js("return Array.from(document.querySelectorAll('a[href]'), "
                       "a => new URL(a.getAttribute('href'), location.href).href)")  # SVG links too
    assert all(h.startswith(("http://", "https://")) for h in hrefs), hrefs
    assert browser.find("main img") == []
    assert browser.problems() == []  # an <img src=x> that became an element would have failed to load


def test_the_hostile_meeting_shows_its_markup_as_text(browser, pages_url):
    browser.open(f"{pages_url}/view/meetings/2024-12-07.in-person.GB-US", drawn=False)
    text = browser.find("main")[0].text
    for literal in (HOSTILE_NAME, HOSTILE_PLACE, HOSTILE_TITLE, '<script>window.__pwned="evidence"</script>',
                    "<b>Evil</b> Times", "javascript:window.__pwned='link'"):
        assert literal in text
    browser.open(f"{pages_url}/view/timeline?a=GB&b=US")
    assert HOSTILE_PLACE in browser.find("#meetings tbody")[0].text
