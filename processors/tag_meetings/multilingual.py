"""``MeetingTagger``: Article in, TaggedArticle out, in whichever configured language the article is written.

The article's language is what it declares (``Article.language``, set by its feed or collector), else what
its script says (Hangul, kana); a record of another script is labelled by py3langid when the pipeline read
it (past the prefilter), else left unlabelled unless ``detect_other_scripts`` is off (then: ``language``). An
article in one of ``TaggerConfig.languages`` goes to that language's :class:`tagger.LanguageTagger` (its
rules folder, tokenizer and prefilter), any other to the primary language's; the record says which
language it was read as. Each language's pipeline is built when its first article arrives, so a process
that sees no Korean never loads Kiwi. The same object serves the CLI and the Kafka processor.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Iterable, Iterator

import msgspec
from spacy.language import Language
from spacy.tokens import Doc

from newswatch.language import by_script, declared, detect
from newswatch.processors.tag_meetings.config import TaggerConfig
from newswatch.processors.tag_meetings.datafiles import RulesError
from newswatch.processors.tag_meetings.lexicon import language_info
from newswatch.processors.tag_meetings.pipeline import components
from newswatch.processors.tag_meetings.rejections import Rejection
from newswatch.processors.tag_meetings.tagger import LanguageTagger
from newswatch.processors.tag_meetings.version import tagger_version
from newswatch.schema import Article, TaggedArticle

_PROBE = 600  # characters of summary and content the script is read from


class MeetingTagger:
    def __init__(
        self, config: TaggerConfig | None = None, *, nlp: Language | None = None, batch_size: int = 32
    ) -> None:
        self.config = config or TaggerConfig()
        self.batch_size = batch_size
        self.primary = LanguageTagger(self.config, nlp=nlp, batch_size=batch_size)
        self._taggers: dict[str, LanguageTagger] = {self.config.language: self.primary}
        self.languages = (self.config.language, *[c for c in self.config.languages if c != self.config.language])
        for code in self.languages[1:]:  # fail at start, not on the first Korean article
            _check_installed(self.config.for_language(code))

    # The primary language's pipeline, for the callers that look inside it (tests, explain, benchmarks).
    @property
    def nlp(self) -> Language:
        return self.primary.nlp

    @property
    def lexicon(self):  # noqa: ANN201 - the primary language's Lexicon
        return self.primary.lexicon

    @property
    def versions(self) -> dict[str, str]:
        """Each language's tagger version (what its records carry), without building its pipeline."""
        found = {self.config.language: self.primary.version}
        for code in self.languages[1:]:
            tagger = self._taggers.get(code)
            found[code] = tagger.version if tagger else _version(self.config.for_language(code))
        return found

    @property
    def version(self) -> str:
        """The primary language's version alone, or a digest of every language's when there are several
        (a replay re-tags its range when the rules of any language change)."""
        return combined_version(self.versions)

    def language_of(self, article: Article) -> str:
        """The language whose pipeline reads ``article``: declared, else by script, else the primary language."""
        return _declared_or_script(article) or self.config.language

    def _label(self, article: Article, read: bool, code: str | None = None) -> str | None:
        """The language a record names: declared or by script (``code``, when the caller has read it already);
        for other scripts the primary language, or with ``detect_other_scripts`` py3langid's, asked only about
        articles the pipeline read (it costs more than the prefilter), else None (not known, not read)."""
        code = code or _declared_or_script(article)
        if code is not None:
            return code
        if not self.config.detect_other_scripts:
            return self.config.language
        return detect(article.text) if read else None

    def tagger_for(self, code: str) -> LanguageTagger:
        if code not in self.languages:
            return self.primary
        tagger = self._taggers.get(code)
        if tagger is None:
            tagger = self._taggers[code] = LanguageTagger(self.config.for_language(code), batch_size=self.batch_size)
        return tagger

    def prefilter(self, article: Article) -> bool:
        return self.tagger_for(self.language_of(article)).prefilter(article)

    def tag(self, article: Article) -> TaggedArticle:
        return next(self.tag_many([article]))

    def tag_many(self, articles: Iterable[Article], *, use_prefilter: bool = True) -> Iterator[TaggedArticle]:
        """Tag in input order: runs of articles in one language go through that language's pipeline together."""
        run: list[Article] = []
        run_language: str | None = None
        read_as: dict[int, str | None] = {}  # each article's declared or script language, read once
        for article in articles:
            found = read_as[id(article)] = _declared_or_script(article)
            code = found or self.config.language
            if run and code != run_language:
                yield from self._tag_run(run, run_language, use_prefilter, read_as)
                run = []
            run.append(article)
            run_language = code
        if run:
            yield from self._tag_run(run, run_language, use_prefilter, read_as)

    def _tag_run(
        self, run: list[Article], code: str | None, use_prefilter: bool, read_as: dict[int, str | None]
    ) -> Iterator[TaggedArticle]:
        tagger = self.tagger_for(code or self.config.language)

        def label(article: Article, read: bool) -> str | None:
            return self._label(article, read, read_as.pop(id(article), None))

        yield from tagger.tag_many(run, use_prefilter=use_prefilter, label=label)

    def analyse(self, article: Article) -> Doc:
        return self.tagger_for(self.language_of(article)).analyse(article)

    def explain(self, article: Article) -> tuple[TaggedArticle, list[Rejection]]:
        tagged, rejected = self.tagger_for(self.language_of(article)).explain(article)
        return msgspec.structs.replace(tagged, language=self._label(article, True)), rejected


def _declared_or_script(article: Article) -> str | None:
    """The article's declared language, else what the script of its title and first lines says (no join of
    the whole text: the probe reads a few hundred characters)."""
    if article.language:
        code = declared(article.language)
        if code is not None:
            return code
    return by_script(f"{article.title}\n{article.summary[:_PROBE]}\n{article.content[:_PROBE]}")


def _check_installed(config: TaggerConfig) -> None:
    info = language_info(config.rules_dir.resolve())
    missing = [name for name in info.requires or [] if importlib.util.find_spec(name) is None]
    if missing:
        raise RulesError(
            f"processor.tagger.languages has {config.language!r}, whose tokenizer needs {', '.join(missing)}: "
            "install the project with its 'cjk' extra (make setup does), or drop the language from the list"
        )


def combined_version(versions: dict[str, str]) -> str:
    """One language's version as it is, or ``meetings-en+ko+ja-<digest of every language's version>``."""
    if len(versions) == 1:
        return next(iter(versions.values()))
    digest = hashlib.sha256(repr(sorted(versions.items())).encode()).hexdigest()[:12]
    return f"meetings-{'+'.join(versions)}-{digest}"


def version_of(config: TaggerConfig) -> str:
    """What ``MeetingTagger(config).version`` would be, without building any pipeline (``tag --version``)."""
    codes = dict.fromkeys([config.language, *config.languages])
    return combined_version({code: _version(config.for_language(code)) for code in codes})


def _version(config: TaggerConfig) -> str:
    return tagger_version(config, components(language_info(config.rules_dir.resolve())))
