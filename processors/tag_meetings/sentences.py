"""``newswatch_sentences_v1``: sentence boundaries for wire copy without a parser.

A sentence ends at a ``sentence_end`` mark (``.``, ``!``, ``?``, ``|``; abbreviations such as ``Adm.``
or ``U.S.`` are single tokens and do not end one), and every line is its own sentence: titles,
captions and paragraphs have no final period as often as not. Only a single line break between two
words, the second in lower case, is the hard wrap of one sentence and ends nothing. The marks are
``data/<lang>/text_marks.tsv``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newswatch.processors.tag_meetings.lexicon import DEFAULT_RULES, load_lexicon


class SentenceMarker:
    def __init__(self, name: str, data_dir: str):
        self.name = name
        marks = load_lexicon(data_dir).marks
        self.enders = marks.sentence_end
        self.closers = marks.closer
        self.titles = marks.title_abbreviation

    def __call__(self, doc: Doc) -> Doc:
        after_end = True
        for token in doc:
            if after_end and token.text not in self.closers:
                token.is_sent_start = True
                after_end = False
            elif token.i > 0:
                token.is_sent_start = False
            line_break = "\n" in token.text and not self._wrapped(doc, token.i)
            if line_break or (token.text in self.enders and not self._ends_title(doc, token.i)):
                after_end = True
        return doc

    def _wrapped(self, doc: Doc, i: int) -> bool:
        """A single line break inside a sentence of hard-wrapped copy ("Crosetto met\nhis Ukrainian
        counterpart"): the line goes on in lower case after a word that ends no sentence."""
        if doc[i].text.count("\n") != 1 or i == 0 or i + 1 >= len(doc):
            return False
        before, after = doc[i - 1], doc[i + 1]
        return before.is_alpha and after.is_alpha and after.text[0].islower() and before.text not in self.enders

    def _ends_title(self, doc: Doc, i: int) -> bool:
        previous = doc[i - 1] if i > 0 else None
        return doc[i].text == "." and previous is not None and not previous.whitespace_ and previous.text in self.titles


@Language.factory(
    "newswatch_sentences_v1", default_config={"data_dir": str(DEFAULT_RULES)}, assigns=["token.is_sent_start"]
)
def make_sentence_marker(nlp: Language, name: str, data_dir: str) -> SentenceMarker:
    return SentenceMarker(name, data_dir)
