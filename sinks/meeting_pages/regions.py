"""Which region each country is in (world-countries' ``region``: Africa, Americas, Asia, Europe, Oceania,
Antarctic), with display names and ISO numeric codes for the map. Organisations are in no region."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from newswatch.countries import ORGANIZATION_NAMES, display_name

ORGANISATIONS = "Organisations"


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    region: str
    numeric: str | None


class Regions:
    def __init__(self, countries: dict[str, Country]):
        self.countries = countries

    @classmethod
    def load(cls, world_countries: Path) -> Regions:
        found: dict[str, Country] = {}
        for entry in json.loads(world_countries.read_text(encoding="utf-8")):
            code = entry.get("cca2")
            if code:
                found[code] = Country(code, display_name(code), entry.get("region") or "", entry.get("ccn3") or None)
        for code in ORGANIZATION_NAMES:
            found[code] = Country(code, display_name(code), ORGANISATIONS, None)
        return cls(found)

    def region_of(self, code: str) -> str:
        known = self.countries.get(code)
        return known.region if known else ""

    def names(self) -> list[str]:
        return sorted({c.region for c in self.countries.values() if c.region and c.region != ORGANISATIONS})

    def as_json(self) -> dict[str, dict[str, str | None]]:
        return {c.code: {"name": c.name, "region": c.region, "numeric": c.numeric}
                for c in self.countries.values()}
