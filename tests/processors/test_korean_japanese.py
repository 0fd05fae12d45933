"""Korean and Japanese copy read by their own pipelines (issue 15): the labelled real sets, held / planned /
postponed told apart, the same record shape as English, the prefilter in front.

The sets are real published copy, rewritten (tests/data/real/<lang>/README.md says how). Every set is
development copy by now (each held-out batch was scored once before any rule change made for it; those
unseen figures are in docs/tagger.md); they are held here at their in-sample figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newswatch.processors.tag_meetings import MeetingTagger
from newswatch.processors.tag_meetings.article_files import read_articles
from newswatch.schema import Article

REAL = Path(__file__).resolve().parents[1] / "data" / "real"
#: Every labelled Korean and Japanese set read while writing rules, held at its in-sample figures
#: (meeting F1, counterpart F1, host accuracy; docs/tagger.md). These are not unseen figures: each set's
#: one unseen scoring is in docs/tagger.md (ko_holdout_2 and ja_holdout_3: 0.818 / 0.815 / 0.909 and
#: 0.800 / 0.818 / 1.000; ko_holdout_3-4 and ja_holdout_4-5 in its fourth round; the fifth pass fixed theirs;
#: ko_holdout_5 and ja_holdout_6 in its sixth pass, which fixed theirs; ko_holdout_6 and ja_holdout_7 in its sixth
#: round, 0.857 / 0.560 / 0.700 and 0.750 / 0.545 / 0.700 at 4ab32ae, fixed by the seventh pass; ko_holdout_7 and
#: ja_holdout_8 at the merged seventh pass, 0.842 / 0.800 / 0.909 and 0.952 / 0.857 / 0.818, fixed by the eighth;
#: ko_holdout_8 and ja_holdout_9 at the merged eighth pass, 0.941 / 0.952 / 1.000 and 0.900 / 0.727 / 0.900, fixed by
#: the ninth; round 8 at the merged ninth pass, ko_holdout_9 0.846 / 0.733 / 1.000, ko_holdout_10 0.875 / 0.870 / 0.889,
#: ja_holdout_10 0.870 / 0.606 / 0.917, ja_holdout_11 0.833 / 0.545 / 0.909, worked on by the tenth; round 9 at the
#: merged tenth pass, ko_holdout_11 0.800 / 0.733 / 0.889, ja_holdout_12 0.870 / 0.829 / 0.917, worked on by the
#: eleventh, which also brought ko_holdout_10 up to every bar: a joint review of the honour guard).
IN_SAMPLE = [
    (REAL / "ko" / "ko_dev_01.jsonl", 1.00, 1.00, 1.00),
    (REAL / "ko" / "ko_dev_02.jsonl", 0.94, 0.91, 1.00),
    (REAL / "ko" / "ko_holdout.jsonl", 1.00, 1.00, 1.00),
    (REAL / "ko" / "ko_holdout_2.jsonl", 1.00, 1.00, 1.00),
    (REAL / "ko" / "ko_holdout_3.jsonl", 1.00, 1.00, 1.00),
    (REAL / "ko" / "ko_holdout_4.jsonl", 1.00, 1.00, 1.00),
    (REAL / "ja" / "ja_dev_1.jsonl", 1.00, 1.00, 1.00),
    (REAL / "ja" / "ja_dev_2.jsonl", 1.00, 1.00, 1.00),
    (REAL / "ja" / "ja_holdout.jsonl", 1.00, 1.00, 1.00),
    (REAL / "ja" / "ja_holdout_2.jsonl", 1.00, 1.00, 1.00),
    (REAL / "ja" / "ja_holdout_3.jsonl", 1.00, 1.00, 1.00),
    (REAL / "ja" / "ja_holdout_4.jsonl", 1.00, 1.00, 1.00),
    (REAL / "ja" / "ja_holdout_5.jsonl", 1.00, 0.95, 1.00),
    (REAL / "ko" / "ko_holdout_5.jsonl", 1.00, 1.00, 1.00),
    (REAL / "ja" / "ja_holdout_6.jsonl", 1.00, 1.00, 1.00),
    (REAL / "ko" / "ko_holdout_6.jsonl", 1.00, 0.92, 1.00),
    (REAL / "ja" / "ja_holdout_7.jsonl", 1.00, 0.92, 0.90),
    (REAL / "ko" / "ko_holdout_7.jsonl", 1.00, 1.00, 1.00),
    (REAL / "ja" / "ja_holdout_8.jsonl", 1.00, 1.00, 1.00),
    (REAL / "ko" / "ko_holdout_8.jsonl", 1.00, 1.00, 1.00),
    (REAL / "ja" / "ja_holdout_9.jsonl", 1.00, 1.00, 1.00),
    (REAL / "ja" / "ja_holdout_10.jsonl", 1.00, 0.94, 1.00),
    (REAL / "ja" / "ja_holdout_11.jsonl", 0.95, 0.97, 1.00),
    (REAL / "ko" / "ko_holdout_10.jsonl", 1.00, 1.00, 1.00),
    (REAL / "ja" / "ja_holdout_12.jsonl", 0.96, 0.97, 1.00),
]
#: Korean files that stay below a bar in-sample (docs/tagger.md, *Tenth pass* and *Eleventh pass*, say which stories):
#: held at their measured floors, rounded down, without weakening the bar assertion above.
#: ko_holdout_9: counterparts 0.786 (a third-party JP-US call the label counts, Miller's calls in a postponement story,
#: a procurement minister called 국방 수장); ko_holdout_11: counterparts 0.800 (a 2014 preview of a trilateral named as
#: 중요한 일정, a 2007 announcement whose 열고 … 협의하기로 했다 reads as held, five ministers 한자리에 모여 with their
#: countries before 5개국, CN's minister at Shangri-La).
BELOW_BAR: list[tuple[Path, float, float, float]] = [
    (REAL / "ko" / "ko_holdout_9.jsonl", 0.91, 0.78, 1.00),
    (REAL / "ko" / "ko_holdout_11.jsonl", 0.90, 0.80, 1.00),
]
#: The newest held-out batches (round 10), never read while writing rules, at the merged eleventh pass (the same
#: figures as when written, at 3dccf07): floors at the figures measured, rounded down.
UNSEEN: list[tuple[Path, float, float, float]] = [
    (REAL / "ko" / "ko_holdout_12.jsonl", 0.90, 0.90, 1.00),
    (REAL / "ja" / "ja_holdout_13.jsonl", 0.78, 0.45, 0.91),
]


@pytest.fixture(scope="module")
def tagger() -> MeetingTagger:
    return MeetingTagger()


def _by_id(path: Path, wanted: str) -> Article:
    return next(article for article, _label in read_articles([path], None) if article.id == wanted)


def _eval(cli_app, path: Path) -> dict:
    result = CliRunner().invoke(cli_app, ["eval", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize(("path", "meeting", "counterpart", "host"), IN_SAMPLE, ids=lambda v: getattr(v, "stem", ""))
def test_eval_keeps_the_in_sample_figures_of_every_set(cli_app, path, meeting, counterpart, host):
    report = _eval(cli_app, path)
    assert report["articles"] >= 17  # ko_holdout_8 and ja_holdout_9 hold 18 and 17 items, the others 19 or more
    assert report["meeting_detection"]["f1"] >= max(meeting, 0.90), report["errors"]  # never below the bar
    assert report["counterpart_countries"]["f1"] >= max(counterpart, 0.85), report["errors"]
    assert report["host_accuracy"] >= max(host, 0.90), report["errors"]


def _holds_floors(report: dict, articles: int, meeting: float, counterpart: float, host: float) -> None:
    assert report["articles"] >= articles
    assert report["meeting_detection"]["f1"] >= meeting, report["errors"]
    assert report["counterpart_countries"]["f1"] >= counterpart, report["errors"]
    assert report["host_accuracy"] >= host, report["errors"]


@pytest.mark.parametrize(("path", "meeting", "counterpart", "host"), BELOW_BAR, ids=lambda v: getattr(v, "stem", ""))
def test_eval_keeps_the_measured_floors_of_the_sets_below_a_bar(cli_app, path, meeting, counterpart, host):
    _holds_floors(_eval(cli_app, path), 17, meeting, counterpart, host)


@pytest.mark.parametrize(("path", "meeting", "counterpart", "host"), UNSEEN, ids=lambda v: getattr(v, "stem", ""))
def test_eval_keeps_the_first_figures_of_the_newest_held_out_batches(cli_app, path, meeting, counterpart, host):
    _holds_floors(_eval(cli_app, path), 15, meeting, counterpart, host)


def test_dev_and_holdout_share_no_article():
    for lang in ("ko", "ja"):
        urls = [{json.loads(line)["url"] for line in p.read_text("utf-8").splitlines()}
                for p in sorted((REAL / lang).glob("*.jsonl"))]
        assert sum(len(u) for u in urls) == len(set().union(*urls)), lang


@pytest.mark.parametrize(
    ("name", "article_id", "statuses"),
    [
        ("ko/ko_dev_01.jsonl", "6b4b3d9cac2187e9", {"held"}),  # 회담하고 … 논의했다
        ("ko/ko_dev_02.jsonl", "e0a217c3dbdfaba7", {"planned"}),  # 회담을 가질 예정이다
        ("ko/ko_dev_01.jsonl", "f543cf7ce4e56af4", {"postponed"}),  # 연말로 연기될 것 같다고
        ("ko/ko_dev_01.jsonl", "84bdd1758300b3a7", {"cancelled"}),  # 2차 남북국방장관회담 무산
        ("ja/ja_dev_1.jsonl", "7d81fd96aabacd12", {"held"}),  # 防衛省で会談した
        ("ja/ja_dev_1.jsonl", "b9dfdc358a4311e1", {"planned"}),  # 16日に会談へ / 会う
        ("ja/ja_dev_1.jsonl", "92316422872cac7a", {"postponed"}),  # 急きょ先送りに
        ("ja/ja_dev_1.jsonl", "2cf1bb77ff48b191", {"cancelled"}),  # 新型コロナで見送り
    ],
)
def test_held_planned_postponed_and_cancelled_are_told_apart(tagger, name, article_id, statuses):
    tagged = tagger.tag(_by_id(REAL / name, article_id))
    assert {m.status for m in tagged.meetings} == statuses
    assert tagged.is_defense_ministerial_meeting == (statuses == {"held"})


def test_a_japanese_ministry_release_gives_the_english_record_shape(tagger):
    tagged = tagger.tag(_by_id(REAL / "ja" / "ja_dev_1.jsonl", "7d81fd96aabacd12"))
    assert (tagged.language, tagged.host_country, tagged.counterpart_countries) == ("ja", "JP", ["AU"])
    assert tagged.tagger_version == tagger.versions["ja"]
    (meeting,) = tagged.held_meetings
    assert [(p.name, p.role, p.country) for p in meeting.participants] == [
        ("小泉進次郎", "防衛相", "JP"), ("マールズ", "国防相", "AU")]
    evidence = meeting.evidence[0]
    text = _by_id(REAL / "ja" / "ja_dev_1.jsonl", "7d81fd96aabacd12").text
    assert text[evidence.start : evidence.end] == evidence.text  # offsets into the original text
    assert "trigger:会談" in evidence.rules


def test_a_korean_story_names_participants_in_hangul(tagger):
    tagged = tagger.tag(_by_id(REAL / "ko" / "ko_dev_01.jsonl", "6b4b3d9cac2187e9"))
    assert (tagged.language, tagged.host_country, tagged.counterpart_countries) == ("ko", "KR", ["JP"])
    participants = tagged.held_meetings[0].participants
    assert [(p.name, p.country) for p in participants] == [("안규백", "KR"), ("나카타니 겐", "JP")]


def test_the_prefilter_stays_in_front_of_each_language(tagger):
    weather_ko = Article(id="w1", url="https://x", title="내일 전국에 비",
                         content="기상청은 내일 전국에 비가 내리겠다고 밝혔다.")
    weather_ja = Article(id="w2", url="https://x", title="あすは全国的に雨",
                         content="気象庁によると、あすは全国的に雨となる見込みです。")
    talks_ko = _by_id(REAL / "ko" / "ko_dev_01.jsonl", "6b4b3d9cac2187e9")
    assert not tagger.prefilter(weather_ko) and not tagger.prefilter(weather_ja)
    assert tagger.prefilter(talks_ko)
    tagged = tagger.tag(weather_ja)
    assert (tagged.language, tagged.score, tagged.tagger_version) == ("ja", 0.0, tagger.versions["ja"])


def test_an_article_that_declares_its_language_is_read_in_it(tagger):
    story = _by_id(REAL / "ko" / "ko_dev_01.jsonl", "6b4b3d9cac2187e9")
    assert tagger.tag(story).language == "ko"
    undeclared = Article(id=story.id, url=story.url, title=story.title, content=story.content)
    assert tagger.language_of(undeclared) == "ko"  # Hangul says so


def test_a_language_whose_tokenizer_is_not_installed_fails_at_start(tmp_path):
    import shutil

    from newswatch.processors.tag_meetings.config import DATA_ROOT, TaggerConfig
    from newswatch.processors.tag_meetings.datafiles import RulesError
    from newswatch.processors.tag_meetings.multilingual import _check_installed

    rules = tmp_path / "ko"
    shutil.copytree(DATA_ROOT / "ko", rules)
    info = json.loads((rules / "language.json").read_text("utf-8"))
    (rules / "language.json").write_text(json.dumps({**info, "requires": ["no_such_tokenizer_module"]}), "utf-8")
    _check_installed(TaggerConfig(language="ko"))  # the real folder: kiwipiepy is installed
    with pytest.raises(RulesError, match="cjk"):
        _check_installed(TaggerConfig(language="ko", data_dir=rules))


def test_other_scripts_are_labelled_english_or_by_py3langid_when_asked():
    from newswatch.processors.tag_meetings.config import TaggerConfig

    french = Article(id="f1", url="https://x", title="Météo", content="Il pleuvra demain sur toute la France.")
    talks = Article(id="e1", url="https://x", title="Talks", content="Defense Minister Kim met his Japanese "
                    "counterpart Gen Nakatani in Seoul on Monday.")
    default = MeetingTagger(TaggerConfig(languages=()))
    assert default.tag(french).language == "en"  # costs nothing: the primary language
    asking = MeetingTagger(TaggerConfig(languages=(), detect_other_scripts=True))
    assert asking.tag(talks).language == "en"  # read by the pipeline: py3langid says
    assert asking.tag(french).language is None  # not read: not asked
