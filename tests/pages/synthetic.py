"""Synthetic meeting records for load tests and the pages benchmark: ``n`` meetings among the first
``countries`` ISO countries, pairs drawn with a fixed seed (a few busy pairs, a long tail), statuses
mostly held with some planned -> held, planned and cancelled histories."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pycountry

from newswatch.schema import MeetingRecord, MeetingReport, Participant, StatusChange

T0 = datetime(2023, 1, 1, 9, 0, tzinfo=UTC)


def country_codes(count: int) -> list[str]:
    codes = sorted(c.alpha_2 for c in pycountry.countries if c.alpha_2 != "AU")  # AU: the African Union here
    return codes[:count]


def synthetic_meetings(n: int, countries: int = 150, seed: int = 17) -> list[MeetingRecord]:
    rng = random.Random(seed)
    codes = country_codes(countries)
    weights = [1 / (i + 1) ** 0.6 for i in range(len(codes))]  # some countries meet far more often
    out = []
    for i in range(n):
        a, b = rng.choices(codes, weights)[0], rng.choice(codes)
        while b == a:
            b = rng.choice(codes)
        parties = sorted([a, b])
        when = T0 + timedelta(days=rng.randrange(0, 700), hours=rng.randrange(0, 24))
        roll = rng.random()
        history = ([("planned", when - timedelta(days=7)), ("held", when)] if roll < 0.15 else
                   [("planned", when)] if roll < 0.25 else
                   [("planned", when - timedelta(days=3)), ("cancelled", when)] if roll < 0.3 else [("held", when)])
        reports = [MeetingReport(article_id=f"a{i}-{k}", url=f"https://outlet{k}.example/{i}", title=f"Talks {a}-{b}",
                                 outlet=f"outlet{k}", language="en", published=at, first_seen=at + timedelta(minutes=5),
                                 status=status, evidence=f"The ministers of {a} and {b} met.")  # type: ignore[arg-type]
                   for k, (status, at) in enumerate(history)]
        out.append(MeetingRecord(
            meeting_id=f"{when:%Y-%m-%d}.in-person.{parties[0]}-{parties[1]}.{i}", parties=parties,
            participants=[Participant(name=f"Minister {p}", role="Defense Minister", country=p) for p in parties],
            location="Somewhere", status=history[-1][0],  # type: ignore[arg-type]
            status_history=[StatusChange(status=s, at=at, article_id=r.article_id, outlet=r.outlet,  # type: ignore[arg-type]
                                         first_seen=r.first_seen) for (s, at), r in zip(history, reports, strict=True)],
            reports=reports, window_start=history[0][1], window_end=history[-1][1], first_seen=reports[0].first_seen,
            last_seen=reports[-1].first_seen))
    return out
