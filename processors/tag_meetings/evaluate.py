"""Scores for ``newswatch eval``: meeting detection, counterpart countries, host country, participants.

As ``../shared/LABELS.md`` defines them: (a) meeting detection per article, (b) counterparts as
(article, country) pairs, counted only where the verdict is positive, (c) host accuracy over the
articles labelled as meetings, (d) participants as (article, counterpart country, person name)
triples, names compared case- and accent-insensitively without titles and honorifics, over the
articles whose label lists ``meetings`` (the others have no participant answer to score). Every
error is also counted by class, for the confusion summary.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field
from enum import StrEnum

from newswatch.schema import TaggedArticle


class ErrorClass(StrEnum):
    FALSE_MEETING = "false meeting"
    MISSED_MEETING = "missed meeting"
    EXTRA_COUNTERPART = "extra counterpart"
    MISSING_COUNTERPART = "missing counterpart"
    WRONG_HOST = "wrong host"
    EXTRA_PARTICIPANT = "extra participant"
    MISSING_PARTICIPANT = "missing participant"


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            **asdict(self),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Report:
    articles: int = 0
    meetings: Scores = field(default_factory=Scores)
    counterparts: Scores = field(default_factory=Scores)
    participants: Scores = field(default_factory=Scores)
    participant_articles: int = 0  # articles whose label lists meetings (the participants' base)
    host_correct: int = 0
    host_total: int = 0
    confusion: Counter[ErrorClass] = field(default_factory=Counter)
    errors: list[dict] = field(default_factory=list)

    @property
    def host_accuracy(self) -> float:
        return self.host_correct / self.host_total if self.host_total else 1.0

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            "meeting_detection": self.meetings.as_dict(),
            "counterpart_countries": self.counterparts.as_dict(),
            "host_accuracy": round(self.host_accuracy, 4),
            "host_correct": self.host_correct,
            "host_total": self.host_total,
            "participants": {**self.participants.as_dict(), "articles": self.participant_articles},
            "confusion": {kind.value: self.confusion[kind] for kind in ErrorClass},
            "errors": self.errors,
        }


def name_key(name: str | None, titles: frozenset[str]) -> str | None:
    """A person's name for comparison: without titles and honorifics, accents, case or punctuation.

    Only the Latin, Greek and Cyrillic accents go (U+0300-U+036F): kana's voiced marks are letters of
    their own (テオドロ is not テオトロ)."""
    if not name:
        return None
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not "\u0300" <= c <= "\u036f")
    folded = unicodedata.normalize("NFC", folded).casefold()
    words = [w.strip(".,") for w in folded.replace("-", " ").split()]
    kept = [w for w in words if w and w not in titles]
    return " ".join(kept) or None


def counterpart_participants(meetings: list, host: str | None, titles: frozenset[str]) -> set[tuple[str, str]]:
    """(country, name key) of every named participant who is not the host's: what participant F1 counts."""
    found = set()
    for meeting in meetings:
        for p in meeting["participants"] if isinstance(meeting, dict) else meeting.participants:
            country = p.get("country") if isinstance(p, dict) else p.country
            name = p.get("name") if isinstance(p, dict) else p.name
            key = name_key(name, titles)
            if country and country != host and key:
                found.add((country, key))
    return found


def add(report: Report, tagged: TaggedArticle, label: dict, titles: frozenset[str] = frozenset()) -> None:
    """Score one tagged article against its label; ``titles`` are the honorifics names are compared without."""
    report.articles += 1
    want = bool(label.get("is_defense_ministerial_meeting"))
    got = tagged.is_defense_ministerial_meeting
    problems = []
    if want and got:
        report.meetings.tp += 1
    elif got:
        report.meetings.fp += 1
        report.confusion[ErrorClass.FALSE_MEETING] += 1
        problems.append("false meeting")
    elif want:
        report.meetings.fn += 1
        report.confusion[ErrorClass.MISSED_MEETING] += 1
        problems.append("missed meeting")
    want_c = set(label.get("counterpart_countries") or []) if want else set()
    got_c = set(tagged.counterpart_countries) if got else set()
    report.counterparts.tp += len(want_c & got_c)
    report.counterparts.fp += len(got_c - want_c)
    report.counterparts.fn += len(want_c - got_c)
    report.confusion[ErrorClass.EXTRA_COUNTERPART] += len(got_c - want_c)
    report.confusion[ErrorClass.MISSING_COUNTERPART] += len(want_c - got_c)
    if got_c - want_c:
        problems.append(f"extra counterparts {sorted(got_c - want_c)}")
    if want_c - got_c:
        problems.append(f"missing counterparts {sorted(want_c - got_c)}")
    if want:
        report.host_total += 1
        if tagged.host_country == label.get("host_country"):
            report.host_correct += 1
        else:
            report.confusion[ErrorClass.WRONG_HOST] += 1
            problems.append(f"host {tagged.host_country} instead of {label.get('host_country')}")
    if "meetings" in label:
        report.participant_articles += 1
        labelled = label.get("meetings") or []
        want_p = counterpart_participants(labelled, label.get("host_country"), titles) if want else set()
        got_p = counterpart_participants(tagged.held_meetings, tagged.host_country, titles) if got else set()
        report.participants.tp += len(want_p & got_p)
        report.participants.fp += len(got_p - want_p)
        report.participants.fn += len(want_p - got_p)
        report.confusion[ErrorClass.EXTRA_PARTICIPANT] += len(got_p - want_p)
        report.confusion[ErrorClass.MISSING_PARTICIPANT] += len(want_p - got_p)
        if got_p - want_p:
            problems.append(f"extra participants {sorted(got_p - want_p)}")
        if want_p - got_p:
            problems.append(f"missing participants {sorted(want_p - got_p)}")
    if problems:
        report.errors.append({"article_id": tagged.article_id, "title": tagged.title, "problems": problems})
