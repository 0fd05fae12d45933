"""The pages in a real headless Chromium, against a server over what a real pipeline run stored.

Every page must load with no console error and no failed request; what it draws must be the known
data set's meetings. The screenshots are taken here too: into the session's temporary folder, or into
docs/images/ (the pictures docs/pages.md shows) when ``NEWSWATCH_SCREENSHOTS=docs/images`` asks for them, so a
test run leaves the source tree as it found it.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from tests.conftest import ROOT

pytestmark = pytest.mark.browser

SEED = {("AE", "KR"), ("CA", "KR"), ("CM", "KR"), ("FI", "KR"), ("JP", "KR"), ("KR", "MN"), ("KR", "MY"),
        ("KR", "NATO")}
#: (party, counterpart) -> meetings: the seed's eight, a second KR-JP story, two JP-PH stories three months
#: apart, DE-FR planned then held, CN-IN planned then cancelled, and the hostile GB-US story.
EXPECTED_EDGES = {**{pair: 1 for pair in SEED}, ("JP", "KR"): 2, ("JP", "PH"): 2, ("DE", "FR"): 1,
                  ("CN", "IN"): 1, ("GB", "US"): 1}
EXPECTED_NODES = {code for pair in EXPECTED_EDGES for code in pair}


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    """Where the screenshots go: ``NEWSWATCH_SCREENSHOTS`` (relative to the project) or a temporary folder."""
    wanted = os.environ.get("NEWSWATCH_SCREENSHOTS")
    if not wanted:
        return tmp_path_factory.mktemp("screenshots")
    folder = ROOT / wanted
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def svg_edges(browser) -> dict[tuple[str, str], int]:
    return {(e.get_attribute("data-source"), e.get_attribute("data-target")): int(e.get_attribute("data-meetings"))
            for e in browser.find("#network .edge")}


def table_edges(browser) -> dict[tuple[str, str], int]:
    return {(r.get_attribute("data-source"), r.get_attribute("data-target")): int(r.get_attribute("data-meetings"))
            for r in browser.find("#edges tbody tr")}


def query(browser) -> dict[str, list[str]]:
    return parse_qs(urlparse(browser.driver.current_url).query)


def test_network_shows_the_known_meetings_and_the_table_matches(browser, pages_url, shots):
    browser.open(f"{pages_url}/view/network")
    assert browser.problems() == []
    assert svg_edges(browser) == EXPECTED_EDGES
    assert {n.get_attribute("data-id") for n in browser.find("#network .node")} == EXPECTED_NODES
    assert table_edges(browser) == svg_edges(browser)
    colours = {(e.get_attribute("data-source"), e.get_attribute("data-target")): e.get_attribute("data-status")
               for e in browser.find("#network .edge")}
    assert (colours[("CN", "IN")], colours[("DE", "FR")], colours[("JP", "PH")]) == ("cancelled", "held", "held")
    assert browser.find("#summary")[0].text.startswith("14 meetings · 16 parties · 12 pairs")
    browser.screenshot(shots / "network.png")


def test_filters_and_focus_change_the_url_and_the_content(browser, pages_url):
    browser.open(f"{pages_url}/view/network")
    Select(browser.find("select[name=status]")[0]).select_by_value("cancelled")
    browser.wait_renders(2)
    assert query(browser)["status"] == ["cancelled"]
    assert svg_edges(browser) == table_edges(browser) == {("CN", "IN"): 1}

    Select(browser.find("select[name=status]")[0]).select_by_value("")
    Select(browser.find("select[name=region]")[0]).select_by_value("Europe")  # two changes in a row
    browser.wait(lambda: browser.find("#summary")[0].text.startswith("3 meetings"), what="the Europe view")
    assert query(browser) == {"region": ["Europe"]}
    assert set(svg_edges(browser)) == {("FI", "KR"), ("DE", "FR"), ("GB", "US")}  # a European party each

    browser.open(f"{pages_url}/view/network?since=2024-12-01")  # the URL alone gives the same view
    assert browser.find("input[name=since]")[0].get_attribute("value") == "2024-12-01"
    assert set(svg_edges(browser)) == {("CN", "IN"), ("DE", "FR"), ("GB", "US"), ("JP", "KR"), ("JP", "PH")}
    browser.find('#network .node[data-id="JP"] circle')[0].click()
    browser.wait(lambda: "focus" in query(browser), what="the focus in the URL")
    assert query(browser)["focus"] == ["JP"]
    assert table_edges(browser) == {("JP", "KR"): 1, ("JP", "PH"): 1}
    dimmed = {n.get_attribute("data-id") for n in browser.find("#network .node.dim")}
    assert dimmed == {"CN", "IN", "DE", "FR", "GB", "US"}
    browser.find('#network .node[data-id="DE"]')[0].send_keys(Keys.ENTER)  # keyboard users focus too
    browser.wait(lambda: query(browser).get("focus") == ["DE"], what="the keyboard's focus in the URL")
    assert table_edges(browser) == {("DE", "FR"): 1}
    assert browser.problems() == []


def test_map_shades_the_counterparts(browser, pages_url, shots):
    browser.open(f"{pages_url}/view/map?country=KR")
    assert browser.problems() == []
    shaded = {p.get_attribute("data-code"): int(p.get_attribute("data-meetings"))
              for p in browser.find("#map .country") if p.get_attribute("data-meetings") != "0"}
    assert shaded == {"AE": 1, "CA": 1, "CM": 1, "FI": 1, "JP": 2, "MN": 1, "MY": 1}
    assert browser.find('#map .country.selected')[0].get_attribute("data-code") == "KR"
    listed = {r.get_attribute("data-code"): int(r.get_attribute("data-meetings"))
              for r in browser.find("#counterparts tbody tr")}
    assert listed == {**shaded, "NATO": 1}  # organisations have no shape, but are listed
    browser.screenshot(shots / "map.png")


def test_timeline_shows_a_pairs_meetings_and_status_changes(browser, pages_url, shots):
    browser.open(f"{pages_url}/view/timeline?a=FR&b=DE")
    assert browser.problems() == []
    rows = browser.find("#timeline .meeting")
    assert [r.get_attribute("data-id") for r in rows] == ["2024-12-02.in-person.DE-FR"]
    assert [c.get_attribute("data-status") for c in browser.find("#timeline .change")] == ["planned", "held"]
    assert "planned 2024-12-02 (pages-test) → held 2024-12-09 (afp)" in browser.find("#meetings tbody")[0].text
    browser.screenshot(shots / "timeline.png")
    browser.open(f"{pages_url}/view/timeline?a=KR&b=JP")
    assert len(browser.find("#timeline .meeting")) == 2 and browser.problems() == []


def test_meeting_page_lists_participants_history_evidence_and_reports(browser, pages_url, shots):
    browser.open(f"{pages_url}/view/meetings/2024-12-02.in-person.DE-FR", drawn=False)
    assert browser.problems() == []
    text = browser.find("main")[0].text
    for expected in ("Boris Pistorius", "Sebastien Lecornu", "Pistorius will meet Lecornu in Paris next week.",
                     "Lecornu and Pistorius held talks in Paris on Monday."):
        assert expected in text
    history = [r.text.split()[0] for r in browser.find("#status-history tbody tr")]
    assert history == ["planned", "held"]
    reports = [[c.text for c in r.find_elements("css selector", "td")][:2] for r in browser.find("#reports tbody tr")]
    # the feed's "to meet" story (collected, tagged as planned), then the two hand-built reports
    assert reports == [["pages-test", "en"], ["dpa", "en"], ["afp", "en"]]
    assert [a.get_attribute("href") for a in browser.find("#reports a")] == [
        "https://wire.example/de-fr", "https://dpa.example/de-fr-plan", "https://afp.example/de-fr-held"]
    browser.screenshot(shots / "meeting.png")



def test_an_alerts_link_leads_to_the_articles_meetings(browser, pages_url, pipeline_database):
    from newswatch.sinks.meeting_store.database import Database

    db = Database(pipeline_database)
    try:
        seed = db.query("SELECT article_id FROM reports WHERE meeting_id = ?", ["2024-11-20.in-person.KR-NATO"])
    finally:
        db.close()
    browser.open(f"{pages_url}/view/reports/{seed[0]['article_id']}", drawn=False)
    assert len(browser.find("main li a")) == 8 and browser.problems() == []  # the seed: eight meetings
    browser.open(f"{pages_url}/view/reports/de-fr-plan", drawn=False)  # one meeting: straight to its page
    assert browser.driver.current_url == f"{pages_url}/view/meetings/2024-12-02.in-person.DE-FR"
    browser.open(f"{pages_url}/view/meetings/no-such-meeting", drawn=False)
    assert browser.find("h1")[0].text == "No such meeting"
    assert [p for p in browser.problems() if "404" not in p] == []
