"""``AU`` is Australia: ISO 3166-1 codes always mean their country, and the African Union has its own code."""

from __future__ import annotations

from newswatch.countries import display_name, flag
from newswatch.schema import ORGANIZATIONS


def test_au_is_australia_and_no_organisation():
    assert display_name("AU") == "Australia"
    assert flag("AU") == "\U0001f1e6\U0001f1fa"
    assert "AU" not in ORGANIZATIONS


def test_the_african_union_has_a_code_no_country_can_take():
    assert "AFRICAN_UNION" in ORGANIZATIONS
    assert display_name("AFRICAN_UNION") == "African Union"
    assert flag("AFRICAN_UNION") == "\U0001f310"  # an organisation's globe, not a flag
    assert all(len(code) > 2 or code in {"EU", "UN"} for code in ORGANIZATIONS)  # EU, UN: ISO reserves them
