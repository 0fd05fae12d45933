"""No entity expansion: "billion laughs" and external entities are removed before parsing."""

from __future__ import annotations

import io

import defusedxml.ElementTree
import feedparser
import pytest

from newswatch.collectors.rss import parse_feed
from newswatch.collectors.xml_safety import defuse

ITEM = "<item><title>x</title><link>http://example.org/1</link></item>"


def billion_laughs(newlines: bool) -> str:
    sep = "\n" if newlines else ""
    entities = [f'<!ENTITY lol0 "{"lol" * 10}">']
    entities += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return (f'<?xml version="1.0"?>{sep}<!DOCTYPE rss [{sep}{sep.join(entities)}{sep}]>'
            f'<rss version="2.0"><channel><title>&lol9;</title>{ITEM}</channel></rss>')


@pytest.mark.parametrize("newlines", [False, True], ids=["one-line", "multi-line"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_billion_laughs_is_defused(newlines, encoding):
    body = billion_laughs(newlines).encode(encoding)
    cleaned, changed = defuse(body)
    assert changed
    text = cleaned.decode(encoding)
    assert "<!ENTITY" not in text and "<rss" in text
    # what is left declares no entity at all: defusedxml (which forbids them) accepts the prolog
    defusedxml.ElementTree.fromstring(text.replace("&lol9;", "").encode("utf-8").replace(
        b'<?xml version="1.0"?>', b""))


def test_one_line_billion_laughs_reaches_expat_without_us():
    """The regression this module exists for: feedparser's own DOCTYPE filter misses it."""
    raw = feedparser.parse(io.BytesIO(billion_laughs(newlines=False).encode()))
    assert raw.bozo and "amplification" in str(raw.bozo_exception)
    parsed = parse_feed(billion_laughs(newlines=False).encode(), source="lol")
    assert parsed.defused
    assert "lollol" not in parsed.title
    assert [a.url for a in parsed.articles] == ["http://example.org/1"]


@pytest.mark.parametrize("declaration", [
    '<!ENTITY ext SYSTEM "file:///etc/passwd">',
    '<!ENTITY ext PUBLIC "-//x//" "http://169.254.169.254/">',
    '<!ENTITY % pe SYSTEM "http://127.0.0.1/evil.dtd"> %pe;',
    '<!ENTITY big "' + "a" * 1000 + '">',
])
def test_external_parameter_and_large_entities_are_removed(declaration):
    body = (f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n{declaration}\n]>\n'
            f'<rss version="2.0"><channel>{ITEM}</channel></rss>')
    cleaned, changed = defuse(body.encode())
    assert changed and b"ENTITY" not in cleaned
    assert len(parse_feed(cleaned, source="x").articles) == 1


def test_short_literal_entities_are_kept():
    body = (b'<!DOCTYPE rss [\n<!ENTITY id "tag:example.com,">\n]>\n<rss version="2.0"><channel><item>'
            b"<guid isPermaLink='false'>&id;2006-05-04:/blog/</guid></item></channel></rss>")
    assert defuse(body) == (body, False)
    parsed = parse_feed(body, source="x")
    assert parsed.articles[0].url == "tag:example.com,2006-05-04:/blog/"


def test_documents_without_doctype_are_untouched():
    body = f'<?xml version="1.0"?><rss version="2.0"><channel>{ITEM}</channel></rss>'.encode()
    assert defuse(body) == (body, False)
