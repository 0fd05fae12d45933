"""Scores for ``newswatch eval``: meeting detection, counterpart countries, host country.

(a) meeting detection per article, (b) counterparts as (article, country) pairs, both as
precision, recall and F1; (c) host accuracy over the articles labelled as meetings.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from newswatch.schema import TaggedArticle


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
    host_correct: int = 0
    host_total: int = 0
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
            "errors": self.errors,
        }


def add(report: Report, tagged: TaggedArticle, label: dict) -> None:
    """Score one tagged article against its label."""
    report.articles += 1
    want = bool(label.get("is_defense_ministerial_meeting"))
    got = tagged.is_defense_ministerial_meeting
    problems = []
    if want and got:
        report.meetings.tp += 1
    elif got:
        report.meetings.fp += 1
        problems.append("false meeting")
    elif want:
        report.meetings.fn += 1
        problems.append("missed meeting")
    want_c = set(label.get("counterpart_countries") or []) if want else set()
    got_c = set(tagged.counterpart_countries) if got else set()
    report.counterparts.tp += len(want_c & got_c)
    report.counterparts.fp += len(got_c - want_c)
    report.counterparts.fn += len(want_c - got_c)
    if got_c - want_c:
        problems.append(f"extra counterparts {sorted(got_c - want_c)}")
    if want_c - got_c:
        problems.append(f"missing counterparts {sorted(want_c - got_c)}")
    if want:
        report.host_total += 1
        if tagged.host_country == label.get("host_country"):
            report.host_correct += 1
        else:
            problems.append(f"host {tagged.host_country} instead of {label.get('host_country')}")
    if problems:
        report.errors.append({"article_id": tagged.article_id, "title": tagged.title, "problems": problems})
