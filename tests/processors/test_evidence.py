"""Every meeting carries the sentences it was read from; meetings that did not happen carry a status;
``newswatch tag --explain`` shows both and why every other country was rejected."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newswatch.schema import Article
from tests.processors.helpers import article

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_93b1d132296354fd.txt"
EIGHT = ["AE", "CA", "CM", "FI", "JP", "MN", "MY", "NATO"]


def _seed() -> Article:
    title, _, body = SEED.read_text(encoding="utf-8").partition("\n")
    return Article(id="seed", url=SEED.as_uri(), title=title, content=body, source="Yonhap")


def test_every_meeting_of_the_seed_quotes_its_sentences_by_offset(tagger):
    story = _seed()
    result = tagger.tag(story)
    assert len(result.meetings) == 8
    for meeting in result.meetings:
        assert meeting.status == "held" and meeting.evidence
        for ev in meeting.evidence:
            assert story.text[ev.start : ev.end] == ev.text
            assert any(rule.startswith("trigger:") for rule in ev.rules)
    canada = next(m for m in result.meetings if m.participants[1].country == "CA")
    assert "Canadian defense chief Bill Blair" in canada.evidence[0].text  # its own sentence first


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("U.S. Defense Secretary Lloyd Austin will meet his Japanese counterpart Minoru Kihara in Tokyo next week.",
         "planned"),
        ("Talks between Defense Minister Shin Won-sik and his Japanese counterpart Minoru Kihara were postponed.",
         "postponed"),
        ("South Korean Defense Minister Shin Won-sik cancelled his meeting with Japanese Defense Minister "
         "Minoru Kihara.", "cancelled"),
        ("Chinese Defense Minister Dong Jun declined to meet U.S. Defense Secretary Lloyd Austin in Singapore.",
         "denied"),
    ],
)
def test_meetings_that_did_not_happen_are_reported_with_their_status(tagger, text, status):
    result = tagger.tag(article(text))
    assert not result.is_defense_ministerial_meeting and result.counterpart_countries == []
    [meeting] = result.meetings
    assert meeting.status == status
    assert meeting.evidence[0].text == text
    assert any(rule.startswith("modality.") for rule in meeting.evidence[0].rules)


def test_a_held_and_a_planned_meeting_in_one_story(tagger):
    result = tagger.tag(article(
        "Defense Minister Shin Won-sik met Japanese Defense Minister Minoru Kihara in Tokyo on Monday. "
        "He will meet Philippine Defense Secretary Gilberto Teodoro next month."))
    assert result.counterpart_countries == ["JP"]  # only the meeting that took place
    assert [(m.status, m.participants[-1].country) for m in result.meetings] == [("held", "JP"), ("planned", "PH")]
    assert [m.participants[-1].country for m in result.held_meetings] == ["JP"]


def test_explain_shows_the_seed_counterparts_with_sentences_and_rejects_the_us(cli_app):
    result = CliRunner().invoke(cli_app, ["tag", "--explain", str(SEED)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    shown = [line.split()[1] for line in lines if line.startswith("   + ")]
    assert sorted(shown) == EIGHT
    for code in EIGHT:  # each counterpart is followed by a quoted sentence
        at = next(i for i, line in enumerate(lines) if line.startswith(f"   + {code} "))
        assert lines[at + 1].strip().startswith('"')
    us = next(line for line in lines if line.startswith("   - US "))
    assert "third party" in us
    assert "also involving the United States" in lines[lines.index(us) + 1]


def test_explain_gives_reasons_for_venue_and_not_a_principal(tagger):
    story = article(
        "Defense Minister Shin Won-sik met Japanese Defense Minister Minoru Kihara on the sidelines of the "
        "Shangri-La Dialogue in Singapore. Vice Defense Minister Kim Seon-ho of Mongolia attended.")
    _tagged, rejected = tagger.explain(story)
    reasons = {r.country: r.reason for r in rejected}
    assert reasons["SG"] == "venue"
    assert reasons["MN"] == "not a principal"


def test_tag_version_prints_the_tagger_version(cli_app, tagger):
    result = CliRunner().invoke(cli_app, ["tag", "--version"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == tagger.version
