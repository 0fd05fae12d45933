"""Article records from files or stdin, for ``newswatch tag`` and ``newswatch eval``.

``.json`` holds one Article object or a list of them, ``.jsonl`` one per line, and ``.txt`` a plain
story whose first line is the title. A record without ``id`` or ``url`` gets an id from the
sha256 of the file path (plus its position in the file) and a ``file://`` url.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import msgspec

from newswatch.errors import NewswatchError
from newswatch.schema import Article


class ArticleInputError(NewswatchError):
    """An input file or line is not an Article record."""

    exit_code = 2


def _file_id(where: str, index: int | None) -> str:
    key = where if index is None else f"{where}#{index}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _url(path: Path | None) -> str:
    return path.resolve().as_uri() if path is not None else "file:///dev/stdin"


def to_article(record: Any, where: str, path: Path | None, index: int | None) -> tuple[Article, dict | None]:
    """An Article from one decoded JSON object, and its ``label`` object if it has one."""
    if not isinstance(record, dict):
        raise ArticleInputError(f"{where}: expected a JSON object with at least a title, got {type(record).__name__}")
    record = dict(record)
    label = record.pop("label", None)
    if "title" not in record:
        raise ArticleInputError(f"{where}: article record has no 'title'")
    fields = {k: v for k, v in record.items() if k in Article.__struct_fields__}
    fields.setdefault("id", _file_id(str(path.resolve()) if path else "stdin", index))
    fields.setdefault("url", _url(path))
    try:
        return msgspec.convert(fields, Article), label
    except msgspec.ValidationError as exc:
        raise ArticleInputError(f"{where}: not a valid Article: {exc}") from None


def _from_text(text: str, path: Path | None) -> Article:
    title, _, body = text.strip().partition("\n")
    if not title.strip():
        raise ArticleInputError(f"{path or 'stdin'}: empty text, expected a title on the first line")
    where = str(path.resolve()) if path else "stdin"
    return Article(id=_file_id(where, None), url=_url(path), title=title.strip(), content=body.strip())


def _parse(text: str, kind: str, path: Path | None) -> Iterator[tuple[Article, dict | None]]:
    name = str(path) if path else "stdin"
    if kind == ".txt":
        yield _from_text(text, path), None
        return
    if kind == ".jsonl":
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ArticleInputError(f"{name}:{number}: invalid JSON: {exc.msg}") from None
            yield to_article(record, f"{name}:{number}", path, number)
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArticleInputError(f"{name}: invalid JSON: {exc.msg} (line {exc.lineno})") from None
    if isinstance(data, list):
        for number, record in enumerate(data):
            yield to_article(record, f"{name}[{number}]", path, number)
    else:
        yield to_article(data, name, path, None)


def _sniff(text: str) -> str:
    """The format of stdin: JSON if it parses as one document, JSON lines if each line does, else text."""
    stripped = text.strip()
    if stripped.startswith(("{", "[")):
        try:
            json.loads(stripped)
            return ".json"
        except json.JSONDecodeError:
            return ".jsonl"
    return ".txt"


def read_articles(paths: list[Path], stdin: TextIO) -> Iterator[tuple[Article, dict | None]]:
    """Every article (with its label, if any) in the files, in order; stdin when there are none."""
    if not paths:
        text = stdin.read()
        yield from _parse(text, _sniff(text), None)
        return
    for path in paths:
        if str(path) == "-":
            text = stdin.read()
            yield from _parse(text, _sniff(text), None)
            continue
        if not path.is_file():
            raise ArticleInputError(f"{path}: no such file")
        kind = path.suffix.lower()
        if kind not in {".json", ".jsonl", ".txt"}:
            raise ArticleInputError(f"{path}: unsupported file type {kind or '(none)'}; use .json, .jsonl or .txt")
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise ArticleInputError(f"{path}: not UTF-8 text") from None
        yield from _parse(text, kind, path)
