"""The cheap first pass: could this article be about a defense meeting at all?

One Aho-Corasick scan of the lower-cased text for the keywords in ``data/prefilter.txt`` and the
names of known defense principals. Most news has none of them and never reaches spaCy.
"""

from __future__ import annotations

import ahocorasick

from processors.tag_meetings.lexicon import Lexicon, load_lexicon


class Prefilter:
    def __init__(self, lexicon: Lexicon | None = None):
        lex = lexicon or load_lexicon()
        words = set(lex.prefilter_words)
        for principal in lex.principals:
            words.update(form.lower() for form in principal.forms)
        self._automaton = ahocorasick.Automaton()
        for word in words:
            self._automaton.add_word(word, len(word))
        self._automaton.make_automaton()

    def __call__(self, text: str) -> bool:
        """True when a keyword starts a word ("Esper", "counterparts", but not "desperate")."""
        lowered = text.lower()
        for end, length in self._automaton.iter(lowered):
            start = end - length + 1
            if start == 0 or not lowered[start - 1].isalpha():
                return True
        return False
