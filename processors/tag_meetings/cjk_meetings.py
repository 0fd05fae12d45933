"""``newswatch_cjk_meetings_v1``: meetings of defense principals in Korean and Japanese copy.

Neither language marks words with spaces the way English does, so every form of the rules folder
(country names and pair forms such as 한미/日豪, titles, triggers, known principals) is found with one
Aho-Corasick scan over the characters, and a hit counts only where it sits on the tokenizer's
morpheme boundaries (米国 is no country inside 米/国防/長官; 인도 is none inside 인도적 지원).
:mod:`cjk_reading` then reads each sentence: who the principals are, which countries they stand
for, and whether the talks were held, planned, postponed or called off. The verdict has the same
shape as the English chain's (:class:`verdict.Verdict`), so the tagger's output is the same record.
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick
from spacy.language import Language
from spacy.tokens import Doc

from newswatch.processors.tag_meetings.cjk_lexicon import CjkLexicon, load_cjk_lexicon
from newswatch.processors.tag_meetings.cjk_reading import ArticleReader
from newswatch.processors.tag_meetings.cjk_rejections import rejected_countries
from newswatch.processors.tag_meetings.lexicon import DEFAULT_RULES

#: Where the reader leaves, on each Doc, why every other country it names is no counterpart (``--explain``).
REJECTED = "newswatch_cjk_rejections"
#: Categories of a scan hit, in the order a tie at the same span is broken.
COUNTRY, TITLE, TRIGGER, PERSON, BOTH = "country", "title", "trigger", "person", "both"


@dataclass(frozen=True)
class Hit:
    start: int  # character offsets in the Doc text
    end: int
    categories: frozenset[str]
    form: str

    def is_(self, category: str) -> bool:
        return category in self.categories


class FormScanner:
    """Every rules form in a text, leftmost-longest, on morpheme boundaries."""

    def __init__(self, lex: CjkLexicon):
        self.language = lex.info.language
        self.automaton = ahocorasick.Automaton()
        forms: dict[str, set[str]] = {}
        tables = (
            (PERSON, lex.principals),
            (TRIGGER, lex.triggers),
            (COUNTRY, lex.countries),
            (TITLE, lex.titles),
            (BOTH, lex.both_sides),
        )
        for category, table in tables:
            for form in table:
                forms.setdefault(form, set()).add(category)
        for form, categories in forms.items():  # 국방장관회담 is a title and a trigger at once
            self.automaton.add_word(form, (frozenset(categories), form))
        self.automaton.make_automaton()

    def __call__(self, doc: Doc) -> list[Hit]:
        text = doc.text
        first_tag = {t.idx: t.tag_ for t in doc}
        after_number = {t.idx for t in doc if t.i > 0 and doc[t.i - 1].tag_.startswith("名詞-数詞")}
        starts = {t.idx for t in doc}
        ends = {t.idx + len(t.text) for t in doc}
        found = []
        for last, (categories, form) in self.automaton.iter(text):
            end = last + 1
            start = end - len(form)
            aligned_start, aligned_end = start in starts, end in ends
            # トランプ大統領, 中谷元防衛相: a title may end a morpheme that a name begins; everything
            # else is whole morphemes (회담 is no trigger inside 회담장, 米国 no country inside 米国防長官)
            if ((TITLE in categories and aligned_end) or (aligned_start and aligned_end)) and not (
                categories == {COUNTRY} and (not self.country_tag_ok(first_tag.get(start, "")) or start in after_number)
            ):  # 31日 is a date, not Japan
                found.append(Hit(start, end, categories, form))
        found.sort(key=lambda h: (h.start, -(h.end - h.start)))
        chosen: list[Hit] = []
        for hit in found:
            if chosen and hit.start < chosen[-1].end:
                continue
            chosen.append(hit)
        return chosen

    def country_tag_ok(self, tag: str) -> bool:
        """Kiwi tells 중 (China) from 이달 중 (NNB) and 한 (Korea) from 않는 한;
        Sudachi tells 日 (Japan) from ７日 (a suffix)."""
        if self.language == "ja":  # ７日 is a date, not Japan; となる中 (amid) is no China
            return not tag.startswith("接尾辞") and "副詞可能" not in tag
        if self.language != "ko":
            return True
        return tag.startswith(("NNP", "NNG", "SL", "SH")) or tag in {"", "X"}


class CjkMeetingFinder:
    def __init__(self, nlp: Language, name: str, data_dir: str):
        self.name = name
        self.lexicon = load_cjk_lexicon(data_dir)
        self.scan = FormScanner(self.lexicon)

    def __call__(self, doc: Doc) -> Doc:
        reader = ArticleReader(doc, self.scan(doc), self.lexicon)
        doc._.nw_verdict = verdict = reader.verdict()
        doc.user_data[REJECTED] = rejected_countries(reader, verdict)
        return doc


@Language.factory(
    "newswatch_cjk_meetings_v1", default_config={"data_dir": str(DEFAULT_RULES)}, assigns=["doc._.nw_verdict"]
)
def make_cjk_meeting_finder(nlp: Language, name: str, data_dir: str) -> CjkMeetingFinder:
    return CjkMeetingFinder(nlp, name, data_dir)
