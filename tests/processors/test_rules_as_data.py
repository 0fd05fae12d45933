"""The tagger's rules are data: a version that moves with them, a header on every file, a second
domain from a few files, and no word list left in the Python modules (issue 13)."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest

from newswatch.processors.tag_meetings import MeetingTagger, TaggerConfig
from newswatch.processors.tag_meetings.config import DATA_ROOT
from newswatch.processors.tag_meetings.datafiles import RulesError
from newswatch.processors.tag_meetings.lexicon import load_lexicon
from newswatch.processors.tag_meetings.pipeline import COMPONENTS
from newswatch.processors.tag_meetings.version import tagger_version
from newswatch.schema import Article

PACKAGE = Path(__file__).resolve().parents[2] / "processors" / "tag_meetings"
#: Lists of identifiers, not words: the pipeline's component names and its Doc extension names.
IDENTIFIER_LISTS = {("pipeline.py", "COMPONENTS"), ("mentions.py", "DOC_EXTENSIONS")}


def _copy(tmp_path: Path, name: str = "rules") -> Path:
    rules = tmp_path / name
    shutil.copytree(DATA_ROOT / "en", rules)
    return rules


def test_editing_one_data_file_changes_the_version(tmp_path):
    rules = _copy(tmp_path)
    same = tagger_version(TaggerConfig(data_dir=rules), COMPONENTS)
    assert same == tagger_version(TaggerConfig(), COMPONENTS)  # a faithful copy is the same tagger
    honorifics = rules / "honorifics.txt"
    honorifics.write_text(honorifics.read_text(encoding="utf-8") + "Excellency\n", encoding="utf-8")
    assert tagger_version(TaggerConfig(data_dir=rules), COMPONENTS) != same


def test_the_model_setting_is_part_of_the_version():
    blank = tagger_version(TaggerConfig(), COMPONENTS)
    assert blank.startswith("meetings-en-blank-")
    assert tagger_version(TaggerConfig(model="en_core_web_sm"), COMPONENTS) != blank


def test_blank_pipeline_unless_a_model_is_configured(tagger):
    """An ``en_core_web_*`` model installed on the machine is never picked up silently."""
    assert tagger.config.model == "blank"
    assert "ner" not in tagger.nlp.pipe_names
    with pytest.raises(RulesError, match="not an installed spaCy package"):
        MeetingTagger(TaggerConfig(model="xx_no_such_model"))


def test_an_installed_model_is_not_used_unless_configured(monkeypatch):
    """Regression for issue 13: with any en_core_web_* installed, the old pipeline silently used its NER."""
    import spacy

    from newswatch.processors.tag_meetings.pipeline import base_pipeline

    monkeypatch.setattr(spacy.util, "is_package", lambda name: True)  # "every model is installed"
    nlp = base_pipeline(TaggerConfig(), load_lexicon().info)
    assert nlp.pipe_names == [] and nlp.lang == "en"


def test_a_data_file_without_a_source_header_is_refused(tmp_path):
    rules = _copy(tmp_path)
    (rules / "event_heads.txt").write_text("Dialogue\nForum\n", encoding="utf-8")
    with pytest.raises(RulesError, match="Source"):
        load_lexicon(rules)


def test_every_shipped_data_file_names_its_source():
    for path in sorted((DATA_ROOT / "en").iterdir()):
        text = path.read_text(encoding="utf-8")
        header = json.loads(text)["#"] if path.suffix == ".json" else text.split("\n\n")[0]
        assert "source:" in header.lower(), path.name


def test_prefilter_keywords_come_from_the_role_patterns(tmp_path):
    story = Article(id="a", url="u", title="Talks", content="The Lord Protector of Ruritania met the visitor.")
    rules = _copy(tmp_path)
    with (rules / "roles.jsonl").open("a", encoding="utf-8") as roles:
        roles.write('{"pattern": "lord protector", "kind": "principal"}\n')
    assert not MeetingTagger().prefilter(story)
    assert MeetingTagger(TaggerConfig(data_dir=rules)).prefilter(story)


def test_a_second_domain_is_a_data_folder(tmp_path):
    """Foreign-ministerial meetings from four small files: no code change."""
    rules = tmp_path / "foreign-en"
    rules.mkdir()
    source = "# Source: written for this test.\n"
    (rules / "language.json").write_text(
        json.dumps({"#": "A toy domain. Source: this test.", "language": "en", "spacy_language": "en",
                    "tokenizer": None, "domain": "foreign affairs"}), encoding="utf-8")
    (rules / "roles.jsonl").write_text(
        "# Foreign ministers.\n" + source + '{"pattern": "foreign minister", "kind": "principal"}\n'
        '{"pattern": "counterpart", "kind": "counterpart"}\n{"pattern": "defense minister", "kind": "other"}\n',
        encoding="utf-8")
    (rules / "triggers.tsv").write_text(
        "# Meeting phrases.\n" + source + "in-person\tverb\tmet\nin-person\tverb\theld talks\n", encoding="utf-8")
    (rules / "demonyms.tsv").write_text(
        "# Demonyms.\n" + source + "KR\tSouth Korean\nJP\tJapanese\n", encoding="utf-8")
    story = Article(id="f", url="u", title="", content="South Korean Foreign Minister Cho Tae-yul met his "
                    "Japanese counterpart Takeshi Iwaya in Seoul on Thursday.")

    foreign = MeetingTagger(TaggerConfig(data_dir=rules))
    result = foreign.tag(story)
    assert foreign.lexicon.info.domain == "foreign affairs"
    assert result.is_defense_ministerial_meeting and result.host_country == "KR"
    assert result.counterpart_countries == ["JP"]
    assert result.meetings[0].participants[1].name == "Takeshi Iwaya"
    assert not MeetingTagger().tag(story).is_defense_ministerial_meeting  # the defense rules say no


def _word_lists(path: Path) -> list[tuple[int, str]]:
    """Literal collections of more than five strings (a dict counts its string-to-string pairs)."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {id(node.value): target.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
             for target in node.targets if isinstance(target, ast.Name)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Set | ast.List | ast.Tuple):
            strings = [e for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        elif isinstance(node, ast.Dict):
            strings = [v for k, v in zip(node.keys, node.values, strict=True)
                       if isinstance(k, ast.Constant) and isinstance(v, ast.Constant) and isinstance(v.value, str)]
        else:
            continue
        if len(strings) > 5 and (path.name, names.get(id(node), "")) not in IDENTIFIER_LISTS:
            found.append((node.lineno, names.get(id(node), "?")))
    return found


def test_no_word_list_of_more_than_five_entries_is_left_in_code():
    found = {p.name: lists for p in sorted(PACKAGE.glob("*.py")) if (lists := _word_lists(p))}
    assert found == {}, f"move these lists to data/<lang>/ (see docs/tagger.md): {found}"


def test_every_english_title_with_defense_in_it_is_listed_in_both_spellings():
    """Fourth round: "State Minister for Defence" (Uganda's title, British spelling) was no principal because only
    "state minister for defense" was listed; a title any country may use is listed in both spellings (a title only one
    country uses keeps that country's spelling: "defence secretary" is British, "defense secretary" is not)."""
    text = (DATA_ROOT / "en" / "roles.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    listed = {(r["pattern"], r["kind"], r.get("country")) for r in rows}
    for pattern, kind, country in listed:
        if country is not None:
            continue
        for one, other in (("defense", "defence"), ("defence", "defense")):
            if one in pattern:
                assert (pattern.replace(one, other), kind, country) in listed, pattern
