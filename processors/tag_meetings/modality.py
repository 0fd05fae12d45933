"""Did a reported meeting take place? Tense, plans, negation and cancellation around a trigger phrase.

Wire copy reports a meeting that took place in the past tense ("met", "held talks") or in
headline present ("holds talks"); a planned one with a future or intention word in front of the
trigger ("will meet", "is set to hold talks", "plans to visit", "to meet" in a headline); and one
that did not happen with a negation in front ("did not meet", "no talks", "denied meeting") or a
cancellation around it ("the talks were postponed"). The phrases, each with the status it gives a
meeting, are ``data/<lang>/modality.tsv``; the context words the window logic reads are
``modality_context.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from newswatch.processors.tag_meetings.kinds import (
    PLACE_AFTER,
    PLACE_BEFORE,
    STATUS_BACKGROUND,
    STATUS_HELD,
    STATUS_PLANNED,
    Status,
)
from newswatch.processors.tag_meetings.lexicon import Lexicon

_WINDOW_BEFORE = 10
_WINDOW_AFTER = 10


@dataclass(frozen=True)
class Reading:
    """What a trigger reports, and why: the rule that decided it (``modality.before:will`` ...)."""

    status: Status
    rule: str | None = None

    @property
    def held(self) -> bool:
        return self.status is STATUS_HELD


HELD = Reading(STATUS_HELD)


class Modality:
    def __init__(self, lexicon: Lexicon):
        self.before: dict[str, Status] = {}
        self.after: list[tuple[tuple[str, ...], Status]] = []
        self.sentence: list[tuple[tuple[str, ...], Status]] = []
        for rule in lexicon.modality:
            if rule.place is PLACE_BEFORE:
                self.before.setdefault(" ".join(rule.words), rule.status)
            elif rule.place is PLACE_AFTER:
                self.after.append((rule.words, rule.status))
            else:
                self.sentence.append((rule.words, rule.status))
        self.words = lexicon.modality_words
        self.months = lexicon.months
        self.conjunction = lexicon.function_words.conjunction
        self.infinitive = lexicon.function_words.infinitive

    def _to_plan_verb(self, doc: Doc, i: int, start: int) -> bool:
        """Is token ``i`` the *to* of "to attend", "to host" before a meeting noun? Not "to be attending the
        meeting" (a progressive: he is there now)."""
        if doc[i].lower_ not in self.infinitive or i + 1 >= start or doc[i + 1].lower_ not in self.words.plan_verb:
            return False
        return not (i + 2 < start and doc[i + 2].lower_.endswith("ing"))

    def _future_sentence(self, doc: Doc, start: int, sent: Span) -> bool:
        """Is a noun trigger the object of a future clause ("will travel to Annapolis, Maryland, for talks")?"""
        i = start - 1
        while i >= sent.start:
            word = doc[i].lower_
            if word in self.words.reporting:
                return False
            if word in self.words.future and not self._reported_content(doc, i, sent):
                return True
            i -= 1
        return False

    def read(self, doc: Doc, start: int, end: int, sent: Span, noun: bool) -> Reading:
        """What the trigger ``doc[start:end]`` reports: a meeting held, or one planned, called off, denied ..."""
        words = self.words
        progressive = self._progressive_future(doc, start, end, sent)
        if progressive is not None:
            return progressive
        adjacent = True
        i = start - 1
        steps = 0
        planned: Reading | None = None  # "to meet" plans, unless "declined to meet" denies: look on
        while i >= sent.start:
            word = doc[i].lower_
            if word in words.boundary:
                if planned is not None:
                    return planned
                if word in words.background_clause and any(t.lower_ in words.negation for t in doc[sent.start : i]):
                    return Reading(STATUS_BACKGROUND, f"modality.background_clause:{word}")
                if word in words.relative and not noun and adjacent:
                    return Reading(STATUS_BACKGROUND, f"modality.relative:{word}")
                break
            if steps >= _WINDOW_BEFORE:
                if planned is not None:
                    return planned
                if word in words.future:  # "will travel to Washington next week to hold the ... Meeting"
                    return Reading(STATUS_PLANNED, f"modality.future:{word}")
            elif _inside_hyphenation(doc, i, sent):
                pass  # the "to" of "face-to-face talks" is no "to meet"
            elif word in self.infinitive and i + 1 < start and doc[i + 1].lower_ in words.determiner:
                pass  # "referring to the meeting": a preposition, not "to meet"
            elif word in self.infinitive and i > sent.start and doc[i - 1].lower_ in words.realized_infinitive:
                pass  # "took the chance to speak with", "used the occasion to meet": done, not planned
            elif word in self.infinitive and i + 1 == start and self._realized_motion(doc, i, sent):
                pass  # "travelled to Berlin to meet his counterpart", "his trip to meet Hegseth": the trip was made
            elif noun and self._to_plan_verb(doc, i, start):
                # "Minister of Defence Häkkänen to attend NATO defence minister meeting": a headline's plan
                planned = planned or Reading(STATUS_PLANNED, f"modality.to_plan_verb:{doc[i + 1].lower_}")
            elif word in self.before and (adjacent or word not in words.adjacent_only):
                found = Reading(self.before[word], f"modality.before:{word}")
                if found.status is not STATUS_PLANNED:
                    return found
                planned = planned or found
            if word not in words.skippable and not _inside_hyphenation(doc, i, sent):
                adjacent = False
            i -= 1
            steps += 1
        if planned is not None:
            return planned
        if noun and self._future_sentence(doc, start, sent):
            return Reading(STATUS_PLANNED, "modality.future_clause")
        if not noun and self._coordinated(doc, start, sent) and self._future_clause(doc, start, sent):
            return Reading(STATUS_PLANNED, "modality.coordinated_future")  # "is due to visit Japan and meet ..."
        if noun:
            after = [t.lower_ for t in doc[end : min(sent.end, end + _WINDOW_AFTER)]]
            # "After meeting his counterpart, Dendias said that we would ...": what follows "said" is his words
            cut = next((k for k, w in enumerate(after) if w in self.words.reporting), len(after))
            after = after[:cut]
            for phrase, status in self.after:
                if _contains(after, phrase):
                    return Reading(status, f"modality.after:{' '.join(phrase)}")
            tokens = [t.lower_ for t in sent]
            for phrase, status in self.sentence:
                if _contains(tokens, phrase):
                    return Reading(status, f"modality.sentence:{' '.join(phrase)}")
        return HELD

    def _realized_motion(self, doc: Doc, i: int, sent: Span) -> bool:
        """Is the "to" at ``i`` the purpose of a trip made, a past motion verb or a trip noun before it in the clause
        ("travelled to Berlin to meet", "His trip to meet ... comes after"), with no future or plan word before it
        ("will travel to Berlin to meet", "his planned trip to meet")?"""
        k = i - 1
        found = False
        while k >= sent.start and doc[k].lower_ not in self.words.boundary:
            word = doc[k].lower_
            planning = word in self.words.future or (word in self.before and self.before[word] is not STATUS_HELD)
            if planning and word not in self.infinitive:
                return False
            if word in self.words.realized_motion:
                found = True
            k -= 1
        if found and any(t.lower_ in self.words.recalled_time for t in doc[sent.start : i]):
            return False  # "Earlier this month, Nakatani flew to Jakarta to meet Sjafrie": a trip recalled, not news
        return found

    def _future_clause(self, doc: Doc, start: int, sent: Span) -> bool:
        """Does a future word lead the trigger's own clause ("is due to visit Japan next week and meet")?
        A comma ends the look: in "announced plans to ..., and later met" the meeting took place."""
        i = start - 1
        while i >= sent.start and doc[i].lower_ not in self.words.boundary:
            word = doc[i].lower_
            if word in self.words.reporting:
                return False
            if word in self.words.future and not self._reported_content(doc, i, sent):
                return True
            i -= 1
        return False

    def _coordinated(self, doc: Doc, start: int, sent: Span) -> bool:
        """Is the verb trigger the second of two coordinated verbs ("visit Japan next week and meet")?"""
        i = start - 1
        while i >= sent.start and doc[i].lower_ in self.words.skippable:
            i -= 1
        return i >= sent.start and doc[i].lower_ in self.conjunction

    def _progressive_future(self, doc: Doc, start: int, end: int, sent: Span) -> Reading | None:
        """A present progressive with a future time after it is a plan: "He is meeting Hegseth in Washington
        on Thursday"."""
        if start <= sent.start or doc[start - 1].lower_ not in self.words.progressive:
            return None
        if not doc[start].lower_.endswith("ing"):
            return None
        if any(t.lower_ in self.words.future_time for t in doc[end : sent.end]):
            return Reading(STATUS_PLANNED, f"modality.progressive_future:{doc[start - 1].lower_}")
        return None

    def dated_long_before(self, doc: Doc, end: int, sent: Span) -> bool:
        """Is the meeting ending at ``end`` dated months or years before the story ("held a video call in
        September" in a May story, "met in 2023")? Such a meeting is background, not the news."""
        published = doc.user_data.get("newswatch_published")
        if not published:
            return False
        year, month = published
        window = [t for t in doc[end : min(sent.end, end + 8)]]
        for k, token in enumerate(window[:-1]):
            if token.lower_ not in self.words.date_cue:
                continue
            nxt = window[k + 1]
            if nxt.like_num and len(nxt.text) == 4 and nxt.text.isdigit():
                return int(nxt.text) < year
            named = self.months.get(nxt.lower_.rstrip("."))
            if named is not None and nxt.text[:1].isupper():
                after = window[k + 2] if k + 2 < len(window) else None
                if after is not None and after.text.isdigit() and len(after.text) == 4:
                    return (year - int(after.text)) * 12 + month - named >= 2
                return (month - named) % 12 >= 2
        return False

    def _reported_content(self, doc: Doc, i: int, sent: Span) -> bool:
        """Is the future word at ``i`` part of what someone said rather than the meeting's own plan?

        In "Hegseth told Dong that Washington would defend its interests, in their first meeting" the
        meeting took place; "Austin said he would travel to Tokyo for talks" still plans one.
        """
        if not any(t.lower_ in self.words.reporting for t in doc[sent.start : i]):
            return False
        following = [t.lower_ for t in doc[i + 1 : min(sent.end, i + 4)]]
        return not any(word in self.words.plan_verb for word in following)


def _inside_hyphenation(doc: Doc, i: int, sent: Span) -> bool:
    """A word joined by hyphens on both sides ("face-to-face", "one-on-one") is part of a modifier."""
    return sent.start < i < sent.end - 1 and doc[i - 1].text == "-" and doc[i + 1].text == "-"


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))
