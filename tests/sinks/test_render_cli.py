"""``newswatch alert --render``: TaggedArticle lines in, the exact Slack payloads out, nothing sent."""

from __future__ import annotations

import json
import subprocess
import sys

import msgspec

from newswatch.schema import encode
from newswatch.sinks.slack_message import build_message
from tests.sinks.factories import tagged
from tests.sinks.test_seed_golden import SEED_ALERT, seed_tagged


def render(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newswatch", "alert", "--render", *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_render_files_prints_one_payload_per_meeting_line_and_reports_bad_lines(tmp_path):
    not_meeting = msgspec.structs.replace(tagged("n"), is_defense_ministerial_meeting=False)
    lines = [encode(seed_tagged()).decode(), encode(not_meeting).decode(), "{not json", "",
             encode(tagged("b", title="<!channel> hi")).decode()]
    path = tmp_path / "tagged.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = render(str(path))
    assert result.returncode == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out == [json.loads(SEED_ALERT.read_text("utf-8")), build_message(tagged("b", title="<!channel> hi"))]
    assert result.stderr.strip().startswith(f"{path}:3: invalid_json:")


def test_render_reads_stdin():
    result = render(stdin=encode(tagged("s")).decode() + "\n")
    assert result.returncode == 0, result.stderr
    assert [json.loads(line) for line in result.stdout.splitlines()] == [build_message(tagged("s"))]
