"""The language of an article: ISO 639-1, from its script and, only where the script does not say, a detector.

Hangul is Korean and kana is Japanese, so most of Asia's copy is told by counting characters, exactly
and at no cost. Han characters without kana are Chinese. Latin or Cyrillic text could be any of dozens of
languages: there (and only there) py3langid decides, a maintained fork of langid.py whose model ships in
its wheel. It costs about 0.4-2 ms an article, more than the prefilter, so the tagger asks it only when
``detect_other_scripts`` is on, and then only about articles its pipeline reads; :func:`by_script` costs
microseconds on text without CJK.
A feed or a record that declares its language (``FeedConfig.language``, RSS ``<language>``,
``Article.language``) is believed first; :func:`declared` normalises what such declarations look like
(``ko-KR``, ``ja_JP``, ``en-us``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_LETTER = re.compile(r"[^\W\d_]")
#: Any Hangul, kana or Han at all: one search, so Latin-script text costs microseconds.
_CJK = re.compile(
    r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uff66-\uff9f]"
)
_DECLARED = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$")
#: Characters read: enough to tell a script, and a detector's cost stays flat on long bodies.
_SAMPLE = 2000
_PROBE = 400
_DETECT_SAMPLE = 500  # py3langid's cost grows with the text (0.4 ms at 300 characters, 1.9 ms at 2,000)


def declared(value: str | None) -> str | None:
    """``ko-KR`` -> ``ko``; None for anything that is not a language tag."""
    if not value:
        return None
    if len(value) == 2 and value.isalpha() and value.islower():  # "en", "ko": what records carry
        return value
    match = _DECLARED.match(value)
    return match.group(1).lower() if match else None


def by_script(text: str) -> str | None:
    """``ko``, ``ja`` or ``zh`` when the script says so; None for other scripts (or no letters)."""
    if _CJK.search(text, 0, _PROBE) is None:  # a Korean or Japanese story shows it in its title and lead
        return None
    sample = text[:_SAMPLE]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return None
    hangul, kana, han = len(_HANGUL.findall(sample)), len(_KANA.findall(sample)), len(_HAN.findall(sample))
    if hangul >= 0.2 * letters:  # Korean copy mixes in hanja (美, 日) and Latin (SCM, UAE)
        return "ko"
    if kana >= 0.05 * letters and kana + han >= 0.4 * letters:
        return "ja"
    if han >= 0.4 * letters:
        return "zh"
    return None


@lru_cache(maxsize=1)
def _identifier() -> Any:
    import py3langid

    return py3langid


def detect(text: str) -> str | None:
    """The language of ``text``: by script where that decides, else py3langid's best guess (None if no text)."""
    script = by_script(text)
    if script is not None:
        return script
    sample = text[:_DETECT_SAMPLE]
    if not _LETTER.search(sample):
        return None
    language, _score = _identifier().classify(sample)
    return str(language)


def language_of(text: str, *declarations: str | None) -> str | None:
    """The first declared language that is one, else what :func:`detect` says."""
    for value in declarations:
        code = declared(value)
        if code is not None:
            return code
    return detect(text)
