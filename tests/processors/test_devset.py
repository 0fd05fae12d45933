"""``newswatch eval`` on the labelled development set must clear the quality bar of issue 3."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

DEV = Path(__file__).resolve().parents[1] / "data" / "dev_meetings.jsonl"


def test_dev_set_is_big_and_balanced():
    labels = [
        json.loads(line)["label"] for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    positives = sum(label["is_defense_ministerial_meeting"] for label in labels)
    assert len(labels) >= 40
    assert 0.4 <= positives / len(labels) <= 0.6


def test_eval_on_dev_set_meets_the_bar(cli_app):
    result = CliRunner().invoke(cli_app, ["eval", str(DEV), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["articles"] >= 40
    assert report["meeting_detection"]["f1"] >= 0.95, report["errors"]
    assert report["counterpart_countries"]["f1"] >= 0.90, report["errors"]
    assert report["host_accuracy"] >= 0.95, report["errors"]
