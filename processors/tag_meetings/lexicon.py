"""Gazetteers and word lists, loaded once per rules folder from pycountry and the folder's data files.

Everything the rules know about the world lives in ``data/<language>/`` (each file names its source)
or comes from pycountry; this module only reads it into typed records. Nothing here is typed into code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import pycountry

from newswatch.processors.tag_meetings.config import DATA_ROOT
from newswatch.processors.tag_meetings.datafiles import L, RulesError, records, rows, word_lists
from newswatch.processors.tag_meetings.kinds import (
    CountryForm,
    FunctionWords,
    Marks,
    MeetingWords,
    ModalityPlace,
    ModalityWords,
    NameWords,
    RoleKind,
    RoleWords,
    Status,
    TriggerKind,
    TriggerPos,
)
from newswatch.processors.tag_meetings.outlets import load_outlets
from newswatch.processors.tag_meetings.titles import read_grammar, titles
from newswatch.processors.tag_meetings.version import files_digest

#: The rules folder of the default language.
DEFAULT_RULES = DATA_ROOT / "en"


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
    kind: RoleKind
    country: str | None = None
    plural: bool = False


@dataclass(frozen=True)
class Principal:
    """A known principal of the domain: who, and whose."""

    country: str
    name: str
    forms: tuple[str, ...]


@dataclass(frozen=True)
class TriggerRule:
    phrase: str
    kind: TriggerKind
    pos: TriggerPos


@dataclass(frozen=True)
class ModalityRule:
    """A phrase that makes a trigger anything but a meeting held: where it is looked for, what it makes it."""

    place: ModalityPlace
    status: Status
    words: tuple[str, ...]


@dataclass(frozen=True)
class TokenPattern:
    """A token-context rule of ``patterns.jsonl``: what a match means, and the spaCy Matcher pattern."""

    rule: str
    pattern: list[dict]


@dataclass(frozen=True)
class LanguageInfo:
    """``language.json``: the language (and tokenizer) of a rules folder, and the domain it describes."""

    language: str
    spacy_language: str
    domain: str
    tokenizer: dict | None = None
    dateline: str | None = None  # a regular expression with groups "city" and "agency"
    #: The pipeline components after the tokenizer; None = the English rule chain (``pipeline.COMPONENTS``).
    components: list[str] | None = None
    #: The country whose outlets write in this language, when no dateline or credit names another.
    home_country: str | None = None
    #: Modules the tokenizer imports (``kiwipiepy``): checked when the tagger starts, not on the first article.
    requires: list[str] | None = None
    #: An outlet no table names is taken for a home-country one when the home country's minister takes part
    #: (Korean copy: Korea's press, but for the foreign services its ``outlets.tsv`` lists).
    home_outlets: bool = False


@dataclass
class Lexicon:
    folder: Path
    info: LanguageInfo
    countries: dict[str, tuple[str, CountryForm]] = field(default_factory=dict)  # surface -> (code, form)
    roles: list[RolePattern] = field(default_factory=list)
    principals: list[Principal] = field(default_factory=list)
    triggers: list[TriggerRule] = field(default_factory=list)
    modality: list[ModalityRule] = field(default_factory=list)
    modality_words: ModalityWords = field(default_factory=ModalityWords)
    role_words: RoleWords = field(default_factory=RoleWords)
    name_words: NameWords = field(default_factory=NameWords)
    meeting_words: MeetingWords = field(default_factory=MeetingWords)
    marks: Marks = field(default_factory=Marks)
    function_words: FunctionWords = field(default_factory=FunctionWords)
    months: dict[str, int] = field(default_factory=dict)  # lower-case name or abbreviation -> 1..12
    cities: dict[str, str] = field(default_factory=dict)  # capital (lower case) -> code
    agencies: dict[str, str] = field(default_factory=dict)  # agency name or site (lower case) -> code
    #: a credit two countries' agencies share ("CNA": Taiwan's Central, the Cyprus News Agency) -> their codes
    shared_agencies: dict[str, tuple[str, ...]] = field(default_factory=dict)
    not_countries: list[str] = field(default_factory=list)
    #: a group's name ("V4", "Nordic") -> its member countries (groups.tsv)
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    honorifics: frozenset[str] = frozenset()
    #: honorifics only after another one ("Lt Gen", "Lieut. Gen"): alone they may be a name ("Gen Nakatani")
    ranks_after_rank: frozenset[str] = frozenset()
    event_heads: frozenset[str] = frozenset()
    patterns: list[TokenPattern] = field(default_factory=list)
    dateline: re.Pattern[str] | None = None

    def country_of(self, surface: str) -> str | None:
        hit = self.countries.get(surface)
        return hit[0] if hit else None

    @property
    def prefilter_words(self) -> list[str]:
        """The prefilter's keywords, generated from the role phrases: every principal and counterpart title."""
        wanted = (RoleKind.PRINCIPAL, RoleKind.COUNTERPART)
        return list(dict.fromkeys(r.pattern.lower() for r in self.roles if r.kind in wanted))


