"""The console sink (no webhook configured): it prints where it was started, never elsewhere."""

from __future__ import annotations

import io
import sys

import pytest

from newswatch.sinks.console import ConsoleSink

PAYLOAD = {"blocks": [{"type": "header", "text": {"type": "plain_text", "text": "Defense-ministerial meetings"}},
                      {"type": "divider"}]}


def test_console_sink_keeps_the_stdout_it_started_with_regression(monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: a console sink looked sys.stdout up at each print, so an alert thread still running
    wrote its panel (ending in a rule of dashes) into a later command's output: `feeds check`'s last
    line was that rule instead of `1 ok, 1 failed`."""
    started_with, later = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", started_with)
    sink = ConsoleSink()
    monkeypatch.setattr(sys, "stdout", later)
    sink.post(PAYLOAD)
    assert later.getvalue() == ""
    assert "Defense-ministerial meetings" in started_with.getvalue()
