"""Gazetteers and word lists, loaded from pycountry and the data files beside this module.

Everything the rules know about the world lives in ``data/`` (each file names its source) or comes
from pycountry; this module only reads it into plain dictionaries. Nothing here is typed into code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pycountry

DATA_DIR = Path(__file__).with_name("data")

#: How a country was written: its name, an adjective, its capital, or an organization.
COUNTRY_FORMS = ("name", "demonym", "capital", "organization")


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def _pycountry_names() -> dict[str, str]:
    """Every English name pycountry gives a country, minus the inverted "Korea, Republic of" forms."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value and "(" not in value:
                names[value] = country.alpha_2
    return names


@dataclass(frozen=True)
class RolePattern:
    pattern: str
    kind: str  # "defense" | "counterpart" | "other"
    country: str | None = None
    plural: bool = False


@dataclass(frozen=True)
class Principal:
    """A known defense principal: who, and whose."""

    country: str
    name: str
    forms: tuple[str, ...]


@dataclass
class Lexicon:
    countries: dict[str, tuple[str, str]] = field(default_factory=dict)  # surface -> (code, form)
    roles: list[RolePattern] = field(default_factory=list)
    principals: list[Principal] = field(default_factory=list)
    triggers: list[tuple[str, str, str]] = field(default_factory=list)  # (phrase, kind, pos)
    modality: dict[str, list[str]] = field(default_factory=dict)  # category -> phrases
    cities: dict[str, str] = field(default_factory=dict)  # capital (lower case) -> code
    agencies: dict[str, str] = field(default_factory=dict)  # agency name or site (lower case) -> code
    not_countries: list[str] = field(default_factory=list)
    honorifics: frozenset[str] = frozenset()
    event_heads: frozenset[str] = frozenset()
    prefilter_words: list[str] = field(default_factory=list)

    def country_of(self, surface: str) -> str | None:
        hit = self.countries.get(surface)
        return hit[0] if hit else None


def load_lexicon() -> Lexicon:
    lex = Lexicon()
    for surface, code in _pycountry_names().items():
        lex.countries[surface] = (code, "name")
    for code, forms in _rows("country_aliases.tsv"):
        for surface in forms.split("|"):
            lex.countries[surface] = (code, "name")
    for code, forms in _rows("demonyms.tsv"):
        for surface in forms.split("|"):
            lex.countries.setdefault(surface, (code, "demonym"))
    for code, forms in _rows("capitals.tsv"):
        for surface in forms.split("|"):
            lex.countries.setdefault(surface, (code, "capital"))
            lex.cities[surface.lower()] = code
    for code, forms in _rows("organizations.tsv"):
        for surface in forms.split("|"):
            lex.countries[surface] = (code, "organization")
    for line in (DATA_DIR / "roles.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            lex.roles.append(RolePattern(**json.loads(line)))
    for row in _rows("defense_principals.tsv"):
        code, name = row[0], row[1]
        extra = [f for f in (row[2].split("|") if len(row) > 2 else []) if f]
        lex.principals.append(Principal(code, name, tuple(dict.fromkeys([name, *extra]))))
    for kind, pos, phrase in _rows("triggers.tsv"):
        lex.triggers.append((phrase, kind, pos))
    for category, phrase in _rows("modality.tsv"):
        lex.modality.setdefault(category, []).append(phrase)
    lex.not_countries = [row[0] for row in _rows("not_countries.tsv")]
    lex.honorifics = frozenset(row[0] for row in _rows("honorifics.txt"))
    lex.event_heads = frozenset(row[0] for row in _rows("event_heads.txt"))
    lex.prefilter_words = [row[0] for row in _rows("prefilter.txt")]
    for code, names in _rows("agencies.tsv"):
        for name in names.split("|"):
            lex.agencies[name] = code
    return lex


_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Za-z .'\-]{1,30}?)\s*(?:,[^(\n]{0,30})?"
    r"\s*(?:\((?P<agency>[A-Za-z .]{2,20})\))?\s*(?:--|-|—|–|:(?=\s))"
)


def dateline(text: str, lex: Lexicon) -> tuple[str | None, str | None]:
    """(city country, agency country) from a dateline such as ``SEOUL, Nov. 20 (Yonhap) --``."""
    match = _DATELINE.match(text)
    if not match:
        return None, None
    city = lex.cities.get(match.group("city").strip().lower())
    agency = lex.agencies.get((match.group("agency") or "").strip().lower())
    return city, agency


_PARENTHESES = re.compile(r"\(([^()]{2,40})\)")
_GOVERNMENT_HOST = re.compile(r"(?:^|\.)(?:gov|govt|gouv|gob|gv|mil)\.([a-z]{2})$")


def source_country(source: str, url: str, lex: Lexicon) -> str | None:
    """The home country of the agency or ministry site an article came from, if it is a known one."""
    host = urlsplit(url).netloc.lower() if "://" in url else ""
    for inner in _PARENTHESES.findall(source):  # "Ministry of Defence (Latvia)" names its country
        hit = lex.countries.get(inner.strip())
        if hit and hit[1] == "name" and len(hit[0]) == 2:
            return hit[0]
    government = _GOVERNMENT_HOST.search(host)  # mod.gov.lv, www.gov.pl, defense.gouv.fr, govt.nz
    if government:
        code = "GB" if government.group(1) == "uk" else government.group(1).upper()
        if pycountry.countries.get(alpha_2=code) is not None:
            return code
    haystack = f"{source} {host}".lower()  # the site, never the story's own slug
    words = set(re.findall(r"[\w.]+", source.lower()))  # a short agency ("QNA", "PTI") only as a word
    for name, code in lex.agencies.items():
        if (len(name) > 3 and name in haystack) or name in words:
            return code
    return None
