"""No entity expansion: defuse a feed's DOCTYPE before feedparser sees it.

feedparser 6 strips entity declarations itself, but only those that start a line
(``^\\s*<!ENTITY`` in ``sanitizer.replace_doctype``): a "billion laughs" document written on one
line reaches expat intact, and expat (2.4+) stops it only after its amplification limit,
having burnt most of a second of CPU per feed. So we look at the prolog ourselves: a DOCTYPE
whose internal subset declares only short literal entities (no ``&``, no ``%``, no SYSTEM or
PUBLIC) is kept, as feedparser's own tests use such entities; any other internal subset is
removed, leaving the bare DOCTYPE. References to removed entities then fail as undefined:
feedparser reports bozo and carries on.

The prolog is read by a small forward scanner, not by regular expressions over the body: comments
and processing instructions are skipped whole (a ``<a`` inside ``<!-- -->`` once made the old
pattern think the document had started, and the entities went through), quoted strings are
respected inside declarations, and every step moves forward, so the time is linear in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Everything here scans forward with ``find`` or a single-character class: time linear in the body.
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
_DOCTYPE_STOP = re.compile(rb"[\[>\"']")
_SUBSET_STOP = re.compile(rb"[\]<%\"']")
_DECL_STOP = re.compile(rb"[>\"']")
_ENTITY = re.compile(rb"<!ENTITY\s+(%\s*)?([^\s\"'%>]+)\s+(.*)>", re.DOTALL)
_LITERAL = re.compile(rb"\"([^\"&%<]*)\"\s*|'([^'&%<]*)'\s*", re.DOTALL)

MAX_ENTITIES = 32
MAX_ENTITY_VALUE = 256


@dataclass
class _Doctype:
    start: int  # "<!DOCTYPE"
    open: int = -1  # "[" of the internal subset (-1: none)
    end: int = -1  # one past the closing ">" (-1: unterminated)
    declarations: list[bytes] = field(default_factory=list)
    stray: bool = False  # a parameter-entity reference or anything but declarations in the subset


def _skip_quoted(body: bytes, at: int) -> int:
    """One past the quote closing the one at ``at`` (-1 when unterminated)."""
    close = body.find(body[at:at + 1], at + 1)
    return -1 if close < 0 else close + 1


def _skip_markup(body: bytes, at: int) -> int | None:
    """One past a comment or processing instruction at ``at``; -1 unterminated; None if neither."""
    for opener, closer in ((b"<!--", b"-->"), (b"<?", b"?>")):
        if body.startswith(opener, at):
            close = body.find(closer, at + len(opener))
            return -1 if close < 0 else close + len(closer)
    return None


def _declaration_end(body: bytes, at: int) -> int:
    """One past the ``>`` closing the markup declaration at ``at``, quotes respected (-1: unterminated)."""
    pos = at + 2
    while True:
        match = _DECL_STOP.search(body, pos)
        if match is None:
            return -1
        if body[match.start()] == ord(">"):
            return match.start() + 1
        pos = _skip_quoted(body, match.start())
        if pos < 0:
            return -1


def _subset(body: bytes, doctype: _Doctype) -> int:
    """Read the internal subset after ``doctype.open``; the index of its ``]`` (-1: unterminated)."""
    pos = doctype.open + 1
    while True:
        match = _SUBSET_STOP.search(body, pos)
        if match is None:
            return -1
        at = match.start()
        char = body[at:at + 1]
        if char == b"]":
            return at
        if char in (b"%", b"'", b'"'):
            doctype.stray = True
            pos = at + 1 if char == b"%" else _skip_quoted(body, at)
        else:
            skipped = _skip_markup(body, at)
            if skipped is None and body.startswith(b"<!", at):
                skipped = _declaration_end(body, at)
                if skipped > 0:
                    doctype.declarations.append(body[at:skipped])
            elif skipped is None:
                doctype.stray = True
                skipped = at + 1
            pos = skipped
        if pos < 0:
            return -1


def _doctype(body: bytes, at: int) -> _Doctype:
    doctype = _Doctype(start=at)
    pos = at + len(b"<!DOCTYPE")
    while True:
        match = _DOCTYPE_STOP.search(body, pos)
        if match is None:
            return doctype
        char = body[match.start():match.start() + 1]
        if char == b">":
            doctype.end = match.start() + 1
            return doctype
        if char == b"[":
            doctype.open = match.start()
            close = _subset(body, doctype)
            if close < 0:
                return doctype
            after = close + 1
            while after < len(body) and body[after:after + 1].isspace():
                after += 1
            if body[after:after + 1] == b">":
                doctype.end = after + 1
            return doctype
        pos = _skip_quoted(body, match.start())
        if pos < 0:
            return doctype


def _prolog(body: bytes) -> tuple[_Doctype | None, int]:
    """The DOCTYPE (if any) and where the prolog ends: comments and processing instructions are
    skipped whole, so a ``<a`` inside one is not mistaken for the first element."""
    pos = 0
    doctype = None
    while True:
        at = body.find(b"<", pos)
        if at < 0:
            return doctype, len(body)
        skipped = _skip_markup(body, at)
        if skipped is not None:
            if skipped < 0:
                return doctype, len(body)
            pos = skipped
        elif doctype is None and body[at:at + 9].upper() == b"<!DOCTYPE":
            doctype = _doctype(body, at)
            if doctype.end < 0:
                return doctype, len(body)
            pos = doctype.end
        else:
            return doctype, at


def _safe_subset(doctype: _Doctype) -> bool:
    if doctype.stray:
        return False
    entities = 0
    for declaration in doctype.declarations:
        match = _ENTITY.fullmatch(declaration)
        if match is None:
            # Anything but entity declarations (ATTLIST, ELEMENT, NOTATION) is not needed to read a
            # feed; harmless without entity references.
            if b"&" in declaration or b"%" in declaration or b"ENTITY" in declaration.upper():
                return False
            continue
        entities += 1
        percent, _name, value = match.groups()
        if (percent or entities > MAX_ENTITIES or len(value) > MAX_ENTITY_VALUE + 2
                or not _LITERAL.fullmatch(value.strip())):
            return False
    return True


def _wide_codec(body: bytes) -> str | None:
    """UTF-16/32 documents (by BOM or by the NUL pattern of ``<?``): regexes on bytes miss them."""
    head = body[:4]
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if head.startswith(bom):
            return codec
    for pattern, codec in ((b"<\x00\x00\x00", "utf-32-le"), (b"\x00\x00\x00<", "utf-32-be"),
                           (b"<\x00?\x00", "utf-16-le"), (b"\x00<\x00?", "utf-16-be")):
        if head == pattern:
            return codec
    return None


def defuse(body: bytes) -> tuple[bytes, bool]:
    """The feed with any unsafe DOCTYPE internal subset removed, and whether one was removed."""
    codec = _wide_codec(body)
    if codec is not None:
        try:
            text = body.decode(codec)
        except UnicodeDecodeError:
            return body, False
        cleaned, changed = _defuse(text.encode("utf-8"))
        if not changed:
            return body, False
        bom = body[:4] if codec == "utf-32" else body[:2] if codec == "utf-16" else b""
        plain = codec if codec not in ("utf-16", "utf-32") else None
        return bom + cleaned.decode("utf-8").encode(plain or _bom_codec(body)), True
    return _defuse(body)


def _bom_codec(body: bytes) -> str:
    if body.startswith(b"\xff\xfe\x00\x00"):
        return "utf-32-le"
    if body.startswith(b"\x00\x00\xfe\xff"):
        return "utf-32-be"
    return "utf-16-le" if body.startswith(b"\xff\xfe") else "utf-16-be"


def _defuse(body: bytes) -> tuple[bytes, bool]:
    if b"<!" not in body:
        return body, False
    doctype, prolog_end = _prolog(body)
    if doctype is None or doctype.open < 0:
        if body[prolog_end:prolog_end + 8].upper() != b"<!ENTITY":
            return body, False
        first = _FIRST_ELEMENT.search(body, prolog_end)  # a declaration outside any DOCTYPE: drop it
        return body[:prolog_end] + (body[first.start():] if first else b""), True
    if doctype.end < 0:
        # An unterminated subset: no document follows; cut it off if it could expand anything.
        rest = body[doctype.open:]
        if b"%" in rest or b"<!ENTITY" in rest.upper():
            return body[:doctype.open].rstrip() + b">", True
        return body, False
    if _safe_subset(doctype):
        return body, False
    return body[:doctype.open].rstrip() + b">" + body[doctype.end:], True
