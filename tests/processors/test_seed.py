"""The seed article (Yonhap, 13th Seoul Defense Dialogue): host, eight counterparts, eight meetings, names."""

from __future__ import annotations

from pathlib import Path

import pytest

from newswatch.schema import Article

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_93b1d132296354fd.txt"


@pytest.fixture(scope="module")
def seed(tagger):
    title, _, body = SEED.read_text(encoding="utf-8").partition("\n")
    return tagger.tag(Article(id="seed", url=SEED.as_uri(), title=title, content=body))


def test_host_and_counterparts(seed):
    assert seed.is_defense_ministerial_meeting
    assert seed.host_country == "KR"
    assert seed.counterpart_countries == ["AE", "CA", "CM", "FI", "JP", "MN", "MY", "NATO"]
    assert "US" not in seed.counterpart_countries  # only a trilateral partner


def test_eight_meetings_with_the_named_people(seed):
    assert len(seed.meetings) == 8
    by_country = {}
    for meeting in seed.meetings:
        host, counterpart = meeting.participants
        assert (host.name, host.country) == ("Kim Yong-hyun", "KR")
        by_country[counterpart.country] = counterpart.name
    assert by_country == {
        "NATO": "Rob Bauer",
        "JP": "Makoto Oniki",
        "CA": "Bill Blair",
        "AE": "Mohammed bin Mubarak Al Mazrouei",
        "MY": "Mohamed Khaled Nordin",
        "MN": "Byambatsogt Sandag",
        "CM": "Joseph Beti Assomo",
        "FI": "Antti Hakkanen",
    }


def test_roles_event_and_place(seed):
    roles = {m.participants[1].country: m.participants[1].role for m in seed.meetings}
    assert roles["JP"] == "state minister of defense"
    assert roles["AE"] == "minister of state for defense affairs"
    assert roles["NATO"] == "Chair of the NATO Military Committee"
    for meeting in seed.meetings:
        assert meeting.kind == "in-person"
        assert meeting.event == "13th Seoul Defense Dialogue"
        assert meeting.location == "Seoul"


def test_seed_does_not_depend_on_the_principals_gazetteer(tagger):
    """Regression guard: the counterparts come from the copy itself, not from knowing the names."""
    from newswatch.processors.tag_meetings import MeetingTagger
    from newswatch.processors.tag_meetings.roles import RoleFinder

    bare = MeetingTagger()
    finder = bare.nlp.get_pipe("newswatch_roles_v1")
    assert isinstance(finder, RoleFinder)
    finder.people = type(finder.people)(bare.nlp.vocab, attr="ORTH")
    finder.principal_by_form = {}  # keys are name_key() sets
    title, _, body = SEED.read_text(encoding="utf-8").partition("\n")
    result = bare.tag(Article(id="seed", url=SEED.as_uri(), title=title, content=body, source="Yonhap"))
    assert result.host_country == "KR"
    assert result.counterpart_countries == ["AE", "CA", "CM", "FI", "JP", "MN", "MY", "NATO"]
