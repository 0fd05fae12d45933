"""``newswatch_meetings_v1``: sentences that report a meeting of the domain's principals, and who was in it.

A sentence is evidence when it has a meeting trigger (``data/<lang>/triggers.tsv``, read by
:mod:`modality`) and a principal takes part: a principal's role, a known principal's name, or a
``counterpart`` of one when no other office holder (a foreign minister, a president) is the
subject. Its parties are the countries attached to those roles and people, and countries paired in
``South Korea-Japan talks`` or ``between South Korea and Cameroon``. A country that is only
mentioned (a venue, a third party, a market) is not a party.

Sentences whose triggers report a meeting held are ``doc._.nw_evidence``; those whose triggers
report one planned, postponed, cancelled or denied are ``doc._.nw_unheld`` (the same rules, so a
"will meet" sentence names the same parties a "met" sentence would). Every sentence lists the
rules that fired (``trigger:met``, ``role:defense minister``, ``pair:between`` ...).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newswatch.processors.tag_meetings.kinds import (
    FORM_CAPITAL,
    KIND_CALL,
    KIND_IN_PERSON,
    KIND_VIDEO,
    POS_NOUN,
    POS_REPORT,
    POS_VERB,
    ROLE_COUNTERPART,
    ROLE_OTHER,
    ROLE_PRINCIPAL,
    STATUS_BACKGROUND,
    STATUS_CANCELLED,
    STATUS_DENIED,
    STATUS_HELD,
    STATUS_PLANNED,
    STATUS_POSTPONED,
    MeetingWords,
    Status,
)
from newswatch.processors.tag_meetings.lexicon import DEFAULT_RULES, TriggerRule, load_lexicon
from newswatch.processors.tag_meetings.mentions import (
    COUNTRY_SPANS,
    HEADLINE_PAIR,
    Evidence,
    Party,
    Trigger,
    headline_end,
    sentence_of,
)
from newswatch.processors.tag_meetings.modality import Modality

#: When a sentence's triggers disagree on the kind, the most specific wins.
_KIND_RANK = {KIND_IN_PERSON: 0, KIND_CALL: 1, KIND_VIDEO: 2}
#: The statuses of meetings that did not take place, reported in ``doc._.nw_unheld``.
#: How many sentences after the headline an occasion's page (a transcript, remarks) names its principals in.
_OCCASION_SENTENCES = 4
UNHELD = (STATUS_PLANNED, STATUS_POSTPONED, STATUS_CANCELLED, STATUS_DENIED)


class MeetingFinder:
    def __init__(self, nlp: Language, name: str, data_dir: str):
        self.name = name
        lex = load_lexicon(data_dir)
        self.modality = Modality(lex)
        self.words = lex.meeting_words
        self.marks = lex.marks
        self.fw = lex.function_words
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.triggers: dict[str, TriggerRule] = {}
        for number, rule in enumerate(lex.triggers):
            key = f"trigger{number}"
            self.triggers[key] = rule
            self.matcher.add(key, [nlp.make_doc(rule.phrase)])
        self.patterns = Matcher(nlp.vocab)
        for pattern in lex.patterns:
            self.patterns.add(pattern.rule, [pattern.pattern])

    def __call__(self, doc: Doc) -> Doc:
        sents = sentence_of(doc)
        triggers = []
        words = self.words
        for span in filter_spans([Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]):
            rule = self.triggers[span.label_]
            sent = sents[span.start]
            if rule.pos is POS_VERB and self._meets_a_thing(doc, span.end, sent.end):
                continue  # "promised to meet quickly Onodera's request": to satisfy, not to hold talks
            # "a key meeting of the Contact Group, hosted by Austin at Ramstein": a participle after its noun, no verb
            # of its own, is read as that noun is (planned in "On Friday he will join a key meeting ..., hosted by")
            attributive = rule.pos is POS_VERB and self._attributive_passive(doc, span.start, span.end, sent)
            reading = self.modality.read(doc, span.start, span.end, sent, noun=rule.pos is POS_NOUN or attributive)
            status, why = reading.status, reading.rule
            if reading.held and self.modality.dated_long_before(doc, span.end, sent):
                status, why = STATUS_BACKGROUND, "modality.dated_long_before"  # a September call in a May story
            if status is STATUS_HELD and "urges" in self._patterns_at(doc[span.start : min(sent.end, span.end + 8)]):
                status, why = STATUS_PLANNED, "pattern.urges"  # "called on his counterpart to resume talks"
            prev = doc[span.start - 1].lower_ if span.start > 0 else ""
            prev2 = doc[span.start - 2].lower_ if span.start > 1 else ""
            plural = words.plural_principal
            multilateral = prev in words.multilateral_cue or (
                rule.pos is POS_NOUN and (prev in plural or (prev in {"'", "’"} and prev2 in plural))
            )
            triggers.append(Trigger(span.start, span.end, span.text, rule.kind, rule.pos, status, why, multilateral))
        _noun_follows_verb(triggers, sents)
        self._anaphors_follow_their_meeting(doc, triggers)
        doc._.nw_triggers = triggers
        held, unheld = [], []
        by_sentence: dict[int, list[Trigger]] = {}
        for trigger in triggers:
            by_sentence.setdefault(sents[trigger.start].start, []).append(trigger)
        others_met: set[str] = set()  # countries whose principal met a head of state or an officer instead
        officer_only_until = -1  # end of the last sentence whose only office holder is no principal
        previous_plural: list[str] = []  # the countries of the previous sentence's plural principals
        for sent in doc.sents:
            inside = by_sentence.get(sent.start)
            plural_before, previous_plural = (
                previous_plural,
                self._plural_principals(doc, sent) or (previous_plural if not any(t.is_alpha for t in sent) else []),
            )
            if not inside:
                if any(t.is_alpha for t in sent):
                    officer_only_until = -1  # the pronoun rule reads the very next sentence only
                continue  # no trigger, no meeting: most sentences of most stories
            subject_other = self._subject_is_other(doc, sent, inside)
            follows = officer_only_until >= 0 and all(t.is_space for t in doc[officer_only_until : sent.start])
            if subject_other is None and follows and self._pronoun_subject(doc, sent, inside):
                subject_other = True  # "Deputy Minister Vinh held talks with ... Earlier he met Minister Kono"
            officer_only = bool(subject_other) and not self._principal_countries(doc, sent)
            officer_only_until = sent.end if officer_only else -1
            if subject_other:
                if any(t.real for t in inside):
                    others_met.update(self._principal_countries(doc, sent))
                continue
            found = self._evidence(doc, sent, inside, STATUS_HELD)
            if found is None and plural_before and self._they_subject(doc, sent, inside):
                found = self._carried_over(sent, inside, plural_before)
            if found is not None:
                held.append(found)
                continue
            for status in dict.fromkeys(t.status for t in inside if t.status in UNHELD):
                found = self._evidence(doc, sent, inside, status)
                if found is not None:
                    unheld.append(found)
                    break
        if held and others_met and held[0].sent_start == 0:
            # "UAE: Mohamed bin Zayed hosts Turkish defence minister" over a body whose President received
            # him: the headline's meeting is the head of state's, not a principal's
            headline = {p.country for p in held[0].parties}
            alone = not any(e.parties for e in held[1:])  # the body's own meeting sentences name no one
            if headline and (headline <= others_met or (alone and headline & others_met)):
                # "Turkish, Iraqi defense chiefs meet" over "Foreign Minister Hakan Fidan met Iraqi Defense Minister
                # ...": a body telling only another office holder's meeting with one side undoes the headline's
                held = held[1:]
        opening = _opening(doc)
        held = self._without_opening_plan(held, unheld, opening)
        if held and self._review_lead(doc, opening):
            # "Over the year the Ministry of Defence took cooperation to a new level ...": a year-end review lists
            # the year's meetings as its record, not as news
            for ev in held:
                ev.status = STATUS_BACKGROUND
                ev.rules.append("meeting.review_lead")
            held = []
        if not held and not any(ev.sent_start < opening for ev in unheld):
            # a plan or a recalled trip further down ("Nakatani's visit comes six weeks after ... Iwaya was in
            # Manila to meet ...") does not undo a two-country headline of joint action
            pair = self._headline_pair(doc)
            if pair is not None:
                held.append(pair)
        one_side = len({p.country for ev in held for p in ev.parties}) <= 1
        if one_side and not any(ev.sent_start < opening for ev in unheld):
            # "Remarks by Secretary Mattis at an Honor Cordon Welcoming U.K. Secretary of State for Defense Fallon":
            # a held sentence of one side alone ("Mattis welcomed ...") leaves the page's occasion to tell the other
            occasion = self._occasion(doc)
            if occasion is not None:
                held.append(occasion)
        doc._.nw_evidence = held
        doc._.nw_unheld = unheld
        return doc

    def _attributive_passive(self, doc: Doc, start: int, end: int, sent: Span) -> bool:
        """Is the verb trigger ``doc[start:end]`` a past participle modifying the noun before it ("a forum hosted by
        the ministry", "the meeting, hosted by Austin"): "by" after it and no passive auxiliary ("was hosted by")
        right before it?"""
        if end >= sent.end or doc[end].lower_ not in self.words.agent_by or start <= sent.start:
            return False
        before = doc[start - 1]
        return before.lower_ not in self.words.passive_aux

    @staticmethod
    def _without_opening_plan(held: list[Evidence], unheld: list[Evidence], opening: int) -> list[Evidence]:
        """A story whose headline and lead both tell a meeting still to come ("Defence chiefs of A, B to meet",
        "... will meet for talks next week") is that plan: a body sentence naming the same meeting with a noun or a
        recalled call of the same two sides is no news of its own. Held sentences whose parties are all in the
        opening's plans go."""
        plans = [ev for ev in unheld if ev.sent_start < opening and ev.status is STATUS_PLANNED]
        if not held or len({ev.sent_start for ev in plans}) < 2:
            return held
        planned = {p.country for ev in plans for p in ev.parties}
        kept = []
        for ev in held:
            countries = {p.country for p in ev.parties}
            if ev.sent_start >= opening and countries and countries <= planned:
                continue
            kept.append(ev)
        return kept

    def _review_lead(self, doc: Doc, opening: int) -> bool:
        """Does the headline or the lead open a review of a period ("Over the year ...", "In 2024 the ministry
        ...")? Its meetings are the period's record."""
        text = " ".join(t.lower_ for t in doc[:opening])
        return any(f" {cue} " in f" {text} " for cue in self.words.review_cue)

    def _occasion(self, doc: Doc) -> Evidence | None:
        """A page whose headline names it the record of an occasion ("Press conference, AUSMIN", "Opening remarks
        at ...", "Joint Press Availability with ...", "Remarks ... at an Honor Cordon") is the meeting's own record:
        the defence principals its headline and first sentences name, of two countries or more (or one besides an
        unqualified home one), are its parties. Only where no sentence of the story tells a meeting held or the
        opening a plan."""
        end = headline_end(doc)
        if end <= 0:
            return None
        title = " ".join(t.lower_ for t in doc if t.idx < end)
        cue = next((c for c in sorted(self.words.occasion) if f" {c} " in f" {title} "), None)
        if cue is None:
            return None
        sents = list(doc.sents)[: 1 + _OCCASION_SENTENCES]
        limit = sents[-1].end
        roles = [r for r in doc._.nw_roles if r.start < limit and r.is_principal and not r.excluded and not r.plural]
        people = [p for p in doc._.nw_people if p.start < limit and p.principal]
        named = [c for r in roles for c in r.countries] + [p.country for p in people if p.country]
        countries = list(dict.fromkeys(named))
        home = any(not r.countries for r in roles)
        if len(countries) < 2 and not (countries and home):
            return None
        evidence = Evidence(0, limit, KIND_IN_PERSON, len(countries) > 2, STATUS_HELD)  # the opening is its record
        evidence.rules += [f"trigger:{cue}", "meeting.occasion"]
        names = {p.country: p for p in people if p.country}
        evidence.parties += [Party(c, names[c].name if c in names else None) for c in countries]
        return evidence

    def _headline_pair(self, doc: Doc) -> Evidence | None:
        """A two-country headline with a present-tense verb of joint action ("Egypt and Zambia agree to ...") over a
        body that names both sides' principals (or one side's and an unqualified, home one) and no meeting of its
        own: the headline's meeting."""
        countries, verb = headline_pair(doc, self.words)
        if not countries:
            return None
        end = headline_end(doc)
        roles = [r for r in doc._.nw_roles if doc[r.start].idx > end and r.is_principal and not r.excluded]
        sides = {c for r in roles for c in r.countries}
        sides |= {p.country for p in doc._.nw_people if p.principal and p.country and doc[p.start].idx > end}
        named = set(countries) & sides
        home = any(not r.countries and not r.plural for r in roles)
        if len(named) < 2 and not (len(named) == 1 and home):
            return None
        first = next(iter(doc.sents))
        evidence = Evidence(first.start, first.end, KIND_IN_PERSON, False, STATUS_HELD)
        evidence.rules += [f"trigger:{verb}", HEADLINE_PAIR]
        evidence.parties += [Party(country) for country in countries]
        return evidence

    def _anaphors_follow_their_meeting(self, doc: Doc, triggers: list[Trigger]) -> None:
        """A noun trigger after "that" or "this" names a meeting told before ("It will be their first meeting,
        after a phone call in February. In that phone conference, ..."): it has that earlier trigger's status."""
        for k, trigger in enumerate(triggers):
            if (
                trigger.pos is not POS_NOUN
                or trigger.start == 0
                or doc[trigger.start - 1].lower_ not in self.words.anaphor
            ):
                continue
            earlier = [t for t in triggers[:k] if t.kind == trigger.kind and t.pos is POS_NOUN]
            if earlier and not earlier[-1].real:
                trigger.status, trigger.rule = earlier[-1].status, "meeting.anaphor"

    @staticmethod
    def _plural_principals(doc: Doc, sent: Span) -> list[str]:
        for r in doc._.nw_roles:
            if sent.start <= r.start < sent.end and r.is_principal and r.plural and len(r.countries) >= 2:
                return list(r.countries)
        return []

    def _they_subject(self, doc: Doc, sent: Span, inside: list[Trigger]) -> bool:
        """Does the sentence open with "They" right before a held verb trigger ("They met in Ljubljana")?"""
        first = min(inside, key=lambda t: t.start)
        words = [t for t in doc[sent.start : first.start] if not t.is_space]
        return first.real and first.pos is POS_VERB and len(words) == 1 and words[0].lower_ in self.words.plural_pronoun

    @staticmethod
    def _carried_over(sent: Span, inside: list[Trigger], countries: list[str]) -> Evidence:
        """The meeting of the plural principals the previous sentence named ("Defense ministers of Croatia and
        Slovenia, Banozic and Sarec, said ... They met in Ljubljana")."""
        real = [t for t in inside if t.real]
        kind = max((t.kind for t in real), key=_KIND_RANK.__getitem__)
        evidence = Evidence(sent.start, sent.end, kind, len(countries) > 2, STATUS_HELD)
        evidence.rules += [f"trigger:{t.text.lower()}" for t in real] + ["meeting.they_carry_over"]
        evidence.parties += [Party(country) for country in countries]
        return evidence

    def _meets_a_thing(self, doc: Doc, end: int, limit: int) -> bool:
        """Is the verb's object a thing one meets in the sense of satisfying it (a request, a target)?"""
        for token in doc[end : min(limit, end + 4)]:
            if token.is_punct and token.text not in self.marks.possessive:
                return False
            if token.lower_ in self.words.not_met_object:
                return True
        return False

    def _subject_is_other(self, doc: Doc, sent: Span, inside: list[Trigger]) -> bool | None:
        """Is the sentence's subject (its first mention before the triggers) an office holder who is not a
        principal ("President Yoon received ...", "Deputy Defence Minister Vinh held talks ...")? ``None``
        when no one stands before the triggers."""
        first = min(t.start for t in inside)
        roles = [r for r in doc._.nw_roles if sent.start <= r.start < first and r.kind is not ROLE_COUNTERPART]
        people = [p for p in doc._.nw_people if sent.start <= p.start < first]
        roles = [
            r
            for r in roles
            if not r.excluded or (r.kind is ROLE_PRINCIPAL and (r.excluded_by or "").startswith("role.not_sitting"))
        ]
        mentions = [(r.start, not r.is_principal) for r in roles] + [(p.start, not p.principal) for p in people]
        if not mentions:
            return None
        # "Foreign Minister Kamikawa and Defense Minister Kihara held the 2+2 with ...": a principal among
        # the subjects makes it a principal's meeting
        return min(mentions)[1] and all(other for _start, other in mentions)

    def _pronoun_subject(self, doc: Doc, sent: Span, inside: list[Trigger]) -> bool:
        """Does a pronoun stand for the subject before the sentence's first trigger ("Earlier he met ...")?"""
        first = min(t.start for t in inside)
        return any(t.lower_ in self.words.subject_pronoun for t in doc[sent.start : first])

    def _principal_countries(self, doc: Doc, sent: Span) -> set[str]:
        found = {c for r in doc._.nw_roles if sent.start <= r.start < sent.end and r.is_principal for c in r.countries}
        found |= {p.country for p in doc._.nw_people if sent.start <= p.start < sent.end and p.principal and p.country}
        return found

    def _evidence(self, doc: Doc, sent: Span, inside: list[Trigger], status: Status) -> Evidence | None:
        """The sentence's parties when its triggers ``inside`` of ``status`` report a meeting of principals."""
        roles = [r for r in doc._.nw_roles if sent.start <= r.start < sent.end]
        people = [p for p in doc._.nw_people if sent.start <= p.start < sent.end]
        has_counterpart = any(r.kind is ROLE_COUNTERPART and not r.excluded for r in roles)
        real = [
            t
            for t in inside
            if t.status is status
            and (
                t.pos is not POS_REPORT
                or has_counterpart
                or _joint_subject(doc, roles, people, t.start, self.fw.conjunction | self.fw.joint)
            )
        ]
        if not real:
            return None
        principal_roles = [r for r in roles if r.is_principal]
        principal_people = [p for p in people if p.principal]
        others = [r for r in roles if r.kind is ROLE_OTHER and not r.excluded]
        if self._subject_is_other(doc, sent, real):
            return None  # "President Yoon received U.S. Defense Secretary Austin": a head of state's meeting
        if status is STATUS_HELD:
            roles, people = self._held_parts(doc, sent, inside, roles, people)
            principal_roles = [r for r in roles if r.is_principal]
            principal_people = [p for p in people if p.principal]
            if not self._pronoun_subject(doc, sent, inside) and self._officer_meeting(roles, people):
                return None
        if not principal_roles and not principal_people:
            doc_has_principal = any(r.is_principal for r in doc._.nw_roles)
            if not (has_counterpart and doc_has_principal and not others):
                return None
        kind = max((t.kind for t in real), key=_KIND_RANK.__getitem__)
        # "hosted his counterparts from France, Britain, Italy and Poland" is one meeting;
        # "held back-to-back meetings with the defense ministers of ..." is a series of bilaterals
        listed = any(r.plural and len(r.countries) >= 2 and not r.excluded for r in roles)
        series = any(t.lower_ in self.words.series for t in sent)
        evidence = Evidence(
            sent.start, sent.end, kind, any(t.multilateral for t in real) or (listed and not series), status
        )
        evidence.rules += [f"trigger:{t.text.lower()}" for t in real]
        evidence.rules += [t.rule for t in real if t.rule]
        triggered = {i for t in real for i in range(t.start, t.end)}
        first_trigger = min(t.start for t in real)
        inviter = self._inviter(doc, sent, real, roles)
        # an unqualified principal named before the trigger is the home one ("defence minister Gabriel Leș held a
        # meeting with his Portuguese counterpart, ..."): never the name of the counterpart the story leaves unnamed
        # "the Minister for Defence and Security Thomas Mmusi hosted his counterparts from Namibia": a name before
        # the sentence's "counterpart" is the home side's, never the counterpart's
        counterpart_at = max((r.start for r in roles if r.kind is ROLE_COUNTERPART), default=-1)
        for role in roles:
            if self._owns_other_thing(doc, role.name_end or role.end, triggered):
                continue  # "respond to U.S. Defense Secretary Pete Hegseth's remarks": mentioned, not met
            if role.start in inviter:
                continue
            if role.kind in {ROLE_PRINCIPAL, ROLE_COUNTERPART} and not role.excluded:
                name = role.name if len(role.countries) == 1 else None
                for country in role.countries:
                    evidence.parties.append(Party(country, name, None if role.plural else role.text))
                if not role.countries and role.name and first_trigger < role.start and role.end > counterpart_at:
                    evidence.unnamed_people.append((role.name, None))
                evidence.rules.append(f"role:{role.pattern}")
        for person in principal_people:
            if self._owns_other_thing(doc, person.end, triggered) or person.start in inviter:
                continue
            if person.country:
                evidence.parties.append(Party(person.country, person.name, person.role))
            elif (
                first_trigger < person.start
                and person.end > counterpart_at
                and not any(person.name == n for n, _ in evidence.unnamed_people)
            ):
                evidence.unnamed_people.append((person.name, person.role))
            evidence.rules.append(f"person:{person.name}")
        paired = self._paired_countries(doc, sent)
        for country in paired:
            evidence.parties.append(Party(country))
        if paired:
            evidence.rules.append("pair")
        # a list in a sentence that only names a meeting ("... and the Five Power Defence Arrangements - comprising
        # Australia, ...") is a membership, not a meeting's
        members = self._member_list(doc, sent) if any(t.pos is POS_VERB for t in real) else []
        if members:
            # "Pistorius was host to the so-called Group of Five, made up of Germany, France, the UK, Italy and
            # Poland": the group's members are the meeting's parties
            evidence.parties += [Party(country) for country in members]
            evidence.multilateral = evidence.multilateral or len(members) >= 2
            evidence.rules.append("meeting.member_list")
        evidence.rules = list(dict.fromkeys(evidence.rules))
        return evidence

    def _held_parts(self, doc: Doc, sent: Span, inside: list[Trigger], roles: list, people: list) -> tuple[list, list]:
        """The roles and people of a sentence that belong to its held triggers.

        Each mention after a trigger belongs to the nearest trigger before it in its clause (clauses end
        at ``;``); a mention before every trigger of its clause, to the clause's next trigger. In "was
        warmly received by an assistant minister and looked forward to a meeting with Richard Marles"
        Marles is in the planned meeting; in "holding talks with Pakistan; after that, the German
        defence minister would accompany ... on a visit" the German minister is in the planned visit.
        The sentence's opening subject stays with the held meeting.
        """
        if all(t.real for t in inside):
            return roles, people
        cuts = [t.i for t in sent if t.text in self.words.clause_break]
        ordered = sorted(inside, key=lambda t: t.start)
        first = ordered[0].start

        def clause(i: int) -> int:
            return sum(1 for c in cuts if c < i)

        def belongs_to_held(start: int) -> bool:
            if start < first:
                return True
            before = [t for t in ordered if t.start < start and clause(t.start) == clause(start)]
            if before:
                return before[-1].real
            after = [t for t in ordered if t.start > start and clause(t.start) == clause(start)]
            if after:
                return after[0].real
            return [t for t in ordered if t.start < start][-1].real

        return [r for r in roles if belongs_to_held(r.start)], [p for p in people if belongs_to_held(p.start)]

    @staticmethod
    def _officer_meeting(roles: list, people: list) -> bool:
        """Is the meeting an officer's with one side's principal ("a meeting between Chief of the Naval Staff
        Abbasi and Kenyan Defence Cabinet Secretary Omamo")? The principals are all of one country and
        another office holder, of no country or another one, is the other side."""
        principals = [r for r in roles if r.is_principal]
        principals += [r for r in roles if r.kind is ROLE_COUNTERPART and not r.excluded]
        countries = {c for r in principals for c in r.countries}
        if any(not r.countries for r in principals if r.kind is not ROLE_COUNTERPART):
            return False  # an unqualified principal is the host's own
        named = [p for p in people if p.principal]
        countries |= {p.country for p in named if p.country}
        if any(p.country is None for p in named) or len(countries) != 1:
            return False
        first = min([r.start for r in principals] + [p.start for p in named])
        officers = [r for r in roles if r.kind is ROLE_OTHER and not r.excluded and not r.plural and r.start < first]
        if any(r.country is None or r.country not in countries for r in officers):
            return True
        # "At a meeting with Lao Defence Minister Chansamone, Chien briefed his host": the other side is a
        # deputy minister or an officer named before, by name alone
        return any(not p.principal and p.country not in countries for p in people)

    def _inviter(self, doc: Doc, sent: Span, real: list[Trigger], roles: list) -> set[int]:
        """The tokens of an inviter's phrase ("at the invitation of Turkish Defense Minister Canikli") before a
        trigger whose object is an officer ("has met Chief of General Staff ... Akar"): the inviter hosts the
        trip, the officer is the one met. Without an officer met, the inviter is the usual host of the talks."""
        ends = [t.end for t in real]
        if not any(r.kind is ROLE_OTHER and not r.excluded and any(0 <= r.start - e <= 2 for e in ends) for r in roles):
            return set()
        first = min(t.start for t in real)
        inside: set[int] = set()
        for token in doc[sent.start : first]:
            if token.lower_ in self.words.inviter_cue:
                k = token.i + 1
                while k < first and doc[k].text not in {",", ";"}:
                    inside.add(k)
                    k += 1
        return inside

    def _owns_other_thing(self, doc: Doc, end: int, triggered: set[int]) -> bool:
        """A principal written as the owner of something that is not the meeting ("Hegseth's remarks").

        "Secretary Hegseth's meeting with ..." still takes part: the owned noun is a real trigger.
        """
        if end >= len(doc) or doc[end].text not in self.marks.possessive:
            return False
        for token in doc[end + 1 : min(len(doc), end + 4)]:
            if token.i in triggered:
                return False
            if token.is_punct or token.lower_ in self.words.owner_break:
                break
        return True

    def _patterns_at(self, window: Span) -> set[str]:
        """The ``patterns.jsonl`` rules matching from the first token of ``window`` (run on a trigger's few
        tokens only: a Matcher over every token of every story would cost more than the component)."""
        if not len(self.patterns):
            return set()
        return {window.doc.vocab.strings[key] for key, start, _end in self.patterns(window) if start == 0}

    def _member_list(self, doc: Doc, sent: Span) -> list[str]:
        """The countries listed right after a ``member_cue`` ("made up of", "comprising", "countries (") in the
        sentence: two or more country names joined by commas, "and" and articles only."""
        words = [t.lower_ for t in sent]
        spans = {s.start: s for s in doc.spans[COUNTRY_SPANS] if sent.start <= s.start < sent.end}
        joiners = self.fw.conjunction | self.fw.article | {","}
        for cue in self.words.member_cue:
            phrase = cue.split()
            n = len(phrase)
            for k in range(len(words) - n + 1):
                if words[k : k + n] != phrase:
                    continue
                i, found = sent.start + k + n, []
                while i < sent.end:
                    if i in spans and spans[i].kb_id_ != FORM_CAPITAL:
                        found.append(spans[i].label_)
                        i = spans[i].end
                    elif doc[i].lower_ in joiners:
                        i += 1
                    else:
                        break
                found = list(dict.fromkeys(found))
                if len(found) >= 2:
                    return found
        return []

    def _paired_countries(self, doc: Doc, sent: Span) -> list[str]:
        """Countries named as the two sides: ``South Korea-Japan talks``, ``between South Korea and NATO``."""
        spans = [s for s in doc.spans[COUNTRY_SPANS] if sent.start <= s.start < sent.end and s.kb_id_ != FORM_CAPITAL]
        events = [(e.start, e.end) for e in doc._.nw_events or []]
        spans = [s for s in spans if not any(a <= s.start < b for a, b in events)]
        pair_nouns = self.words.pair_noun
        found: list[str] = []
        for left, right in zip(spans, spans[1:], strict=False):
            gap = doc[left.end : right.start]
            if len(gap) == 1 and gap[0].text in self.marks.pair_mark:
                follow = doc[right.end : min(sent.end, right.end + 3)]
                if any(t.lower_ in pair_nouns for t in follow):
                    found += [left.label_, right.label_]
            elif (
                len(gap) == 1
                and gap[0].lower_ in self.fw.conjunction
                and left.start > sent.start + 1
                and doc[left.start - 1].lower_ in self.fw.between
                and doc[left.start - 2].lower_ in pair_nouns
            ):
                found += [left.label_, right.label_]
        return found


def headline_pair(doc: Doc, words: MeetingWords) -> tuple[list[str], str]:
    """The two countries a headline opens with, when it reports them acting together ("Egypt and Zambia agree to
    ...", "Azerbaijani, Pakistani defense ministers meet"): a present-tense verb of ``headline_verb`` not after a
    ``headline_not_held`` word ("Singapore and Indonesia to enhance ..." is a plan), the two countries first,
    and no one named in it ("Jaishankar Meets Maldivian ...", "Defense Minister Nakatani meets ... Ambassador"
    say who met) but plural principals; with the verb. Else empty."""
    end = headline_end(doc)
    if end <= 0:
        return [], ""
    head = [t for t in doc if t.idx < end]
    verbs = [t for t in head if t.lower_ in words.headline_verb]
    if not verbs or (verbs[0].i > 0 and doc[verbs[0].i - 1].lower_ in words.headline_not_held):
        return [], ""
    spans = [s for s in doc.spans[COUNTRY_SPANS] if s.end_char <= end and s.kb_id_ != FORM_CAPITAL]
    countries = list(dict.fromkeys(s.label_ for s in spans))
    if len(countries) != 2 or spans[0].start != head[0].i:
        return [], ""
    if any(doc[r.start].idx < end and not (r.is_principal and r.plural) for r in doc._.nw_roles):
        return [], ""
    if any(doc[p.start].idx < end for p in doc._.nw_people):
        return [], ""
    return countries, verbs[0].lower_


def _joint_subject(doc: Doc, roles: list, people: list, before: int, conjunctions: frozenset[str]) -> bool:
    """Two countries' principals joined by "and" or "together with" before a verb ("Nakatani and Hegseth agreed")."""
    if any(r.is_principal and r.plural and len(r.countries) >= 2 and r.start < before for r in roles):
        return True  # "The two ministers also discussed ...", "the defence ministers of both countries agreed"
    found = [(r.start, r.country) for r in roles if r.is_principal and r.country and r.start < before]
    found += [(p.start, p.country) for p in people if p.principal and p.country and p.start < before]
    if len({country for _, country in found}) < 2:
        return False
    first, last = min(found)[0], max(found)[0]
    return any(t.lower_ in conjunctions for t in doc[first:last])


def _opening(doc: Doc) -> int:
    """The token where the story's opening (its headline line and the lead sentence after it) ends."""
    ends = [s.end for _, s in zip(range(2), doc.sents, strict=False)]
    return ends[-1] if ends else 0


def _noun_follows_verb(triggers: list[Trigger], sents: list[Span]) -> None:
    """A noun trigger shares the fate of the sentence's verbs: in "Dong declined to meet Austin on the
    sidelines of a regional security meeting" the meeting that did not happen is the news."""
    by_sentence: dict[int, list[Trigger]] = {}
    for trigger in triggers:
        by_sentence.setdefault(sents[trigger.start].start, []).append(trigger)
    for group in by_sentence.values():
        verbs = [t for t in group if t.pos is POS_VERB]
        if verbs and not any(t.real for t in verbs):
            for trigger in group:
                if trigger.real:
                    trigger.status, trigger.rule = verbs[0].status, "meeting.noun_follows_verb"


@Language.factory(
    "newswatch_meetings_v1",
    default_config={"data_dir": str(DEFAULT_RULES)},
    assigns=["doc._.nw_triggers", "doc._.nw_evidence", "doc._.nw_unheld"],
)
def make_meeting_finder(nlp: Language, name: str, data_dir: str) -> MeetingFinder:
    return MeetingFinder(nlp, name, data_dir)
