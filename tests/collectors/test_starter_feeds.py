"""The starter feed list (feeds/starter.opml) imports as it is, and every feed says where its URL was
found, when, for which country and in which language."""

from __future__ import annotations

from pathlib import Path

import defusedxml.ElementTree as SafeET
import pycountry

from newswatch.collectors.opml import read_opml

STARTER = Path(__file__).resolve().parents[2] / "feeds" / "starter.opml"
ORGANISATIONS = {"NATO"}  # the tagger's codes for organisations it treats as a host


def test_the_starter_list_imports_and_records_its_provenance():
    feeds = read_opml(STARTER.read_bytes())
    assert len(feeds) >= 4 and all(f.url.startswith("https://") for f in feeds)
    outlines = [o for o in SafeET.fromstring(STARTER.read_bytes()).iter("outline") if o.get("xmlUrl")]
    assert len(outlines) == len(feeds)
    for outline in outlines:
        assert outline.get("country") in ORGANISATIONS or pycountry.countries.get(alpha_2=outline.get("country"))
        assert outline.get("language") in {"en", "ko", "ja"}
        assert outline.get("source") and outline.get("evidence")
        assert outline.get("seen", "").startswith("20")
