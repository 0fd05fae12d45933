"""How far the English role phrases reach: every defence principal's role string labelled in the real copy, and
whether a listed phrase of ``roles.jsonl`` alone, and the listed phrases with the title grammar
(``title_grammar.tsv``), find a principal's title in it.

    .venv/bin/python scripts/title_reach.py [--misses] [batch files ...]   (default: tests/data/real/en/batch*.jsonl)

A role string counts as a defence role when it names the portfolio (defen[cs]e, armed forces, Pentagon, Raksha
Mantri, Secretary of War); "counterpart", a bare "Minister" and the NATO offices are left out, as they carry no title
to read.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import spacy
from spacy.matcher import PhraseMatcher

from newswatch.processors.tag_meetings.kinds import RoleKind
from newswatch.processors.tag_meetings.lexicon import load_lexicon
from newswatch.processors.tag_meetings.titles import read_grammar, titles

DEFENCE = re.compile(r"defen[cs]e|armed forces|pentagon|raksha|secretary of war", re.I)
ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    show = "--misses" in argv
    files = [Path(a) for a in argv if not a.startswith("--")] or sorted(
        (ROOT / "tests/data/real/en").glob("batch*.jsonl")
    )
    lex = load_lexicon()
    nlp = spacy.blank("en")
    listed = [r.pattern for r in lex.roles if r.kind is RoleKind.PRINCIPAL]
    grammar = read_grammar(lex.folder / "title_grammar.tsv")
    built = [phrase for phrase, kind, _country, _plural in titles(grammar) if kind is RoleKind.PRINCIPAL]
    listed_file = {
        json.loads(line)["pattern"]
        for line in (lex.folder / "roles.jsonl").read_text().splitlines()
        if line.startswith("{")
    }
    old = PhraseMatcher(nlp.vocab, attr="LOWER")
    old.add("old", [nlp.make_doc(p) for p in listed if p in listed_file])
    new = PhraseMatcher(nlp.vocab, attr="LOWER")
    new.add("new", [nlp.make_doc(p) for p in dict.fromkeys([*listed, *built])])
    roles = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            label = json.loads(line)["label"]
            for meeting in label.get("meetings") or []:
                for person in meeting.get("participants") or []:
                    role = person.get("role") or ""
                    if DEFENCE.search(role):
                        roles.append((path.stem, role))
    old_hits = new_hits = 0
    for batch, role in roles:
        doc = nlp.make_doc(role)
        by_old, by_new = bool(old(doc)), bool(new(doc))
        old_hits += by_old
        new_hits += by_new
        if show and not by_new:
            print(f"missed by both\t{batch}\t{role}")
        elif show and not by_old:
            print(f"grammar only\t{batch}\t{role}")
    print(
        f"{len(roles)} defence roles labelled; listed phrases match {old_hits} (miss {len(roles) - old_hits}); "
        f"with the grammar {new_hits} (miss {len(roles) - new_hits})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
