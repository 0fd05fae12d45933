"""The outlet registry: which country's ministry, government or national agency published a story.

``data/outlets.tsv`` is language-independent (every language's tagger reads it): web domains and
bylines of defense ministries, government press offices and national news agencies, each with its
home country and where the entry comes from. A domain matches itself and its subdomains
(``en.yna.co.kr`` is ``yna.co.kr``); a byline is the credit as a source or a story writes it
(``Gulf News (WAM)``, ``SEOUL, Oct. 20 (Yonhap) --``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from newswatch.processors.tag_meetings.config import DATA_ROOT
from newswatch.processors.tag_meetings.datafiles import RulesError, rows

OUTLETS_FILE = DATA_ROOT / "outlets.tsv"


class OutletKind(StrEnum):
    MINISTRY = "ministry"
    GOVERNMENT = "government"
    AGENCY = "agency"
    PRESS = "press"  # a national newspaper or broadcaster


@dataclass(frozen=True)
class Outlets:
    domains: dict[str, str] = field(default_factory=dict)  # domain (lower case) -> country code
    bylines: dict[str, str] = field(default_factory=dict)  # credit (lower case) -> country code

    def of_host(self, host: str) -> str | None:
        """The country of the longest registered domain that ``host`` is or lies under."""
        parts = host.lower().rstrip(".").split(".")
        for i in range(len(parts) - 1):
            code = self.domains.get(".".join(parts[i:]))
            if code is not None:
                return code
        return None


@lru_cache(maxsize=2)
def load_outlets(path: Path = OUTLETS_FILE) -> Outlets:
    outlets = Outlets()
    for number, (code, kind, domains, bylines, source) in enumerate(rows(path, 5), start=1):
        if kind not in {k.value for k in OutletKind} or not source.strip() or len(code) != 2:
            raise RulesError(f"{path}: row {number}: needs a 2-letter code, a kind of {list(OutletKind)} and a source")
        for domain in filter(None, domains.split("|")):
            outlets.domains.setdefault(domain.strip().lower(), code)
        for byline in filter(None, bylines.split("|")):
            outlets.bylines.setdefault(byline.strip().lower(), code)
    return outlets


def registered_country(url: str) -> str | None:
    """The home country of the registered outlet whose domain serves ``url``, if any."""
    host = urlsplit(url).netloc if "://" in url else ""
    return load_outlets().of_host(host) if host else None
