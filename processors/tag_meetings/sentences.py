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
#: Title abbreviations the tokenizer splits from their period ("the Hon. Richard Marles MP").
_TITLE_ABBREVIATIONS = frozenset({"Hon", "Rt", "Brig", "Capt", "Cmdr", "Sgt", "Amb", "Prof"})


@Language.component("newswatch_sentences_v1", assigns=["token.is_sent_start"])
def mark_sentences(doc: Doc) -> Doc:
    after_end = True
    for token in doc:
        if after_end and token.text not in _CLOSERS:
            token.is_sent_start = True
            after_end = False
        elif token.i > 0:
            token.is_sent_start = False
        if "\n" in token.text or (token.text in _ENDERS and not _ends_title(doc, token.i)):
            after_end = True
    return doc


def _ends_title(doc: Doc, i: int) -> bool:
    previous = doc[i - 1] if i > 0 else None
    return (
        doc[i].text == "."
        and previous is not None
        and not previous.whitespace_
        and previous.text in _TITLE_ABBREVIATIONS
    )
