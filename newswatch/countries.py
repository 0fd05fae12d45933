"""Display names and flag emoji for ISO 3166-1 alpha-2 codes and the organisations newswatch tracks."""

from __future__ import annotations

from functools import lru_cache

import pycountry

#: The organisations that stand in for a country among counterparts, and their display names: the one
#: list of organisation codes (the schema's ``ORGANIZATIONS`` and every gazetteer follow it).
ORGANIZATION_NAMES = {
    "NATO": "NATO",
    "EU": "the European Union",
    "UN": "the United Nations",
    "ASEAN": "ASEAN",
    "AU": "the African Union",
}
ORGANIZATION_SHORT = {"EU": "EU", "UN": "UN", "AU": "African Union"}
#: Codes that are a country's alpha-2 and an organisation's code at once: the country is meant far more
#: often (every Australian defence minister is ``AU``; the African Union has none), so it is the name shown.
_COUNTRY_FIRST = {"AU": "Australia"}
# Where pycountry's name reads like an index entry and it has no ``common_name``.
_SHORT_NAMES = {
    "RU": "Russia", "CD": "DR Congo", "CG": "Republic of the Congo", "FM": "Micronesia",
    "PS": "Palestine", "VA": "Vatican City", "GB": "United Kingdom", "US": "United States",
    "AE": "United Arab Emirates", "BN": "Brunei", "CV": "Cabo Verde", "CI": "Côte d'Ivoire",
    "XK": "Kosovo",  # no ISO 3166-1 code: the user-assigned XK the English gazetteer uses
}


@lru_cache(maxsize=512)
def display_name(code: str | None) -> str:
    """A readable name: ``KR`` -> ``South Korea``, ``NATO`` -> ``NATO``; unknown codes come back as-is."""
    if not code:
        return "unknown country"
    if code in _COUNTRY_FIRST:
        return _COUNTRY_FIRST[code]
    if code in ORGANIZATION_NAMES:
        return ORGANIZATION_SHORT.get(code, ORGANIZATION_NAMES[code])
    if code in _SHORT_NAMES:
        return _SHORT_NAMES[code]
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def flag(code: str | None) -> str:
    """The flag emoji for an alpha-2 code (regional indicator pair); a globe for organisations."""
    if not code or len(code) != 2 or not code.isalpha():
        return "\U0001f310"  # globe with meridians
    return "".join(chr(0x1F1E6 + ord(ch) - ord("A")) for ch in code.upper())
