"""The kinds the rules speak of, as enums: each value is the word the data files use."""

from __future__ import annotations

from enum import StrEnum


class CountryForm(StrEnum):
    """How a country was written."""

    NAME = "name"
    DEMONYM = "demonym"
    CAPITAL = "capital"
    ORGANIZATION = "organization"


class RoleKind(StrEnum):
    """``roles.jsonl`` ``kind``: the domain's principal, "counterpart", or another office holder."""

    PRINCIPAL = "principal"
    COUNTERPART = "counterpart"
    OTHER = "other"


class CountrySource(StrEnum):
    """How a role's country was found: written next to it, from the holder's name, or from the title."""

    ATTACHED = "attached"
    NAME = "name"
    TITLE = "title"


class TriggerKind(StrEnum):
    IN_PERSON = "in-person"
    CALL = "call"
    VIDEO = "video"


class TriggerPos(StrEnum):
    """A trigger's part of speech; ``report`` verbs (agreed, discussed) need a counterpart in the sentence."""

    VERB = "verb"
    NOUN = "noun"
    REPORT = "report"


class Status(StrEnum):
    """Whether a trigger reports a meeting that took place (the first five are ``schema.MeetingStatus``)."""

    HELD = "held"
    PLANNED = "planned"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"
    DENIED = "denied"
    BACKGROUND = "background"  # an earlier meeting recalled: neither news nor a plan


class ModalityPlace(StrEnum):
    """Where a ``modality.tsv`` phrase is looked for around a trigger."""

    BEFORE = "before"
    AFTER = "after"
    SENTENCE = "sentence"


class ModalityWord(StrEnum):
    """The lists of ``modality_context.tsv``."""

    BOUNDARY = "boundary"
    ADJACENT_ONLY = "adjacent_only"
    SKIPPABLE = "skippable"
    RELATIVE = "relative"
    BACKGROUND_CLAUSE = "background_clause"
    NEGATION = "negation"
    FUTURE = "future"
    REPORTING = "reporting"
    PLAN_VERB = "plan_verb"
    DATE_CUE = "date_cue"


class RoleWord(StrEnum):
    """The lists of ``role_context.tsv``."""

    NOT_SITTING = "not_sitting"
    NOT_A_PERSON_AFTER = "not_a_person_after"
    MODIFIER = "modifier"
    LIST_FILLER = "list_filler"
    TITLE_WORD = "title_word"
    OF_WORD = "of_word"
    DETERMINER = "determiner"


class NameWord(StrEnum):
    """The lists of ``name_words.tsv``."""

    PARTICLE = "particle"
    SUFFIX = "suffix"
    POSTNOMINAL = "postnominal"
    NOT_NAME = "not_name"


class MeetingWord(StrEnum):
    """The lists of ``meeting_context.tsv``."""

    MULTILATERAL_CUE = "multilateral_cue"
    PLURAL_PRINCIPAL = "plural_principal"
    PAIR_NOUN = "pair_noun"
    SERIES = "series"
    URGE_OR_VISIT = "urge_or_visit"
    OWNER_BREAK = "owner_break"
    SIDELINE = "sideline"


class Mark(StrEnum):
    """The lists of ``text_marks.tsv``."""

    POSSESSIVE = "possessive"
    SENTENCE_END = "sentence_end"
    CLOSER = "closer"
    TITLE_ABBREVIATION = "title_abbreviation"
    DASH = "dash"
    PAIR_MARK = "pair_mark"
    CLAUSE_END = "clause_end"
    LIST_JOINER = "list_joiner"
    EVENT_JOINER = "event_joiner"
    EVENT_NOISE = "event_noise"


class FunctionWord(StrEnum):
    """The lists of ``function_words.tsv``: the grammatical words a rule names ("between A and B")."""

    AND = "and"
    TO = "to"
    BETWEEN = "between"
    THE = "the"
    IN = "in"
    OF = "of"
