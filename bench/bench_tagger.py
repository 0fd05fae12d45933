"""Tagging throughput: the full pipeline on every article vs. the prefiltered pipeline on a realistic stream.

The stream is ordinary news (items of the real feeds in ``../shared/corpora/real-feeds`` when
present, else the dev set's negatives that the prefilter rejects) with about 2% defense stories
(the dev set's positives) mixed in. Both runs tag the same stream in one process.

    python bench/bench_tagger.py [--articles 3000] [--defense-share 0.02]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from a checkout, installed or not

from newswatch.processors.tag_meetings import MeetingTagger  # noqa: E402
from newswatch.schema import Article  # noqa: E402

DEV = ROOT / "tests" / "data" / "dev_meetings.jsonl"
FEED_DIRS = [base / "shared" / "corpora" / "real-feeds" for base in (ROOT.parent, ROOT.parent.parent)]


def dev_articles() -> tuple[list[Article], list[Article]]:
    positives, negatives = [], []
    for line in DEV.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        label = record.pop("label")
        (positives if label["is_defense_ministerial_meeting"] else negatives).append(Article(**record))
    return positives, negatives


def feed_articles() -> list[Article]:
    """News items of the saved real feeds, parsed by the collector exactly as it publishes them."""
    feeds = next((d for d in FEED_DIRS if d.is_dir()), None)
    if feeds is None:
        return []
    from newswatch.collectors.rss import parse_feed

    items: list[Article] = []
    for path in sorted(feeds.iterdir()):
        if path.suffix in {".xml", ".rss", ".atom"}:
            items += parse_feed(path.read_bytes(), source=path.stem).articles
    return items


def stream(size: int, share: float, seed: int = 7) -> tuple[list[Article], str]:
    positives, negatives = dev_articles()
    ordinary = feed_articles()
    origin = f"{len(ordinary)} real feed items" if ordinary else "dev-set negatives"
    if not ordinary:
        ordinary = negatives
    rng = random.Random(seed)
    defense = round(size * share)
    picked = [rng.choice(positives) for _ in range(defense)] + [
        rng.choice(ordinary) for _ in range(size - defense)
    ]
    rng.shuffle(picked)
    return picked, origin


def rate(tagger: MeetingTagger, articles: list[Article], use_prefilter: bool) -> tuple[float, int]:
    start = time.perf_counter()
    found = sum(
        t.is_defense_ministerial_meeting for t in tagger.tag_many(articles, use_prefilter=use_prefilter)
    )
    return len(articles) / (time.perf_counter() - start), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--defense-share", type=float, default=0.02)
    args = parser.parse_args()

    start = time.perf_counter()
    tagger = MeetingTagger()
    built = time.perf_counter() - start
    articles, origin = stream(args.articles, args.defense_share)
    rate(tagger, articles[:50], True)  # warm up
    full, found_full = rate(tagger, articles, use_prefilter=False)
    filtered, found_filtered = rate(tagger, articles, use_prefilter=True)
    passed = sum(tagger.prefilter(a) for a in articles)
    print(
        f"tagger {tagger.version}: built in {built:.2f}s; stream of {len(articles)} articles "
        f"({args.defense_share:.0%} defense stories, the rest {origin})"
    )
    print(f"(1) full pipeline, every article:  {full:10.0f} articles/s  ({found_full} meetings)")
    print(
        f"(2) prefilter + pipeline:          {filtered:10.0f} articles/s  ({found_filtered} meetings; "
        f"{passed / len(articles):.1%} of articles passed the prefilter)"
    )
    print(f"speed-up (2)/(1): {filtered / full:.1f}x")


if __name__ == "__main__":
    main()
