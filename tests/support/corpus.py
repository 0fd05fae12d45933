"""A synthetic but realistic article stream for fault tests and benchmarks.

About 2% of the articles are defense-related (most of them a meeting between two defense ministers,
each pair of countries used once so every meeting is a distinct alert); the rest is everyday news
that the tagger's prefilter lets go. Deterministic for a given seed: tests assert exact counts.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from newswatch.schema import Article

#: Country names the tagger resolves, with their ISO codes and a city for the dateline.
COUNTRIES = [
    ("Japan", "JP", "Tokyo"), ("Australia", "AU", "Canberra"), ("Germany", "DE", "Berlin"),
    ("Poland", "PL", "Warsaw"), ("India", "IN", "New Delhi"), ("France", "FR", "Paris"),
    ("Brazil", "BR", "Brasilia"), ("Chile", "CL", "Santiago"), ("Canada", "CA", "Ottawa"),
    ("Italy", "IT", "Rome"), ("Spain", "ES", "Madrid"), ("Norway", "NO", "Oslo"),
    ("Sweden", "SE", "Stockholm"), ("Finland", "FI", "Helsinki"), ("Denmark", "DK", "Copenhagen"),
    ("Greece", "GR", "Athens"), ("Turkey", "TR", "Ankara"), ("Egypt", "EG", "Cairo"),
    ("Kenya", "KE", "Nairobi"), ("Nigeria", "NG", "Abuja"), ("Indonesia", "ID", "Jakarta"),
    ("Malaysia", "MY", "Kuala Lumpur"), ("Vietnam", "VN", "Hanoi"), ("Thailand", "TH", "Bangkok"),
    ("Mexico", "MX", "Mexico City"), ("Argentina", "AR", "Buenos Aires"), ("Peru", "PE", "Lima"),
    ("Portugal", "PT", "Lisbon"), ("Austria", "AT", "Vienna"), ("Hungary", "HU", "Budapest"),
    ("Romania", "RO", "Bucharest"), ("Mongolia", "MN", "Ulaanbaatar"),
]

_TOPICS = [
    ("Rain and wind expected over the weekend", "Forecasters expect heavy rain in the northern districts, "
     "with local flooding possible on low-lying roads. Residents are asked to clear drains and check "
     "on elderly neighbours. Temperatures will stay mild until Tuesday."),
    ("Stocks close higher after central bank comments", "Shares rose for a third day as investors welcomed "
     "signals that interest rates would stay on hold. Technology and retail stocks led the gains, while "
     "energy companies slipped with the price of crude oil."),
    ("City council approves new cycling lanes", "The council voted to build twelve kilometres of protected "
     "lanes along the river and the main shopping street. Work starts in spring and shop owners were "
     "promised delivery bays at every corner."),
    ("Local team wins the cup after extra time", "A late header settled a tense final in front of a sold-out "
     "stadium. The coach praised the youth players who came off the bench and dedicated the trophy to the "
     "supporters who travelled overnight."),
    ("Museum reopens after two-year renovation", "Visitors queued from early morning to see the restored "
     "galleries, the new glass roof and a children's wing. Entry is free for the first month."),
    ("Farmers expect a record apple harvest", "Orchards report heavy crops after a warm spring and a wet "
     "summer. Growers worry about finding enough pickers and about prices at the wholesale market."),
]


@dataclass(frozen=True)
class Expected:
    """What the pipeline must produce for a stream: article ids, and the meetings (host, counterpart)."""

    ids: frozenset[str]
    meetings: dict[str, tuple[str, str]]  # article id -> (host code, counterpart code)


def _pairs(seed: int) -> Iterator[tuple[int, tuple[tuple[str, str, str], tuple[str, str, str]]]]:
    """(cycle, (host, other)): every unordered pair of countries once per cycle, in a random order and
    orientation. The alert sink takes reports of the same two parties within its dedup window for one
    meeting (whichever side reports it), so a pair may come back only in a later cycle, which
    ``article_stream`` dates ``CYCLE_GAP`` earlier: outside that window."""
    rng = random.Random(seed)
    for cycle in itertools.count():
        pairs = [(a, b) if rng.random() < 0.5 else (b, a) for a, b in itertools.combinations(COUNTRIES, 2)]
        rng.shuffle(pairs)
        for pair in pairs:
            yield cycle, pair


#: How much earlier a later cycle of pairs is dated: more than the alert sink's 72 h dedup window,
#: well inside the topics' 7-day retention.
CYCLE_GAP = timedelta(days=4)


def article_stream(n: int, *, prefix: str = "a", seed: int = 7, defense_share: float = 0.02,
                   start: datetime | None = None) -> tuple[list[Article], Expected]:
    """``n`` articles, about ``defense_share`` of them defense-related (3 in 4 of those a meeting)."""
    rng = random.Random(seed)
    pairs = _pairs(seed)
    when = start or datetime(2026, 11, 2, 6, 0, tzinfo=UTC)
    articles: list[Article] = []
    meetings: dict[str, tuple[str, str]] = {}
    for i in range(n):
        aid = f"{prefix}-{i:06d}"
        published = when + timedelta(seconds=i)
        url = f"https://news.example/{prefix}/{i}"
        if rng.random() < defense_share:
            if rng.random() < 0.75:
                cycle, ((host, hcode, city), (other, ocode, _c)) = next(pairs)
                published -= cycle * CYCLE_GAP
                title = f"{host} and {other} defense ministers hold talks in {city}"
                summary = (f"The defense minister of {host} met his {other} counterpart in {city} on Monday "
                           f"to discuss military cooperation, joint exercises and the defense industry.")
                meetings[aid] = (hcode, ocode)
            else:
                country = rng.choice(COUNTRIES)[0]
                title = f"{country} parliament debates the defense budget"
                summary = (f"Lawmakers in {country} argued over next year's defense spending, pensions for "
                           f"veterans and the cost of new patrol boats. A vote is expected next week.")
        else:
            title, summary = rng.choice(_TOPICS)
            title = f"{title} ({i})"
        articles.append(Article(id=aid, url=url, title=title, summary=summary, content=summary * 3,
                                published=published, source="wire.example"))
    return articles, Expected(ids=frozenset(a.id for a in articles), meetings=meetings)
