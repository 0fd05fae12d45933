"""``newswatch_countries_v1``: names, demonyms, capitals, short names, organizations, and what is not a country."""

from __future__ import annotations

import pytest

from newswatch.processors.tag_meetings.mentions import COUNTRY_SPANS


def mentions(tagger, text: str) -> list[tuple[str, str, str]]:
    doc = tagger.nlp(text)
    return [(s.text, s.label_, s.kb_id_) for s in doc.spans[COUNTRY_SPANS]]


@pytest.mark.parametrize(
    ("text", "surface", "code", "form"),
    [
        ("Canadian defense chief Bill Blair spoke.", "Canadian", "CA", "demonym"),
        ("Kim met his Finnish counterpart.", "Finnish", "FI", "demonym"),
        ("The Emirati minister arrived.", "Emirati", "AE", "demonym"),
        ("Kim voiced support for Helsinki's decision.", "Helsinki", "FI", "capital"),
        ("He met his UAE counterpart.", "UAE", "AE", "name"),
        ("Ties with the Republic of Korea grew.", "Republic of Korea", "KR", "name"),
        ("Türkiye's defense minister said.", "Türkiye", "TR", "name"),
        ("The minister of the Republic of Turkiye spoke.", "Republic of Turkiye", "TR", "name"),
        ("Japan's state minister of defense attended.", "Japan", "JP", "name"),
        ("The U.S. Defense Secretary spoke.", "U.S.", "US", "name"),
        ("He met the chair of NATO's Military Committee.", "NATO", "NATO", "organization"),
        ("Talks with the United Arab Emirates ended.", "United Arab Emirates", "AE", "name"),
        ("North Korean troops moved.", "North Korean", "KP", "demonym"),
        ("Philippine Secretary of National Defense Gilberto Teodoro spoke.", "Philippine", "PH", "demonym"),
    ],
)
def test_country_forms_resolve_to_codes(tagger, text, surface, code, form):
    assert (surface, code, form) in mentions(tagger, text)


def test_longest_name_wins_over_the_name_inside_it(tagger):
    found = mentions(tagger, "Officials from South Korea and North Korea met.")
    assert [(s, c) for s, c, _ in found] == [("South Korea", "KR"), ("North Korea", "KP")]


@pytest.mark.parametrize(
    "text",
    [
        "Security on the Korean Peninsula worsened.",
        "Ships crossed the South China Sea.",
        "Turkish Airlines flew.",
    ],
)
def test_names_that_contain_a_country_hide_it(tagger, text):
    assert mentions(tagger, text) == []


def test_lower_case_words_are_not_countries(tagger):
    assert mentions(tagger, "Let us meet in china shops and turkey farms.") == []
