"""The cheap first pass: could this article be about a defense meeting at all?

One Aho-Corasick scan of the lower-cased text for every principal and counterpart title of
``data/<lang>/roles.jsonl`` (generated from the role patterns, so a new title is a new keyword) and
the names of the known principals (``principals.tsv``). Most news has none of them and never
reaches spaCy. A keyword matches as written, with single spaces: the tokenizer turns any other
whitespace into a token of its own, so spaCy's phrase matching would not see the title either.
"""

from __future__ import annotations

import ahocorasick

from newswatch.processors.tag_meetings.lexicon import Lexicon, load_lexicon


class Prefilter:
    def __init__(self, lexicon: Lexicon | None = None):
        lex = lexicon if lexicon is not None else load_lexicon()
        self._automaton = ahocorasick.Automaton()
        for word in lex.prefilter_words:  # titles: "defence minister(s)", "counterpart(s)"
            self._automaton.add_word(word, (len(word), False))
        for principal in lex.principals:  # names: whole words only ("Kishi", not "Kishida")
            for form in principal.forms:
                self._automaton.add_word(form.lower(), (len(form), True))
        self._automaton.make_automaton()

    def __call__(self, text: str) -> bool:
        """True when a keyword starts a word, or a principal's name is a whole word."""
        lowered = text.lower()
        for end, (length, whole) in self._automaton.iter(lowered):
            start = end - length + 1
            if start > 0 and lowered[start - 1].isalpha():
                continue
            if whole and end + 1 < len(lowered) and lowered[end + 1].isalpha():
                continue
            return True
        return False


class SubstringPrefilter:
    """The prefilter for scripts without spaces between words (Korean, Japanese): any principal title
    or known principal's name anywhere in the text. A substring can only over-accept (국방장관 inside
    국방장관회담을 is wanted), so no tokenizer is needed in front of the tokenizer."""

    def __init__(self, words: list[str]):
        self._automaton = ahocorasick.Automaton()
        for word in words:
            self._automaton.add_word(word, word)
        self._automaton.make_automaton()

    def __call__(self, text: str) -> bool:
        return next(self._automaton.iter(text), None) is not None