def _forms(folder: Path, name: str) -> list[tuple[str, list[str]]]:
    path = folder / name
    if not path.exists():
        return []
    return [(code, forms.split("|")) for code, forms in rows(path, 2)]


def _optional(folder: Path, name: str) -> list[list[str]]:
    path = folder / name
    return rows(path) if path.exists() else []


def _word_lists(path: Path, lists: type[L]) -> L:
    return word_lists(path, lists) if path.exists() else lists()


def language_info(folder: Path) -> LanguageInfo:
    """``language.json`` of a rules folder."""
    path = folder / "language.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RulesError(f"{folder}: not a rules folder (no language.json)") from None
    data.pop("#", None)
    try:
        return LanguageInfo(**data)
    except TypeError as exc:
        raise RulesError(f"{path}: {exc}") from None


def load_lexicon(folder: Path | str | None = None) -> Lexicon:
    """The rules of ``folder`` (default ``data/en/``), read once per process for each content of the folder."""
    folder = Path(folder) if folder else DEFAULT_RULES
    folder = folder.resolve()
    return _load(folder, files_digest(folder))


@lru_cache(maxsize=8)
def _load(folder: Path, _digest: str) -> Lexicon:
    lex = Lexicon(folder, language_info(folder))
    try:
        lex.dateline = re.compile(lex.info.dateline) if lex.info.dateline else None
    except re.error as exc:
        raise RulesError(f"{folder / 'language.json'}: dateline is not a regular expression: {exc}") from None
    for surface, code in _pycountry_names().items():
        lex.countries[surface] = (code, CountryForm.NAME)
    for code, forms in _forms(folder, "country_aliases.tsv"):
        for surface in forms:
            lex.countries[surface] = (code, CountryForm.NAME)
    for code, forms in _forms(folder, "demonyms.tsv"):
        for surface in forms:
            lex.countries.setdefault(surface, (code, CountryForm.DEMONYM))
    for code, forms in _forms(folder, "capitals.tsv"):
        for surface in forms:
            lex.countries.setdefault(surface, (code, CountryForm.CAPITAL))
            lex.cities[surface.lower()] = code
    for code, forms in _forms(folder, "organizations.tsv"):
        for surface in forms:
            lex.countries[surface] = (code, CountryForm.ORGANIZATION)
    for members, forms in _forms(folder, "groups.tsv"):
        for surface in forms:
            lex.groups[surface] = tuple(members.split())
    for record in records(folder / "roles.jsonl"):
        lex.roles.append(RolePattern(**{**record, "kind": RoleKind(record["kind"])}))
    if (folder / "title_grammar.tsv").exists():  # titles built from parts; a listed phrase keeps its own kind
        listed = {role.pattern.lower() for role in lex.roles}
        for phrase, kind, country, plural in titles(read_grammar(folder / "title_grammar.tsv")):
            if phrase not in listed:
                lex.roles.append(RolePattern(phrase, kind, country, plural))
    for row in _optional(folder, "principals.tsv"):
        code, name = row[0], row[1]
        extra = [f for f in (row[2].split("|") if len(row) > 2 else []) if f]
        lex.principals.append(Principal(code, name, tuple(dict.fromkeys([name, *extra]))))
    for kind, pos, phrase in rows(folder / "triggers.tsv", 3):
        lex.triggers.append(TriggerRule(phrase, TriggerKind(kind), TriggerPos(pos)))
    for place, status, phrase in _optional(folder, "modality.tsv"):
        lex.modality.append(ModalityRule(ModalityPlace(place), Status(status), tuple(phrase.split())))
    lex.modality_words = _word_lists(folder / "modality_context.tsv", ModalityWords)
    lex.role_words = _word_lists(folder / "role_context.tsv", RoleWords)
    lex.name_words = _word_lists(folder / "name_words.tsv", NameWords)
    lex.meeting_words = _word_lists(folder / "meeting_context.tsv", MeetingWords)
    lex.marks = _word_lists(folder / "text_marks.tsv", Marks)
    lex.function_words = _word_lists(folder / "function_words.tsv", FunctionWords)
    for number, forms in _forms(folder, "months.tsv"):
        for form in forms:
            lex.months[form] = int(number)
    lex.not_countries = [row[0] for row in _optional(folder, "not_countries.tsv")]
    honorifics = _optional(folder, "honorifics.txt")
    lex.honorifics = frozenset(row[0] for row in honorifics if row[1:2] != ["after_rank"])
    lex.ranks_after_rank = frozenset(row[0] for row in honorifics if row[1:2] == ["after_rank"])
    lex.event_heads = frozenset(row[0] for row in _optional(folder, "event_heads.txt"))
    if (folder / "patterns.jsonl").exists():
        lex.patterns = [TokenPattern(**record) for record in records(folder / "patterns.jsonl")]
    owners: dict[str, list[str]] = {}
    for code, names in _forms(folder, "agencies.tsv"):
        for name in names:
            owners.setdefault(name, []).append(code)
    for name, codes in owners.items():
        if len(set(codes)) > 1:
            lex.shared_agencies[name] = tuple(dict.fromkeys(codes))
        else:
            lex.agencies[name] = codes[0]
    for byline, code in load_outlets().bylines.items():  # the language-independent outlet registry
        if byline not in lex.shared_agencies:
            lex.agencies.setdefault(byline, code)
    return lex


