"""Reading Korean and Japanese copy sentence by sentence, from the form hits of :mod:`cjk_meetings`.

A sentence reports a meeting when it has a meeting trigger (회담, 통화, 会談, 電話会談 …) and the
defense principals of at least two sides: principal titles (국방장관, 防衛相, 国防長官 …) with the
country written before them (호주 국방장관, 豪国防相, オーストラリアのマールズ国防相) or implied by
the title (防衛相 = JP, 국방상 = KP), known principals' names, and pair forms next to the trigger or
title (한미 국방장관 회담, 日豪防衛相会談). A principal title with no country (안규백 국방부 장관) is
the story's own country: the credit line's (【ソウル共同】, (서울=연합뉴스)), else the outlet's, else
the language's home country. A vice minister, chief of staff, foreign minister or head of state is
no principal, so a sentence whose only principal meets one is no meeting.

Whether the talks took place comes from the words around the trigger: modality cues
(``modality.tsv``: 예정/연기/취소, 予定/延期/見送り …) first, then the tense after the trigger (Kiwi's
past ending 었/았, Sudachi's 助動詞 た), headlines read as held.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newswatch.processors.tag_meetings.cjk_lexicon import PRINCIPAL, CjkLexicon, CountryEntry
from newswatch.processors.tag_meetings.cjk_places import PlaceReader
from newswatch.processors.tag_meetings.kinds import Status
from newswatch.processors.tag_meetings.mentions import Party
from newswatch.processors.tag_meetings.verdict import MeetingDraft, Sentence, Verdict

# a ? inside a Latin word is a lost letter, no end (안젤 틀버르(Angel T?LV?R): a page's mangled diacritics)
_SENTENCE_END = re.compile(r"[。！？!]|\?(?![A-Za-z])|\.(?=\s|$|[\"'”’」』)])|\n")
#: Characters that end the phrase a country, a name and a title share ("オーストラリアのマールズ国防相").
_PHRASE_BREAK = re.compile(r"[、。，,;；「」『』“”\"()（）\[\]【】\n]")
UNHELD_RANK = {Status.CANCELLED: 4, Status.DENIED: 4, Status.POSTPONED: 3, Status.PLANNED: 2}
_NEAR = {"ja": 14, "ko": 20}  # characters after a trigger where its own verb and auxiliaries sit
_KATAKANA = re.compile(r"^[\u30a0-\u30ff・ー･.\uff0e]+$")
_KANJI = re.compile(r"^[\u4e00-\u9fff]+$")
_HANGUL = re.compile(r"^[\uac00-\ud7a3]+$")
_HANGUL_NAME_WORD = re.compile(r"^[\uac00-\ud7a3]+(?:-[\uac00-\ud7a3]+)*$")  # 장-이브 르 드리앙
#: Characters either side of a trigger where a sentence-wide cue (예정, 延期) is about it.
_AROUND = {"ja": 25, "ko": 40}
#: A name in kanji followed by its reading in brackets, right before a title: 李鐘燮(イ・ジョンソプ)
_BRACKETED_READING = re.compile(r"([\u4e00-\u9fff]{2,4})[(（][\u30a0-\u30ff・ー･\s]+[)）]$")
_AFTER = re.compile(r"\s*(?:後|あと|ら)")  # た後, たあと, たら: "after" and "if", not a past
#: Korean "last June" with no day after it (지난 6월, not 지난 6월 30일): a month before the story's, so background
_MONTH_AGO = re.compile(r"지난\s*\d{1,2}\s*월(?!\s*\d)")
#: Japanese: a with-particle, then a count of the countries at the talks (との3カ国間, と個別に2カ国間)
_COUNTED_MEETING = re.compile(r"^(との|とも|と)(?:個別に|それぞれ)?\s*[0-9０-９二三四]\s*(?:カ国|か国|ヶ国|ヵ国)間?$")
#: Japanese headline clause "the talks are on the 30th" (会談は30日): the trigger as topic, then a day and no verb
_DATED_TOPIC = re.compile(r"は\s*[0-9０-９]{1,2}日(?=[\s\u3000]|$)")
_QUOTE_OPEN = re.compile(r"[「『“\"]")
_GLOSS_AT_END = re.compile(r"[(（][^()（）]*[)）]$")
_GLOSS_BEFORE = re.compile(r"[(（][^()（）]*[)）]\s*$")  # a gloss, spaces and all, right before a title or its country
#: An open bracket of Latin words before a position, closed soon after it: a gloss (Gilberto C. Teodoro Jr.)
_LATIN_GLOSS_OPEN = re.compile(r"[(（][A-Za-z][A-Za-z .,'-]*$")
_NAME_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b[JS]r)$")  # C. and Jr. in Gilberto C. Teodoro Jr.
_LATIN_GLOSS_CLOSE = re.compile(r"[A-Za-z .,'-]*[)）]")
#: A bracketed Latin gloss right before a position (リック(Ngo Xuan Lich)国防相, リャクドゥ(Ryamizard Ryacudu) 国防大臣)
_LATIN_GLOSS_BEFORE = re.compile(r"[(（][A-Za-z][A-Za-z .,'-]*[)）]\s*$")
_INITIAL = re.compile(r"^[A-Z]$")  # a Latin initial before a katakana name (A.K.アントニー)
_NAME_WORDS = 8  # spaced words of a Korean transcription: 사이드 시합 빈 타리크 빈 타이무르 알 사이드
_NAME_TOKENS = 9  # tokens of a name read back from its title: ハーリド・ビン・ムハンマド・アル・アティーヤ is nine
_RIEUL = 8  # the final consonant ㄹ in a Hangul syllable's code
_NIEUN = 4  # the final consonant ㄴ
#: Hiragana that look the same as their katakana (へ/ヘ, べ/ベ, ぺ/ペ): typed at the start of a katakana name
_KANA_LOOKALIKE = {"へ", "べ", "ぺ"}


def _final_consonant(syllable: str) -> int | None:
    if not syllable or not "\uac00" <= syllable <= "\ud7a3":
        return None
    return (ord(syllable) - 0xAC00) % 28


@dataclass
class Side:
    """A principal (or another office holder) a sentence names, and the country it stands for."""

    start: int
    country: str | None  # None: an unqualified title, the story's own country
    name: str | None = None
    role: str | None = None
    principal: bool = True
    end: int | None = None  # where its phrase ends (the title, or the refer suffix): a particle may follow


@dataclass
class Reading:
    start: int
    end: int
    status: Status | None = None  # None: no meeting trigger
    kind: str = "in-person"
    countries: list[str] = field(default_factory=list)  # resolved, in order of mention
    sides: list[Side] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    implicit: bool = False  # the status is the fallback (a headline without tense), not a word's
    trigger_at: int = 0  # where its first meeting trigger starts


def _inside_latin_gloss(text: str, position: int) -> bool:
    """Whether the full stop at ``position`` is an initial's or Jr.'s inside a bracketed Latin gloss of a name
    (Gilberto C. Teodoro Jr.); other words' stops (The Hon. ...) still end a sentence."""
    return bool(
        _NAME_ABBREVIATION.search(text, max(0, position - 4), position)
        and _LATIN_GLOSS_OPEN.search(text, max(0, position - 60), position + 1)
        and _LATIN_GLOSS_CLOSE.match(text, position + 1, position + 60)
    )


