"""Tagger configuration: which language's rules, which spaCy base, which data folder.

Everything here decides the tagger's output, so all of it goes into the tagger version
(:mod:`version`). ``model = "blank"`` (the default) is ``spacy.blank(<language>)`` plus our rules on
every machine; a statistical model (``en_core_web_sm`` ...) is used only when it is named here.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

#: The data folders shipped with the tagger, one per language (``data/en/`` ...).
DATA_ROOT = Path(__file__).with_name("data")
BLANK = "blank"


class TaggerConfig(BaseModel):
    """``[tagger]`` in newswatch.toml (``NEWSWATCH_TAGGER__MODEL=en_core_web_sm`` ...)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    #: The language whose rules and tokenizer tag articles: a folder ``data/<language>/``.
    language: str = Field(default="en", pattern=r"^[a-z]{2,3}$")
    #: ``blank`` for the blank pipeline, or an installed spaCy package whose entities name people.
    model: str = BLANK
    #: Another rules folder (a copy being edited, another domain); default ``data/<language>/``.
    data_dir: Path | None = None

    @property
    def rules_dir(self) -> Path:
        return self.data_dir if self.data_dir is not None else DATA_ROOT / self.language
