"""Render an alert readably in a terminal (the demo, and users without Slack).

The terminal shows what a Slack user would read: links as ``label (url)``, emphasis markers and
Slack's escapes removed. Nothing is ever sent anywhere.
"""

from __future__ import annotations

import html
import re
import sys
from typing import Any, TextIO

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

_LINK = re.compile(r"<(https?://[^|>]+)\|([^>]*)>")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # terminal escapes from untrusted text
_EMPHASIS = re.compile(r"(?<![\w*])[*_](\S(?:.*?\S)?)[*_](?![\w*])")


def readable(mrkdwn: str) -> str:
    """Slack mrkdwn as plain text: ``*<https://x|Title>*`` -> ``Title (https://x)``."""
    text = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})", mrkdwn)
    text = _EMPHASIS.sub(r"\1", text)
    return _CONTROL.sub("", html.unescape(text.replace(":round_pushpin:", "📍")))


def render_text(payload: dict[str, Any]) -> str:
    """The Block Kit payload as plain lines: what a Slack user would read."""
    lines: list[str] = []
    for block in payload.get("blocks", []):
        kind = block.get("type")
        if kind == "header":
            lines.append(_CONTROL.sub("", html.unescape(block["text"]["text"])))
        elif kind == "section":
            lines.append(readable(block["text"]["text"]))
        elif kind == "context":
            lines.extend(readable(e.get("text", "")) for e in block.get("elements", []))
        elif kind == "divider":
            lines.append("─" * 40)
    return "\n".join(lines)


class ConsoleSink:
    """Prints each alert as a panel; never pings anyone, never fails."""

    def __init__(self, stream: TextIO | None = None):
        # Bound now, not looked up at each print: a sink thread never writes into whatever replaced
        # sys.stdout later (another command's captured output, in tests a CliRunner's).
        self.console = Console(file=stream or sys.stdout, highlight=False)

    def post(self, payload: dict[str, Any]) -> None:
        self.console.print(Panel(Text(render_text(payload)), title="newswatch alert", expand=False))
