"""The rules of a Korean or Japanese folder (``data/ko/``, ``data/ja/``), read into one shape.

The two folders were drafted by different hands and name their columns differently (``form`` or
``title`` or ``cue``; ``kind`` or ``category`` or ``status``); each file's ``# columns:`` line says
which, and this module reads them into the same records: country forms, titles, triggers, modality
cues, datelines and credits, outlets, and known principals. Nothing here is typed into code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from newswatch.processors.tag_meetings.datafiles import RulesError, rows
from newswatch.processors.tag_meetings.kinds import Status
from newswatch.processors.tag_meetings.lexicon import LanguageInfo, language_info
from newswatch.processors.tag_meetings.version import files_digest

#: What each drafted status word means for a meeting (ko ``planned-past`` = a plan that did not happen).
_STATUS = {
    "held": Status.HELD,
    "planned": Status.PLANNED,
    "planned-past": Status.PLANNED,
    "proposed": Status.PLANNED,
    "postponed": Status.POSTPONED,
    "cancelled": Status.CANCELLED,
    "refused": Status.DENIED,
    "background": Status.BACKGROUND,
}
#: Title kinds that make a participant a defense principal (ko ``defense``, ja ``principal = yes``).
PRINCIPAL = "principal"


@dataclass(frozen=True)
class CountryEntry:
    codes: tuple[str, ...]
    kind: str  # name | abbr | pair | org | capital | side | not (a string that hides a country)


@dataclass(frozen=True)
class TitleEntry:
    kind: str  # principal | vice | chief | foreign | other | acting | ministry
    country: str | None


@dataclass(frozen=True)
class TriggerEntry:
    kind: str  # in-person | call | video | multilateral | report | weak
    meeting: bool  # False: a cue that the contact is no talks (表敬, 記者会見)


@dataclass(frozen=True)
class ModalityCue:
    cue: str
    status: Status
    scope: str  # after | near (just after the trigger) | next (the very next word) | sentence | title


@dataclass
class CjkLexicon:
    folder: Path
    info: LanguageInfo
    countries: dict[str, CountryEntry] = field(default_factory=dict)
    titles: dict[str, TitleEntry] = field(default_factory=dict)
    triggers: dict[str, TriggerEntry] = field(default_factory=dict)
    modality: list[ModalityCue] = field(default_factory=list)
    credits: list[tuple[re.Pattern[str], str | None]] = field(default_factory=list)
    outlets: list[tuple[str, str]] = field(default_factory=list)  # URL host or source fragment -> country
    principals: dict[str, str] = field(default_factory=dict)  # name as the language writes it -> country
    both_sides: frozenset[str] = frozenset()  # 양국, 両氏: the two sides named before
    grammar: dict[str, frozenset[str]] = field(default_factory=dict)  # grammar.tsv: list -> words

    def words(self, name: str) -> frozenset[str]:
        return self.grammar.get(name, frozenset())

    @property
    def prefilter_words(self) -> list[str]:
        """Every principal title and known principal's name: one of them is in any story about such a meeting."""
        words = [form for form, title in self.titles.items() if title.kind == PRINCIPAL]
        words += [name for name in self.principals if len(name) >= 3]
        words += sorted(self.words("prefilter_extra"))  # 국방부: a story of 송 장관과 … 장관 names no principal title
        return list(dict.fromkeys(words))

    def outlet_country(self, source: str, url: str) -> str | None:
        """The country of the outlet behind a story: its name as the source's first words (``聯合ニュース
        (goo ニュース)``: Yonhap wrote it, goo carries it), else the page's host (``jp.yna.co.kr``)."""
        host = urlsplit(url).netloc.lower() if "://" in url else ""
        name = source.split("(")[0].split("（")[0].strip().lower()
        for fragment, country in self.outlets:
            if fragment and "." not in fragment and name.startswith(fragment):
                return country
        for fragment, country in self.outlets:
            if fragment and fragment in host:
                return country
        return self._embassy_country(source)

    def _embassy_country(self, source: str) -> str | None:
        """A country's embassy publishing its own minister's news is that country's outlet: 주한 프랑스 대사관,
        駐日フランス大使館 (``grammar.tsv`` ``embassy_prefix``/``embassy_suffix``)."""
        for prefix in self.words("embassy_prefix"):
            for suffix in self.words("embassy_suffix"):
                match = re.search(rf"{re.escape(prefix)}\s*(\S+?)\s*{re.escape(suffix)}", source)
                entry = self.countries.get(match.group(1)) if match else None
                if entry is not None and entry.kind in {"name", "abbr"} and len(entry.codes) == 1:
                    return entry.codes[0]
        return None


