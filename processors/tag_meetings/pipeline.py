"""The spaCy pipeline: blank English (or an installed ``en_core_web_*`` model for its entities) plus our rules."""

from __future__ import annotations

import spacy
from spacy.language import Language

# Importing the modules registers their factories.
from newswatch.processors.tag_meetings import countries, events, meetings, roles, sentences, verdict  # noqa: F401
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
_MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg")


def base_pipeline() -> Language:
    """An installed English model with only its NER kept, or ``spacy.blank("en")`` when none is."""
    for model in _MODELS:
        if spacy.util.is_package(model):
            nlp = spacy.load(model, exclude=["parser", "lemmatizer", "attribute_ruler", "senter"])
            return nlp
    return spacy.blank("en")


def build_pipeline(nlp: Language | None = None) -> Language:
    register_extensions()
    nlp = nlp if nlp is not None else base_pipeline()
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, name=name)
    return nlp
