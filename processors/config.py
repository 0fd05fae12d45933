"""Processor configuration (importing it loads no spaCy: every command reads it at start)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from pydantic import Field

from newswatch.config import Frozen

#: The tagger's rules folders, one per language (``data/en/`` ...).
DATA_ROOT = Path(__file__).with_name("tag_meetings") / "data"
#: ``TaggerConfig.model`` for the blank pipeline of the language (no statistical model).
BLANK = "blank"


def _installed_languages() -> tuple[str, ...]:
    """Korean and Japanese when their tokenizers can be imported."""
    tokenizers = {"ko": "kiwipiepy", "ja": "sudachipy"}
    return tuple(code for code, module in tokenizers.items() if importlib.util.find_spec(module) is not None)


class TaggerConfig(Frozen):
    """``[processor.tagger]`` in newswatch.toml (``NEWSWATCH_PROCESSOR__TAGGER__MODEL=en_core_web_sm`` ...).

    Everything here decides the tagger's output, so all of it goes into the tagger version. ``model =
    "blank"`` (the default) is ``spacy.blank(<language>)`` plus our rules on every machine; a
    statistical model is used only when it is named here.
    """

    #: The language whose rules and tokenizer tag articles: a folder ``data/<language>/``.
    language: str = Field(default="en", pattern=r"^[a-z]{2,3}$")
    #: ``blank`` for the blank pipeline, or an installed spaCy package whose entities name people.
    model: str = BLANK
    #: Another rules folder (a copy being edited, another domain); default ``data/<language>/``.
    data_dir: Path | None = None
    #: Further languages read with their own rules folder ``data/<code>/`` (and tokenizer): an article
    #: in one of them (declared by its feed or record, else detected) goes to that pipeline, any other to
    #: ``language``'s. Each pipeline is built on the first article in its language.
    #: By default the languages whose tokenizers are installed (the ``cjk`` extra, which ``make setup``
    #: installs): a plain ``pip install`` still starts, reading English only.
    languages: tuple[str, ...] = Field(default_factory=lambda: _installed_languages())
    #: Label Latin- or Cyrillic-script articles that declare no language with py3langid's answer (asked
    #: only about articles the pipeline reads; the rest are labelled null). False (the default, which
    #: costs nothing) labels them ``language``. Hangul and kana are told by script either way.
    detect_other_scripts: bool = False

    def for_language(self, code: str) -> TaggerConfig:
        """The configuration of the pipeline for ``code`` (the same model setting; its own rules folder)."""
        if code == self.language:
            return self
        return TaggerConfig(language=code, languages=(), detect_other_scripts=self.detect_other_scripts)

    @property
    def rules_dir(self) -> Path:
        return self.data_dir if self.data_dir is not None else DATA_ROOT / self.language



class ReplayConfig(Frozen):
    """``newswatch replay``: re-tagging a slice of history in its own consumer group."""

    #: Default groups are ``<group_prefix>-<hash of the range, target and alert mode>``; the tagger version
    #: is kept in the plan, so a rule change re-tags the range and an unchanged tagger resumes.
    group_prefix: str = "newswatch-replay"
    max_batch: int = Field(default=500, ge=1)
    poll_timeout_ms: int = Field(default=500, ge=10)
    #: Each batch's outputs and offsets commit as one Kafka transaction (exactly-once for
    #: ``read_committed`` readers). False falls back to at-least-once plus dedup by article id.
    transactional: bool = True
    #: A replay killed mid-batch leaves its transaction open until a rerun fences it or this timeout
    #: aborts it; until then read_committed readers of the output partitions wait. Keep it short, but
    #: longer than one batch takes to tag.
    transaction_timeout_ms: int = Field(default=30_000, ge=1_000)


class ProcessorConfig(Frozen):
    group: str = "newswatch-processor"
    max_batch: int = Field(default=500, ge=1)
    poll_timeout_ms: int = Field(default=500, ge=10)
    #: Larger article records are dead-lettered (``too_large``) instead of tagged: no story is that long.
    max_record_bytes: int = Field(default=1024 * 1024, ge=1024)
    replay: ReplayConfig = ReplayConfig()
    tagger: TaggerConfig = TaggerConfig()