def sentences(text: str, finals: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """The sentences of ``text``; a ``sentence_final`` ending (Korean 니다) followed by a space also ends one, as
    broadcast transcripts are written without full stops (…엇갈렸습니다 서욱 국방부 장관은 …)."""
    found, start = [], 0
    ends = _SENTENCE_END
    if finals:
        words = "|".join(re.escape(f) for f in sorted(finals, key=len, reverse=True))
        ends = re.compile(rf"{_SENTENCE_END.pattern}|(?<=(?:{words}))[ \t]+(?=\S)")
    for match in ends.finditer(text):
        if match.group() == "." and _inside_latin_gloss(text, match.start()):
            continue  # 길베르토 테어도로(Gilberto C. Teodoro Jr.) 필리핀 국방장관과: an initial, not a sentence's end
        if match.end() - start > 1 or text[start : match.end()].strip():
            found.append((start, match.end()))
        start = match.end()
    if start < len(text):
        found.append((start, len(text)))
    return [(a, b) for a, b in found if text[a:b].strip()]


class ArticleReader:
    def __init__(self, doc: Doc, hits: list, lex: CjkLexicon):
        self.doc = doc
        self.text = doc.text
        self.hits = hits
        self.lex = lex
        self.language = lex.info.language
        self.tokens = [(t.idx, t.idx + len(t.text), t.tag_, t.text) for t in doc]
        self.token_at = {start: i for i, (start, _e, _t, _x) in enumerate(self.tokens)}
        self.token_starts = [start for start, _e, _t, _x in self.tokens]
        self.domestic, self.domestic_known = self._domestic()
        self.joiners = lex.words("list_joiner")
        self.last_sides: list[str] = []  # the two countries of the last sentence that reported talks
        self.last_leaders: list[str] = []  # the two countries of the last sentence whose non-principals met
        self.home = lex.info.home_country
        self.places = PlaceReader(doc, lex, hits)
        self.people: dict[str, str] = {}  # principals named so far -> their country (ベロウソフ -> RU)
        self.office_holders: list[
            tuple[Side, int, int]
        ] = []  # non-principals (foreign ministers ...) and their sentence
        self.readings: list[Reading] = []
        self.unheld_without_sides: list[Status] = []  # statuses of principals' talks whose sides no sentence named
        # a principals' forum held, its sides not named in its sentence (국방장관회의를 열었습니다)
        self.held_forum = False
        self.counted_listing = False  # the last listing of countries was before a count of them (2カ国間会談)
        self.forum_owner: str | None = None  # the organisation (NATO) whose principals' forum was held

    # -- the story's own country ------------------------------------------------------------
    def _domestic(self) -> tuple[str | None, bool]:
        """The story's own country, and whether a credit line or the outlet said so (not just the language)."""
        best: tuple[int, str] | None = None
        for pattern, country in self.lex.credits:
            if not country:
                continue
            match = pattern.search(self.text)
            if match and (best is None or match.start() < best[0]):
                best = (match.start(), country)
        if best is not None:
            return best[1], True
        outlet = self.doc.user_data.get("newswatch_outlet_country")
        if outlet:
            return outlet, True
        return self.lex.info.home_country, False

    # -- mentions --------------------------------------------------------------------------------
    def _countries_before(self, index: int, limit: int) -> tuple[int, tuple[str, ...]] | None:
        """The countries a title at hit ``index`` carries, with the first one's hit: one (호주 국방장관), a
        pair (한미 국방장관) or a list (인도네시아, 필리핀, 베트남 국방장관과; 한국과 일본 국방장관)."""
        found = self._country_before(index, limit)
        if found is None:
            return None
        j, entry = found
        codes = list(entry.codes)
        while j > 0:
            prev = self.hits[j - 1]
            gap = self.text[prev.end : self.hits[j].start]
            if not prev.is_("country") or prev.end <= limit or not self._joins(gap):
                break
            entry_prev = self.lex.countries[prev.form]
            if entry_prev.kind in {"not", "capital"} or not entry_prev.codes:
                break
            codes = list(entry_prev.codes) + codes
            j -= 1
        return j, tuple(dict.fromkeys(codes))

    def _joins(self, gap: str) -> bool:
        return not gap.strip() or gap.strip() in self.joiners

    def _country_before(self, index: int, limit: int) -> tuple[int, CountryEntry] | None:
        """The country (or pair) hit that a title at hit ``index`` carries: written before it, in its phrase."""
        title = self.hits[index]
        for j in range(index - 1, -1, -1):
            hit = self.hits[j]
            gap = self.text[hit.end : self._before_latin_gloss(hit.end, title.start)]
            if hit.end <= limit or len(gap) > (24 if "・" in gap else 12):  # a long dotted name between
                return None
            if _PHRASE_BREAK.search(gap):
                return None
            if hit.is_("title") or hit.is_("trigger"):
                return None
            if hit.is_("country"):
                entry = self.lex.countries[hit.form]
                if entry.kind in {"not", "capital"} or not entry.codes or self._argument_of_verb(hit.end):
                    return None
                return j, entry
        return None

    def _before_latin_gloss(self, start: int, end: int) -> int:
        """Where a bracketed Latin gloss written right before ``end`` begins (ゴ・スアン・リック(Ngo Xuan Lich)国防相:
        the gloss repeats the name, no break of the phrase); ``end`` without one."""
        gloss = _LATIN_GLOSS_BEFORE.search(self.text, start, end)
        return gloss.start() if gloss else end

    def _argument_of_verb(self, position: int) -> bool:
        """A country followed by a case particle of a verb's argument (``argument_particle``) is no title's country:
        싱가포르를 방문 중인 송영무 국방부 장관, シンガポールを訪れた…防衛相 (의/の and list joiners keep it)."""
        index = self.token_at.get(position)
        return index is not None and self.tokens[index][3] in self.lex.words("argument_particle")

    def _name_before(self, position: int, floor: int) -> str | None:
        """The person's name written just before ``position`` (a title or the country in front of it)."""
        bracketed = _BRACKETED_READING.search(self.text, max(floor, position - 20), position)
        if bracketed is not None:  # 李鐘燮(イ・ジョンソプ)国防部長官: the kanji before the reading are the name
            return bracketed.group(1)
        if self.language == "ko":
            words = self._korean_words_before(position, floor)
            if words:
                return words
        else:
            position = self._before_latin_gloss(floor, position)
        i = self._token_index_before(position)
        picked: list[int] = []
        while i is not None and i >= 0 and len(picked) < _NAME_TOKENS:
            start, end, tag, text = self.tokens[i]
            if start < floor:
                break
            if tag in {"_SP", "空白"} or text.isspace():
                if picked:
                    i -= 1
                    continue
                i -= 1
                continue
            if not picked and text in self.lex.words("title_modifier"):  # ピストリウス連邦国防大臣: "federal"
                i -= 1
                continue
            if self._is_name_token(tag, text, picked):
                picked.append(i)
                i -= 1
                continue
            if text in {"・", "·", "-"} and picked and i > 0:
                picked.append(i)
                i -= 1
                continue
            if not picked and text == "・":  # 中谷元・防衛相
                i -= 1
                continue
            break
        while picked and self.tokens[picked[-1]][3] in {"・", "·", "-"}:
            picked.pop()
        if not picked:
            return None
        first, last = min(picked), max(picked)
        if self.language == "ja":
            first, last = self._japanese_name_span(first, last, floor)
            before = self.tokens[first - 1] if first > 0 else None
            katakana = bool(_KATAKANA.match(self.tokens[first][3]))
            if before and before[3] in _KANA_LOOKALIKE and before[0] >= floor and katakana:
                first -= 1  # へグセス: hiragana へ typed for katakana ヘ, read as a particle
        return self.text[self.tokens[first][0] : self.tokens[last][1]].strip(" ・·-") or None

    def _japanese_name_span(self, first: int, last: int, floor: int) -> tuple[int, int]:
        """A katakana name does not end in the country's one-kanji abbreviation (テオトロ比国防大臣: 比 is the
        Philippines); a one-kanji name is the end of a longer one the tokenizer cut (韓/民/求国防相: 韓民求)."""
        texts = [self.tokens[i][3] for i in range(first, last + 1)]
        if last > first and _KANJI.match(texts[-1]) and len(texts[-1]) == 1 and _KATAKANA.match("".join(texts[:-1])):
            return first, last - 1
        if first == last and _KANJI.match(texts[0]) and len(texts[0]) == 1:
            while first > 0 and last - first < 2:
                start, _end, _tag, text = self.tokens[first - 1]
                if start < floor or not _KANJI.match(text) or len(text) != 1:
                    break
                first -= 1
        return first, last

    def _korean_words_before(self, position: int, floor: int) -> str | None:
        """A Korean transcription of a foreign name, read as the spaced words before its country or title.

        Kiwi cuts transcriptions it does not know (이나다 도모미 → 이나/JX 다/MAG 도모미/NNG), so the words are
        taken whole, back to one that cannot be part of a name: digits or punctuation (20분가량), a word ending
        in a particle or a verb ending (화상으로, 이어, 장관과), a time word (오후), a country or place with a
        place particle (방콕서), or a title. A Chinese or Latin gloss after the name (웨이펑허(魏鳳和)) is dropped;
        a country right before the title (둥쥔 中 국방부장) is no part of the name."""
        picked: list[str] = []
        segment = self.text[floor:position]
        last_word = re.search(r"(\S+)\s*$", segment)
        if last_word is not None and last_word.group(1) in self.lex.countries:
            segment = segment[: last_word.start()]  # … 사우드(Sayyid Badr bin Saud) 오만 국방담당장관
        gloss = _GLOSS_BEFORE.search(segment)
        if gloss is not None:  # 벤 월러스(Ben Wallace) 영국 국방장관: a spaced gloss before the title
            segment = segment[: gloss.start()]
        for match in reversed(list(re.finditer(r"\S+", segment))):
            word = _GLOSS_AT_END.sub("", match.group())
            start = floor + match.start()
            if word != match.group() and re.search(r"\d", match.group()[len(word) :]):
                break  # 오늘(21일): a time word glossed by its date, before the name; a name's gloss has no digit
            if not picked and (word in self.lex.countries or _KANJI.match(word) and len(word) == 1):
                continue  # 둥쥔 中 국방부장: the country's one-character abbreviation
            if not picked and word in self.lex.words("title_modifier"):
                continue  # 김용현 신임 국방장관: "new", no part of the name
            if picked and len(picked) < _NAME_WORDS and word in self.lex.words("name_joiner"):
                picked.append(word)  # 바드르 빈 사우드: an Arabic "son of" or article inside the name
                continue
            if (
                not _HANGUL_NAME_WORD.match(word)
                or len(picked) == _NAME_WORDS
                or not self._korean_name_word(word, start)
            ):
                break
            picked.append(word)
        while picked and picked[-1] in self.lex.words("name_joiner"):
            picked.pop()  # a joiner read last begins no name
        return " ".join(reversed(picked)) or None

    def _korean_name_word(self, word: str, start: int) -> bool:
        if word in self.lex.countries or word in self.lex.titles or word in self.lex.words("not_place"):
            return False
        if any(h.is_("both") and h.start <= start < h.end for h in self.hits):
            return False  # 두 나라 국방장관은: both sides, no name
        if len(word) > 2 and word.endswith("에서"):
            return False  # 글리비체에서: a place
        first = bisect_left(self.token_starts, start)
        tokens = self.tokens[first : bisect_left(self.token_starts, start + len(word), first)]
        if not tokens:  # 이와야 다케시: Kiwi keeps a spaced name as one proper noun
            covering = self.tokens[first - 1] if first > 0 else None
            return bool(covering and covering[0] < start < covering[1] and covering[2] == "NNP")
        last = tokens[-1][2].split("+")[-1]
        if self._name_final_syllable(tokens):
            return True  # 델핀 로렌자나: Kiwi reads the name's last syllable as the particle 나 after 로렌자/NNP
        if last.startswith(("J", "E", "XS", "V")):
            return False
        if len(tokens) == 1 and last in {"MAG", "MM", "NNB", "NR", "MAJ"}:
            return False  # 또, 두, 각
        if len(tokens) >= 2 and tokens[-1][3] in self.lex.words("place_particle") and tokens[-2][2] == "NNP":
            return False  # 방콕서: a place and its particle (Kiwi tags 서 a noun)
        return not any(t[3] in self.lex.countries and t[2].startswith("NNP") for t in tokens)

    def _name_final_syllable(self, tokens: list[tuple[int, int, str, str]]) -> bool:
        """A transcription's last syllable that Kiwi reads as a particle after a proper noun (로렌자/NNP 나/JC,
        로드리게/NNP 나/JC): a ``name_final_syllable`` glued to a word with a proper noun in it."""
        return (
            len(tokens) >= 2
            and tokens[-1][2].startswith("J")
            and tokens[-1][3] in self.lex.words("name_final_syllable")
            and tokens[-2][2].startswith("NN")  # 로렌/NNP 자/NNB 나/JC: Kiwi may cut the name once more
            and tokens[-2][1] == tokens[-1][0]
            and any(t[2] == "NNP" for t in tokens[:-1])
        )

    def _concurrent_titles_start(self, position: int, floor: int) -> int:
        """Japanese: where a chain of concurrent offices joined by ``concurrent_joiner`` begins before a title
        (アルン・ジャイトリー財務大臣兼国防大臣: the name is before 財務大臣兼); else ``position``."""
        joiners = "|".join(re.escape(w) for w in self.lex.words("concurrent_joiner"))
        if not joiners:
            return position
        match = re.search(rf"(?:[\u4e00-\u9fff]{{1,6}}(?:{joiners}))+$", self.text[floor:position])
        return floor + match.start() if match else position

    def _korean_name_after(self, position: int, last: int) -> str | None:
        """Korean: a name written after its title (러시아 국방부 장관 안드레이 벨루소프를,
        국방장관인 질베르토 테오도로와, 국방부 장관 … 칼레드 노르딘(Khaled Nordin)이): spaced words, one of
        them a proper noun to Kiwi, the last ending in a case particle (``name_after_particle``) or a gloss.
        Nothing when another form (a title, a country, a trigger) begins the words."""
        rest = self.text[position : position + 60]
        for word in self.lex.words("apposition"):  # 국방장관인 …
            if rest.startswith(word + " "):
                rest, position = rest[len(word) :], position + len(word)
                break
        if not rest.startswith(" "):
            return None
        particles = sorted(self.lex.words("name_after_particle"), key=len, reverse=True)
        picked: list[str] = []
        proper = False
        for match in re.finditer(r"[^\s(（]+(?:[(（][^()（）]*[)）]\S*)?", rest):  # a gloss may hold spaces
            start = position + match.start()
            at = next((h for h in self.hits[:last] if h.start == start), None)
            if at is not None and not picked and at.is_("person"):
                return at.form  # 국방장관인 질베르토 테오도로와: a known principal
            if start >= len(self.text) or at is not None:
                return None
            word = match.group()
            gloss = re.match(r"^([\uac00-\ud7a3-]+)[(（][^()（）]*[)）](.*)$", word)
            head, tail = (gloss.group(1), gloss.group(2)) if gloss else (word, None)
            if tail is None:
                ending = self._particle_at_end(start, head, particles)
                name_part = head[: -len(ending)] if ending else head
            else:
                ending, name_part = (tail if tail in particles else None), head
            if not _HANGUL_NAME_WORD.match(name_part) or name_part in self.lex.countries:
                return None
            if name_part in self.lex.titles or name_part in self.lex.words("not_place"):
                return None
            picked.append(name_part)
            proper = proper or self._proper_noun_in(start, start + len(name_part))
            if ending is not None or tail is not None:
                return " ".join(picked) if proper else None
            if len(picked) == _NAME_WORDS:
                return None
        return None

    def _proper_noun_in(self, start: int, end: int) -> bool:
        first = bisect_left(self.token_starts, start)
        return any(
            tag.split("+")[0] in {"NNP", "SL", "SH"}
            for _s, _e, tag, _t in self.tokens[first : bisect_left(self.token_starts, end, first)]
        )

    def _particle_at_end(self, start: int, word: str, particles: list[str]) -> str | None:
        """The case particle a word ends in, if Kiwi reads it as one (안드레이: 이 is no particle;
        벨루소프를: 를 is)."""
        end = start + len(word)
        first = bisect_left(self.token_starts, start + 1)  # a token after the word's first character
        tokens = self.tokens[first : bisect_left(self.token_starts, end, first)]
        if not tokens or not tokens[-1][2].startswith("J"):
            return None
        text = self.text[tokens[-1][0] : end]
        return text if text in particles else None

    def _is_name_token(self, tag: str, text: str, picked: list[int]) -> bool:
        if self.language == "ko":  # 응오 쑤언 릭: short common-noun syllables before a proper noun are the name too
            short = tag == "NNG" and len(text) <= 2 and bool(picked)
            return (
                (tag in {"NNP", "SL", "SH"} or short)
                and text not in self.lex.countries
                and text not in self.lex.words("not_place")  # 저녁 한민구, 오후 팜반차: a time, not the name
            )
        if text in self.lex.countries or text in self.lex.titles:
            return False
        if picked and _INITIAL.match(text) and self.tokens[picked[-1]][3] in {".", "．"}:
            return True  # A.K.アントニー国防大臣: a Latin initial and its full stop begin the katakana name
        if tag.startswith("名詞-固有名詞-人名") or _KATAKANA.match(text):
            return True
        if tag.startswith("名詞-固有名詞") and _KANJI.match(text):
            return True
        return bool(
            _KANJI.match(text)
            and tag.startswith("名詞-普通名詞")
            and "サ変" not in tag  # トルコ訪問 ギュレル国防相: a verbal noun (訪問, 会談) is no part of a name
            and len(text) <= 3
            and len(picked) < 2
            and text not in self.lex.words("not_name")
        )

    def _token_index_before(self, position: int) -> int | None:
        for i in range(len(self.tokens) - 1, -1, -1):
            if self.tokens[i][1] <= position:
                return i
        return None

    def _principal_country(self, name: str | None) -> str | None:
        if not name:
            return None
        if name in self.people:  # named with a country earlier in the story
            return self.people[name]
        principals = self.lex.principals
        if name in principals:
            return principals[name]
        for known, code in principals.items():
            if len(known) >= 2 and (known in name or (len(name) >= 2 and name in known)):
                return code
        key = _kana_key(name)  # マールス for マールズ: outlets voice a transcription's kana differently
        if key and len(key) >= 3:
            for known, code in [*self.people.items(), *principals.items()]:
                if _kana_key(known) == key or _kana_key(known.rsplit("・", 1)[-1]) == key:
                    return code
        return None

    def _sides(self, first: int, last: int, floor: int) -> tuple[list[Side], list[str]]:
        """The office holders in hits[first:last] (a sentence) and the rules that found them."""
        sides: list[Side] = []
        rules: list[str] = []
        used_names: set[tuple[int, int]] = set()
        for index in range(first, last):
            hit = self.hits[index]
            if hit.is_("title"):
                title = self.lex.titles[hit.form]
                if title.kind == "ministry":
                    head = self._ministry_head(index, floor)
                    if head is not None:
                        sides.append(head)
                        rules.append(f"role:{hit.form}…{head.role}")
                    continue
                if hit.is_("trigger"):
                    continue  # 국방장관회담, 防衛相会談: the meeting's name, nobody in it
                if self._gloss(index) or self._in_event_name(hit):
                    continue  # 国防部長(国防相): the same person again; ASEAN国防相会議: a forum's name
                if self._after_both(index):
                    continue  # 두 나라 국방장관은, 両国の国防相は: both sides, named by the both-sides rule
                attached = self._countries_before(index, floor)
                codes: tuple[str, ...] = ()
                if attached is not None:
                    j, codes = attached
                    country_hit = self.hits[j]
                    last_country = self._country_before(index, floor)
                    after = self.hits[last_country[0]].end if last_country else country_hit.end
                    gap_name = self._name_between(after, hit.start)
                    last_hit = self.hits[last_country[0]] if last_country else country_hit
                    if (
                        gap_name
                        and len(last_hit.form) == 1
                        and _KANJI.match(last_hit.form + gap_name)
                        and len(gap_name) <= 2
                        and self.text.startswith(gap_name, last_hit.end)
                    ):  # 韓民求国防相: the press writes 韓国の韓民求, never 韓+民求; the abbreviation begins the name
                        gap_name = last_hit.form + gap_name
                    name = gap_name or self._name_before(country_hit.start, floor)
                else:
                    name = self._name_before(self._concurrent_titles_start(hit.start, floor), floor)
                    codes = (title.country,) if title.country else ()
                lead = attached[0] if attached else index  # the hit the phrase starts with
                if name is None and lead > first:  # a known principal the tokenizer did not tag (판 반 장 국방부 장관)
                    before = self.hits[lead - 1]
                    if before.is_("person") and not self.text[before.end : self.hits[lead].start].strip():
                        name = before.form
                        used_names.add((before.start, before.end))
                if name is None and index + 1 < last and self.hits[index + 1].is_("person"):
                    person = self.hits[index + 1]
                    if person.start - hit.end <= 1:
                        name = person.form
                        used_names.add((person.start, person.end))
                if name is None and self.language == "ko":  # 러시아 국방부 장관 안드레이 벨루소프를
                    name = self._korean_name_after(hit.end, last)
                if not codes:
                    code = self._principal_country(name)
                    codes = (code,) if code else ()
                if not codes and title.country is None:  # ロシア国防省は、ショイグ国防相が: the ministry's
                    code = self._ministry_subject(first, index)
                    codes = (code,) if code else ()
                    if code:
                        rules.append("ministry_subject")
                if not codes and hit.form in self.lex.words("foreign_title") and self.domestic == self.home:
                    before_title = self.text[max(floor, hit.start - 4) : hit.start]
                    if before_title.endswith(tuple(self.lex.words("many_countries"))):
                        continue  # 各国の国防相らと次々に会談した: many countries' ministers, none named
                    code = self._only_foreign_country_before(hit.start)
                    if code is None:
                        continue  # ベロウソフ国防相 in a Japanese outlet's story: not Japan's minister, country unknown
                    codes = (code,)  # カンボジアを訪れました…ティア・セイハー国防大臣と: the one country visited
                    rules.append("only_foreign_country")
                principal = title.kind == PRINCIPAL and not self._former(self.hits[lead].start, floor)
                for code in codes or (None,):
                    sides.append(
                        Side(hit.start, code, name if len(codes) <= 1 else None, hit.form, principal, hit.end)
                    )
                if principal:
                    rules.append(f"role:{hit.form}")
                for k in range(first, index):
                    other = self.hits[k]
                    if other.is_("person") and other.end <= hit.start and hit.start - other.end <= 12:
                        used_names.add((other.start, other.end))
        for index in range(first, last):
            hit = self.hits[index]
            if hit.is_("person") and (hit.start, hit.end) not in used_names and not hit.is_("title"):
                if any(s.name and hit.form in s.name for s in sides):
                    continue
                sides.append(Side(hit.start, self.lex.principals[hit.form], hit.form, None, True))
                rules.append(f"person:{hit.form}")
        sides.sort(key=lambda s: s.start)
        return sides, rules

    def _ministry_head(self, index: int, floor: int) -> Side | None:
        """The head of a defense ministry written as the ministry's person: 中国国防部の梁光烈・部長."""
        hit = self.hits[index]
        if hit.form in self.lex.words("other_ministry"):
            return None
        heads = "|".join(re.escape(h) for h in sorted(self.lex.words("ministry_head"), key=len, reverse=True))
        if not heads:
            return None
        # 中国国防部の梁光烈・部長; 韓国国防部によれば、同部の韓民求(ハン・ミング)長官 (a reading in brackets);
        # ロシア連邦国防省のセルゲイ・ショイグ大臣 (a dotted katakana name)
        match = re.match(
            rf"(?:(?:によれば|によると)、?同[部省])?の?((?:[\u30a1-\u30fa\u30fc]+・){{0,3}}[^\s、。，,()（）「」・]{{1,8}}?)"
            rf"(?:[(（][\u30a0-\u30ff・ー･]+[)）])?・?({heads})",
            self.text[hit.end : hit.end + 32],
        )
        if match is None:
            return None
        country = self.lex.titles[hit.form].country
        if index > 0 and self.hits[index - 1].is_("country") and self.hits[index - 1].end == hit.start:
            entry = self.lex.countries[self.hits[index - 1].form]
            if entry.kind in {"name", "abbr"} and len(entry.codes) == 1:
                country = entry.codes[0]
        end = hit.end + match.end()  # 董軍部長との面会で: a particle may follow
        return Side(hit.start, country, match.group(1), match.group(2), True, end) if country else None

    def _only_foreign_country_before(self, position: int) -> str | None:
        """The one country other than the story's own that the story names before ``position`` (its headline and
        earlier sentences too), if it names exactly one: a bare 国防大臣 in a story of a visit there is its minister."""
        codes: set[str] = set()
        for hit in self.hits:
            if hit.start >= position:
                break
            entry = self.lex.countries.get(hit.form) if hit.is_("country") else None
            if entry is None or entry.kind == "not":
                continue
            codes |= set(entry.codes) - {self.domestic}
            if len(codes) > 1:
                return None
        return next(iter(codes), None)

    def _bare_title_pair(self, first: int, last: int, start: int, end: int, rules: list[str]) -> list[Side]:
        """Korean: two names joined, each with a bare ``refer_suffix`` title (송 장관과 리야미자드 장관은 …
        인도네시아 국방부 청사에서 열린 회담에서), in a sentence with a meeting trigger of a story that names a
        defense ministry: the first is the story's own minister (Korean copy names him first), the second the
        one foreign country the sentence names."""
        if self.language != "ko" or not any(
            h.is_("trigger") and self._meets(h) for h in self.hits[first:last]
        ) or not any(h.is_("title") and self.lex.titles[h.form].kind == "ministry" for h in self.hits):
            return []
        suffix = "|".join(re.escape(w) for w in self.lex.words("refer_suffix"))
        joiner = "|".join(re.escape(w) for w in self.lex.words("list_joiner"))
        match = re.search(
            rf"(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{{1,5}}) ?(?:{suffix})(?:{joiner})"
            rf"\s*([\uac00-\ud7a3]{{2,8}}) ?(?:{suffix})",
            self.text[start:end],
        )
        if not suffix or match is None:
            return []
        foreign = {
            code
            for h in self.hits[first:last]
            if h.is_("country") and self.lex.countries[h.form].kind in {"name", "abbr"}
            for code in self.lex.countries[h.form].codes
        } - {self.domestic}
        if len(foreign) != 1:
            return []
        rules.append("bare_title_pair")
        own, other = match.group(1), match.group(2)
        return [
            Side(start + match.start(1), None, own, None, True),
            Side(start + match.start(2), next(iter(foreign)), other, None, True),
        ]

    def _former(self, position: int, floor: int) -> bool:
        """Korean: a ``former`` word right before the title's phrase (한민구 전 국방장관): no principal now."""
        if self.language != "ko":
            return False
        words = self.text[floor:position].split()
        return bool(words) and words[-1] in self.lex.words("former") and self.text[:position].endswith(" ")

    def _ministry_subject(self, first: int, index: int) -> str | None:
        """The country of a defense ministry that is the sentence's topic or subject before the title at ``index``
        (ロシア国防省は…, 러시아 국방부는 …): an unqualified title after it is that ministry's head."""
        topic = self.lex.words("topic_particle")
        for j in range(first + 1, index):
            hit, before = self.hits[j], self.hits[j - 1]
            if not (hit.is_("title") and self.lex.titles[hit.form].kind == "ministry") or not before.is_("country"):
                continue
            entry = self.lex.countries[before.form]
            following = self.text[hit.end : hit.end + 2]
            if (
                before.end == hit.start or self.text[before.end : hit.start] in {" ", "の"}
            ) and entry.kind in {"name", "abbr"} and len(entry.codes) == 1 and any(
                following.startswith(p) for p in topic
            ):
                return entry.codes[0]
        return None

    def _both_as_modifier(self, index: int) -> bool:
        """A both-sides word in the genitive before no title (두 나라의 방산 파트너십, 両国の関係): the two countries'
        ties, not the two sides of talks (두 나라 국방장관은, 両国の国防相は are)."""
        hit = self.hits[index]
        rest = self.text[hit.end : hit.end + 2]
        if not rest.startswith(tuple(self.lex.words("genitive_particle"))):
            return False
        following = self.hits[index + 1] if index + 1 < len(self.hits) else None
        return not (following is not None and following.is_("title") and following.start - hit.end <= 2)

    def _at_place(self, index: int) -> bool:
        """A country hit followed right away by a place particle (싱가포르서, 싱가포르에서, シンガポールで): a venue."""
        hit = self.hits[index]
        return self.text.startswith(tuple(self.lex.words("place_particle")) or ("\0",), hit.end)

    def _listed_before_both(self, inside: list[int], start: int) -> list[str]:
        """Japanese: the countries of a list written right before a both-sides word (イギリス、イタリア両国の): the
        two sides it means, not the last sentence's."""
        if self.language != "ja":
            return []
        for i in inside:
            if self.hits[i].is_("both") and not self._both_as_modifier(i):
                attached = self._countries_before(i, start)
                if attached is not None and len(attached[1]) >= 2:
                    return [c for c in attached[1] if c != self.domestic]
        return []

    def _after_both(self, index: int) -> bool:
        """A title written right after a both-sides word (두 나라 국방장관, 両国の国防相): no side of its own, not the
        story's own minister; the both-sides rule names the two sides."""
        if index == 0:
            return False
        hit, prev = self.hits[index], self.hits[index - 1]
        return prev.is_("both") and self.text[prev.end : hit.start].strip() in {"", "の", "의"}

    def _gloss(self, index: int) -> bool:
        """A title in brackets right after another: 国務委員兼国防部長(国防相) names the same person."""
        if index == 0:
            return False
        hit, prev = self.hits[index], self.hits[index - 1]
        return prev.is_("title") and self.text[prev.end : hit.start] in {"(", "（"}

    def _in_event_name(self, hit) -> bool:
        """A title that begins a forum's name (拡大ASEAN国防相会議, 国防相会議): nobody in person."""
        following = self.text[hit.end : hit.end + 5].lstrip(" ")  # 국방장관 회의: Korean may space it
        return any(following.startswith(word) for word in self.lex.words("event_head"))

    def _referred(self, start: int, end: int, sides: list[Side], rules: list[str]) -> list[Side]:
        """Principals named earlier and referred to by name here: 河野氏は…と会談した, 安氏, ミラー氏,
        벨로우소프 장관은, 김 장관은 (``grammar.tsv`` ``refer_suffix``, with or without a space)."""
        found: list[Side] = []
        text = self.text[start:end]
        suffixes = self.lex.words("refer_suffix")
        for name, country in self.people.items():
            if any(s.country == country and s.name and (name in s.name or s.name in name) for s in sides):
                continue
            pattern = "|".join(
                rf"{_not_after(short)}{re.escape(short)} ?{re.escape(suffix)}"
                for short in _short_forms(name)
                for suffix in suffixes
            )
            match = re.search(pattern, text) if pattern else None
            if match is not None:
                found.append(Side(start + match.start(), country, name, None, True, start + match.end()))
                rules.append(f"person:{match.group(0)}")
        return found

    def _name_between(self, start: int, end: int) -> str | None:
        """The name between a country and its title.

        オーストラリアのマールズ国防相, 豪マールズ国防相, 호주의 리처드 말스 국방장관."""
        stripped = re.sub(r"^\s*(?:の|의)?\s*", "", self.text[start : self._before_latin_gloss(start, end)]).strip()
        if not stripped or len(stripped) > (24 if "・" in stripped else 12):  # a dotted katakana name may be long
            return None
        return self._name_before(end, start)

    # -- one sentence ----------------------------------------------------------------------------
    def read(self, start: int, end: int, headline: bool, named: list[str]) -> Reading:
        """One sentence; ``named`` holds the countries whose principals earlier sentences named, in order."""
        reading = Reading(start, end)
        inside = [i for i, h in enumerate(self.hits) if start <= h.start < end]
        if not inside or self._file_photo_caption(start):
            return reading
        first, last = inside[0], inside[-1] + 1
        sides, rules = self._sides(first, last, start)
        sides += self._referred(start, end, sides, rules)
        if not any(s.principal for s in sides):
            sides += self._bare_title_pair(first, last, start, end, rules)
        sides.sort(key=lambda s: s.start)
        sides = [s for s in sides if not self._stood_in_for(s)]
        principals = [s for s in sides if s.principal]
        self.office_holders += [(s, start, end) for s in sides if not s.principal and s.country]
        leaders = list(dict.fromkeys(s.country for s in sides if not s.principal and s.country))
        if len(leaders) >= 2 and any(self.hits[i].is_("trigger") for i in inside):
            self.last_leaders = leaders[:2]  # モディ首相は…プーチン大統領と会談し: 両国 may name them next
        for side in principals:
            if side.name and (side.country or self.domestic):
                self.people.setdefault(side.name, side.country or self.domestic)  # type: ignore[arg-type]
        for side in principals:
            code = side.country or self.domestic
            if code and code not in named:
                named.append(code)
        triggers = [self.hits[i] for i in inside if self.hits[i].is_("trigger")]
        meeting = [
            t for t in triggers
            if self.lex.triggers[t.form].meeting and not self._shadowed(t, triggers) and self._has_partner(t)
        ]
        if not meeting:
            return self._attended(reading, sides)
        late = [s for s in principals if self._partner_of_other_noun(s, meeting)]
        if late:  # …外相と会談した後、稲田防衛相との夕食会に出る: the dinner's partner, no side of the talks
            sides = [s for s in sides if s not in late]
            principals = [s for s in principals if s not in late]
        sentence = self.text[start:end]
        if all(self.lex.triggers[t.form].kind == "multilateral" for t in meeting) and any(
            word in sentence for word in self.lex.words("greeting")
        ):  # ADMMプラス前の夕食会で…と短く言葉を交わした: a greeting at the forum, no talks
            return reading
        if self._officials_partners(sides, principals):
            return reading  # 宮澤防衛副大臣は、タイ、ベトナムの国防大臣を表敬して: his calls, no principals' talks
        host_side = self._country_as_convener(first, start, principals, sides)
        if host_side is not None:  # 중국은 … 이란과 러시아 국방장관들을 초청해 회의를 열었습니다
            sides.insert(0, host_side)
            principals.insert(0, host_side)
            rules.append("country_as_convener")
        countries: list[str] = []
        placed: dict[str, list[int]] = {}  # where each principal's or pair's country is written: its clause's
        for side in principals:
            code = side.country or self.domestic
            if code:
                placed.setdefault(code, []).append(side.end or side.start)
            if code and code not in countries:
                countries.append(code)
        pair_rules = []
        for i in inside:
            hit = self.hits[i]
            entry = self.lex.countries.get(hit.form) if hit.is_("country") else None
            if entry is None or entry.kind != "pair" or not self._next_to_meeting(i, last):
                continue
            for code in entry.codes:
                placed.setdefault(code, []).append(hit.end)
                if code not in countries:
                    countries.append(code)
            pair_rules.append(f"pair:{hit.form}")
        for i in inside:  # 한,인니 국방장관 회담: the countries listed before the meeting's name
            hit = self.hits[i]
            if hit.is_("trigger") and self._names_principals(hit):
                attached = self._countries_before(i, start)
                nearest = self._country_before(i, start)
                if attached is not None and nearest is not None and self._at_place(nearest[0]):
                    attached = None  # 한국·일본·호주, 싱가포르서 첫 3자 국방장관회담: the venue ends the list
                if attached is not None and len(attached[1]) >= 2:
                    for code in attached[1]:
                        if code not in countries:
                            countries.append(code)
                    pair_rules.append("countries_before_meeting_name")
        self.counted_listing = False
        for code in self._listed_before_trigger(inside, meeting):
            if code not in countries:
                countries.append(code)
                pair_rules.append("countries_with")
        if (
            self.counted_listing
            and not principals
            and self.domestic
            and self.domestic not in countries
            and self._domestic_named_before(start)
        ):  # 翌12日には中国、フィジーと個別に2カ国間会談を重ね: each listed country met the story's own minister
            countries.insert(0, self.domestic)
            pair_rules.append("counted_partners")
        two_plus_two = self._parties_of_two_plus_two(
            inside, [t for t in meeting if t.form in self.lex.words("two_plus_two")], start, end
        )
        for code in two_plus_two:
            if code not in countries:
                countries.append(code)
                pair_rules.append("two_plus_two")
        others = [s for s in sides if not s.principal]
        if len(countries) < 2 and any(self.hits[i].is_("both") and not self._both_as_modifier(i) for i in inside):
            before = self.last_sides or named
            # 首脳会談を受け、両国の国防相は…調印しました: the two countries of the leaders who met
            if len(before) < 2 and not principals:
                before = self.last_leaders or before
            listed = self._listed_before_both(inside, start)
            if listed:  # イギリス、イタリア両国の国防相とそれぞれ会談し: the two countries the list names
                before = ([self.domestic] if self.domestic and self._domestic_named_before(start) else []) + listed
            for code in before:
                if len(countries) < (len(before) if listed else 2) and code not in countries:
                    countries.append(code)
            pair_rules.append("both_sides")
        if (
            principals
            and self.domestic
            and self.domestic not in countries
            and not others
            and (len(countries) == 1 or self._partner(principals[-1]))
            and not self._topic(principals[0])
            and (
                self._domestic_named_before(start)
                # 中国国防部の董軍部長との面会で、双方は: the talks' partner in the own outlet's story,
                # both sides the subject
                or (
                    self.domestic_known
                    and len(countries) == 1
                    and self._partner_of_noun(principals[-1])
                    and any(self.hits[i].is_("both") for i in inside)
                )
            )
            and not self._named_subject_before(start, principals[0].start)
        ):
            # "…国防大臣と会談を行いました", "캐나다·네덜란드·독일 국방장관과도 각각 양자회담을 열어": the story's own
            # minister is the subject; not when the foreign principal is the topic (マティス長官は…会談では)
            countries.insert(0, self.domestic)
            pair_rules.append("implied_subject")
        if len(countries) < 2:
            self._note_unheld_without_sides(meeting, start, end, headline)
            self._note_held_forum(meeting, start, end, headline)
            return reading
        # 日米「2+2」急きょ先送りに: a pair, no title; a 2+2 holds both sides' defense principals by its name
        # …を訪れた。日米豪比4者会談を含めて9つの防衛相会談を行った: a principals' meeting by its name as the object
        # of a sentence without a subject after the story's own minister is that minister's
        by_name = (
            self.language == "ja"
            and not principals
            and self.domestic in countries
            and any(self._names_principals(t) and self.text.startswith("を", t.end) for t in meeting)  # its object
            and self._domestic_named_before(start)
        )
        weak = not (principals or two_plus_two or self._pair_with_principal(inside) or "counted_partners" in pair_rules
                    or by_name)
        kinds = [self.lex.triggers[t.form].kind for t in meeting]
        readings = [self._status(t, start, end, headline) for t in meeting]
        for k, (status, rule, _explicit) in enumerate(readings):
            # Korean …안보회의 계기의 국방장관 회담을 하자는 … 요청을 거부했습니다: a past read beyond a
            # later trigger whose own cue says unheld is that trigger's verb, when no verb of its own comes
            # first (회담하고 재차 만나기로 했다 stays held; Japanese clauses end at 、: 会談し、…提案した stays held)
            if self.language == "ko" and status is Status.HELD and rule == "modality:past_tense" and any(
                r[0] in UNHELD_RANK and r[2] and r[1] != "modality:past_tense"
                and not self._verb_after(meeting[k].end, later.start)
                for r, later in zip(readings[k + 1 :], meeting[k + 1 :], strict=True)
            ):
                readings[k] = (status, rule, False)
        explicit_held = [r for r in readings if r[0] is Status.HELD and r[2]]
        explicit_unheld = sorted(
            (r for r in readings if r[0] in UNHELD_RANK and r[2]), key=lambda r: UNHELD_RANK[r[0]], reverse=True
        )
        chosen = (
            explicit_held
            or explicit_unheld
            or [r for r in readings if r[0] is Status.BACKGROUND]
            or [r for r in readings if r[0] is Status.HELD]
            or readings
        )[0]
        # 한국과 캐나다는 다음 달 외교·국방장관 회의를 열 예정이다: a 2+2 said to be unheld, with its sides, is kept
        # (never a positive) to overrule a headline without tense
        planned_two_plus_two = chosen[0] in UNHELD_RANK and chosen[2] and any(
            t.form in self.lex.words("two_plus_two") for t in meeting
        )
        if weak and not planned_two_plus_two and not (
            headline and chosen[0] in {Status.POSTPONED, Status.CANCELLED, Status.DENIED}
        ):
            return reading  # without a principal only a headline's "postponed" counts, to overrule its body
        if chosen[0] is Status.HELD and chosen[2]:
            dropped = self._in_unheld_clauses(countries, placed, meeting, readings)
            if dropped:
                countries = [c for c in countries if c not in dropped]
                pair_rules.append("unheld_clause")
        if not weak:
            self.last_sides = countries[:2]
        reading.status = chosen[0]
        reading.trigger_at = meeting[0].start
        reading.implicit = not chosen[2]
        reading.kind = next((k for k in ("video", "call") if k in kinds), "in-person")
        if len(countries) >= 3:
            reading.kind = "multilateral"
        reading.countries = countries
        reading.sides = sides
        reading.rules = [f"trigger:{t.form}" for t in meeting] + rules + pair_rules
        if chosen[1]:
            reading.rules.append(chosen[1])
        reading.rules = list(dict.fromkeys(reading.rules))
        return reading

    def _partner_of_other_noun(self, side: Side, meeting: list) -> bool:
        """Japanese: a principal written after every meeting trigger of the sentence as the partner of another
        noun (稲田防衛相との夕食会): whom that event is with, not a side of the talks before it."""
        if self.language != "ja" or side.end is None or side.start < meeting[-1].end or not self._partner_of_noun(side):
            return False
        following = next((h for h in self.hits if h.start >= side.end), None)
        particle = next(p for p in self.lex.words("partner_of_noun") if self.text.startswith(p, side.end))
        return following is None or following.start != side.end + len(particle) or not following.is_("trigger")

    def _stood_in_for(self, side: Side) -> bool:
        """A principal written right before a ``stand_in`` word (국방부 장관 대신 온 총참모장, 国防相に代わり出席):
        he sent someone in his place and is no side of the talks."""
        if not side.principal or side.end is None:
            return False
        return self.text[side.end : side.end + 8].lstrip().startswith(tuple(self.lex.words("stand_in")) or ("\0",))

    def _in_unheld_clauses(
        self, countries: list[str], placed: dict[str, list[int]], meeting: list, readings: list
    ) -> set[str]:
        """Japanese: the countries whose every mention belongs to a meeting trigger said to be unheld, in a
        sentence that reports other talks held (米中の国防相会談が見送られる中、…李尚福国防相と会談を行った;
        …会談の開かれたラオスで、フィリピンやインドの国防相と会談する): each principal or pair is the party of
        the first meeting trigger written after it, so it takes that trigger's modality, not the sentence's."""
        if self.language != "ja" or len(meeting) < 2:
            return set()
        unheld = [r[0] in UNHELD_RANK and r[2] for r in readings]
        if not any(unheld) or all(unheld):
            return set()

        def owner(position: int) -> int:
            return next((k for k, t in enumerate(meeting) if t.start >= position), len(meeting) - 1)

        dropped = {
            code for code in countries
            if code != self.domestic and code in placed and all(unheld[owner(p)] for p in placed[code])
        }
        return dropped if len([c for c in countries if c not in dropped]) >= 2 else set()

    def _country_as_convener(self, first: int, start: int, principals: list[Side], sides: list[Side]) -> Side | None:
        """A country that opens the sentence as its topic (중국은, 中国は) while only other countries' principals are
        named and a ``convene_word`` says it invited or hosted them (… 국방장관들을 초청해 회의를 열었습니다): it
        convened the talks, through its minister."""
        hit = self.hits[first]
        if not hit.is_("country") or self.text[start : hit.start].strip() or not principals:
            return None
        entry = self.lex.countries[hit.form]
        if entry.kind not in {"name", "abbr"} or len(entry.codes) != 1:
            return None
        code = entry.codes[0]
        following = self.text[hit.end : hit.end + 2]
        if not any(following.startswith(p) for p in self.lex.words("topic_particle")):
            return None
        if any((s.country or self.domestic) == code for s in principals) or any(not s.principal for s in sides):
            return None
        sentence = self.text[start : self._sentence_end(start)]
        if not any(word in sentence for word in self.lex.words("convene_word")):
            return None  # 북한은 … 회담을 열었다며 반발했다: a country reacting to others' talks convenes nothing
        return Side(hit.start, code, None, None, True, hit.end)

    def _sentence_end(self, start: int) -> int:
        return next((b for a, b in self._sentences if a <= start < b), len(self.text))

    def _file_photo_caption(self, start: int) -> bool:
        """A photo caption marked as a file photo (사진: 지난 2022년 … 회담을 한 …(자료사진)): an earlier meeting's
        picture, no account of the story's talks. The caption is its line, from a ``caption_start`` word."""
        line_start = self.text.rfind("\n", 0, start) + 1
        line_end = self.text.find("\n", start)
        line = self.text[line_start : line_end if line_end != -1 else len(self.text)].strip()
        return line.startswith(tuple(self.lex.words("caption_start"))) and any(
            word in line for word in self.lex.words("file_photo")
        )

    def _note_held_forum(self, meeting: list, start: int, end: int, headline: bool) -> None:
        """A principals' forum said to be held in a body sentence that names no two sides (한국과 유엔사 회원국들이 …
        국방장관회의를 열었습니다): the principals a later sentence says attended are its parties
        (:meth:`_attended`)."""
        for trigger in meeting:
            if headline or not self._names_principals(trigger):
                continue
            status, _rule, explicit = self._status(trigger, start, end, headline)
            if explicit and status is Status.HELD:
                self.held_forum = True
                # 北大西洋条約機構(NATO)国防相会合が…開幕した: the organisation whose principals' forum it is
                owners = [
                    code
                    for h in self.hits
                    if start <= h.start < trigger.start
                    and h.is_("country")
                    and self.lex.countries[h.form].kind == "org"
                    for code in self.lex.countries[h.form].codes
                ]
                self.forum_owner = self.forum_owner or next(iter(owners), None)

    def _attended(self, reading: Reading, sides: list[Side]) -> Reading:
        """A sentence without a trigger that says principals attended (캐나다, 네덜란드 … 국방장관과 … 참석했습니다),
        after a held principals' forum of the story's own country: they met its minister there."""
        if not self.held_forum or not self.domestic:
            return reading
        text = self.text[reading.start : reading.end]
        at = min((i for i in (text.find(w) for w in self.lex.words("attend")) if i != -1), default=-1)
        if at == -1 or not self._past_after(reading.start + at, reading.end):
            return reading
        foreign = [s for s in sides if s.principal and s.country and s.country != self.domestic]
        codes = list(dict.fromkeys(s.country for s in foreign if s.country))
        own = [s for s in sides if s.principal and (s.country or self.domestic) == self.domestic]
        if not codes and own and self.forum_owner and self.forum_owner != self.domestic:
            codes = [self.forum_owner]  # 中谷元防衛相が日本から出席した: the own minister at the organisation's forum
        if not codes:
            return reading
        reading.status, reading.kind, reading.sides = Status.HELD, "multilateral", sides
        reading.countries = [self.domestic, *codes]
        reading.trigger_at = reading.start + at
        reading.rules = ["attended_forum", *[f"role:{s.role}" for s in foreign if s.role]]
        return reading

    def _note_unheld_without_sides(self, meeting: list, start: int, end: int, headline: bool) -> None:
        """A principals' meeting said to be planned, postponed or called off in a sentence that names no sides
        (남북한이 … 국방장관회담을 … 갖기로 최종 합의했습니다): kept to overrule a headline without tense."""
        for trigger in meeting:
            if headline or not self._names_principals(trigger):
                continue
            status, _rule, explicit = self._status(trigger, start, end, headline)
            if explicit and status in UNHELD_RANK:
                self.unheld_without_sides.append(status)

    def _officials_partners(self, sides: list[Side], principals: list[Side]) -> bool:
        """The sentence's subject is an office holder who is no principal (a vice minister: 宮澤防衛副大臣は, 차관은)
        and every principal after it is one title's list of countries (タイ、ベトナムの国防大臣を表敬): the
        principals are whom he met, not parties to talks with each other."""
        subject = sides[0] if sides else None
        if subject is None or subject.principal or not self._topic(subject) or not principals:
            return False
        if any(s.start < subject.start for s in principals):
            return False
        return len({s.start for s in principals}) == 1 and len(principals) >= 2

    def _topic(self, side: Side) -> bool:
        """The side's phrase is followed by a topic or subject particle (マティス長官は, 국방장관은)."""
        after = self.text[side.end : side.end + 2] if side.end is not None else ""
        return any(after.startswith(p) for p in self.lex.words("topic_particle"))

    def _partner(self, side: Side) -> bool:
        """The side's phrase is followed by a with-particle (국방장관과도, 国防相と): whom the talks were with."""
        after = self.text[side.end : side.end + 3] if side.end is not None else ""
        return any(after.startswith(p) for p in self.lex.words("with_particle"))

    def _partner_of_noun(self, side: Side) -> bool:
        """The side's phrase is followed by an adnominal with-particle (국방장관과의 회담, 国防相との会談): the talks'
        partner, never their subject (岸防衛相とマールス国防相が: と alone may join two subjects)."""
        after = self.text[side.end : side.end + 3] if side.end is not None else ""
        return any(after.startswith(p) for p in self.lex.words("partner_of_noun"))

    def _names_principals(self, trigger) -> bool:
        """A trigger that is a principals' meeting by its name: 국방장관회담, 국방장관 회담, 防衛相会談."""
        if trigger.form in self.lex.words("two_plus_two") and not trigger.form.isascii():
            return True  # 외교·국방(2+2) 장관회의: both defense principals by its name (a bare 2+2 is not)
        principal_titles = (f for f, t in self.lex.titles.items() if t.kind == PRINCIPAL and len(f) >= 3)
        return any(form in trigger.form for form in principal_titles)

    def _listed_before_trigger(self, inside: list[int], meeting: list) -> list[str]:
        """Countries written as whom the talks were with: 인니·필리핀·베트남과 양자회담, 豪州と会談."""
        found: list[str] = []
        starts = {t.start for t in meeting}
        for position, i in enumerate(inside):
            hit = self.hits[i]
            if hit.start not in starts or position == 0:
                continue
            k = position - 1
            gap = self.text[self.hits[inside[k]].end : hit.start].strip()
            counted = _COUNTED_MEETING.match(gap)  # 韓国との3カ国間会談, フィジーと個別に2カ国間会談
            if gap not in self.lex.words("with_particle") and not (
                self.language == "ja" and counted and counted.group(1) in self.lex.words("with_particle")
            ):
                continue
            listed: list[str] = []
            self.counted_listing = self.counted_listing or bool(counted)
            while k >= 0:
                prev = self.hits[inside[k]]
                entry = self.lex.countries.get(prev.form) if prev.is_("country") else None
                if entry is None or entry.kind not in {"name", "abbr"} or not entry.codes:
                    break
                listed = list(entry.codes) + listed
                if k == 0 or not self._joins(self.text[self.hits[inside[k - 1]].end : prev.start]):
                    break
                k -= 1
            found += listed
        return found

    def _parties_of_two_plus_two(self, inside: list[int], triggers: list, start: int, end: int) -> list[str]:
        """The governments of a 2+2 (foreign and defense ministers of both sides, so both defense principals):
        the countries its sentence writes before it (日米両政府は…開いた…2プラス2で, 日本とロシアの…閣僚協議(2+2)),
        not those after it (…で、北朝鮮の非核化に向けて)."""
        if not triggers or self._hope_or_plan_in(start, end):
            return []  # 日豪「2+2」で…期待すると述べた: its sides are inferred, so any plan word rules it out
        rest = self.text[triggers[-1].end : end]
        rest = re.sub(r"^(?:[」』”\")）]|[(（][^()（）]*[)）])*", "", rest)
        if rest.startswith(tuple(self.lex.words("modifier_particle"))):
            return []  # 安全保障協議委員会(2+2)の共同発表を踏まえ: a modifier of another noun
        found: list[str] = []
        for i in inside:
            hit = self.hits[i]
            if hit.start >= triggers[0].start:
                break
            entry = self.lex.countries.get(hit.form) if hit.is_("country") else None
            following = self.hits[i + 1] if i + 1 < len(self.hits) else None
            if following is not None and following.is_("trigger") and not self.lex.triggers[following.form].meeting:
                continue  # 日米首脳会談の共同声明に2プラス2の…: the leaders' summit's pair, not the 2+2's
            if entry is not None and entry.kind in {"name", "abbr", "pair"}:
                found += [c for c in entry.codes if c not in found]
        return found if len(found) >= 2 else []

    def _hope_or_plan_in(self, start: int, end: int) -> bool:
        """An unheld cue (期待, 予定, 延期 …) or a Japanese wish (助動詞 たい: 努めたい) anywhere in the span."""
        sentence = self.text[start:end]
        if any(c.status in UNHELD_RANK and c.scope != "title" and c.cue in sentence for c in self.lex.modality):
            return True
        first = bisect_left(self.token_starts, start)
        return any(
            tag.startswith("助動詞") and text == "たい"
            for _s, _e, tag, text in self.tokens[first : bisect_left(self.token_starts, end, first)]
        )

    def _domestic_named_before(self, position: int) -> bool:
        """A principal of the story's own country was named before ``position`` (or the outlet is its ministry)."""
        for index, hit in enumerate(self.hits):
            if hit.start >= position:
                break
            if hit.is_("title") and not hit.is_("trigger"):
                title = self.lex.titles[hit.form]
                foreign = hit.form in self.lex.words("foreign_title") and self.domestic == self.home
                if title.kind == PRINCIPAL and title.country in {None, self.domestic} and not foreign:
                    floor = self._sentence_start(hit.start)
                    attached = self._countries_before(index, floor)
                    if attached is None and self._principal_country(self._name_before(hit.start, floor)) not in {
                        None, self.domestic
                    }:
                        continue  # 프라보워 국방장관: a known foreign principal's bare title, not the own minister's
                    if attached is None or self.domestic in attached[1]:
                        return True  # not 한민구 한국 국방장관 in a Xinhua story: that title is Korea's
        return False

    def _named_subject_before(self, start: int, position: int) -> bool:
        """Korean: someone else is the subject (부주석이, 차관이 …) before the principal at ``position``: the
        sentence's meeting is his, not the story's own minister's."""
        if self.language != "ko":
            return False
        covered = [(h.start, h.end) for h in self.hits if h.is_("title") or h.is_("person")]
        for i in range(bisect_left(self.token_starts, start), bisect_left(self.token_starts, position)):
            tag = self.tokens[i][2]
            if tag == "JKS" and i > 0 and self.tokens[i - 1][2].startswith(("NNG", "NNP")):
                before = self.tokens[i - 1][0]
                if not any(a <= before < b for a, b in covered):
                    return True
        return False

    def _has_partner(self, trigger) -> bool:
        """A trigger of ``needs_partner`` is talks only with whom it was written before it (国防部長と会見した);
        alone it is the press conference (会見で記者は…)."""
        if trigger.form not in self.lex.words("needs_partner"):
            return True
        before = self.text[max(0, trigger.start - 2) : trigger.start]
        return any(before.endswith(p) for p in self.lex.words("with_particle"))

    def _shadowed(self, trigger, triggers) -> bool:
        """A meeting trigger inside the phrase of a non-meeting one (表敬訪問し会談 keeps 会談)."""
        return any(not self.lex.triggers[t.form].meeting and t.start <= trigger.start < t.end for t in triggers)

    def _next_to_meeting(self, index: int, last: int) -> bool:
        """A pair form right before a trigger or a principal title.

        한일 국방장관회담, 日豪防衛相会談, 韓日国防相会談."""
        hit = self.hits[index]
        for j in range(index + 1, min(last, index + 3)):
            nxt = self.hits[j]
            gap = self.text[hit.end : nxt.start].strip("「」『』“”\"'")
            if len(gap.strip()) > 4 or _PHRASE_BREAK.search(gap):
                return False
            if nxt.is_("trigger") and not self.lex.triggers[nxt.form].meeting:
                return False  # 북중 정상회담, 日米首脳会談: the leaders' summit, no defense talks
            if nxt.is_("trigger") or (nxt.is_("title") and self.lex.titles[nxt.form].kind == PRINCIPAL):
                return True
            if not nxt.is_("country"):
                return False
        return False

    def _pair_with_principal(self, inside: list[int]) -> bool:
        for i in inside:
            hit = self.hits[i]
            if hit.is_("title") and self.lex.titles[hit.form].kind == PRINCIPAL:
                return True
        return False

    def _status(self, trigger, start: int, end: int, headline: bool) -> tuple[Status, str | None, bool]:
        """The trigger's status, the rule that set it, and whether a word said so (not the fallback)."""
        # a cue after the sentence's next meeting trigger is that one's (회담하고 다음 달 다시 만나기로 했다), and so is
        # one after another event (SCM 후 공동 기자회견 돌연 취소: the press conference was called off, not the talks)
        end_of_cues = next(
            (
                h.start
                for h in self.hits
                if trigger.end <= h.start < end and h.is_("trigger") and (self._meets(h) or self._other_event(h))
            ),
            end,
        )
        if self.language == "ko":  # 통화를 하고, 서방국가들이 … 제공할 것이라고: the next clause's own cue
            end_of_cues = min(end_of_cues, self._korean_next_clause(trigger.end, end))
        for word in self.lex.words("again"):  # 다시, 再び: what follows is the next meeting's
            found = self.text.find(word, trigger.end, end_of_cues)
            end_of_cues = found if found != -1 else end_of_cues
        near = self.text[trigger.end : min(end_of_cues, trigger.end + _NEAR.get(self.language, 16))]
        near = _QUOTE_OPEN.split(near, 1)[0]  # 会談の冒頭、「強化したい」と述べた: no cue about the talks
        width = _AROUND.get(self.language, 25)
        left, right = max(start, trigger.start - width), min(end_of_cues, trigger.end + width)
        if self.language == "ja":  # a cue about the talks sits in their clause (会談し、配備を断念した)
            # a headline's clauses are spaced (韓国国防相と会談 早期訪韓へ調整で一致: the plan is the visit's)
            breaks = (" ", "\u3000") if headline else ("、",)
            left = max([left] + [self.text.rfind(b, left, trigger.start) + 1 for b in breaks])
            found_breaks = [i for i in (self.text.find(b, trigger.end, right) for b in breaks) if i != -1]
            right = min(found_breaks) if found_breaks else right
        around = self.text[left:right]
        sentence = self.text[start:end]
        strongest: tuple[int, Status, str] | None = None
        background = None
        held_cue = None
        for cue in self.lex.modality:
            if cue.scope in {"after", "near"}:
                found = cue.cue in near and (  # 회담을 가진다: not the held adnominal 가진
                    self.language != "ko"
                    or any(not self._plain_present(cue.cue, near, m.end())
                           for m in re.finditer(re.escape(cue.cue), near))
                )
            elif cue.scope == "next":  # 会談後、…: the word right after the trigger (closing brackets aside)
                found = self.text[trigger.end : trigger.end + 4].lstrip("」』”\"' ").startswith(cue.cue)
                # …in the past or in a line without a verb (「2+2」後), not 会談後、記者会見を開く予定だ
                found = found and (
                    cue.status is not Status.HELD
                    or bool(self._past_after(trigger.end, end))
                    or not self._verb_after(trigger.end, end)
                )  # 電話会談を提案した: an unheld cue right after the trigger is about it whatever the tense
            elif cue.scope == "title":
                found = headline and (sentence.rstrip().endswith(cue.cue) or f"{trigger.form}{cue.cue}" in sentence)
            else:
                found = self._cue_in(cue.cue, around)
            if not found:
                continue
            if cue.status in UNHELD_RANK:
                rank = UNHELD_RANK[cue.status]
                if strongest is None or rank > strongest[0]:
                    strongest = (rank, cue.status, cue.cue)
            elif cue.status is Status.BACKGROUND:
                background = background or cue.cue
            elif cue.status is Status.HELD:
                held_cue = held_cue or cue.cue
        if background is None and self.language == "ko" and _MONTH_AGO.search(around):
            background = "month_ago"  # 지난 6월 … 국방장관회담에서 합의된: a meeting dated by an earlier month alone
        if self.language == "ja" and held_cue is None:
            held_cue = self._held_adnominal(left, trigger.start)  # 1日に行われた日米防衛大臣会談の席で「…」
        connective = self.text.startswith("し、", trigger.end)
        if self.language == "ja" and strongest is None and held_cue is None and connective:
            tail = self.text[start:end].rstrip(" 。．.\n")[-_NEAR["ja"] :]
            # 会談し、…加速させることで一致している: the sentence ends on the state of an agreement the talks reached
            held_cue = next(
                (c.cue for c in self.lex.modality
                 if c.status is Status.HELD and c.cue.endswith("ている") and tail.endswith(c.cue)),
                None,
            )
        if self.language == "ja" and _DATED_TOPIC.match(self.text, trigger.end):
            return Status.PLANNED, "modality:dated_topic", True  # 日米防衛相会談は30日: a date for talks to come
        if strongest is None and held_cue is None and self._topic_of_sentence(trigger, end):
            tail = self.text[start:end].rstrip(" 。．.\n")[-_NEAR["ja"] :]
            for cue in self.lex.modality:  # 国防大臣会合は4月5日に、…意見を交わす予定だった: the topic's predicate
                if cue.scope == "after" and cue.status in UNHELD_RANK and cue.cue in tail:
                    rank = UNHELD_RANK[cue.status]
                    if strongest is None or rank > strongest[0]:
                        strongest = (rank, cue.status, cue.cue)
        if strongest is not None:
            return strongest[1], f"modality:{strongest[2]}", True
        if background is not None:
            return Status.BACKGROUND, f"modality:{background}", True
        if self.language == "ja" and self._dictionary_form_after(trigger.end, end):
            return Status.PLANNED, "modality:dictionary_form", True
        if self.language == "ko" and self._future_after(trigger.end, end):
            return Status.PLANNED, "modality:future_adnominal", True  # 통화가 이뤄질 것"이라고 했다
        if held_cue is not None:
            return Status.HELD, f"modality:{held_cue}", True
        past = self._past_after(trigger.end, end)
        if past:
            return Status.HELD, "modality:past_tense", True
        if self.language == "ja" and not headline and self._noun_ends_sentence(trigger, end):
            return Status.HELD, "modality:noun_ending", True  # …と約1時間会談。: a sentence ended on the noun reports
        if headline:
            return Status.HELD, "modality:headline", False
        if self.language == "ja" and not self._verb_after(start, end) and "\n" not in self.text[start:end].strip():
            # 日米豪比4か国会談 左から/ヘグセス米国防長官、…: a line with no verb at all is a photo caption or a
            # title line, read as a headline is (the picture shows the talks)
            return Status.HELD, "modality:verbless_line", False
        if self.language == "ko" and past is None:  # no predicate of its own: "…과의 회담에서는"
            before = self.text[start : trigger.start]
            background_cue = next(
                (c.cue for c in self.lex.modality if c.status is Status.BACKGROUND and c.cue in before), None
            )
            if background_cue:  # a photo caption: 쇼이구 국방장관이 지난해 11월 … 화상통화를 하며 … 있다
                return Status.BACKGROUND, f"modality:{background_cue}", True
            return Status.HELD, None, False
        return Status.PLANNED, "modality:no_past_tense", False

    def _held_adnominal(self, left: int, position: int) -> str | None:
        """Japanese: a past of holding (行われた, 開かれた) that modifies the trigger's noun phrase, with no verb
        between them (前日に行われた日米の会談には): the talks are dated as held."""
        before = self.text[left:position]
        for word in self.lex.words("held_adnominal"):
            found = before.rfind(word)
            if found != -1 and not self._verb_after(left + found + len(word), position):
                return word
        return None

    def _topic_of_sentence(self, trigger, end: int) -> bool:
        """Japanese: the trigger noun is the sentence's topic (会合は, 会談は) and no other meeting trigger follows:
        the sentence's final predicate is about it, however far it comes."""
        if self.language != "ja" or not self.text.startswith("は", trigger.end):
            return False
        return not any(trigger.end <= h.start < end and h.is_("trigger") and self._meets(h) for h in self.hits)

    def _cue_in(self, cue: str, around: str) -> bool:
        """A cue in the text around a trigger; a Japanese quotative cue after a past (会談したと発表した) is about the
        announcement of talks held, not a plan (会談すると発表した)."""
        if self.language == "ko":  # 한미연합훈련 중단, 전작권 환수 등 … 논의했다: a topic in a list, not the talks'
            return any(
                not self._korean_topic(around, m.end()) and not self._plain_present(cue, around, m.end())
                for m in re.finditer(re.escape(cue), around)
            )
        if self.language != "ja" or not cue.startswith("と"):
            return cue in around
        return any(not around[:m.start()].endswith(("た", "だ")) for m in re.finditer(re.escape(cue), around))

    @staticmethod
    def _plain_present(cue: str, around: str, after: int) -> bool:
        """A Korean cue ending on the adnominal ㄴ (가진, 열린: held) that goes on as the plain present ending 다
        (회담을 가진다, 열린다): the copy's future, not the past."""
        return _final_consonant(cue[-1:]) == _NIEUN and around.startswith("다", after)

    def _korean_topic(self, around: str, after: int) -> bool:
        """A cue ending at ``after`` is an item of a list of topics: a list mark follows it, then a verb of
        discussing (``topic_verb``: 논의, 협의) comes later (연합훈련 중단, 전작권 환수 등 국방현안을 논의했다)."""
        rest = around[after:]
        if not re.match(r"\s*(?:[,·ㆍ]|등\b|및\b)", rest):
            return False
        return any(verb in rest for verb in self.lex.words("topic_verb"))

    def _verb_after(self, start: int, end: int) -> bool:
        first = bisect_left(self.token_starts, start)
        return any(
            tag.startswith(("動詞", "V"))
            for _s, _e, tag, _t in self.tokens[first : bisect_left(self.token_starts, end)]
        )

    def _other_event(self, hit) -> bool:
        """A trigger of no talks that is an event of its own (기자회견, 記者会見, 정상회담), not a place (회담장)."""
        entry = self.lex.triggers.get(hit.form)
        return entry is not None and not entry.meeting and hit.form in self.lex.words("other_event")

    def _meets(self, hit) -> bool:
        """A trigger of talks of their own (not a report verb such as 합의했다, which is about these)."""
        entry = self.lex.triggers.get(hit.form)
        return entry is not None and entry.meeting and entry.kind != "report"

    def _noun_ends_sentence(self, trigger, end: int) -> bool:
        """A body sentence that ends on the trigger noun (…と約1時間会談。) or on a verbal noun after it (会談し、
        協力の強化で一致。), not on a verb such as 会う."""
        rest = self.text[trigger.end : end].rstrip(" 。．.\n")
        last = self._token_index_before(trigger.end + len(rest))
        if last is None:
            return False
        tag = self.tokens[last][2]
        return tag.startswith("名詞") if not rest else tag.startswith("名詞-普通名詞-サ変可能")

    def _dictionary_form_after(self, start: int, end: int) -> bool:
        """会談する / 会談を行う / 会う: the verb right after a Japanese trigger in its dictionary form is a plan."""
        following = [t for t in self.tokens if start <= t[0] < end and not t[3].isspace()][:3]
        for _s, _e, tag, text in following:
            if text in {"を", "が", "に"}:
                continue
            return tag.startswith("動詞") and text in self.lex.words("future_verb")
        return False

    def _sentence_start(self, position: int) -> int:
        for a, b in self._sentences:
            if a <= position < b:
                return a
        return position

    def _future_after(self, start: int, end: int) -> bool:
        """Korean: the trigger's own predicate is a future adnominal (통화가 이뤄질 것, 회담할 예정), read before
        a past verb later in the sentence (…이라고 했다: the saying is past, not the talks)."""
        return self._past_after(start, end, future=True) is False and self._future_seen

    def _past_after(self, start: int, end: int, *, future: bool = False) -> bool | None:
        """The trigger's own predicate is in the past tense.

        Japanese: the auxiliary た after the trigger. Korean: the verbs after the trigger are read in
        order; a connective ending (회담하고, 만나) passes to the next verb, a past ending (했다, 열었다,
        열렸고) says held, and a quotation (참석한다고), a future adnominal (참석할 예정) or a plain present
        (열립니다, 갖는다) says it is not (yet) held. None: no predicate follows (a headline's noun phrase)."""
        following = [t for t in self.tokens if start <= t[0] < end]
        self._future_seen = False
        if self.language == "ja":  # 出た後に (after leaving) is no past of the talks: the plan's next step
            return any(
                tag.startswith("助動詞")
                and (text == "た" or (text == "だ" and k > 0 and following[k - 1][2].startswith("動詞")))  # 臨んだ
                and not _AFTER.match(self.text, e)
                for k, (_s, e, tag, text) in enumerate(following)
            )
        previous = ""
        joined = passed = False
        topic_nouns = self.lex.words("topic_noun")
        comma_after_joint = new_subject = False
        # 장관회의에서 안보 협력이 중요하다고 강조했다: the talks as the scene (에서) of a clause with its own subject
        scene = bool(following) and following[0][3] in self.lex.words("place_particle") and following[0][2] == "JKB"
        for k, (_s, _e, tag, text) in enumerate(following):
            parts = tag.split("+")
            before, previous = previous, text
            if "EP" in parts and not any(c in text for c in "겠"):
                return True
            if scene and not new_subject and "JKS" in parts:
                new_subject = True  # what was said there shares the sentence's final predicate, the talks' tense
                continue
            if scene and any(p.startswith(("V", "E", "XS")) for p in parts):
                scene = False  # 회의에서 논의한 …: the trigger's own verb comes first
            if comma_after_joint and not new_subject and "JKS" in parts:
                # 통화를 하고, 서방국가들이 … 제공할 것이라고 말했다: a clause with its own subject follows the
                # trigger's; the two share the sentence's final predicate, whose tense is the trigger's
                new_subject = True
            if new_subject:
                continue
            if joined and text == "," and not comma_after_joint and "EC" in following[k - 1][2]:
                comma_after_joint = True
                continue
            if "ETM" in parts:
                after = following[k + 1][3] if k + 1 < len(following) else ""
                if passed and after in topic_nouns:
                    continue  # 회담을 열어 … 강화할 방안 등을 논의했습니다: the ways discussed, the verb comes later
                if _final_consonant(text[-1:]) == _RIEUL:
                    self._future_seen = future
                    return False  # 할, 열릴: what will be
                continue  # 대한, 합의한 내용을: a modifier, the predicate comes later
            if "EF" in parts:
                if text.startswith("있") or before == "있":
                    return None  # 만나 … 기념 촬영을 하고 있다: a photo caption, neither past nor a plan
                return False  # 열립니다, 갖는다
            if "EC" in parts and text.endswith("라고") and before in self.lex.words("request_verb") and joined:
                continue  # 회담하고, … 해 달라고 요청했습니다: the next clause's request quotes what is asked
            if "EC" in parts and text.endswith(("고", "며")) and not text.endswith(("다고", "라고")):
                joined = True  # 회담하고: the trigger's clause ends, the next one begins
            if "EC" in parts and not text.endswith(("다고", "라고", "다며", "겠다고")):
                passed = True  # 열어, 하고: a connective; a modifier after it is no longer the trigger's own
            if "EC" in parts and text.endswith(("다고", "라고", "다며", "겠다고")):
                return False
        if new_subject:
            return self._final_predicate_past(following)
        return None

    def _korean_next_clause(self, start: int, end: int) -> int:
        """Where a clause with its own subject begins after the trigger's, joined by a connective and a comma
        (통화를 하고, 서방국가들이 …); ``end`` if none does."""
        following = [t for t in self.tokens if start <= t[0] < end]
        for k in range(1, len(following)):
            _s, _e, tag, text = following[k]
            if text != "," or not following[k - 1][2].endswith("EC") or not following[k - 1][3].endswith("고"):
                continue
            for _s2, _e2, tag2, _t2 in following[k + 1 :]:
                parts = tag2.split("+")
                if "JKS" in parts:
                    return following[k][0]
                if any(p.startswith(("V", "E")) for p in parts):
                    break
            break
        return end

    @staticmethod
    def _final_predicate_past(following: list) -> bool | None:
        """The tense of a sentence's final predicate: the past ending (했, 었) in the tokens before its last final
        ending (말했다); None without one."""
        finals = [k for k, (_s, _e, tag, _t) in enumerate(following) if "EF" in tag.split("+")]
        if not finals:
            return None
        last = finals[-1]
        window = following[max(0, last - 3) : last]
        return any("EP" in tag.split("+") and "겠" not in text for _s, _e, tag, text in window)

    # -- the article -----------------------------------------------------------------------------
    def verdict(self) -> Verdict:
        self._sentences = sentences(self.text, self.lex.words("sentence_final"))
        readings = []
        named: list[str] = []
        for number, (start, end) in enumerate(self._sentences):
            reading = self.read(start, end, number == 0, named)
            if reading.status is not None:
                readings.append(reading)
        _headline_rules(readings, self._sentences[0] if self._sentences else (0, 0), self.unheld_without_sides)
        self.readings = readings
        held = [r for r in readings if r.status is Status.HELD]
        unheld = [r for r in readings if r.status in UNHELD_RANK]
        host_party = self._host(held, readings)
        host = host_party.country if host_party else None
        # a held meeting the host takes no part in is someone else's (これに先立ち、ミラー氏は英国、フランス…と電話会談)
        held = [r for r in held if host is None or host in r.countries]
        parties: dict[str, Party] = {}
        first_seen: dict[str, Reading] = {}
        for reading in sorted(held, key=lambda r: r.start == 0):  # the body names people fuller than a headline
            for code in reading.countries:
                if code == host:
                    continue
                party = parties.setdefault(code, Party(code))
                first_seen.setdefault(code, reading)
                self._complete(party, reading)
        meetings: list[MeetingDraft] = []
        multilateral = [r for r in held if r.kind == "multilateral"]
        bilateral = [c for c in parties if not all(c in r.countries for r in multilateral) or not multilateral]
        for code in bilateral:
            mine = [r for r in held if code in r.countries]
            mine.sort(key=lambda r: (len(set(r.countries) - {host}), r.start == 0))
            location, event = self._where(mine)
            meetings.append(
                MeetingDraft([parties[code]], mine[0].kind, location, event, evidence=[self._sentence(r) for r in mine])
            )
        for reading in multilateral:
            codes = [c for c in reading.countries if c != host and c not in bilateral]
            if codes:
                location, event = self._where([reading])
                meetings.append(
                    MeetingDraft(
                        [parties[c] for c in codes], "multilateral", location, event, evidence=[self._sentence(reading)]
                    )
                )
        meetings += self._unheld(unheld, host, parties)
        for party in parties.values():  # 길버트 테오도로 필리핀 국방장관과 … 논의, then 두 장관은 … 회담
            if party.name is None:
                earlier = next((n for n, c in self.people.items() if c == party.country), None)
                party.name = self._full_name(earlier, party.country)
        counterparts = sorted(parties)
        is_meeting = bool(counterparts)
        if is_meeting:
            score = round(min(0.99, 0.6 + 0.1 * min(3, len(held)) + (0.05 if host else 0.0)), 2)
        else:
            score = 0.25 if unheld else (0.1 if readings else 0.0)
        return Verdict(is_meeting, score, host, host_party, counterparts, meetings)

    def _where(self, readings: list[Reading]) -> tuple[str | None, str | None]:
        """The meeting's place and forum: the first of its sentences (own sentence first) that names each."""
        location = event = None
        for reading in readings:
            if location is None:
                found = self.places.location(reading.start, reading.end, reading.trigger_at)
                location = found.text if found else None
            if event is None:
                forum = self.places.event(reading.start, reading.end)
                event = forum.text if forum else None
        return location, event

    def _complete(self, party: Party, reading: Reading) -> None:
        for side in reading.sides:
            if side.principal and (side.country or self.domestic) == party.country:
                party.name = self._full_name(_fuller(party.name, side.name), party.country)
                party.role = party.role or side.role

    def _full_name(self, name: str | None, country: str | None) -> str | None:
        """The fullest writing of a principal the story writes anywhere (as read, or as in ``principals.tsv``):
        노 → 노광철, 中谷 → 中谷元 (中谷元防衛相 reads as 中谷 + 元, "former", to the tokenizer)."""
        if not name:
            return name
        written = [(k, c) for k, c in self.lex.principals.items() if k in self.text]  # a known name the story writes
        for known, code in [*self.people.items(), *written]:
            if code == country and len(known) > len(name) and name in _short_forms(known) + [known[: len(name)]]:
                return known
        return name

    def _unheld(self, readings: list[Reading], host: str | None, held: dict[str, Party]) -> list[MeetingDraft]:
        drafts: list[MeetingDraft] = []
        for reading in readings:
            codes = [c for c in reading.countries if c != host]
            if not codes:
                continue
            same = next(
                (d for d in drafts if d.status is reading.status and [p.country for p in d.counterparts] == codes), None
            )
            if same is not None:
                same.evidence.append(self._sentence(reading))
                continue
            parties = []
            for code in codes:
                party = Party(code, held[code].name if code in held else None)
                self._complete(party, reading)
                parties.append(party)
            kind = "multilateral" if len(codes) > 1 and reading.kind == "multilateral" else reading.kind
            drafts.append(
                MeetingDraft(
                    parties,
                    kind,
                    None,
                    None,
                    reading.status,  # type: ignore[arg-type]
                    [self._sentence(reading)],
                )
            )
        return drafts

    def _host(self, held: list[Reading], readings: list[Reading]) -> Party | None:
        """The story's own country when its principal is in a held meeting; else the first sentence's subject."""
        domestic = self.domestic
        chosen: str | None = None
        if held:
            trusted = self.domestic_known or self.lex.info.home_outlets
            if trusted and any(domestic in r.countries for r in held):
                chosen = domestic
            else:
                # a story told as a ministry's announcement is framed around its minister (ロシア国防省は…国防相が)
                lede = next((r for r in held if "ministry_subject" in r.rules), held[0])
                subject = next((s for s in lede.sides if s.principal), None)
                own_in_lede = domestic in lede.countries and self.domestic_known
                if subject and self._partner_of_noun(subject) and not own_in_lede:
                    # ドイツ国防相との会談で…~米国防長官が発表~: the partner comes first, the subject is the other side
                    subject = next((s for s in lede.sides if s.principal and not self._partner(s)), subject)
                chosen = (subject.country or domestic) if subject else lede.countries[0]
                if subject and self._partner(subject) and domestic in lede.countries and chosen != domestic:
                    chosen = domestic  # 英国の…国防大臣との間で、日英防衛相会談を行いました: the writer's
                if "implied_subject" in lede.rules:  # …国防大臣と防衛相会談を行いました: the own minister's
                    chosen = lede.countries[0]
                announcer = self._announcing_government(lede)
                if announcer in lede.countries and not own_in_lede:
                    chosen = announcer  # ベトナム政府は、…国防大臣を招き…会談を開いたと発表した: the government's story
                elif lede.kind == "multilateral" and "modality:verbless_line" in lede.rules:
                    # a caption's list of four ministers names no subject: the headline's minister frames the story
                    chosen = self._headline_subject(lede.countries) or chosen
        else:
            titles = [h for h in self.hits if h.is_("title") and self.lex.titles[h.form].kind == PRINCIPAL]
            if not titles:
                return None
            any_sides = [s for r in readings for s in r.sides if s.principal] or self._sides_at(titles[0])
            if any_sides:
                chosen = any_sides[0].country or domestic
            else:
                title = self.lex.titles[titles[0].form]
                chosen = title.country or domestic
        if chosen is None:
            return None
        party = Party(chosen)
        for reading in sorted(held or readings, key=lambda r: r.start == 0):
            for side in reading.sides:
                if side.principal and (side.country or domestic) == chosen:
                    party.name = self._full_name(_fuller(party.name, side.name), chosen)
                    party.role = party.role or side.role
        return party

    def _headline_subject(self, countries: list[str]) -> str | None:
        """The country of the principal the headline opens with (小泉防衛相、就任3週で初外遊), when it is one of
        ``countries``."""
        if not self._sentences:
            return None
        start, end = self._sentences[0]
        title = next((h for h in self.hits if start <= h.start < end and h.is_("title")), None)
        if title is None or self.lex.titles[title.form].kind != PRINCIPAL:
            return None
        sides = self._sides_at(title)
        code = (sides[0].country or self.domestic) if sides else None
        return code if code in countries else None

    def _announcing_government(self, reading: Reading) -> str | None:
        """The country whose government opens the sentence as its topic (ベトナム政府は、…, 베트남 정부는 …): a
        third-country story told as that government's announcement is framed around its side."""
        first = next((h for h in self.hits if reading.start <= h.start < reading.end), None)
        if first is None or not first.is_("country") or self.text[reading.start : first.start].strip():
            return None
        entry = self.lex.countries[first.form]
        if entry.kind not in {"name", "abbr"} or len(entry.codes) != 1:
            return None
        rest = self.text[first.end : first.end + 6].lstrip(" の")
        for word in self.lex.words("government_word"):
            if rest.startswith(word) and rest[len(word) :].startswith(tuple(self.lex.words("topic_particle"))):
                return entry.codes[0]
        return None

    def _sides_at(self, title) -> list[Side]:
        """The principals of the sentence a title sits in (쑨젠궈 부참모장, 한민구 한국 국방장관과 회담: KR, not
        the outlet's country, is the principal a story without a meeting is about)."""
        start, end = next(((a, b) for a, b in self._sentences if a <= title.start < b), (0, len(self.text)))
        inside = [i for i, h in enumerate(self.hits) if start <= h.start < end]
        sides, _rules = self._sides(inside[0], inside[-1] + 1, start)
        return [s for s in sides if s.principal]

    def _sentence(self, reading: Reading) -> Sentence:
        raw = self.text[reading.start : reading.end]
        text = raw.strip()
        start = reading.start + (len(raw) - len(raw.lstrip()))
        return Sentence(text, start, start + len(text), tuple(reading.rules))


def _kana_key(name: str) -> str | None:
    """A katakana name without its voicing marks, long vowels and dots (マールズ and マールス are マルス)."""
    if not _KATAKANA.match(name):
        return None
    plain = "".join(c for c in unicodedata.normalize("NFD", name) if c not in "\u3099\u309a・ー･")
    return unicodedata.normalize("NFC", plain)


def _not_after(short: str) -> str:
    """A look-behind keeping a short name whole: no letter of its own script before it (平安氏 is no 安氏,
    but で河野氏 is 河野氏)."""
    first = short[:1]
    for script in (_KANJI, _HANGUL, _KATAKANA):
        if script.match(first):
            return rf"(?<![{script.pattern[2:-3]}])"
    return r"(?<![\w])"


def _short_forms(name: str) -> list[str]:
    """How a story refers back to a principal: the whole name, a katakana name's last part (マールズ),
    a kanji name's surname (河野 of 河野太郎, 安 of 安圭伯)."""
    forms = [name]
    if "・" in name:
        forms.append(name.rsplit("・", 1)[1])
    elif " " in name:  # 로이드 오스틴 -> 오스틴, 안드레이 벨로우소프 -> 벨로우소프
        forms.append(name.rsplit(" ", 1)[1])
    elif _KANJI.match(name) and len(name) >= 3:
        forms.append(name[:2] if len(name) >= 4 else name[:1])
    elif _HANGUL.match(name) and len(name) == 3:  # 김용현 -> 김 (김 장관)
        forms.append(name[:1])
    elif _HANGUL.match(name) and len(name) == 4:  # a Chinese name in Hangul: 웨이펑허 -> 웨이 (웨이 부장)
        forms += [name[:2], name[:1]]
    return list(dict.fromkeys(f for f in forms if f))


def _fuller(known: str | None, other: str | None) -> str | None:
    """The fuller of two writings of one name: 木原稔 over the headline's 木原, リチャード・マールズ over マールズ."""
    if not known or not other:
        return known or other
    return other if len(other) > len(known) and (known in other or other in known) else known


def _headline_rules(readings: list[Reading], headline: tuple[int, int], unheld_elsewhere: list[Status]) -> None:
    """A headline without tense ("한미일 국방장관 회의 28일 도쿄서 개최") is held only if the body does not say
    otherwise; a headline that says postponed or called off ("日米「2+2」急きょ先送りに") is the news, and the
    body's account of the plan (出席し…合意していました) is not a meeting held."""
    top = next((r for r in readings if r.start == headline[0]), None)
    body = [r for r in readings if r is not top]
    if top is None:
        return
    if top.status is Status.HELD and top.implicit:
        same = [r for r in body if set(r.countries) & set(top.countries)]
        if same and not any(r.status is Status.HELD for r in same):
            top.status = same[0].status
        elif not same and unheld_elsewhere:  # 남북 국방장관 … 회담 over a body's 국방장관회담을 … 갖기로 합의
            top.status = unheld_elsewhere[0]
            top.rules.append("modality:body_says_" + str(top.status))
    elif top.status in {Status.POSTPONED, Status.CANCELLED, Status.DENIED}:
        for reading in body:
            if reading.status is Status.HELD and set(reading.countries) <= set(top.countries):
                reading.status = top.status
                reading.rules.append("modality:headline_says_" + str(top.status))
