"""Korean and Japanese beside English: articles/s through prefilter + pipeline on one core, in one run.

Each language gets the same kind of stream: ordinary news with about 2% defense stories mixed in
(English: the real feed items of ``../shared/corpora/real-feeds`` when present, else the dev set's
negatives; Korean and Japanese: ``tests/data/real/<lang>/<lang>_nondefense.jsonl``, real non-defense
copy, with the dev sets' positives as the defense stories). The languages are timed in interleaved
rounds in this one process pinned to one core, and the medians are printed with their ratio to
English (the machine is shared: read the ratios). Also printed: the full pipeline on the labelled
dev sets (every article through spaCy), the one-off load time of each language's pipeline, and the
share of non-defense Korean and Japanese copy the prefilter keeps out of spaCy (the bar is 90%).

    python bench/bench_cjk.py [--articles 600] [--rounds 3] [--defense-share 0.02]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "data" / "real"
EN_DEV = ROOT / "tests" / "data" / "dev_meetings.jsonl"
DEV = {
    "en": [EN_DEV],
    "ko": sorted((REAL / "ko").glob("ko_dev_*.jsonl")),
    "ja": sorted((REAL / "ja").glob("ja_dev_*.jsonl")),
}
ORDINARY = {"ko": REAL / "ko" / "ko_nondefense.jsonl", "ja": REAL / "ja" / "ja_nondefense.jsonl"}


def _records(paths: list[Path]) -> list[dict]:
    found = []
    for path in paths:
        found += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return found


def _articles(records: list[dict]) -> list:
    import msgspec

    from newswatch.schema import Article

    fields = set(Article.__struct_fields__)
    return [msgspec.convert({k: v for k, v in r.items() if k in fields}, Article, strict=False) for r in records]


def streams(size: int, share: float, seed: int = 7) -> dict[str, tuple[list, str]]:
    import bench_tagger  # the English stream, exactly as bench_tagger builds it

    rng = random.Random(seed)
    english, origin = bench_tagger.stream(size, share, seed)
    found = {"en": (_articles(english), origin)}
    for lang in ("ko", "ja"):
        positives = [r for r in _records(DEV[lang]) if r["label"]["is_defense_ministerial_meeting"]]
        ordinary = _records([ORDINARY[lang]])
        defense = round(size * share)
        picked = [rng.choice(positives) for _ in range(defense)] + [rng.choice(ordinary) for _ in range(size - defense)]
        rng.shuffle(picked)
        found[lang] = (_articles(picked), f"{len(ordinary)} real non-defense items")
    return found


def rate(tagger, articles: list, *, prefilter: bool) -> float:
    start = time.perf_counter()
    for _ in tagger.tag_many(articles, use_prefilter=prefilter):
        pass
    return len(articles) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--defense-share", type=float, default=0.02)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    from newswatch.processors.tag_meetings import MeetingTagger

    tagger = MeetingTagger()
    loads = {}
    for lang in ("en", "ko", "ja"):
        start = time.perf_counter()
        tagger.tagger_for(lang).nlp("warm up" if lang == "en" else "국방장관 회담" if lang == "ko" else "防衛相会談")
        loads[lang] = time.perf_counter() - start
    stream = streams(args.articles, args.defense_share)
    dev = {lang: _articles(_records(paths)) for lang, paths in DEV.items()}
    mixed: dict[str, list[float]] = {lang: [] for lang in stream}
    full: dict[str, list[float]] = {lang: [] for lang in stream}
    for _round in range(args.rounds):
        for lang in ("en", "ko", "ja"):
            mixed[lang].append(rate(tagger, stream[lang][0], prefilter=True))
            full[lang].append(rate(tagger, dev[lang], prefilter=False))
    print(f"one core; {args.articles} articles per stream, {args.defense_share:.0%} defense; "
          f"median of {args.rounds} interleaved rounds")
    print(f"{'language':<9} {'stream':<34} {'prefilter+pipeline':>20} {'vs en':>6} "
          f"{'full pipeline (dev)':>20} {'vs en':>6} {'load s':>7}")
    base_mixed, base_full = statistics.median(mixed["en"]), statistics.median(full["en"])
    for lang in ("en", "ko", "ja"):
        m, f = statistics.median(mixed[lang]), statistics.median(full[lang])
        print(f"{lang:<9} {stream[lang][1]:<34} {m:>14.0f} art/s {m / base_mixed:>6.2f} "
              f"{f:>14.0f} art/s {f / base_full:>6.2f} {loads[lang]:>7.2f}")
    for lang in ("ko", "ja"):
        ordinary = _articles(_records([ORDINARY[lang]]))
        negatives = [a for a, r in zip(dev[lang], _records(DEV[lang]), strict=True)
                     if not r["label"]["is_defense_ministerial_meeting"]]
        kept_out = sum(not tagger.prefilter(a) for a in ordinary)
        hard = sum(not tagger.prefilter(a) for a in negatives)
        print(f"prefilter {lang}: keeps {kept_out}/{len(ordinary)} ({kept_out / len(ordinary):.0%}) of non-defense "
              f"copy out of spaCy (bar 90%); {hard}/{len(negatives)} of the dev set's defense-related negatives")


if __name__ == "__main__":
    main()
