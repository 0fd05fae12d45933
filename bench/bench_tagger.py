"""Tagging throughput: the full pipeline on every article vs. the prefiltered pipeline on a realistic stream.

The stream is ordinary news (items of the real feeds in ``../shared/corpora/real-feeds`` when
present, else the dev set's negatives that the prefilter rejects) with about 2% defense stories
(the dev set's positives) mixed in. Both runs tag the same stream in one process.

``--baseline REV`` measures the tagger of another commit side by side: the same stream is tagged
in alternating child processes, one importing this tree and one importing REV's tree (exported
with ``git archive``), ``--rounds`` times each, and the ratio of the medians is printed. Each
process reports the best of ``--repeat`` passes per mode, in wall time and in its own CPU time
(which a noisy neighbour on a shared machine disturbs far less).

    python bench/bench_tagger.py [--articles 3000] [--defense-share 0.02] [--baseline HEAD~1 --rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "dev_meetings.jsonl"
FEED_DIRS = [base / "shared" / "corpora" / "real-feeds" for base in (ROOT.parent, ROOT.parent.parent)]
STAGES = ("collectors", "processors", "sinks")  # top-level folders installed as newswatch.<stage>


def dev_articles() -> tuple[list[dict], list[dict]]:
    positives, negatives = [], []
    for line in DEV.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        label = record.pop("label")
        (positives if label["is_defense_ministerial_meeting"] else negatives).append(record)
    return positives, negatives


def feed_articles() -> list[dict]:
    """News items of the saved real feeds, parsed by the collector exactly as it publishes them."""
    feeds = next((d for d in FEED_DIRS if d.is_dir()), None)
    if feeds is None:
        return []
    from newswatch.collectors.rss import parse_feed
    from newswatch.schema import to_builtins

    items: list[dict] = []
    for path in sorted(feeds.iterdir()):
        if path.suffix in {".xml", ".rss", ".atom"}:
            items += [to_builtins(a) for a in parse_feed(path.read_bytes(), source=path.stem).articles]
    return items


def stream(size: int, share: float, seed: int = 7) -> tuple[list[dict], str]:
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


def measure(records: list[dict], repeat: int = 3) -> dict:
    """Build the tagger importable from ``sys.path``, then time both modes on ``records``, each the best
    of ``repeat`` passes (the least disturbed one, as ``timeit`` reports)."""
    import msgspec

    from newswatch.processors.tag_meetings import MeetingTagger
    from newswatch.schema import Article

    start = time.perf_counter()
    tagger = MeetingTagger()
    built = time.perf_counter() - start
    articles = [msgspec.convert(r, Article) for r in records]

    def rate(use_prefilter: bool) -> tuple[float, float, int]:
        """Articles per second of wall time and per second of this process's CPU time (which other
        processes on a shared machine disturb far less)."""
        began, cpu = time.perf_counter(), time.process_time()
        found = sum(t.is_defense_ministerial_meeting for t in tagger.tag_many(articles, use_prefilter=use_prefilter))
        return len(articles) / (time.perf_counter() - began), len(articles) / (time.process_time() - cpu), found

    tagger.tag_many(articles[:50])  # warm up
    list(tagger.tag_many(articles[:50]))
    full, full_cpu, found_full = (max(x) for x in zip(*(rate(False) for _ in range(repeat)), strict=True))
    filtered, filtered_cpu, found_filtered = (max(x) for x in zip(*(rate(True) for _ in range(repeat)), strict=True))
    passed = sum(tagger.prefilter(a) for a in articles)
    return {"version": tagger.version, "built": built, "full": full, "filtered": filtered, "full_cpu": full_cpu,
            "filtered_cpu": filtered_cpu, "found_full": found_full, "found_filtered": found_filtered,
            "passed": passed / len(articles)}


def export_tree(rev: str, into: Path) -> Path:
    """REV's files in ``into``, laid out so that ``import newswatch`` from there imports REV's code."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    for stage in STAGES:
        if (into / stage).is_dir() and not (into / "newswatch" / stage).exists():
            (into / "newswatch" / stage).symlink_to(into / stage, target_is_directory=True)
    return into


