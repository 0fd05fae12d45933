"""Reading the rules folder: TSV and JSON-lines files that open with a header saying what they are.

Every data file begins with ``#`` lines: what its rows are, and a ``Source:`` line saying where
they came from. A file without that header is refused when the tagger starts, so no list
arrives without provenance. Blank lines and later ``#`` lines are skipped.
"""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

from newswatch.errors import NewswatchError


class RulesError(NewswatchError):
    """A rules folder or one of its files is missing, malformed or has no header."""

    exit_code = 2


def _lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RulesError(f"{path}: missing rules file") from None
    lines = text.splitlines()
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line)
    if not any("source:" in line.lower() for line in header):
        raise RulesError(f"{path}: the file must open with '#' lines saying what it is and a 'Source:' line")
    return [line for line in lines if line.strip() and not line.startswith("#")]


def rows(path: Path, columns: int | None = None) -> list[list[str]]:
    """The tab-separated rows of ``path``; with ``columns``, each row must have that many."""
    found = []
    for number, line in enumerate(_lines(path), start=1):
        row = line.split("\t")
        if columns is not None and len(row) != columns:
            raise RulesError(f"{path}: row {number} has {len(row)} columns, expected {columns}: {line!r}")
        found.append(row)
    return found


def records(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSON-lines file, one a line."""
    found = []
    for number, line in enumerate(_lines(path), start=1):
        try:
            found.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise RulesError(f"{path}: line {number}: {exc.msg}") from None
    return found


L = TypeVar("L")


def word_lists(path: Path, lists: type[L]) -> L:
    """A ``list TAB word`` file as a ``lists`` dataclass: one frozenset per field, each list named in the file."""
    names = [f.name for f in fields(lists)]  # type: ignore[arg-type]
    found: dict[str, set[str]] = {name: set() for name in names}
    for row in rows(path, 2):
        if row[0] not in found:
            raise RulesError(f"{path}: unknown list {row[0]!r} (known: {', '.join(names)})")
        found[row[0]].add(row[1])
    return lists(**{name: frozenset(words) for name, words in found.items()})
