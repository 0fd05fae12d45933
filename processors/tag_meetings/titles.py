"""A defence principal's title as a grammar of parts (``data/<lang>/title_grammar.tsv``), not a list of phrases.

Heads (*Minister*, *Cabinet Secretary*, *Secretary of State* ...), connectors (*of*, *for the*, *in charge of*) and
portfolios (*Defence*, *National Defense*, *Defence and Military Production* ...) combine into every title they make,
in both orders (*Minister of Defence*, *Defence Minister*), so that a variant no story showed before still reads as a
principal's. Heads and portfolios of other offices (*State Secretary*, *Defence Procurement*) make titles of kind
``other``: the longest phrase wins, so *State Secretary for Defence* is no principal. Titles ``roles.jsonl`` lists
keep their own kind and country.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import product
from pathlib import Path

from newswatch.processors.tag_meetings.datafiles import RulesError, rows
from newswatch.processors.tag_meetings.kinds import RoleKind


def read_grammar(path: Path) -> dict[str, list[tuple[str, str | None]]]:
    """The parts of a grammar file: part -> [(words, country or None)]; a part the file leaves out is empty."""
    parts: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for row in rows(path):
        if len(row) not in (2, 3) or not row[0] or not row[1]:
            raise RulesError(f"{path}: bad row {row!r} (part TAB words [TAB country])")
        parts[row[0]].append((row[1].lower(), row[2] if len(row) == 3 and row[2] else None))
    return parts


def titles(parts: dict[str, list[tuple[str, str | None]]]) -> list[tuple[str, RoleKind, str | None, bool]]:
    """Every (phrase, kind, country, plural) the grammar makes, principals' first."""
    found: dict[str, tuple[str, RoleKind, str | None, bool]] = {}

    def add(words: tuple[str, ...], kind: RoleKind, plural: bool, country: str | None = None) -> None:
        phrase = " ".join(words)
        found.setdefault(phrase, (phrase, kind, country, plural))

    connectors = [c for c, _ in parts["connector"]]
    ministries = [m for m, _ in parts["ministry"]]
    joined = [  # "national defense and veterans affairs": a principal's domain and another portfolio
        (f"{domain} and {portfolio}", country or own)
        for (domain, own), (portfolio, country) in product(parts["domain"], parts["portfolio"])
        if own is None
    ]
    joined += [  # "national security and defence": the other portfolio first
        (f"{portfolio} and {domain}", country or own)
        for (domain, own), (portfolio, country) in product(parts["domain"], parts["portfolio"])
        if own is None and " " not in domain
    ]
    domains_of = ((RoleKind.PRINCIPAL, parts["domain"] + joined), (RoleKind.OTHER, parts["other_domain"]))
    for kind, domains in domains_of:
        for plural, heads in ((False, parts["head"]), (True, parts["head_plural"])):
            for (head, _), connector, (domain, country) in product(heads, connectors, domains):
                add((head, connector, domain), kind, plural, country)
        for plural, heads in ((False, parts["head_after"]), (True, parts["head_after_plural"])):
            for (domain, country), (head, _) in product(domains, heads):
                add((domain, head), kind, plural, country)
        for (leader, _), ministry, (domain, country) in product(parts["leader"], ministries, domains):
            add((leader, "of the", domain, ministry), kind, False, country)
            for connector in ("of", "for"):
                add((leader, "of the", ministry, connector, domain), kind, False, country)
    for plural, heads in ((False, parts["short_head"]), (True, parts["short_head_plural"])):
        for (domain, country), (head, _) in product(parts["short_domain"], heads):
            add((domain, head), RoleKind.PRINCIPAL, plural, country)
    for (head, _), connector, (domain, _) in product(parts["other_head"], connectors, parts["domain"]):
        add((head, connector, domain), RoleKind.OTHER, False)
    return list(found.values())
