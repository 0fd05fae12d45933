"""Property tests: tagging never raises, whatever the text (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newswatch.schema import Article

WIRE_WORDS = st.sampled_from(
    [
        "Defense",
        "Minister",
        "minister",
        "met",
        "talks",
        "with",
        "his",
        "counterpart",
        "of",
        "the",
        "Japan",
        "Japan's",
        "NATO",
        "U.S.",
        "Seoul",
        "Dialogue",
        "will",
        "not",
        ",",
        ".",
        "-",
        "'s",
        "Kim",
        "Yong-hyun",
        "bin",
        "Al",
        "\n",
        "Adm.",
        "Chair",
        "Secretary",
        "War",
        "between",
        "and",
        "phone",
        "call",
        "13th",
        "Forum",
        "(Yonhap)",
        "--",
    ]
)


def _safe(tagger, title: str, body: str) -> None:
    result = tagger.tag(Article(id="p", url="u", title=title, content=body))
    assert 0.0 <= result.score <= 1.0
    assert result.is_defense_ministerial_meeting == bool(result.counterpart_countries)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(max_size=80), body=st.text(max_size=400))
def test_tag_never_raises_on_arbitrary_text(tagger, title, body):
    _safe(tagger, title, "defense minister " + body)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(WIRE_WORDS, max_size=80))
def test_tag_never_raises_on_wire_like_word_salad(tagger, words):
    text = " ".join(words)
    _safe(tagger, text[:60], text)
    doc = tagger.nlp("Defense " + text)  # the pipeline itself, not only the guarded tag()
    assert doc._.nw_verdict is not None
