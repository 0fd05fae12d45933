"""Is a reported meeting real? Tense, plans, negation and cancellation around a trigger phrase.

Wire copy reports a meeting that took place in the past tense ("met", "held talks") or in
headline present ("holds talks"); a planned one with a future or intention word in front of the
trigger ("will meet", "is set to hold talks", "plans to visit", "to meet" in a headline); and one
that did not happen with a negation in front ("did not meet", "no talks", "denied meeting") or a
cancellation around it ("the talks were postponed"). The word lists are ``data/modality.tsv``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

#: The window before a trigger stops at a clause boundary.
_BOUNDARIES = frozenset(
    {
        ",",
        ";",
        ":",
        "(",
        ")",
        "--",
        "—",
        "–",
        "who",
        "which",
        "where",
        "when",
        "while",
        "after",
        "since",
        "as",
    }
)
#: Words that only count when they stand right before the trigger ("to meet", "no talks").
_ADJACENT_ONLY = frozenset({"to", "no", "next", "future", "possible", "potential", "may", "set", "due"})
_SKIPPABLE = frozenset(
    {
        "also",
        "again",
        "later",
        "then",
        "first",
        "formally",
        "separately",
        "personally",
        "a",
        "an",
        "the",
        "his",
        "her",
        "their",
        "bilateral",
        "back",
        "-",
        "face",
        "virtually",
        "directly",
        "briefly",
        "soon",
        "hold",
        "have",
        "be",
        "hosting",
        "host",
    }
)
_RELATIVE = frozenset({"who", "which"})
_BACKGROUND = frozenset({"when", "since", "after"})
_NEGATIONS = frozenset({"not", "n't", "never", "no", "yet"})
_WINDOW_BEFORE = 10
_WINDOW_AFTER = 10


class Modality:
    def __init__(self, phrases: dict[str, list[str]]):
        self.before = frozenset(phrases.get("before", []))
        self.after = [tuple(p.split()) for p in phrases.get("after", [])]
        self.sentence = [tuple(p.split()) for p in phrases.get("sentence", [])]

    @staticmethod
    def _future_sentence(doc: Doc, start: int, sent: Span) -> bool:
        """Is a noun trigger the object of a future clause ("will travel to Annapolis, Maryland, for talks")?"""
        i = start - 1
        while i >= sent.start:
            word = doc[i].lower_
            if word in _REPORTING:
                return False
            if word in _FUTURE and not _reported_content(doc, i, sent):
                return True
            i -= 1
        return False

    def is_real(self, doc: Doc, start: int, end: int, sent: Span, noun: bool) -> bool:
        """False when the trigger ``doc[start:end]`` reports a meeting that is planned, hypothetical or off."""
        adjacent = True
        i = start - 1
        steps = 0
        while i >= sent.start:
            word = doc[i].lower_
            if word in _BOUNDARIES:
                if word in _BACKGROUND and any(t.lower_ in _NEGATIONS for t in doc[sent.start : i]):
                    return False  # "has not met X since 2022, when he met Y": background, not news
                if word in _RELATIVE and not noun and adjacent:
                    return False  # "Austin, who met Kihara last week, held talks with ...": background
                break
            if steps >= _WINDOW_BEFORE:
                if word in _FUTURE:  # "will travel to Washington next week to hold the annual ... Meeting"
                    return False
            elif _inside_hyphenation(doc, i, sent):
                pass  # the "to" of "face-to-face talks" is no "to meet"
            elif word in self.before and (adjacent or word not in _ADJACENT_ONLY):
                return False
            if word not in _SKIPPABLE and not _inside_hyphenation(doc, i, sent):
                adjacent = False
            i -= 1
            steps += 1
        if noun and self._future_sentence(doc, start, sent):
            return False
        if noun:
            after = [t.lower_ for t in doc[end : min(sent.end, end + _WINDOW_AFTER)]]
            if any(_contains(after, phrase) for phrase in self.after):
                return False
            words = [t.lower_ for t in sent]
            if any(_contains(words, phrase) for phrase in self.sentence):
                return False
        return True


_FUTURE = frozenset(
    {
        "will",
        "'ll",
        "would",
        "shall",
        "plans",
        "planned",
        "planning",
        "scheduled",
        "slated",
        "expected",
        "upcoming",
        "intends",
        "hopes",
        "seeks",
        "due",
        "travel",
        "travels",
    }
)
_REPORTING = frozenset({"said", "says", "told", "added", ";"})


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


def dated_long_before(doc: Doc, end: int, sent: Span) -> bool:
    """Is the meeting ending at ``end`` dated months or years before the story ("held a video call in
    September" in a May story, "met in 2023")? Such a meeting is background, not the news."""
    published = doc.user_data.get("newswatch_published")
    if not published:
        return False
    year, month = published
    window = [t for t in doc[end : min(sent.end, end + 8)]]
    for k, token in enumerate(window[:-1]):
        if token.lower_ not in {"in", "last"}:
            continue
        nxt = window[k + 1]
        if nxt.like_num and len(nxt.text) == 4 and nxt.text.isdigit():
            return int(nxt.text) < year
        named = _MONTHS.get(nxt.lower_.rstrip("."))
        if named is not None and nxt.text[:1].isupper():
            after = window[k + 2] if k + 2 < len(window) else None
            if after is not None and after.text.isdigit() and len(after.text) == 4:
                return (year - int(after.text)) * 12 + month - named >= 2
            return (month - named) % 12 >= 2
    return False


def _inside_hyphenation(doc: Doc, i: int, sent: Span) -> bool:
    """A word joined by hyphens on both sides ("face-to-face", "one-on-one") is part of a modifier."""
    return sent.start < i < sent.end - 1 and doc[i - 1].text == "-" and doc[i + 1].text == "-"


def _reported_content(doc: Doc, i: int, sent: Span) -> bool:
    """Is the future word at ``i`` part of what someone said rather than the meeting's own plan?

    In "Hegseth told Dong that Washington would defend its interests, in their first meeting" the
    meeting took place; "Austin said he would travel to Tokyo for talks" still plans one.
    """
    if not any(t.lower_ in _REPORTING for t in doc[sent.start : i]):
        return False
    following = [t.lower_ for t in doc[i + 1 : min(sent.end, i + 4)]]
    return not any(word in _PLAN_VERBS for word in following)


_PLAN_VERBS = frozenset(
    {"travel", "visit", "meet", "hold", "host", "attend", "go", "fly", "be", "have", "seek", "call", "join", "talk"}
)


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))
