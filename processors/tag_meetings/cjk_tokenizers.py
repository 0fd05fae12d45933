"""Tokenizers for Japanese (SudachiPy) and Korean (kiwipiepy) that give spaCy a ``Doc`` of morphemes.

Each morpheme becomes a token whose text is exactly the characters it covers, so the ``Doc`` text is
the article's text; ``token.tag_`` is the analyser's part of speech (Sudachi's joined POS such as
``名詞-固有名詞-人名``, Kiwi's Sejong tag such as ``NNP``). Kiwi may give two morphemes for one
syllable (했 = 하 + 었): the tokens are then the union of the overlapping spans, tagged with both.

The analysers load their dictionaries once per process (Sudachi maps ~200 MB, Kiwi ~300 MB RSS), on
the first use, not at import; every pipeline of the process shares them. Registered in spaCy's
``tokenizers`` registry, so a rules folder's ``language.json`` names them in its ``tokenizer`` block.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab


@lru_cache(maxsize=4)
def sudachi(split_mode: str) -> Any:
    """One Sudachi tokenizer (core dictionary) per split mode and process."""
    from sudachipy import Dictionary, SplitMode

    return Dictionary(dict="core").tokenizer(getattr(SplitMode, split_mode))


@lru_cache(maxsize=1)
def kiwi() -> Any:
    """One Kiwi analyser per process (its model ships in the kiwipiepy-model wheel)."""
    from kiwipiepy import Kiwi

    return Kiwi()


def _doc(vocab: Vocab, text: str, spans: list[tuple[int, int, str]]) -> Doc:
    """A Doc over ``text`` whose tokens are ``spans`` (start, end, tag); a single space after a token
    becomes its ``whitespace_``, any other skipped characters (newlines, runs of spaces) a token of their own."""
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []

    def gap(chunk: str) -> None:
        if chunk == " " and words and not spaces[-1]:
            spaces[-1] = True
            return
        words.append(chunk)
        spaces.append(False)
        tags.append("_SP" if chunk.isspace() else "X")

    position = 0
    for start, end, tag in spans:
        if start > position:
            gap(text[position:start])
        words.append(text[start:end])
        spaces.append(False)
        tags.append(tag)
        position = end
    if position < len(text):
        gap(text[position:])
    doc = Doc(vocab, words=words, spaces=spaces)
    for token, tag in zip(doc, tags, strict=True):
        token.tag_ = tag
    return doc


def _merged(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping or empty morpheme spans joined into one token (했 = 하/XSV+었/EP)."""
    merged: list[tuple[int, int, str]] = []
    for start, end, tag in sorted(spans, key=lambda s: (s[0], s[1])):
        if merged and start < merged[-1][1]:
            first_start, first_end, first_tag = merged[-1]
            merged[-1] = (first_start, max(first_end, end), f"{first_tag}+{tag}")
        elif end > start:
            merged.append((start, end, tag))
    return merged


class SudachiTokenizer:
    """SudachiPy morphemes as spaCy tokens (split mode C keeps 防衛大臣, 防衛省, 国防相 whole)."""

    def __init__(self, vocab: Vocab, split_mode: str = "C"):
        self.vocab = vocab
        self.split_mode = split_mode

    def __call__(self, text: str) -> Doc:
        spans = []
        for morpheme in sudachi(self.split_mode).tokenize(text):
            if morpheme.end() > morpheme.begin():
                spans.append(
                    (morpheme.begin(), morpheme.end(), "-".join(p for p in morpheme.part_of_speech()[:4] if p != "*"))
                )
        return _doc(self.vocab, text, _merged(spans))

    # spaCy serialises a pipeline's tokenizer; ours has no state beyond its settings
    def to_bytes(self, **_kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_kwargs: Any) -> SudachiTokenizer:
        return self


class KiwiTokenizer:
    """kiwipiepy morphemes as spaCy tokens (foreign names such as 리처드 말스 come out as NNP)."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        spans = [(t.start, t.start + t.len, t.tag) for t in kiwi().tokenize(text)]
        return _doc(self.vocab, text, _merged(spans))

    def to_bytes(self, **_kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_kwargs: Any) -> KiwiTokenizer:
        return self


@spacy.registry.tokenizers("newswatch_sudachi_tokenizer_v1")
def make_sudachi_tokenizer(split_mode: str = "C") -> Callable[[Language], SudachiTokenizer]:
    def create(nlp: Language) -> SudachiTokenizer:
        return SudachiTokenizer(nlp.vocab, split_mode)

    return create


@spacy.registry.tokenizers("newswatch_kiwi_tokenizer_v1")
def make_kiwi_tokenizer() -> Callable[[Language], KiwiTokenizer]:
    def create(nlp: Language) -> KiwiTokenizer:
        return KiwiTokenizer(nlp.vocab)

    return create
