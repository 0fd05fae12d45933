"""The pages in a real headless Chromium: 500 and 5,000 meetings among 150 countries, side by side.

    python bench/bench_pages.py [--sizes 500 5000] [--countries 150] [--runs 5]

For each size, synthetic meetings (tests/pages/synthetic.py) go into a fresh SQLite meeting store,
``newswatch serve``'s app serves it on 127.0.0.1, and one Chromium (Debian's, through Selenium)
loads each page ``--runs`` times after one warm-up. The figure is the page's own: milliseconds from
navigation start to the first frame after its drawing is done (``window.__renderMs``), median and
max; for the network, also the /graph answer's time and the drawing's JavaScript time. The target
is under 2,000 ms at 5,000 meetings. The machine is shared and noisy: read the ratios.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newswatch.sinks.meeting_store.database import Database  # noqa: E402
from newswatch.sinks.meeting_store.migrations import migrate  # noqa: E402
from newswatch.sinks.meeting_store.store import MeetingStore  # noqa: E402
from tests.pages.browser import Browser, available  # noqa: E402
from tests.pages.server import serving  # noqa: E402
from tests.pages.synthetic import synthetic_meetings  # noqa: E402


def build(folder: Path, size: int, countries: int) -> tuple[str, str]:
    url = f"sqlite:///{folder / f'meetings-{size}.db'}"
    db = Database(url)
    migrate(db)
    MeetingStore(db).upsert(synthetic_meetings(size, countries=countries))
    busiest = db.query("SELECT country, count(*) AS n FROM meeting_parties GROUP BY country ORDER BY n DESC LIMIT 1")
    db.close()
    return url, busiest[0]["country"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--countries", type=int, default=150)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    missing = available()
    if missing:
        print(f"bench_pages: {missing}", file=sys.stderr)
        return 1
    folder = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    browser = Browser(folder / "profile")
    results: dict[int, dict[str, list[float]]] = {}
    extra: dict[int, dict[str, list[float]]] = {}
    try:
        for size in args.sizes:
            url, country = build(folder, size, args.countries)
            pages = {"network": "/view/network", "map": f"/view/map?country={country}",
                     "timeline": f"/view/timeline?a={country}&b=AE"}
            results[size] = {name: [] for name in pages}
            extra[size] = {"graph_fetch": [], "graph_draw": []}
            with serving(url) as base:
                for path in pages.values():
                    browser.open(base + path)  # warm-up
                for _ in range(args.runs):
                    for name, path in pages.items():
                        browser.open(base + path)
                        results[size][name].append(browser.js("return window.__renderMs"))
                        if name == "network":
                            timings = browser.js("return window.__timings")
                            extra[size]["graph_fetch"].append(timings["fetched"])
                            extra[size]["graph_draw"].append(timings["drawn"])
                        problems = browser.problems()
                        if problems:
                            print(f"{name} at {size}: {problems}", file=sys.stderr)
                            return 1
    finally:
        browser.quit()

    print(f"pages in headless Chromium, {args.countries} countries, {args.runs} runs each "
          f"(ms from navigation start to the first frame after drawing; median / max)")
    header = f"{'page':<22}" + "".join(f"{size:>8} meetings  " for size in args.sizes)
    print(header)
    rows = [(name, results) for name in ("network", "map", "timeline")]
    rows += [("  /graph fetch", extra), ("  network JS draw", extra)]
    keys = {"  /graph fetch": "graph_fetch", "  network JS draw": "graph_draw"}
    for name, source in rows:
        key = keys.get(name, name)
        cells = "".join(f"{statistics.median(source[s][key]):>8.0f} / {max(source[s][key]):>5.0f}  "
                        for s in args.sizes)
        print(f"{name:<22}{cells}")
    if len(args.sizes) >= 2:
        small, big = args.sizes[0], args.sizes[-1]
        median = {size: {name: statistics.median(v) for name, v in results[size].items()} for size in (small, big)}
        ratios = ", ".join(f"{name} {median[big][name] / median[small][name]:.2f}x"
                           for name in ("network", "map", "timeline"))
        print(f"ratio {big} / {small} meetings (medians): {ratios}")
        worst = max(max(v) for v in results[big].values())
        verdict = "under" if worst < 2000 else "OVER"
        print(f"slowest page load at {big} meetings: {worst:.0f} ms ({verdict} the 2,000 ms target)")
    return 0


if __name__ == "__main__":
    started = time.monotonic()
    code = main()
    print(f"(bench took {time.monotonic() - started:.0f} s)")
    sys.exit(code)
