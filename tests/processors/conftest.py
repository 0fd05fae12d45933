"""Fixtures for the tagger tests: the CLI app with every command registered."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def cli_app():
    import newswatch.cli as cli

    if not any(getattr(c, "name", None) == "eval" for c in cli.app.registered_commands):
        cli._register_all()
    return cli.app
