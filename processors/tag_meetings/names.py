"""Person names next to a role, read from capitalisation alone (no statistical model needed).

``Defense Minister Kim Yong-hyun``, ``chair ..., Adm. Rob Bauer``, ``defense minister, Haji Mohamed
Khaled Nordin``, ``Mohammed bin Mubarak Al Mazrouei``, ``Lloyd J. Austin III``: a name is a run of
capitalised words, joined by hyphens, with name particles (bin, al, van ...) and initials inside it
and a generational suffix at the end; honorifics in front of it are skipped.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

_PARTICLES = frozenset(
    {
        "bin",
        "bint",
        "ibn",
        "al",
        "el",
        "de",
        "da",
        "di",
        "du",
        "van",
        "von",
        "der",
        "den",
        "dos",
        "das",
        "la",
        "le",
    }
)
_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})
#: Post-nominal letters that end a name and are not part of it ("the Hon Richard Marles MP").
_POSTNOMINALS = frozenset({"MP", "AO", "AC", "CSC", "DSC", "QC", "KC", "OBE", "CBE", "KBE", "PC"})
_INITIAL = re.compile(r"^[A-Z]\.$")
#: Capitalised words that begin sentences or clauses but are never part of a name.
_NOT_NAMES = frozenset(
    [
        "The",
        "A",
        "An",
        "On",
        "In",
        "At",
        "For",
        "With",
        "From",
        "During",
        "After",
        "Before",
        "As",
        "And",
        "But",
        "Or",
        "Of",
        "To",
        "By",
        "His",
        "Her",
        "Their",
        "Its",
        "He",
        "She",
        "They",
        "It",
        "This",
        "That",
        "These",
        "Those",
        "We",
        "Our",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan.",
        "Feb.",
        "Mar.",
        "Apr.",
        "Aug.",
        "Sept.",
        "Sep.",
        "Oct.",
        "Nov.",
        "Dec.",
        "Defense",
        "Defence",
        "Minister",
        "Ministry",
        "Secretary",
        "Department",
        "Office",
        "Agency",
        "Forces",
        "Army",
        "Navy",
        "Air",
        "Force",
        "Command",
        "Committee",
        "Military",
        "National",
        "State",
        "Federal",
        "General",
        "Deputy",
        "Vice",
        "Chief",
        "Chair",
        "Chairman",
        "President",
        "Prime",
        "Foreign",
        "Affairs",
        "Government",
        "Parliament",
        "Assembly",
        "Council",
        "Republic",
        "Kingdom",
        "United",
        "Union",
        "People",
        "Yonhap",
        "Reuters",
        "AP",
        "AFP",
        "Kyodo",
        "Xinhua",
        "Photo",
        "File",
        "According",
        "Meanwhile",
        "Also",
        "However",
        "Earlier",
        "Later",
        "Today",
        "Tomorrow",
        "Yesterday",
        "Last",
        "Next",
        "Both",
        "Two",
        "Three",
        "Senior",
        "Top",
        "Pentagon",
        "Dialogue",
        "Forum",
        "Summit",
        "Conference",
    ]
)
#: Headline verbs and nouns in Title Case ("Defence Minister Holds Talks With ...").
_NOT_NAMES |= frozenset(
    {
        "Holds",
        "Hold",
        "Held",
        "Meets",
        "Meet",
        "Met",
        "Talks",
        "Says",
        "Said",
        "Calls",
        "Call",
        "Visits",
        "Visit",
        "Agree",
        "Agrees",
        "Discuss",
        "Discusses",
        "Sign",
        "Signs",
        "Hosts",
        "Host",
        "Receives",
        "Vows",
        "Urges",
        "Pledges",
        "Warns",
        "Seeks",
        "Phone",
        "Video",
        "Amid",
        "Over",
        "Ahead",
    }
)


def _is_name_word(token: Token) -> bool:
    text = token.text
    if text in _NOT_NAMES or not text or not text[0].isupper():
        return False
    return token.is_alpha or "'" in text or "’" in text or text.endswith(".") and len(text) == 2


def read_name(
    doc: Doc, start: int, limit: int, honorifics: frozenset[str], blocked: set[int]
) -> tuple[str, int, int] | None:
    """The name beginning at ``start`` (after optional honorifics), as (text, start, end), or None."""
    i = start
    if i + 1 < limit and doc[i].lower_ == "the" and doc[i + 1].text in honorifics:
        i += 1
    while i < limit and doc[i].text in honorifics and i + 1 < limit and doc[i + 1].text[:1].isupper():
        i += 1
    first = i
    parts: list[str] = []
    end = i
    while i < limit and len(parts) < 8:
        token = doc[i]
        if i in blocked or (parts and token.text in _POSTNOMINALS):
            break
        if _is_name_word(token) or (parts and _INITIAL.match(token.text)):
            parts.append(token.text)
        elif parts and token.text == "-" and i + 1 < limit and doc[i + 1].is_alpha and not doc[i].whitespace_:
            parts[-1] += "-" + doc[i + 1].text
            i += 1
        elif parts and token.lower_ in _PARTICLES and i + 1 < limit and doc[i + 1].text[:1].isupper():
            parts.append(token.text)
        elif parts and token.text in _SUFFIXES:
            parts.append(token.text)
            end = i + 1
            break
        else:
            break
        i += 1
        end = i
    while parts and (parts[-1].lower() in _PARTICLES or _INITIAL.match(parts[-1])):
        parts.pop()
        end -= 1
    if not parts or (len(parts) == 1 and len(parts[0]) < 3):
        return None
    return " ".join(parts), first, end


def read_name_before(
    doc: Doc, end: int, floor: int, honorifics: frozenset[str], blocked: set[int]
) -> tuple[str, int, int] | None:
    """The name of at least two words ending just before ``end`` ("Gen Nakatani, Japan's defense minister")."""
    i = end - 1
    start = end
    while (
        i >= floor
        and (i not in blocked)
        and (
            _is_name_word(doc[i])
            or doc[i].text == "-"
            or doc[i].lower_ in _PARTICLES
            or doc[i].text in _SUFFIXES
        )
    ):
        start = i
        i -= 1
    if end - start < 2:
        return None
    found = read_name(doc, start, end, honorifics, blocked)
    if found and found[2] == end and " " in found[0]:
        return found
    return None


def aliases(name: str) -> set[str]:
    """Short forms a story uses after the first mention: the family name, first or last."""
    words = [
        w
        for w in name.split()
        if w.lower() not in _PARTICLES and w not in _SUFFIXES and not _INITIAL.match(w)
    ]
    if len(words) < 2:
        return set(words)
    return {words[0], words[-1]}


def is_place_word(token: Token) -> bool:
    """A capitalised word that can be part of a place name after "in" ("in Odesa", "in Kuala Lumpur")."""
    return token.is_alpha and token.text[0].isupper() and token.text not in _NOT_NAMES


def name_key(name: str) -> frozenset[str]:
    """A name's words, in any order and case: "KIHARA Minoru" and "Minoru Kihara" are one person."""
    return frozenset(w.lower() for w in name.replace("-", " - ").split() if w not in {".", "-"})
