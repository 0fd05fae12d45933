"""How the scorer compares participant names (``newswatch eval``)."""

from newswatch.processors.tag_meetings.evaluate import name_key


def test_latin_accents_case_and_titles_do_not_count() -> None:
    assert name_key("Yaşar GÜLER", frozenset()) == name_key("Yasar Guler", frozenset()) == "yasar guler"
    assert name_key("General Sébastien Lecornu", frozenset({"general"})) == "sebastien lecornu"


def test_kana_voiced_marks_and_hangul_are_kept() -> None:
    assert name_key("テオドロ", frozenset()) != name_key("テオトロ", frozenset())
    assert name_key("ギルベルト", frozenset()) == "ギルベルト"
    assert name_key("안규백", frozenset()) == "안규백"  # recomposed, as written
