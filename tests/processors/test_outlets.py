"""The outlet registry (``data/outlets.tsv``): whose ministry, government or national agency wrote a story."""

from __future__ import annotations

import msgspec
import pytest

from newswatch.processors.tag_meetings.datafiles import rows
from newswatch.processors.tag_meetings.lexicon import load_lexicon, source_country
from newswatch.processors.tag_meetings.outlets import OUTLETS_FILE, load_outlets
from tests.processors.helpers import article


def test_registry_is_large_and_every_row_cites_its_source():
    table = rows(OUTLETS_FILE, 5)
    assert len(table) >= 150
    assert len({row[0] for row in table}) >= 80
    assert all(row[4].startswith(("own site https://", "seen at http")) for row in table)
    kinds = {row[1] for row in table}
    assert kinds == {"ministry", "government", "agency", "press"}
    assert sum(row[1] == "ministry" for row in table) >= 60


@pytest.mark.parametrize(
    ("source", "url", "country", "text"),
    [
        ("Japan Defense Focus", "https://www.mod.go.jp/en/jdf/no160/index.html", "JP", ""),  # subdomain of a ministry
        ("Yonhap News Agency", "https://en.yna.co.kr/view/AEN2024", "KR", ""),
        ("UrduPoint (WAM)", "https://www.urdupoint.com/en/world/x.html", "AE", ""),  # the credit beats the reposter
        ("Trend News Agency (TASS)", "https://en.trend.az/world/x.html", "RU", ""),
        ("Kuwait Times (KUNA)", "https://news.kuwaittimes.net/website/x/", "KW", ""),
        ("Ministry of Defence (Latvia)", "https://www.example.org/x", "LV", ""),
        ("Reuters", "https://www.reuters.com/world/x", None, ""),  # international wires have no home here
        # fourth round: a site under a country's second-level domain is that country's press when the story
        # names the country; a regional outlet based there that never names it is nobody's
        ("Nile Post", "https://nilepost.co.ug/2022/x", "UG", "Uganda and Tanzania will keep collaborating."),
        ("PINA", "https://pina.com.fj/2023/x", None, "Australia and Papua New Guinea held talks."),
        ("Stream", "https://stream.tv/x", None, "Tuvalu and Fiji held talks."),  # a bare country code: anyone's
    ],
)
def test_outlet_country_from_credit_domain_or_byline(source, url, country, text):
    assert source_country(source, url, load_lexicon(), text) == country


def test_domain_matches_itself_and_subdomains_only():
    outlets = load_outlets()
    assert outlets.of_host("www.defense.gov") == "US"
    assert outlets.of_host("notdefense.gov.example") is None


def test_host_from_the_outlet_when_the_text_names_no_home_country(tagger):
    text = "The Minister of Defence held talks with the Secretary of Defense of the United States on Monday."
    story = article(text, title="Minister holds talks with US Secretary of Defense", url="https://www.mod.go.jp/en/x")
    tagged = tagger.tag(story)
    assert (tagged.is_defense_ministerial_meeting, tagged.host_country, tagged.counterpart_countries) == (
        True,
        "JP",
        ["US"],
    )


def test_a_feeds_configured_country_overrides_the_registry(tagger):
    text = "The Minister of Defence held talks with the Secretary of Defense of the United States on Monday."
    story = article(text, title="Minister holds talks", url="https://www.mod.go.jp/en/x")
    tagged = tagger.tag(msgspec.structs.replace(story, source_country="PH"))
    assert tagged.host_country == "PH"
