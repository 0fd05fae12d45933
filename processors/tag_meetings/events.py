"""``newswatch_events_v1``: names of forums and meetings ("the 13th Seoul Defense Dialogue").

An event is a run of capitalised words (with an optional ordinal in front) that ends in a head
word from ``data/<lang>/event_heads.txt`` (joiners and trimmed words: ``text_marks.tsv``). A
country word inside an event names the venue, never a participant, so later components skip
country mentions that fall inside one.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from newswatch.processors.tag_meetings.lexicon import DEFAULT_RULES, load_lexicon
from newswatch.processors.tag_meetings.mentions import EventMention

_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$")


def _capitalised(token: Token) -> bool:
    return bool(token.text) and (token.text[0].isupper() or token.text.isupper()) and not token.is_punct


def _is_headline(doc: Doc, start: int, end: int) -> bool:
    words = [t for t in doc[start:end] if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(t.text[0].isupper() for t in words) / len(words) >= 0.9


class EventFinder:
    def __init__(self, name: str, data_dir: str):
        self.name = name
        lex = load_lexicon(data_dir)
        self.heads = lex.event_heads
        self.joiners = lex.marks.event_joiner
        self.noise = lex.marks.event_noise

    def __call__(self, doc: Doc) -> Doc:
        events: list[EventMention] = []
        for sent in doc.sents:
            if _is_headline(doc, sent.start, sent.end):
                continue
            for token in sent:
                if token.text not in self.heads or token.i == sent.start:
                    continue
                start = token.i
                i = token.i - 1
                while i >= sent.start:
                    prev = doc[i]
                    if (
                        _capitalised(prev)
                        or _ORDINAL.match(prev.text)
                        or prev.text in self.joiners
                        and i - 1 >= sent.start
                        and _capitalised(doc[i - 1])
                    ):
                        start = i
                    else:
                        break
                    i -= 1
                while start < token.i and doc[start].text in self.noise:
                    start += 1
                if token.i - start >= 1:
                    events.append(EventMention(start, token.i + 1, doc[start : token.i + 1].text))
        # "Japan-Philippines Defense Ministerial Meeting" also ends in "Ministerial": keep the longest
        longest: dict[int, EventMention] = {}
        for event in events:
            if event.start not in longest or event.end > longest[event.start].end:
                longest[event.start] = event
        doc._.nw_events = sorted(longest.values(), key=lambda e: e.start)
        return doc


@Language.factory("newswatch_events_v1", default_config={"data_dir": str(DEFAULT_RULES)}, assigns=["doc._.nw_events"])
def make_event_finder(nlp: Language, name: str, data_dir: str) -> EventFinder:
    return EventFinder(name, data_dir)
