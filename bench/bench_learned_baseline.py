"""A learned baseline for the meeting verdict: does a plain text classifier generalise better than the rules?

    python bench/bench_learned_baseline.py [--train-last 56] [--test 57-68]

Trains an L2-regularised logistic regression over hashed words and word pairs of each real English item's title and
lead (``tests/data/real/en/batchNN.jsonl``, batches 1..train-last), then scores the meeting verdict (precision, recall,
F1) on the test batches beside the rules' own verdict on the same items. Numpy only (spaCy brings it); not part of the
pipeline. The figure is quoted in docs/tagger.md, *Tenth and eleventh held-out sets*.
"""

from __future__ import annotations

import argparse
import re
import zlib
from pathlib import Path

import numpy as np

from newswatch.processors.tag_meetings import MeetingTagger
from newswatch.processors.tag_meetings.article_files import read_articles

REAL = Path(__file__).resolve().parents[1] / "tests" / "data" / "real" / "en"
DIMENSIONS = 1 << 15
LEAD_CHARACTERS = 1500


def features(title: str, content: str) -> np.ndarray:
    words = re.findall(r"[a-z]+", f"{title} {content[:LEAD_CHARACTERS]}".lower())
    tokens = {f"w={w}" for w in words} | {f"b={a}_{b}" for a, b in zip(words, words[1:], strict=False)}
    vector = np.zeros(DIMENSIONS + 1)
    vector[DIMENSIONS] = 1.0  # bias
    for token in tokens:
        vector[zlib.crc32(token.encode()) % DIMENSIONS] += 1.0
    vector[:DIMENSIONS] /= max(1.0, float(np.sqrt((vector[:DIMENSIONS] ** 2).sum())))
    return vector


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 300, rate: float = 2.5) -> np.ndarray:
    weights = np.zeros(x.shape[1])
    for _ in range(steps):
        predicted = 1 / (1 + np.exp(-x @ weights))
        weights -= rate * (x.T @ (predicted - y) / len(y) + l2 * weights)
    return weights


def scores(truth: np.ndarray, verdict: np.ndarray) -> str:
    tp = int(((truth == 1) & (verdict == 1)).sum())
    fp = int(((truth == 0) & (verdict == 1)).sum())
    fn = int(((truth == 1) & (verdict == 0)).sum())
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return f"P={precision:.3f} R={recall:.3f} F1={f1:.3f} (tp={tp} fp={fp} fn={fn})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train-last", type=int, default=56, help="train on batches 1..N")
    parser.add_argument("--test", default="57-68", help="test batches, FIRST-LAST")
    parser.add_argument("--l2", type=float, default=1e-4)
    args = parser.parse_args()
    first, last = (int(n) for n in args.test.split("-"))
    tagger = MeetingTagger()

    def load(numbers: range) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        records = list(read_articles([REAL / f"batch{n:02d}.jsonl" for n in numbers], None))
        x = np.array([features(article.title, article.content) for article, _ in records])
        y = np.array([int(bool(label["is_defense_ministerial_meeting"])) for _, label in records])
        rules = np.array([int(t.is_defense_ministerial_meeting) for t in tagger.tag_many(a for a, _ in records)])
        return x, y, rules

    x_train, y_train, _ = load(range(1, args.train_last + 1))
    x_test, y_test, rules_test = load(range(first, last + 1))
    weights = fit(x_train, y_train, args.l2)
    learned = (x_test @ weights > 0).astype(int)
    print(f"train batches 1-{args.train_last}: {len(y_train)} items; test batches {args.test}: {len(y_test)} items")
    print(f"rules (newswatch tagger): {scores(y_test, rules_test)}")
    print(f"bag of words, logistic:   {scores(y_test, learned)}")


if __name__ == "__main__":
    main()
