"""``newswatch eval`` scores participants as LABELS.md says, and sums the errors by class."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_93b1d132296354fd.txt"
NAMES = {
    "NATO": "Adm. Rob Bauer",  # a title the comparison ignores
    "JP": "Makoto Oniki",
    "CA": "BILL BLAIR",  # case
    "AE": "Mohammed bin Mubarak Al Mazrouei",
    "MY": "Haji Mohamed Khaled Nordin",  # an honorific
    "MN": "Byambatsogt Sandag",
    "CM": "Joseph Beti Assomo",
    "FI": "Antti Häkkänen",  # accents
}


def _labelled(tmp_path: Path, names: dict[str, str]) -> Path:
    title, _, body = SEED.read_text(encoding="utf-8").partition("\n")
    meetings = [{"participants": [{"name": "Kim Yong-hyun", "country": "KR"}, {"name": name, "country": code}]}
                for code, name in names.items()]
    label = {"is_defense_ministerial_meeting": True, "host_country": "KR",
             "counterpart_countries": sorted(names), "meetings": meetings}
    path = tmp_path / "labelled.jsonl"
    path.write_text(json.dumps({"id": "seed", "url": "https://example.test/seed", "title": title,
                                "content": body, "source": "Yonhap", "label": label}) + "\n", encoding="utf-8")
    return path


def test_participants_match_without_case_accents_or_titles(cli_app, tmp_path):
    result = CliRunner().invoke(cli_app, ["eval", str(_labelled(tmp_path, NAMES)), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["participants"] == {"tp": 8, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0,
                                      "articles": 1}
    assert set(report["confusion"].values()) == {0}


def test_a_wrong_name_is_one_extra_and_one_missing_participant(cli_app, tmp_path):
    names = {**NAMES, "CA": "Anita Anand"}
    result = CliRunner().invoke(cli_app, ["eval", str(_labelled(tmp_path, names))])
    assert result.exit_code == 0, result.output
    assert "participants           P=0.875 R=0.875 F1=0.875 (tp=7 fp=1 fn=1" in result.output
    assert "errors by class        extra participant 1, missing participant 1" in result.output
