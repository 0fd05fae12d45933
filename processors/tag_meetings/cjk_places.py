"""Where a Korean or Japanese meeting took place, and at which forum, from its own sentence.

The place is the noun phrase before a place particle (``grammar.tsv`` ``place_particle``: で, にて, 에서,
서) that names a place: a place name the tokenizer tags as one (Sudachi's 名詞-固有名詞-地名, Kiwi's NNP), a
country or capital of the folder, or a ministry (防衛省で, 용산 국방부 청사에서). 電話で and 회의에서 name no
place. The particle nearest before the meeting's trigger wins, else the first after it.

The forum is the noun phrase that ends in an ``event_head`` word (会議, 会合, 회의, 대화 …) and names a
country, a title, a proper noun or a Latin acronym (拡大東南アジア諸国連合(ASEAN)国防相会議, 샹그릴라 대화).
Countries inside either phrase are the venue, not parties (``--explain`` says so).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from newswatch.processors.tag_meetings.cjk_lexicon import CjkLexicon

_MAX_TOKENS = 8  # tokens a place or forum phrase runs back from its particle or head
_LATIN_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


@dataclass(frozen=True)
class Phrase:
    text: str
    start: int  # character offsets in the Doc text
    end: int


def _is_noun(tag: str, language: str) -> bool:
    if language == "ja":
        return (
            tag.startswith(("名詞", "接尾辞-名詞的", "接頭辞"))
            and not tag.startswith(("名詞-数詞", "名詞-普通名詞-副詞可能"))
            and "助数詞" not in tag  # 第3回, 4日: counters
        )
    first = tag.split("+")[0]  # Kiwi: proper and common nouns, foreign letters and hanja, noun affixes
    return first in {"NNP", "NNG"} or first in {"SL", "SH"} or first.startswith(("XSN", "XPN"))


def _is_place(tag: str, language: str) -> bool:
    return tag.startswith("名詞-固有名詞-地名") if language == "ja" else tag == "NNP"


class PlaceReader:
    def __init__(self, doc: Doc, lex: CjkLexicon, hits: list):
        self.doc = doc
        self.text = doc.text
        self.lex = lex
        self.language = lex.info.language
        self.places = {
            h.start
            for h in hits
            if (h.is_("country") and lex.countries[h.form].kind in {"name", "abbr", "capital"})
            or (h.is_("title") and lex.titles[h.form].kind == "ministry")
        }
        self.people = {  # every character of a person's title (방위장관 시드니: the title is no part of the place)
            i for h in hits if h.is_("title") and lex.titles[h.form].kind != "ministry" for i in range(h.start, h.end)
        }
        self.not_place = lex.words("not_place")
        self.named_forums = [
            h
            for h in hits
            if h.is_("country")
            and lex.countries[h.form].kind == "not"
            and any(h.form.endswith(w) for w in lex.words("event_head"))
        ]
        self.titles = {h.start for h in hits if h.is_("title")}

    def _phrase_before(
        self, index: int, start: int, *, include_last: bool, titles: bool = True
    ) -> tuple[int, int] | None:
        """Token indices [first, last] of the noun phrase ending at token ``index`` (inclusive or not)."""
        last = index if include_last else index - 1
        first = last + 1
        i = last
        while i >= 0 and last - i < _MAX_TOKENS:
            token = self.doc[i]
            if token.idx < start:
                break
            between = self.text[token.idx + len(token.text) : self.doc[first].idx] if first <= last else ""
            if between.strip():
                break
            is_bracket = token.text in {"(", ")", "（", "）"} and first <= last
            if not (_is_noun(token.tag_, self.language) or is_bracket or token.idx in self.places):
                break
            if token.text in self.not_place or (not titles and token.idx in self.people):
                break  # 오후 서울…, 방위장관 시드니: a time or a title is no part of the place
            first = i
            i -= 1
        for i in range(first, last + 1):  # 현지시간) 말레이시아: a bracket closed here but opened before the phrase
            opened = self.doc[first:i].text
            if self.doc[i].text in {")", "）"} and "(" not in opened and "（" not in opened:
                first = i + 1
        while first <= last and self.doc[first].text in {"(", ")", "（", "）"}:
            first += 1
        return (first, last) if first <= last else None

    def _span(self, first: int, last: int) -> Phrase:
        a, b = self.doc[first].idx, self.doc[last].idx + len(self.doc[last].text)
        return Phrase(self.text[a:b], a, b)

    def location(self, start: int, end: int, trigger_at: int) -> Phrase | None:
        particles = self.lex.words("place_particle")
        candidates: list[Phrase] = []
        for token in self.doc:
            if not start <= token.idx < end or token.text not in particles:
                continue
            if self.language == "ja" and not token.tag_.startswith("助詞"):
                continue
            if self.language == "ko" and "JKB" not in token.tag_.split("+"):
                continue
            found = self._phrase_before(token.i, start, include_last=False, titles=False)
            if found is None:
                continue
            tokens = self.doc[found[0] : found[1] + 1]
            if any(_is_place(t.tag_, self.language) or t.idx in self.places for t in tokens):
                candidates.append(self._span(*found))
        before = [c for c in candidates if c.end <= trigger_at]
        return before[-1] if before else (candidates[0] if candidates else None)

    def event(self, start: int, end: int) -> Phrase | None:
        for hit in self.named_forums:
            if start <= hit.start < end:
                return Phrase(hit.form, hit.start, hit.end)
        heads = self.lex.words("event_head")
        for token in self.doc:
            if not start <= token.idx < end or not any(token.text.endswith(h) for h in heads):
                continue
            found = self._phrase_before(token.i, start, include_last=True)
            if found is None or found[0] == found[1]:
                continue
            phrase = self._span(*found)
            tokens = self.doc[found[0] : found[1] + 1]
            if any(
                _is_place(t.tag_, self.language)
                or t.idx in self.places
                or t.idx in self.titles
                or _LATIN_UPPER & set(t.text)
                for t in tokens
            ):
                return phrase
        return None
