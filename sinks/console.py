"""Render an alert readably in a terminal (the demo, and users without Slack)."""

from __future__ import annotations

import html
from typing import Any, TextIO

from rich.console import Console
from rich.panel import Panel
from rich.text import Text


def render_text(payload: dict[str, Any]) -> str:
    """The Block Kit payload as plain lines: what a Slack user would read."""
    lines: list[str] = []
    for block in payload.get("blocks", []):
        kind = block.get("type")
        if kind in ("header", "section"):
            lines.append(html.unescape(block["text"]["text"]))
        elif kind == "context":
            lines.extend(html.unescape(e.get("text", "")) for e in block.get("elements", []))
        elif kind == "divider":
            lines.append("─" * 40)
    return "\n".join(lines)


class ConsoleSink:
    """Prints each alert as a panel; never pings anyone, never fails."""

    def __init__(self, stream: TextIO | None = None):
        self.console = Console(file=stream, highlight=False, soft_wrap=True)

    def post(self, payload: dict[str, Any]) -> None:
        self.console.print(Panel(Text(render_text(payload)), title="newswatch alert", expand=False))
