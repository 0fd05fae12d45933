"""Placeholder until the tagger lands: ``newswatch tag`` and ``newswatch eval`` (issue 3)."""

import typer


def register(app: typer.Typer) -> None:
    return None
