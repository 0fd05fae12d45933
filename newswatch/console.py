"""The ``newswatch`` console script's entry point, kept free of imports.

multiprocessing's spawn start method re-runs the script that started the program in every child
it creates (the collector's parse workers among them). The script imports only this module, so a
worker starts with feedparser and lxml alone instead of the whole command line (typer, rich, the
Kafka client, pydantic): an idle worker measured 33 MB instead of 55 MB.
"""

from __future__ import annotations


def main() -> None:
    """Run the ``newswatch`` command line."""
    from newswatch.cli import main as run

    run()
