"""``newswatch eval`` on real English copy (``tests/data/real/en/``), held at the figures measured.

Batches 01-06 are the development half (rules were changed on their errors: in-sample figures);
batches 07-12 are held out (scored once when the rules were done, before any fix for them);
batches 13-28 were the third held-out set (written apart from the rules, scored before any fix) and are
development copy since the third round (in-sample); batches 29-36 are the fourth held-out set (written
apart from the rules while the third round was made, never seen by its author, scored once at the
merged rules); batch 37 is the fifth held-out set (16 items written apart from any rule change, scored
once when written, at ``dc0e3ba``); batches 29-37 are development copy since the fifth round of fixes;
batches 38-45 are the sixth held-out set (131 items written apart from the fifth round by two people who
changed no rule, scored once at the merged rules, ``d308757``), development copy since the sixth round;
batches 46-53 are the seventh held-out set (127 items written apart from the sixth round), development copy
since the seventh round of fixes (in-sample); batches 54-56 are the eighth held-out set (46 items written
apart from the seventh round), development copy since the eighth round of fixes (in-sample); batches 57-62 are the
ninth held-out set (99 items), development copy since the ninth round of fixes (57-59 tuned on, 60-62 its carry-over,
then tuned on); batches 63-65 and 66-68 are the tenth and eleventh held-out sets (50 and 49 items written apart from the
eighth and ninth rounds), development copy since the tenth round (63-65 tuned on, 66-68 its carry-over, then tuned
on); batches 69-71, 72-74 and 75-76 are the twelfth, thirteenth and fourteenth held-out sets (49, 36 and 30 items
written apart from the tenth round, never tuned on); batches 77-78 are the fifteenth held-out set (30 items written
apart from the eleventh round, never tuned on).
The floors are the figures measured, rounded down, not the issue's bar: a rule change that loses ground on
real copy fails here, one that gains raises the floor by hand. See docs/tagger.md, *Quality on real copy*.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

REAL = Path(__file__).resolve().parents[1] / "data" / "real" / "en"
DEV = [REAL / f"batch{n:02d}.jsonl" for n in range(1, 7)]
HELD_OUT = [REAL / f"batch{n:02d}.jsonl" for n in range(7, 13)]
THIRD = [REAL / f"batch{n:02d}.jsonl" for n in range(13, 29)]
FOURTH = [REAL / f"batch{n:02d}.jsonl" for n in range(29, 37)]
FIFTH = [REAL / "batch37.jsonl"]
SIXTH = [REAL / f"batch{n:02d}.jsonl" for n in range(38, 46)]
SEVENTH = [REAL / f"batch{n:02d}.jsonl" for n in range(46, 54)]
EIGHTH = [REAL / f"batch{n:02d}.jsonl" for n in range(54, 57)]
NINTH = [REAL / f"batch{n:02d}.jsonl" for n in range(57, 63)]
TENTH = [REAL / f"batch{n:02d}.jsonl" for n in range(63, 66)]
ELEVENTH = [REAL / f"batch{n:02d}.jsonl" for n in range(66, 69)]
TWELFTH = [REAL / f"batch{n:02d}.jsonl" for n in range(69, 72)]
THIRTEENTH = [REAL / f"batch{n:02d}.jsonl" for n in range(72, 75)]
FOURTEENTH = [REAL / f"batch{n:02d}.jsonl" for n in range(75, 77)]
FIFTEENTH = [REAL / f"batch{n:02d}.jsonl" for n in range(77, 79)]
SETS = {
    "dev": DEV,
    "held_out": HELD_OUT,
    "third": THIRD,
    "fourth": FOURTH,
    "fifth": FIFTH,
    "sixth": SIXTH,
    "seventh": SEVENTH,
    "eighth": EIGHTH,
    "ninth": NINTH,
    "tenth": TENTH,
    "eleventh": ELEVENTH,
    "twelfth": TWELFTH,
    "thirteenth": THIRTEENTH,
    "fourteenth": FOURTEENTH,
    "fifteenth": FIFTEENTH,
}

#: (meeting F1, meeting precision, counterpart F1, host accuracy, participant F1), as measured after the
#: second round of fixes, with all 12 batches as development copy (in-sample; the held-out half's
#: before-fix figures are in docs/tagger.md: 0.846, 0.873, 0.779, 0.866, 0.698).
FLOORS = {
    "dev": (0.97, 0.98, 0.93, 0.95, 0.94),  # raised to the ninth round's figures
    "held_out": (0.96, 0.98, 0.94, 0.99, 0.95),  # host 1.000 since the eighth round (NZ as a name)
    # batches 13-28 after the third and fourth rounds of fixes, made on them (in-sample; their before-fix figures, at
    # 88fa51b, are 0.870, 0.894, 0.717, 0.827, 0.704: docs/tagger.md, Third round and Fourth round of fixes)
    "third": (0.95, 0.97, 0.85, 0.94, 0.87),  # raised to the ninth round's figures
    # batches 29-36 after the fifth and sixth rounds of fixes (the fifth made on them): in-sample (never-tuned-on
    # figures, at the fourth round's rules: 0.806, 0.862, 0.701, 0.784, 0.718; docs/tagger.md, Fifth, Sixth round)
    "fourth": (0.85, 0.90, 0.75, 0.79, 0.75),  # raised to the tenth round part A's figures
    # batch 37 after the fifth round of fixes, made on it: in-sample (first scored at dc0e3ba, never tuned on:
    # 0.889, 0.889, 0.900, 1.000, 0.947; unchanged by the fifth round)
    "fifth": (0.88, 0.88, 0.89, 0.99, 0.94),
    # batches 38-45 after the sixth round of fixes, made on them: in-sample (never-tuned-on figures, at the fifth
    # round's rules, d308757: 0.898, 0.930, 0.786, 0.820, 0.822; docs/tagger.md, Sixth round of fixes)
    "sixth": (0.96, 0.96, 0.96, 0.98, 0.97),  # raised to the tenth round part A's figures
    # batches 46-53 after the seventh round of fixes, made on them: in-sample (never-tuned-on figures, at the sixth
    # round's merged rules: 0.882, 0.933, 0.864, 0.940, 0.783; docs/tagger.md, Seventh round of fixes)
    "seventh": (0.93, 0.96, 0.92, 0.97, 0.91),  # raised to the ninth round's figures
    # batches 54-56 after the eighth round of fixes, made on them: in-sample (never-tuned-on figures, at the seventh
    # round's merged rules: 0.800, 0.889, 0.681, 0.773, 0.757; docs/tagger.md, Eighth round of fixes)
    "eighth": (0.90, 0.90, 0.79, 0.86, 0.85),  # raised to the ninth round's figures
    # batches 57-62 after the ninth round of fixes, made on 57-59 only (in-sample for those; 60-62 were scored once
    # after the rules were done and did not move: the carry-over figure). Never-tuned-on figures, at the eighth
    # round's merged rules: 0.863, 0.891, 0.726, 0.857, 0.714; docs/tagger.md, Ninth round of fixes
    "ninth": (0.91, 0.91, 0.82, 0.91, 0.77),
    # batches 63-65 and 66-68, the tenth and eleventh held-out sets: never tuned on, the same figures at 5c1897e, at the
    # eighth round's and at the ninth round's merged rules (docs/tagger.md, Tenth and eleventh held-out sets);
    # raised after the tenth round (made on 63-65; 66-68 scored once when its rules were done: carry-over; then
    # fixed in-sample too), at the merged parts A and B
    "tenth": (0.93, 1.00, 0.91, 0.91, 0.93),
    "eleventh": (0.81, 0.94, 0.81, 0.88, 0.80),
    # batches 69-71, 72-74 and 75-76: never tuned on; the same figures at 3dccf07 (when written) and at the merged
    # tenth round (docs/tagger.md, Twelfth to fourteenth held-out sets)
    "twelfth": (0.91, 0.95, 0.82, 0.83, 0.66),
    "thirteenth": (1.00, 1.00, 0.80, 0.82, 0.91),
    "fourteenth": (0.81, 1.00, 0.76, 0.76, 0.61),
    # batches 77-78: never tuned on, scored when written at dfdc9d6 (docs/tagger.md, Fifteenth held-out set)
    "fifteenth": (0.80, 1.00, 0.68, 0.73, 0.76),
}


def _items(paths: list[Path]) -> list[dict]:
    return [json.loads(line) for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_real_copy_is_real_labelled_and_split_without_overlap():
    items = {name: _items(paths) for name, paths in SETS.items()}
    assert [len(v) for v in items.values()] == [124, 128, 306, 163, 16, 131, 127, 46, 99, 50, 49, 49, 36, 30, 30]
    every = [item for group in items.values() for item in group]
    urls = [i["url"] for i in every]
    assert len(set(urls)) == len(urls)
    for item in every:
        assert item["url"].startswith(("http://", "https://")) and item["found_with"]
        assert "meetings" in item["label"] and "ambiguous" in item["label"]


@pytest.mark.parametrize(("half", "paths"), list(SETS.items()))
def test_eval_on_real_copy_holds_its_measured_figures(cli_app, tmp_path, half, paths):
    pooled = tmp_path / f"{half}.jsonl"
    pooled.write_text("".join(p.read_text(encoding="utf-8") for p in paths), encoding="utf-8")
    result = CliRunner().invoke(cli_app, ["eval", str(pooled), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    meeting_f1, meeting_p, counterpart_f1, host, participant_f1 = FLOORS[half]
    assert report["meeting_detection"]["f1"] >= meeting_f1, report["errors"]
    assert report["meeting_detection"]["precision"] >= meeting_p, report["errors"]
    assert report["counterpart_countries"]["f1"] >= counterpart_f1, report["errors"]
    assert report["host_accuracy"] >= host, report["errors"]
    assert report["participants"]["f1"] >= participant_f1, report["errors"]
