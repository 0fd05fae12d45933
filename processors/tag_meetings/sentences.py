"""``newswatch_sentences_v1``: sentence boundaries for wire copy without a parser.

A sentence ends at ``.``, ``!`` or ``?`` (abbreviations such as ``Adm.`` or ``U.S.`` are single
tokens and do not end one), and every line is its own sentence: titles, captions and
paragraphs have no final period as often as not.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

_ENDERS = frozenset({".", "!", "?", "|"})
_CLOSERS = frozenset({'"', "'", ")", "”", "’"})


@Language.component("newswatch_sentences_v1", assigns=["token.is_sent_start"])
def mark_sentences(doc: Doc) -> Doc:
    after_end = True
    for token in doc:
        if after_end and token.text not in _CLOSERS:
            token.is_sent_start = True
            after_end = False
        elif token.i > 0:
            token.is_sent_start = False
        if "\n" in token.text or token.text in _ENDERS:
            after_end = True
    return doc
