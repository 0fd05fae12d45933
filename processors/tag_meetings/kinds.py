"""The kinds the rules speak of, as enums whose values are the words the data files use, and the word-list
files as small frozen dataclasses (one field per list, so a hot loop reads an attribute)."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class ModalityWords:
    """The lists of ``modality_context.tsv``."""

    boundary: frozenset[str] = frozenset()
    adjacent_only: frozenset[str] = frozenset()
    skippable: frozenset[str] = frozenset()
    relative: frozenset[str] = frozenset()
    background_clause: frozenset[str] = frozenset()
    negation: frozenset[str] = frozenset()
    future: frozenset[str] = frozenset()
    reporting: frozenset[str] = frozenset()
    plan_verb: frozenset[str] = frozenset()
    date_cue: frozenset[str] = frozenset()
    progressive: frozenset[str] = frozenset()
    future_time: frozenset[str] = frozenset()
    determiner: frozenset[str] = frozenset()
    realized_infinitive: frozenset[str] = frozenset()
    realized_motion: frozenset[str] = frozenset()
    recalled_time: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RoleWords:
    """The lists of ``role_context.tsv``."""

    not_sitting: frozenset[str] = frozenset()
    not_a_person_after: frozenset[str] = frozenset()
    modifier: frozenset[str] = frozenset()
    list_filler: frozenset[str] = frozenset()
    title_word: frozenset[str] = frozenset()
    of_word: frozenset[str] = frozenset()
    determiner: frozenset[str] = frozenset()
    both_word: frozenset[str] = frozenset()
    side_noun: frozenset[str] = frozenset()
    secretary_word: frozenset[str] = frozenset()
    civil_servant_secretary: frozenset[str] = frozenset()
    state_form: frozenset[str] = frozenset()
    agency_head: frozenset[str] = frozenset()


@dataclass(frozen=True)
class NameWords:
    """The lists of ``name_words.tsv``."""

    particle: frozenset[str] = frozenset()
    suffix: frozenset[str] = frozenset()
    postnominal: frozenset[str] = frozenset()
    not_name: frozenset[str] = frozenset()


@dataclass(frozen=True)
class MeetingWords:
    """The lists of ``meeting_context.tsv``."""

    multilateral_cue: frozenset[str] = frozenset()
    plural_principal: frozenset[str] = frozenset()
    pair_noun: frozenset[str] = frozenset()
    series: frozenset[str] = frozenset()
    owner_break: frozenset[str] = frozenset()
    sideline: frozenset[str] = frozenset()
    held_verb: frozenset[str] = frozenset()
    visit_noun: frozenset[str] = frozenset()
    subject_pronoun: frozenset[str] = frozenset()
    clause_break: frozenset[str] = frozenset()
    not_met_object: frozenset[str] = frozenset()
    anaphor: frozenset[str] = frozenset()
    plural_pronoun: frozenset[str] = frozenset()
    inviter_cue: frozenset[str] = frozenset()
    headline_verb: frozenset[str] = frozenset()
    headline_not_held: frozenset[str] = frozenset()
    review_cue: frozenset[str] = frozenset()
    own_pronoun: frozenset[str] = frozenset()
    member_cue: frozenset[str] = frozenset()
    occasion: frozenset[str] = frozenset()
    agent_by: frozenset[str] = frozenset()
    passive_aux: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Marks:
    """The lists of ``text_marks.tsv``."""

    possessive: frozenset[str] = frozenset()
    sentence_end: frozenset[str] = frozenset()
    closer: frozenset[str] = frozenset()
    title_abbreviation: frozenset[str] = frozenset()
    dash: frozenset[str] = frozenset()
    pair_mark: frozenset[str] = frozenset()
    list_joiner: frozenset[str] = frozenset()
    event_joiner: frozenset[str] = frozenset()
    event_noise: frozenset[str] = frozenset()


@dataclass(frozen=True)
class FunctionWords:
    """The lists of ``function_words.tsv``: the grammatical words a rule names ("between A and B")."""

    conjunction: frozenset[str] = frozenset()
    infinitive: frozenset[str] = frozenset()
    between: frozenset[str] = frozenset()
    article: frozenset[str] = frozenset()
    place: frozenset[str] = frozenset()
    of: frozenset[str] = frozenset()
    joint: frozenset[str] = frozenset()


# Module constants for the members hot loops compare against: in Python 3.11 an enum member
# lookup (``RoleKind.PRINCIPAL``) costs a descriptor call, a module global does not.
FORM_CAPITAL = CountryForm.CAPITAL
FORM_NAME = CountryForm.NAME
FORM_DEMONYM = CountryForm.DEMONYM
FORM_ORGANIZATION = CountryForm.ORGANIZATION
FROM_ATTACHED = CountrySource.ATTACHED
FROM_NAME = CountrySource.NAME
FROM_TITLE = CountrySource.TITLE
PLACE_AFTER = ModalityPlace.AFTER
PLACE_BEFORE = ModalityPlace.BEFORE
ROLE_COUNTERPART = RoleKind.COUNTERPART
ROLE_OTHER = RoleKind.OTHER
ROLE_PRINCIPAL = RoleKind.PRINCIPAL
STATUS_BACKGROUND = Status.BACKGROUND
STATUS_CANCELLED = Status.CANCELLED
STATUS_DENIED = Status.DENIED
STATUS_HELD = Status.HELD
STATUS_PLANNED = Status.PLANNED
STATUS_POSTPONED = Status.POSTPONED
KIND_CALL = TriggerKind.CALL
KIND_IN_PERSON = TriggerKind.IN_PERSON
KIND_VIDEO = TriggerKind.VIDEO
POS_NOUN = TriggerPos.NOUN
POS_REPORT = TriggerPos.REPORT
POS_VERB = TriggerPos.VERB
