"""``newswatch_countries_v1``: every way wire copy names a country or an organization.

Names, official and short names come from pycountry and ``data/<lang>/country_aliases.tsv``; demonyms,
capitals and organizations from the other data files. A phrase in ``not_countries.tsv``
("Korean Peninsula") hides the country inside it. The matches go to ``doc.spans["nw_countries"]``,
one span per mention labelled with its code; the form (name, demonym, capital, organization) is
the span's ``kb_id_``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from newswatch.processors.tag_meetings.lexicon import DEFAULT_RULES, load_lexicon
from newswatch.processors.tag_meetings.mentions import COUNTRY_SPANS

_NOT_A_COUNTRY = "-"


class CountryMatcher:
    def __init__(self, nlp: Language, name: str, data_dir: str):
        self.name = name
        self.lexicon = load_lexicon(data_dir)
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        by_key: dict[str, list] = {}
        for surface, (code, form) in self.lexicon.countries.items():
            by_key.setdefault(f"{code}|{form}", []).append(nlp.make_doc(surface))
        for phrase in self.lexicon.not_countries:
            by_key.setdefault(_NOT_A_COUNTRY, []).append(nlp.make_doc(phrase))
        for key, docs in by_key.items():
            self.matcher.add(key, docs)

    def __call__(self, doc: Doc) -> Doc:
        spans = filter_spans(self.matcher(doc, as_spans=True))
        kept = []
        for span in spans:
            if span.label_ == _NOT_A_COUNTRY:
                continue
            code, form = span.label_.split("|")
            kept.append(doc.char_span(span.start_char, span.end_char, label=code, kb_id=form))
        doc.spans[COUNTRY_SPANS] = [s for s in kept if s is not None]
        return doc


@Language.factory("newswatch_countries_v1", default_config={"data_dir": str(DEFAULT_RULES)}, assigns=["doc.spans"])
def make_country_matcher(nlp: Language, name: str, data_dir: str) -> CountryMatcher:
    return CountryMatcher(nlp, name, data_dir)
