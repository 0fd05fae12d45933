"""`newswatch demo` with nothing configured: starts its own broker, prints the seed's alert and the
metrics endpoints, stops the broker it started, exits 0."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newswatch.broker import LocalBroker
from tests.unit.test_cli import ROOT, newswatch


@pytest.mark.kafka
def test_demo_runs_the_seed_end_to_end_on_an_embedded_broker(tmp_path: Path) -> None:
    home = tmp_path / "broker"
    result = newswatch("demo", "--seeds", str(ROOT / "seeds"), cwd=tmp_path, timeout=300,
                       env={"NEWSWATCH_BROKER__HOME": str(home), "NEWSWATCH_BROKER__PORT": "0"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    alert = result.stdout
    assert "newswatch alert" in alert
    for name in ("South Korea", "Cameroon", "Canada", "Finland", "Malaysia", "Mongolia", "Japan", "NATO",
                 "United Arab Emirates", "Kim Yong-hyun"):
        assert name in alert, name
    # The US is only a third party of the seed: no flag, no participant line names it (the evidence
    # sentence may quote "trilateral security cooperation also involving the United States").
    assert "\U0001f1fa\U0001f1f8" not in alert and "(United States)" not in alert
    assert "collected 1 article(s), tagged 1, alerted 1" in result.stderr
    urls = re.findall(r"(collector|processor|alert)\s+metrics: (http://127\.0\.0\.1:\d+/metrics)", result.stderr)
    assert [stage for stage, _ in urls] == ["collector", "processor", "alert"]
    assert not LocalBroker(home).status().running  # the demo stopped the broker it started
