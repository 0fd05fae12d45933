"""``newswatch alert --render``: TaggedArticle JSON lines in, the exact Slack payloads out, nothing sent.

Each input line that is a defense-ministerial meeting prints one line: the JSON object the sink
would POST for it. Other articles print nothing. A bad line gets a clear error on stderr (with its
source and line number) and the rest is still rendered.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from newswatch.errors import PoisonRecordError
from newswatch.records import decode_record
from newswatch.schema import TaggedArticle
from newswatch.sinks.slack_message import build_message


@dataclass
class RenderStats:
    rendered: int = 0
    skipped: int = 0
    errors: int = 0


def numbered_lines(paths: Iterable[Path], stdin: TextIO) -> Iterator[tuple[str, int, str]]:
    """(source name, line number, line) for each non-blank line of the files, or of stdin."""
    paths = list(paths)
    if not paths:
        for number, line in enumerate(stdin, start=1):
            if line.strip():
                yield "<stdin>", number, line
        return
    for path in paths:
        with path.open(encoding="utf-8", errors="surrogateescape") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield str(path), number, line


def render(lines: Iterable[tuple[str, int, str]], out: TextIO, err: TextIO) -> RenderStats:
    stats = RenderStats()
    for source, number, line in lines:
        try:
            tagged = decode_record(line.strip().encode("utf-8", errors="surrogateescape"), TaggedArticle)
        except PoisonRecordError as exc:
            stats.errors += 1
            err.write(f"{source}:{number}: {exc.error_type}: {str(exc)[:300]}\n")
            continue
        if not tagged.is_defense_ministerial_meeting or not tagged.held_meetings:
            stats.skipped += 1
            continue
        out.write(json.dumps(build_message(tagged), ensure_ascii=False) + "\n")
        stats.rendered += 1
    out.flush()
    return stats
