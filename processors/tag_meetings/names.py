"""Person names next to a role, read from capitalisation alone (no statistical model needed).

``Defense Minister Kim Yong-hyun``, ``chair ..., Adm. Rob Bauer``, ``defense minister, Haji Mohamed
Khaled Nordin``, ``Mohammed bin Mubarak Al Mazrouei``, ``Lloyd J. Austin III``: a name is a run of
capitalised words, joined by hyphens, with name particles (bin, al, van ...) and initials inside it
and a generational suffix at the end; honorifics in front of it are skipped. The words are
``data/<lang>/name_words.tsv``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from newswatch.processors.tag_meetings.lexicon import Lexicon

_INITIAL = re.compile(r"^[A-Z]\.$")
_APOSTROPHES = ("'", "’")  # an honorific that ends in one ("Dato'") is two tokens


class NameReader:
    """Reads names with the word lists of ``data/<lang>/name_words.tsv`` and the honorifics."""

    def __init__(self, lexicon: Lexicon):
        words = lexicon.name_words
        self.particles = words.particle
        self.suffixes = words.suffix
        self.postnominals = words.postnominal
        self.not_names = words.not_name
        self.honorifics = lexicon.honorifics
        self.ranks_after_rank = lexicon.ranks_after_rank
        self.articles = lexicon.function_words.article

    def _is_name_word(self, token: Token) -> bool:
        text = token.text
        if text in self.not_names or not text or not text[0].isupper():
            return False
        return token.is_alpha or "'" in text or "’" in text or text.endswith(".") and len(text) == 2

    def _particle_leads_on(self, doc: Doc, i: int, limit: int) -> bool:
        """A particle is inside a name when a capitalised word follows it, maybe after more particles
        ("von der Leyen", "do Rosario da Costa")."""
        while i < limit and doc[i].lower_ in self.particles:
            i += 1
        return i < limit and doc[i].text[:1].isupper()

    def read_name(self, doc: Doc, start: int, limit: int, blocked: set[int]) -> tuple[str, int, int] | None:
        """The name beginning at ``start`` (after optional honorifics), as (text, start, end), or None."""
        i = start
        if i + 1 < limit and doc[i].lower_ in self.articles and doc[i + 1].text in self.honorifics:
            i += 1
        while i + 2 < limit and f"{doc[i].text} {doc[i + 1].text}" in self.honorifics:
            i += 2  # a title of two words: "H E", "Tan Sri"
        while i < limit and i + 1 < limit and (doc[i].text in self.honorifics or
                                               (i > start and doc[i].text in self.ranks_after_rank)):
            # "Dato' Seri", "Lieut. Gen": an honorific's apostrophe or abbreviation point is its own token
            after = i + 2 if doc[i + 1].text in (*_APOSTROPHES, ".") and not doc[i].whitespace_ else i + 1
            if after + 1 < limit and doc[after].text == "-" and doc[after + 1].text in self.honorifics:
                after += 2  # "Lieutenant-General", "Vice-Admiral": one rank written with a hyphen
            if after >= limit or not doc[after].text[:1].isupper():
                break
            i = after
        first = i
        parts: list[str] = []
        end = i
        while i < limit and len(parts) < 8:
            token = doc[i]
            if i in blocked or (parts and token.text in self.postnominals):
                break
            if self._is_name_word(token) or (parts and _INITIAL.match(token.text)):
                parts.append(token.text)
            elif parts and token.text == "-" and i + 1 < limit and doc[i + 1].is_alpha and not doc[i].whitespace_:
                parts[-1] += "-" + doc[i + 1].text
                i += 1
            elif parts and token.lower_ in self.particles and self._particle_leads_on(doc, i + 1, limit):
                parts.append(token.text)
            elif parts and token.text in self.suffixes:
                parts.append(token.text)
                end = i + 1
                break
            else:
                break
            i += 1
            end = i
        while parts and (parts[-1].lower() in self.particles or _INITIAL.match(parts[-1])):
            parts.pop()
            end -= 1
        if not parts or (len(parts) == 1 and len(parts[0]) < 3):
            return None
        return " ".join(parts), first, end

    def read_name_before(self, doc: Doc, end: int, floor: int, blocked: set[int]) -> tuple[str, int, int] | None:
        """The name of at least two words ending just before ``end`` ("Gen Nakatani, Japan's defense minister")."""
        i = end - 1
        start = end
        while (
            i >= floor
            and (i not in blocked)
            and (
                self._is_name_word(doc[i])
                or doc[i].text == "-"
                or doc[i].lower_ in self.particles
                or doc[i].text in self.suffixes
            )
        ):
            start = i
            i -= 1
        if end - start < 2:
            return None
        found = self.read_name(doc, start, end, blocked)
        if found and found[2] == end and " " in found[0]:
            return found
        return None

    def aliases(self, name: str) -> set[str]:
        """Short forms a story uses after the first mention: the family name, first or last."""
        words = [
            w
            for w in name.split()
            if w.lower() not in self.particles and w not in self.suffixes and not _INITIAL.match(w)
        ]
        if len(words) < 2:
            return set(words)
        return {words[0], words[-1]}

    def is_place_word(self, token: Token) -> bool:
        """A capitalised word that can be part of a place name after "in" ("in Odesa", "in Kuala Lumpur")."""
        return token.is_alpha and token.text[0].isupper() and token.text not in self.not_names


def name_key(name: str) -> frozenset[str]:
    """A name's words, in any order and case: "KIHARA Minoru" and "Minoru Kihara" are one person."""
    return frozenset(w.lower() for w in name.replace("-", " - ").split() if w not in {".", "-"})