def run_worker(tree: Path, records: Path, repeat: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
    code = (f"import sys, json; sys.path.insert(0, {str(tree)!r}); sys.path.insert(0, {str(ROOT / 'bench')!r});"
            "from bench_tagger import measure; import newswatch;"
            f"assert newswatch.__file__.startswith({str(tree)!r}), newswatch.__file__;"
            f"print(json.dumps(measure(json.loads(open({str(records)!r}).read()), {repeat})))")
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def side_by_side(records: list[dict], rev: str, rounds: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-tagger-") as tmp:
        base = export_tree(rev, Path(tmp) / "baseline")
        data = Path(tmp) / "stream.json"
        data.write_text(json.dumps(records, default=str), encoding="utf-8")
        results: dict[str, list[dict]] = {"this tree": [], rev: []}
        for _ in range(rounds):  # alternate, so a noisy neighbour hurts both alike
            results["this tree"].append(run_worker(ROOT, data, repeat))
            results[rev].append(run_worker(base, data, repeat))
    medians = {}
    for label, runs in results.items():
        medians[label] = {key: statistics.median(r[key] for r in runs)
                          for key in ("full", "filtered", "full_cpu", "filtered_cpu")}
        m = medians[label]
        print(f"{label:>12} ({runs[0]['version']}): {runs[0]['found_filtered']} meetings, "
              f"{runs[0]['passed']:.1%} passed the prefilter")
        print(f"{'':>12} wall: full {m['full']:6.0f}/s, prefiltered {m['filtered']:6.0f}/s, speed-up "
              f"{m['filtered'] / m['full']:5.1f}x (full runs " + ", ".join(f"{r['full']:.0f}" for r in runs) + ")")
        print(f"{'':>12} CPU:  full {m['full_cpu']:6.0f}/s, prefiltered {m['filtered_cpu']:6.0f}/s, speed-up "
              f"{m['filtered_cpu'] / m['full_cpu']:5.1f}x (full runs "
              + ", ".join(f"{r['full_cpu']:.0f}" for r in runs) + ")")
    a, b = medians["this tree"], medians[rev]
    print(f"this tree / {rev} (medians of {rounds} alternating runs): wall time full {a['full'] / b['full']:.2f}x, "
          f"prefiltered {a['filtered'] / b['filtered']:.2f}x; CPU time full {a['full_cpu'] / b['full_cpu']:.2f}x, "
          f"prefiltered {a['filtered_cpu'] / b['filtered_cpu']:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--defense-share", type=float, default=0.02)
    parser.add_argument("--baseline", metavar="REV", help="also measure the tagger of this git revision")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3, help="passes per mode in each process; the best counts")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))  # run as a script from a checkout, installed or not
    records, origin = stream(args.articles, args.defense_share)
    print(f"stream of {len(records)} articles ({args.defense_share:.0%} defense stories, the rest {origin})")
    if args.baseline:
        side_by_side(records, args.baseline, args.rounds, args.repeat)
        return
    r = measure(records, args.repeat)
    print(f"tagger {r['version']}: built in {r['built']:.2f}s")
    print(f"(1) full pipeline, every article:  {r['full']:10.0f} articles/s  ({r['found_full']} meetings)")
    print(
        f"(2) prefilter + pipeline:          {r['filtered']:10.0f} articles/s  ({r['found_filtered']} meetings; "
        f"{r['passed']:.1%} of articles passed the prefilter)"
    )
    print(f"speed-up (2)/(1): {r['filtered'] / r['full']:.1f}x (per CPU second: {r['full_cpu']:.0f} and "
          f"{r['filtered_cpu']:.0f} articles/s, {r['filtered_cpu'] / r['full_cpu']:.1f}x)")


if __name__ == "__main__":
    main()