def agency_country(name: str, text: str, lex: Lexicon) -> str | None:
    """The home country of the agency credited as ``name`` (lower case). A credit two agencies share ("CNA")
    is the one whose country the story names most ("the Cyprus News Agency", "Cypriot"); a tie is no answer."""
    code = lex.agencies.get(name)
    if code is not None or name not in lex.shared_agencies:
        return code
    candidates = lex.shared_agencies[name]
    counts = dict.fromkeys(candidates, 0)
    for form, (owner, _form) in lex.countries.items():
        if owner in counts and len(form) > 2:
            counts[owner] += len(re.findall(rf"(?<!\w){re.escape(form)}(?!\w)", text))
    ranked = sorted(counts.values(), reverse=True)
    if ranked[0] == 0 or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return None
    return max(counts, key=counts.__getitem__)


def dateline(text: str, lex: Lexicon) -> tuple[str | None, str | None]:
    """(city country, agency country) from a dateline such as ``SEOUL, Nov. 20 (Yonhap) --``."""
    match = lex.dateline.match(text) if lex.dateline is not None else None
    if not match:
        return None, None
    city = lex.cities.get(match.group("city").strip().lower())
    agency = agency_country((match.group("agency") or "").strip().lower(), text, lex)
    return city, agency


_PARENTHESES = re.compile(r"\(([^()]{2,60})\)")
_OWNER_COUNTRY = re.compile(r"\bof (?:the )?([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3})$")
_TRAILING_LOWER = re.compile(r"(?: [a-z][\w'’-]*)+$")  # "... of Japan release" -> "... of Japan"
_GOVERNMENT_BODY = re.compile(r"\b(?:Ministry|Department|Government|Office|MoD)\b")
#: A credit that names a national press body after its country ("(Angola Press Agency)", "(Botswana Daily News)",
#: "(Georgian Public Broadcaster)", "(Sofia News Agency)"): the country's own press wrote the story.
_PRESS_BODY = re.compile(r"\b(?:Agency|News|Press|Times|Television|Broadcast\w*|Radio|Information)\b")
_GOVERNMENT_HOST = re.compile(r"(?:^|\.)(?:gov|govt|gouv|gob|gv|mil)\.([a-z]{2})$")
#: A commercial site registered under a country's own second-level domain (nilepost.co.ug, pravda.com.ua): national
#: press, unlike a bare country-code domain (.tv, .io, .me), which sites anywhere use.
_NATIONAL_HOST = re.compile(r"\.(?:co|com|net|org)\.([a-z]{2})$")


