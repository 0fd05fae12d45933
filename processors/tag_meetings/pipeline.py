"""The spaCy pipeline for one language: its tokenizer (or a configured model) plus our rules.

A language is a rules folder ``data/<lang>/`` whose ``language.json`` names the spaCy language
(and, when the default tokenizer will not do, a tokenizer config block), so adding one is a new
folder and, at most, a tokenizer package. ``tagger.model = "blank"`` (the default) gives the same
answers on every machine; a statistical model such as ``en_core_web_sm`` is loaded only when it is
the configured ``model`` (its NER then tells where a person's name ends).
"""

from __future__ import annotations

import spacy
from spacy.language import Language

# Importing the modules registers their factories.
from newswatch.processors.tag_meetings import (  # noqa: F401
    cjk_meetings,
    cjk_tokenizers,
    countries,
    events,
    meetings,
    roles,
    sentences,
    verdict,
)
from newswatch.processors.tag_meetings.config import BLANK, TaggerConfig
from newswatch.processors.tag_meetings.datafiles import RulesError
from newswatch.processors.tag_meetings.lexicon import LanguageInfo, language_info
from newswatch.processors.tag_meetings.mentions import register_extensions

#: Our components, in order; each name is a versioned factory.
COMPONENTS = (
    "newswatch_sentences_v1",
    "newswatch_countries_v1",
    "newswatch_events_v1",
    "newswatch_roles_v1",
    "newswatch_meetings_v1",
    "newswatch_verdict_v1",
)
#: The parts of a statistical model we do not use (only its entities are read).
_UNUSED = ["parser", "lemmatizer", "attribute_ruler", "senter"]


def base_pipeline(config: TaggerConfig, info: LanguageInfo) -> Language:
    """``spacy.blank`` for the folder's language (with its tokenizer block), or the configured model."""
    if config.model == BLANK:
        overrides = {"nlp": {"tokenizer": info.tokenizer}} if info.tokenizer else {}
        return spacy.blank(info.spacy_language, config=overrides)
    if not spacy.util.is_package(config.model):
        raise RulesError(f"tagger.model = {config.model!r} is not an installed spaCy package")
    nlp = spacy.load(config.model, exclude=_UNUSED)
    if nlp.lang != info.spacy_language:
        raise RulesError(f"tagger.model {config.model} is {nlp.lang!r}, the rules are {info.spacy_language!r}")
    return nlp


def components(info: LanguageInfo) -> tuple[str, ...]:
    """The components a rules folder asks for (``language.json`` ``components``), else the English chain."""
    return tuple(info.components) if info.components else COMPONENTS


def build_pipeline(config: TaggerConfig | None = None, nlp: Language | None = None) -> Language:
    config = config or TaggerConfig()
    register_extensions()
    info = language_info(config.rules_dir.resolve())
    nlp = nlp if nlp is not None else base_pipeline(config, info)
    for name in components(info):
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, name=name, config={"data_dir": str(config.rules_dir.resolve())})
    return nlp
