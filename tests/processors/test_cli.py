"""``newswatch tag`` and ``newswatch eval`` through the real CLI app."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_93b1d132296354fd.txt"
STORY = {
    "title": "Austin meets Philippine counterpart",
    "content": "Secretary of Defense Lloyd J. Austin III met with Philippine Secretary of National Defense "
    "Gilberto Teodoro Jr. at the Pentagon today.",
}
OTHER = {"title": "Rain expected", "content": "Heavy rain is expected across the region on Sunday."}


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_tag_txt_file_derives_id_and_file_url(cli_app):
    result = CliRunner().invoke(cli_app, ["tag", str(SEED)])
    assert result.exit_code == 0, result.output
    [record] = lines(result.output)
    assert record["url"] == SEED.resolve().as_uri()
    assert len(record["article_id"]) == 16
    assert record["host_country"] == "KR"
    assert record["counterpart_countries"] == ["AE", "CA", "CM", "FI", "JP", "MN", "MY", "NATO"]


def test_tag_keeps_input_order_across_files_and_formats(cli_app, tmp_path):
    (tmp_path / "a.jsonl").write_text(
        json.dumps(OTHER) + "\n" + json.dumps({**STORY, "id": "s1", "url": "u1"}) + "\n"
    )
    (tmp_path / "b.json").write_text(
        json.dumps([{**OTHER, "id": "o2", "url": "u2"}, {**STORY, "id": "s2", "url": "u3"}])
    )
    result = CliRunner().invoke(cli_app, ["tag", str(tmp_path / "a.jsonl"), str(tmp_path / "b.json")])
    assert result.exit_code == 0, result.output
    records = lines(result.output)
    assert [r["is_defense_ministerial_meeting"] for r in records] == [False, True, False, True]
    assert [r["article_id"] for r in records][1:] == ["s1", "o2", "s2"]
    assert records[1]["counterpart_countries"] == ["PH"]


def test_tag_reads_stdin(cli_app):
    result = CliRunner().invoke(cli_app, ["tag"], input=json.dumps(STORY))
    assert result.exit_code == 0, result.output
    assert lines(result.output)[0]["host_country"] == "US"


def test_tag_bad_input_is_one_clear_error(cli_app, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "ok"}\n{not json\n')
    result = CliRunner().invoke(cli_app, ["tag", str(bad)])
    assert result.exit_code != 0
    assert "bad.jsonl:2: invalid JSON" in str(result.exception)


def test_eval_prints_figures_and_errors(cli_app, tmp_path):
    labeled = tmp_path / "labeled.jsonl"
    rows = [
        {
            **STORY,
            "label": {
                "is_defense_ministerial_meeting": True,
                "host_country": "US",
                "counterpart_countries": ["PH"],
            },
        },
        {
            **OTHER,
            "label": {
                "is_defense_ministerial_meeting": True,
                "host_country": "GB",
                "counterpart_countries": ["FR"],
            },
        },
    ]
    labeled.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = CliRunner().invoke(cli_app, ["eval", str(labeled)])
    assert result.exit_code == 0, result.output
    assert "meeting detection      P=1.000 R=0.500 F1=0.667" in result.output
    assert "missed meeting" in result.output
    report = json.loads(CliRunner().invoke(cli_app, ["eval", str(labeled), "--json"]).output)
    assert report["counterpart_countries"]["tp"] == 1 and report["counterpart_countries"]["fn"] == 1
    assert report["host_accuracy"] == 0.5


def test_eval_rejects_unlabelled_records(cli_app, tmp_path):
    labeled = tmp_path / "nolabel.jsonl"
    labeled.write_text(json.dumps(STORY) + "\n")
    result = CliRunner().invoke(cli_app, ["eval", str(labeled)])
    assert result.exit_code != 0
    assert "has no label" in str(result.exception)
