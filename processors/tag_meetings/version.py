"""The tagger version: a name for exactly what decides the tagger's output.

``meetings-<language>-<model>-<digest>``, where the digest is a sha256 over the pipeline's component
names (each with its own version), the language and the model setting (and the installed model's
version), the versions of spaCy and pycountry (a gazetteer source), the tagger's own Python source,
and every file of the rules folder, by relative path and content. Edit one word in one data file and
the version changes, so records say which rules produced them and a replay knows it must re-tag.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

from newswatch.processors.tag_meetings.config import BLANK, TaggerConfig

_PACKAGE_DIR = Path(__file__).parent


def _installed(name: str) -> str:
    try:
        return package_version(name)
    except PackageNotFoundError:
        return "absent"


def files_digest(folder: Path, pattern: str = "**/*") -> str:
    """sha256 over every file under ``folder`` matching ``pattern``: relative path and bytes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.glob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _code_digest() -> str:
    return files_digest(_PACKAGE_DIR, "*.py")


def tagger_version(config: TaggerConfig, components: tuple[str, ...]) -> str:
    spec = {
        "components": list(components),
        "language": config.language,
        "model": config.model,
        "model_version": None if config.model == BLANK else _installed(config.model),
        "spacy": _installed("spacy"),
        "pycountry": _installed("pycountry"),
        "code": _code_digest(),
        "rules": files_digest(config.rules_dir),
        "outlets": files_digest(_PACKAGE_DIR / "data", "outlets.tsv"),
    }
    digest = hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:12]
    return f"meetings-{config.language}-{config.model}-{digest}"
