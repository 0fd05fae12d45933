"""``LanguageTagger``: Article in, TaggedArticle out, for the articles of one language (one rules folder).

:class:`multilingual.MeetingTagger` holds one per language and hands each article to its own."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import cast

import msgspec
from spacy.language import Language
from spacy.tokens import Doc

from newswatch.processors.tag_meetings.cjk_lexicon import CjkLexicon, load_cjk_lexicon
from newswatch.processors.tag_meetings.cjk_meetings import REJECTED
from newswatch.processors.tag_meetings.config import TaggerConfig
from newswatch.processors.tag_meetings.lexicon import Lexicon, language_info, load_lexicon, source_country
from newswatch.processors.tag_meetings.mentions import Party
from newswatch.processors.tag_meetings.outlets import registered_country
from newswatch.processors.tag_meetings.pipeline import build_pipeline, components
from newswatch.processors.tag_meetings.prefilter import Prefilter, SubstringPrefilter
from newswatch.processors.tag_meetings.rejections import Rejection, rejections
from newswatch.processors.tag_meetings.verdict import MeetingDraft, Verdict
from newswatch.processors.tag_meetings.version import tagger_version
from newswatch.schema import Article, Evidence, Meeting, MeetingKind, MeetingStatus, Participant, TaggedArticle

_MAX_CHARS = 200_000  # longer bodies are cut: no wire story is longer, and spaCy's cost is linear


class LanguageTagger:
    """Decides whether an article reports a meeting of the domain's principals (defense ministers), and with whom.

    ``version`` names exactly what decides the output (:mod:`version`); every record carries it.
    """

    def __init__(
        self, config: TaggerConfig | None = None, *, nlp: Language | None = None, batch_size: int = 32
    ) -> None:
        self.config = config or TaggerConfig()
        self.nlp = build_pipeline(self.config, nlp)
        info = language_info(self.config.rules_dir.resolve())
        self.lexicon: Lexicon | CjkLexicon
        if info.components:  # a language with its own components (ko, ja): a substring prefilter
            self.lexicon = load_cjk_lexicon(self.config.rules_dir)
            self.prefilter_scan: Callable[[str], bool] = SubstringPrefilter(self.lexicon.prefilter_words)
        else:
            self.lexicon = load_lexicon(self.config.rules_dir)
            self.prefilter_scan = Prefilter(self.lexicon)
        self.batch_size = batch_size
        self.version = tagger_version(self.config, components(info))

    def prefilter(self, article: Article) -> bool:
        """Cheap keyword scan: False means the article cannot be about a defense meeting."""
        return self.prefilter_scan(article.text)

    def tag(self, article: Article) -> TaggedArticle:
        return next(self.tag_many([article]))

    def tag_many(
        self,
        articles: Iterable[Article],
        *,
        use_prefilter: bool = True,
        label: Callable[[Article, bool], str | None] | None = None,
    ) -> Iterator[TaggedArticle]:
        """Tag in input order; articles the prefilter rejects skip spaCy, the rest go through ``nlp.pipe``.

        ``use_prefilter=False`` sends every article through the full pipeline (for benchmarks).
        ``label(article, read)`` names each record's language (``read``: it went through the pipeline).
        """
        batch: list[tuple[Article, bool]] = []
        for article in articles:
            batch.append((article, not use_prefilter or self.prefilter(article)))
            if len(batch) >= self.batch_size:
                yield from self._tag_batch(batch, label)
                batch = []
        if batch:
            yield from self._tag_batch(batch, label)

    def analyse(self, article: Article) -> Doc:
        """The annotated Doc for one article (for tests, ``--explain`` and debugging)."""
        return self.nlp(next(_with_source(self.nlp, [self._doc_input(article)])))

    def explain(self, article: Article) -> tuple[TaggedArticle, list[Rejection]]:
        """The tagged article (full pipeline, prefilter or not) and the countries it rejected, with why."""
        doc = self.analyse(article)
        verdict = doc._.nw_verdict
        if isinstance(self.lexicon, CjkLexicon):  # the CJK reader keeps no country spans: it says why itself
            return self._result(article, verdict, self.config.language), list(doc.user_data.get(REJECTED, []))
        places = self.lexicon.function_words.place
        rejected = rejections(doc, verdict.host, verdict.counterparts, places)
        return self._result(article, verdict, self.config.language), rejected

    def _doc_input(self, article: Article) -> tuple[str, str | None, tuple[int, int] | None]:
        country = article.source_country
        if not country:
            if isinstance(self.lexicon, CjkLexicon):
                country = self.lexicon.outlet_country(article.source, article.url) or registered_country(article.url)
            else:
                country = source_country(article.source, article.url, self.lexicon, article.text)
        return article.text[:_MAX_CHARS], country, _year_month(article.published)

    def _tag_batch(
        self, batch: list[tuple[Article, bool]], label: Callable[[Article, bool], str | None] | None = None
    ) -> Iterator[TaggedArticle]:
        """Tag one batch. An exception is not hidden: a tagger that cannot tag an article must say so
        (the processor dead-letters the record as ``tagging_failed``) rather than answer "no meeting"."""
        wanted = [article for article, keep in batch if keep]
        inputs = [self._doc_input(a) for a in wanted]
        docs = self.nlp.pipe(_with_source(self.nlp, inputs), batch_size=self.batch_size)
        verdicts: dict[int, Verdict | None] = {
            id(article): doc._.nw_verdict for article, doc in zip(wanted, docs, strict=True)
        }
        for article, keep in batch:
            language = label(article, keep) if label is not None else self.config.language
            yield self._result(article, verdicts.get(id(article)), language)

    def _result(self, article: Article, verdict: Verdict | None, language: str | None) -> TaggedArticle:
        base = TaggedArticle(
            article_id=article.id,
            url=article.url,
            title=article.title,
            is_defense_ministerial_meeting=False,
            score=0.0,
            tagger_version=self.version,
            language=language,
            source=article.source,
            published=article.published,
            fetched_at=article.fetched_at,
        )
        if verdict is None:
            return base
        meetings = [_meeting(verdict.host_party, draft) for draft in verdict.meetings]
        if not verdict.is_meeting:
            return msgspec.structs.replace(base, score=verdict.score, host_country=verdict.host, meetings=meetings)
        return msgspec.structs.replace(
            base,
            is_defense_ministerial_meeting=True,
            score=verdict.score,
            host_country=verdict.host,
            counterpart_countries=verdict.counterparts,
            meetings=meetings,
        )


def _meeting(host: Party | None, draft: MeetingDraft) -> Meeting:
    participants = []
    if host is not None:
        participants.append(Participant(name=host.name, role=host.role, country=host.country))
    participants += [Participant(name=p.name, role=p.role, country=p.country) for p in draft.counterparts]
    return Meeting(
        participants=participants,
        kind=cast(MeetingKind, draft.kind),
        location=draft.location,
        event=draft.event,
        status=cast(MeetingStatus, draft.status.value),
        evidence=[Evidence(text=s.text, start=s.start, end=s.end, rules=list(s.rules)) for s in draft.evidence],
    )


def _year_month(published: object) -> tuple[int, int] | None:
    """(year, month) of a publication time given as a datetime or an ISO 8601 string, else None."""
    if isinstance(published, str):
        try:
            published = datetime.fromisoformat(published.replace("Z", "+00:00"))
        except ValueError:
            return None
    if isinstance(published, date):
        return published.year, published.month
    return None


def _with_source(nlp: Language, inputs: list[tuple[str, str | None, tuple[int, int] | None]]) -> Iterator[Doc]:
    """Docs ready for the pipeline, carrying the source's home country for the host fallback and the
    publication (year, month) that tells a meeting "in September" from the news."""
    for text, country, published in inputs:
        doc = nlp.make_doc(text)
        doc.user_data["newswatch_source_country"] = country
        doc.user_data["newswatch_outlet_country"] = country
        doc.user_data["newswatch_published"] = published
        yield doc