def _press_country(credit: str, lex: Lexicon) -> str | None:
    """The country that leads a credit naming a press body: "Angola Press Agency" -> AO, "Sofia News Agency" -> BG."""
    words = credit.split()
    for size in (3, 2, 1):  # the longest country form first: "South Korea News", not "South"
        hit = lex.countries.get(" ".join(words[:size])) if len(words) > size else None
        if hit and len(hit[0]) == 2 and hit[1] != CountryForm.ORGANIZATION:
            return hit[0] if _PRESS_BODY.search(" ".join(words[size:])) else None
    return None


def source_country(source: str, url: str, lex: Lexicon, text: str = "") -> str | None:
    """The home country of the outlet an article came from, if it is a known one.

    In this order: a country named in parentheses in the source ("Ministry of Defence (Latvia)"); a
    credit in parentheses that is a known byline ("Gulf News (WAM)": WAM wrote it); a credit naming a government body
    or a press body after its country ("(Angola Press Agency)"); the page's domain
    in the outlet registry (``data/outlets.tsv``); a government host (``mod.gov.lv``); a known byline
    anywhere in the source; a national site naming its country; last, an outlet's own name that names a press
    body after its country ("The Fiji Times"). A credit two agencies share is read by the story ``text``
    (:func:`agency_country`).
    """
    host = urlsplit(url).netloc.lower() if "://" in url else ""
    inners = [inner.strip() for inner in _PARENTHESES.findall(source)]
    # "Ministry of Defence of Qatar", "Government of Ukraine"; "... of Lithuania (via Public)": the credit aside
    owners = [_OWNER_COUNTRY.search(_PARENTHESES.sub("", source).strip())]
    # a credit that names its government body: "Inquirer.net (Ministry of Foreign Affairs of Japan release)"
    owners += [_OWNER_COUNTRY.search(_TRAILING_LOWER.sub("", inner)) for inner in inners]
    for inner in inners + [owner.group(1).strip() for owner in owners if owner]:
        hit = lex.countries.get(inner)
        if hit and hit[1] == CountryForm.NAME and len(hit[0]) == 2:
            return hit[0]
    # "Hungarian Government (Ministry of Defence)": a government body led by its country's demonym, before a credit
    # whose words alone (a ministry of defence) are another country's byline
    outer = _PARENTHESES.sub("", source).split()
    leader = lex.countries.get(outer[0]) if outer else None
    if leader and len(leader[0]) == 2 and _GOVERNMENT_BODY.search(" ".join(outer)):
        return leader[0]
    for inner in inners:
        code = agency_country(inner.lower(), text, lex)
        if code is not None:
            return code
    for inner in inners:  # "(Australian Department of Defence)", "(Polish Ministry of National Defence)"
        first = inner.split()[0] if inner.split() else ""
        hit = lex.countries.get(first)
        if hit and len(hit[0]) == 2 and _GOVERNMENT_BODY.search(inner):
            return hit[0]
    for inner in inners:
        code = _press_country(inner, lex)
        if code is not None:
            return code
    registered = load_outlets().of_host(host)
    if registered is not None:
        return registered
    government = _GOVERNMENT_HOST.search(host)  # mod.gov.lv, www.gov.pl, defense.gouv.fr, govt.nz
    if government:
        code = "GB" if government.group(1) == "uk" else government.group(1).upper()
        if pycountry.countries.get(alpha_2=code) is not None:
            return code
    lowered = source.lower()  # the source and the site, never the story's own slug
    words = set(re.findall(r"[\w.]+", lowered))  # a short agency ("QNA", "PTI") only as a word
    for name, code in lex.agencies.items():
        # in the source as a word or words ("ansa" is no credit in "OpenAustralia (Hansard)"), in the host anywhere
        spelled = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", lowered) or name in host
        if (len(name) > 3 and spelled) or name in words:
            return code
    for name in lex.shared_agencies:
        if name in words:
            return agency_country(name, text, lex)
    national = _NATIONAL_HOST.search(host)  # last: any registry entry, credit or byline says more
    if national:
        code = "GB" if national.group(1) == "uk" else national.group(1).upper()
        # a regional outlet based there (pina.com.fj on an Australia-PNG meeting) never names its own country
        forms = [form for form, hit in lex.countries.items() if hit[0] == code]
        if any(re.search(rf"\b{re.escape(form)}\b", text) for form in forms):
            return code
    # last of all the outlet's own name, when it names a press body after its country ("The Fiji Times",
    # "Bulgarian National Radio", "Budapest Times"): no registry entry, credit or site said otherwise
    named = outer[1:] if outer and outer[0].lower() in lex.function_words.article else outer
    return _press_country(" ".join(named), lex)