def _table(path: Path) -> list[dict[str, str]]:
    """The rows of a TSV whose header has a ``# columns: a | b | c`` line, as dicts by column name."""
    if not path.exists():
        return []
    names: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# columns:"):
            names = [c.strip() for c in line.removeprefix("# columns:").split("|")]
    if names is None:
        raise RulesError(f"{path}: no '# columns:' line naming the columns")
    return [dict(zip(names, row + [""] * (len(names) - len(row)), strict=False)) for row in rows(path)]


def _codes(value: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in value.split(",") if c.strip())


def _country_kind(kind: str) -> str:
    return {"abbrev": "abbr", "compound": "pair", "not-a-pair": "not"}.get(kind, kind)


def load_cjk_lexicon(folder: Path | str) -> CjkLexicon:
    folder = Path(folder).resolve()
    return _load(folder, files_digest(folder))


@lru_cache(maxsize=8)
def _load(folder: Path, _digest: str) -> CjkLexicon:
    lex = CjkLexicon(folder, language_info(folder))
    for name in ("countries.tsv", "pairs.tsv", "organizations.tsv"):
        for row in _table(folder / name):
            codes = _codes(row.get("codes") or row.get("code", ""))
            kind = _country_kind(row.get("kind", "name"))
            if codes or kind == "not":
                lex.countries[row["form"]] = CountryEntry(codes, kind)
    for row in _table(folder / "not_countries.tsv"):  # a country form listed to hide a shorter one stays a country
        lex.countries.setdefault(row["form"], CountryEntry((), "not"))
    for row in _table(folder / "roles.tsv"):  # ko: form, kind (defense | vice | ...), country
        kind = PRINCIPAL if row["kind"] == "defense" else row["kind"]
        lex.titles[row["form"]] = TitleEntry(kind, row.get("country") or None)
    for row in _table(folder / "titles.tsv"):  # ja: title, principal (yes | no), country
        kind = PRINCIPAL if row["principal"] == "yes" else row.get("kind") or "other"
        lex.titles[row["title"]] = TitleEntry(kind, row.get("country") or None)
    for row in _table(folder / "ministries.tsv"):
        lex.titles[row["form"]] = TitleEntry("ministry", row.get("country") or None)
    for row in _table(folder / "triggers.tsv"):
        kind = (row.get("kind") or "").strip() or "weak"
        if row.get("pos") == "verb" and kind == "report":
            kind = "report"
        meeting = row.get("polarity", "meeting") != "not-meeting" and kind != "not-meeting"
        lex.triggers[row["form"]] = TriggerEntry(kind, meeting)
    for row in _table(folder / "modality.tsv"):
        cue = row.get("cue") or row.get("form", "")
        status = _STATUS.get(row.get("status") or row.get("category", ""))
        if cue and status is not None:
            lex.modality.append(ModalityCue(cue, status, row.get("scope") or row.get("where") or "sentence"))
    for name in ("datelines.tsv", "credits.tsv"):
        for row in _table(folder / name):
            try:
                pattern = re.compile(row["pattern"], re.MULTILINE)
            except re.error as exc:
                raise RulesError(f"{folder / name}: {row['pattern']!r} is not a regular expression: {exc}") from None
            lex.credits.append((pattern, row.get("country") or row.get("host_hint") or None))
    for row in _table(folder / "outlets.tsv"):
        for fragment in row["hosts"].split("|"):
            lex.outlets.append((fragment.strip().lower(), row["country"]))
        for name in row.get("outlet", "").split("/"):  # the source named as the outlet's own name: 연합뉴스
            if name.strip() and "." not in name:
                lex.outlets.append((name.strip().lower(), row["country"]))
    for row in _table(folder / "principals.tsv"):
        lex.principals[row["name"]] = row["code"]
    lex.both_sides = frozenset(row["form"] for row in _table(folder / "both_sides.tsv"))
    grammar: dict[str, set[str]] = {}
    for row in _table(folder / "grammar.tsv"):
        grammar.setdefault(row["list"], set()).add(row["word"])
    lex.grammar = {name: frozenset(words) for name, words in grammar.items()}
    return lex
