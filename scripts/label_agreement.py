"""How often two careful readers label the same real stories alike: the ceiling for any tagger's figures.

    python scripts/label_agreement.py SECOND_READER.labels.jsonl FIRST-LAST

Scores a second reader's labels (one ``{"id", "label"}`` object a line, written blind from title, content and source
by ../shared/LABELS.md) against the corpus labels of ``tests/data/real/en/batchNN.jsonl`` for batches FIRST..LAST,
with the scoring of ``newswatch eval`` (the corpus label as the truth): meeting, counterpart and participant precision,
recall and F1, host accuracy over the positives, and the stories the readers label differently. The figures are
quoted in docs/tagger.md, *Two readers*.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newswatch.processors.tag_meetings.evaluate import counterpart_participants
from newswatch.processors.tag_meetings.lexicon import DEFAULT_RULES, load_lexicon

REAL = Path(__file__).resolve().parents[1] / "tests" / "data" / "real" / "en"


def _counts(truth: set, other: set) -> tuple[int, int, int]:
    return len(truth & other), len(other - truth), len(truth - other)


def _add(total: list[int], counts: tuple[int, int, int]) -> list[int]:
    return [t + c for t, c in zip(total, counts, strict=True)]


def _prf(tp: int, fp: int, fn: int) -> str:
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return f"P={precision:.3f} R={recall:.3f} F1={2 * tp / max(1, 2 * tp + fp + fn):.3f} (tp={tp} fp={fp} fn={fn})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("second", type=Path, help="the second reader's labels (jsonl: id, label)")
    parser.add_argument("batches", help="the corpus batches they cover, FIRST-LAST")
    args = parser.parse_args()
    first, last = (int(n) for n in args.batches.split("-"))
    truth = {}
    for number in range(first, last + 1):
        for line in (REAL / f"batch{number:02d}.jsonl").read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            truth[item["id"]] = item["label"]
    second = {}
    for line in args.second.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        second[item["id"]] = item["label"]
    if set(truth) != set(second):
        raise SystemExit(f"the files cover different stories: {len(truth)} corpus ids, {len(second)} second-reader ids")
    titles = frozenset(h.rstrip(".").casefold() for h in load_lexicon(DEFAULT_RULES).honorifics)
    meetings, countries, people, hosts, differing = [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0], []
    for story, label in truth.items():
        other = second[story]
        a, b = bool(label["is_defense_ministerial_meeting"]), bool(other["is_defense_ministerial_meeting"])
        meetings = _add(meetings, _counts({story} if a else set(), {story} if b else set()))
        ca = set(label.get("counterpart_countries") or []) if a else set()
        cb = set(other.get("counterpart_countries") or []) if b else set()
        countries = _add(countries, _counts(ca, cb))
        pa = counterpart_participants(label.get("meetings") or [], label.get("host_country"), titles) if a else set()
        pb = counterpart_participants(other.get("meetings") or [], other.get("host_country"), titles) if b else set()
        people = _add(people, _counts(pa, pb))
        if a:
            hosts[1] += 1
            hosts[0] += label.get("host_country") == other.get("host_country")
        if a != b or ca != cb or (a and label.get("host_country") != other.get("host_country")):
            differing.append(f"  {story}: meeting {a}/{b}, counterparts {sorted(ca)}/{sorted(cb)}, host "
                             f"{label.get('host_country')}/{other.get('host_country')}, ambiguous "
                             f"{label.get('ambiguous')}/{other.get('ambiguous')}")
    print(f"{len(truth)} stories (batches {args.batches}); corpus label as the truth, the second reader as the answer")
    print(f"meeting detection      {_prf(*meetings)}")
    print(f"counterpart countries  {_prf(*countries)}")
    print(f"host accuracy          {hosts[0] / max(1, hosts[1]):.3f} ({hosts[0]}/{hosts[1]})")
    print(f"participants           {_prf(*people)}")
    print(f"stories labelled differently: {len(differing)} (corpus/second)")
    print("\n".join(differing))


if __name__ == "__main__":
    main()
