"""``newswatch_verdict_v1``: the article's host, its counterparts, one meeting per counterpart, and a score.

The host is the country of the principal the story is about: the first defense principal that is
the subject of its sentence (named before the meeting trigger, or in a sentence without one),
else the first one at all. When that principal's country is not written (``Defense Minister Kim
Yong-hyun held talks``), the dateline, the agency and the story's own byline decide. The
counterparts are every other party in an evidence sentence.

Each meeting carries the sentences it was read from, with the rules that fired. Meetings that were
planned, postponed, cancelled or denied come after the held ones, with their status; they never
make the article positive or add a counterpart. Every country the story names that is neither host
nor counterpart can be listed with the reason it was rejected (:mod:`rejections`, run on demand by
``--explain``: the stream does not pay for it).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from newswatch.processors.tag_meetings.kinds import (
    FORM_CAPITAL,
    FORM_NAME,
    FORM_ORGANIZATION,
    FROM_ATTACHED,
    ROLE_OTHER,
    ROLE_PRINCIPAL,
    STATUS_HELD,
    STATUS_PLANNED,
    Status,
    TriggerKind,
    TriggerPos,
)
from newswatch.processors.tag_meetings.lexicon import DEFAULT_RULES, agency_country, dateline, load_lexicon
from newswatch.processors.tag_meetings.meetings import headline_pair
from newswatch.processors.tag_meetings.mentions import (
    COUNTRY_SPANS,
    HEADLINE_PAIR,
    Evidence,
    Party,
    headline_end,
    sentence_of,
)
from newswatch.processors.tag_meetings.names import NameReader, name_key

_CREDIT = re.compile(r"\(([^()]{3,40})\)")  # a credit line in parentheses


@dataclass(frozen=True)
class Sentence:
    """A sentence a meeting was read from: its text, character offsets in the Doc, and the rules that fired."""

    text: str
    start: int
    end: int
    rules: tuple[str, ...]

    @classmethod
    def of(cls, doc: Doc, evidence: Evidence) -> Sentence:
        span = doc[evidence.sent_start : evidence.sent_end]
        text = span.text.strip()
        start = span.start_char + (len(span.text) - len(span.text.lstrip()))
        return cls(text, start, start + len(text), tuple(evidence.rules))


@dataclass
class MeetingDraft:
    counterparts: list[Party]
    kind: str
    location: str | None = None
    event: str | None = None
    status: Status = STATUS_HELD
    evidence: list[Sentence] = field(default_factory=list)


@dataclass
class Verdict:
    is_meeting: bool
    score: float
    host: str | None = None
    host_party: Party | None = None
    counterparts: list[str] = field(default_factory=list)
    meetings: list[MeetingDraft] = field(default_factory=list)  # held first, then planned, called off ...


class VerdictMaker:
    def __init__(self, name: str, data_dir: str):
        self.name = name
        self.lexicon = load_lexicon(data_dir)
        self.names = NameReader(self.lexicon)
        self.possessive = self.lexicon.marks.possessive
        self.sidelines = self.lexicon.meeting_words.sideline
        self.places = self.lexicon.function_words.place
        self.noun_triggers = {  # "meeting", "visit", "talks": name an in-person meeting without saying it happened
            f"trigger:{t.phrase}"
            for t in self.lexicon.triggers
            if t.pos is TriggerPos.NOUN and t.kind is TriggerKind.IN_PERSON
        }
        self.held_verbs = self.lexicon.meeting_words.held_verb
        self.visit_triggers = {f"trigger:{w}" for w in self.lexicon.meeting_words.visit_noun}
        self.known = {(p.country, name_key(form)) for p in self.lexicon.principals for form in p.forms}

    def __call__(self, doc: Doc) -> Doc:
        host_party = self._host(doc)
        host = host_party.country if host_party else None
        evidence: list[Evidence] = self._without_announced(doc, doc._.nw_evidence or [], host)
        evidence = self._without_others_meetings(doc, evidence, host)
        doc._.nw_evidence = evidence
        parties: dict[str, Party] = {}
        first_seen: dict[str, Evidence] = {}
        multilateral: list[tuple[Evidence, list[str]]] = []
        bilateral: dict[str, None] = {}  # insertion-ordered: meetings come out in reading order
        for ev in evidence:
            codes = []
            for party in ev.parties:
                if party.country == host:
                    continue
                codes.append(party.country)
                known = parties.setdefault(party.country, Party(party.country))
                if known.name is None or (
                    party.name
                    and self._is_known(party)
                    and not self._is_known(known)
                    and not name_key(party.name) & name_key(known.name)  # another person, not another spelling
                ):
                    # "Peters and his Australian counterpart Penny Wong, ... Collins and her counterpart, Richard
                    # Marles": a known defence principal beats a foreign minister's "counterpart"
                    known.name = party.name or known.name
                if party.role and (known.role is None or _is_counterpart(known.role)):
                    known.role = party.role
                first_seen.setdefault(party.country, ev)
            codes = list(dict.fromkeys(codes))
            unnamed = [c for c in codes if parties[c].name is None]
            if len(unnamed) == 1 and len(ev.unnamed_people) == 1:
                parties[unnamed[0]].name = ev.unnamed_people[0][0]
            if ev.multilateral and codes:
                multilateral.append((ev, codes))
            else:
                bilateral.update(dict.fromkeys(codes))
        self._fill_names(doc, parties, host)
        self._name_from_another_sentence(doc, evidence, parties, host_party)
        location, event = self._place(doc, evidence)
        meetings = []
        for code in sorted(bilateral, key=lambda c: first_seen[c].sent_start):
            # the sentence about this meeting alone first ("In talks with Canadian defense chief Bill Blair")
            mine = [ev for ev in evidence if any(p.country == code for p in ev.parties)]
            mine.sort(key=lambda ev: len({p.country for p in ev.parties} - {host}))
            read_from = [Sentence.of(doc, ev) for ev in mine]
            meetings.append(MeetingDraft([parties[code]], first_seen[code].kind, location, event, evidence=read_from))
        for ev, codes in multilateral:
            if any(c not in bilateral for c in codes):
                meetings.append(
                    MeetingDraft(
                        [parties[c] for c in codes], "multilateral", location, event, evidence=[Sentence.of(doc, ev)]
                    )
                )
        meetings += self._unheld(doc, host, parties)
        counterparts = sorted(parties)
        is_meeting = bool(counterparts)
        doc._.nw_verdict = Verdict(
            is_meeting,
            self._score(doc, is_meeting, evidence, host),
            host,
            host_party,
            counterparts,
            meetings,
        )
        return doc

    def _with_own_counterparts(self, doc: Doc, end: int) -> bool:
        """Does "and his (her) counterparts" follow the principal ending at ``end``? The meeting is framed around
        him."""
        words = [t.lower_ for t in doc[end : end + 4]]
        return (
            len(words) >= 3
            and words[0] == "and"
            and words[1] in self.lexicon.meeting_words.own_pronoun
            and words[2].startswith("counterpart")
        )

    def _is_known(self, party: Party) -> bool:
        return bool(party.name) and (party.country, name_key(party.name)) in self.known

    def _without_announced(self, doc: Doc, evidence: list[Evidence], host: str | None) -> list[Evidence]:
        """The held sentences, less those that only *name* a meeting the story announces.

        "Rajnath Singh will hold a bilateral meeting with ... Austin" makes the Austin meeting planned;
        a later "It is Secretary Austin's second visit to India" or "At the meeting with his Indian
        counterpart, Han will brief him" names that meeting with a noun and says nothing of it having
        taken place. A country whose held sentences all have noun triggers only (meeting, visit,
        talks), while a planned sentence has it too, is in the planned meeting alone. One verb (met,
        held talks, received) in any held sentence with that country keeps it held.
        """
        # an invitation to visit ("Seiha invited Dong to make an official visit") closes many readouts of
        # talks that took place: only a planned meeting, not a planned visit, makes the talks an announcement
        planned = {
            p.country
            for ev in doc._.nw_unheld or []
            if ev.status is STATUS_PLANNED
            and any(r not in self.visit_triggers for r in ev.rules if r.startswith("trigger:"))
            for p in ev.parties
        }
        planned.discard(host)
        told: set[str] = set()  # countries in a held sentence with a verb trigger
        met: set[str] = set()  # countries in a held sentence with any trigger but a visit
        for ev in evidence:
            triggers = [r for r in ev.rules if r.startswith("trigger:")]
            held = any(t.lower_ in self.held_verbs for t in doc[ev.sent_start : ev.sent_end])
            if (held or any(t not in self.noun_triggers for t in triggers)) and not self._headline_of_plan(
                doc, ev, planned
            ):
                told.update(p.country for p in ev.parties)
            if any(t not in self.visit_triggers for t in triggers):
                met.update(p.country for p in ev.parties)
        # A visit alone ("is on a visit to the US", "at the invitation of Minister ...") is no meeting.
        announced = (planned - told) | ({p.country for ev in evidence for p in ev.parties} - met - {host})
        if not announced:
            return evidence
        kept = []
        for ev in evidence:
            others = {p.country for p in ev.parties} - {host}
            if others and others <= announced:
                continue
            kept.append(ev)
        return kept

    def _headline_of_plan(self, doc: Doc, ev: Evidence, planned: set[str]) -> bool:
        """A headline's present tense names a programme the story then gives as planned ("Greek National
        Defence Minister holds meetings on Monday in Cyprus" over "... is to hold talks with the Minister of
        Defence"): the headline alone tells nothing held of a country in a planned meeting. Only a headline that
        dates the meeting to a day or a time to come reads so: "Defense Minister meets with German counterpart in
        Berlin" over a body's "travelled to Berlin to meet" still tells of talks held."""
        if ev.sent_start != 0 or not {p.country for p in ev.parties} & planned:
            return False
        future_time = self.lexicon.modality_words.future_time
        return any(t.lower_ in future_time for t in doc[ev.sent_start : ev.sent_end])

    def _without_others_meetings(self, doc: Doc, evidence: list[Evidence], host: str | None) -> list[Evidence]:
        """The held sentences, less meetings between two foreign principals that the story recalls.

        In an Indian story, "Lloyd Austin first went to Japan, where he met his Japanese counterpart
        Yasukazu Hamada" is a US-Japan meeting: its subject is a foreign principal and the host takes
        no part, so neither country is the host's counterpart. A sentence without a principal before
        its trigger ("He met the defence ministers of Japan and Australia") keeps its parties.
        """
        if host is None:
            return evidence
        kept = []
        for ev in evidence:
            countries = {p.country for p in ev.parties}
            if host not in countries and len(countries) == 2 and not ev.multilateral:
                triggers = [t.start for t in doc._.nw_triggers or [] if ev.sent_start <= t.start < ev.sent_end]
                first = min(triggers, default=ev.sent_end)
                subjects = [
                    p.country
                    for p in doc._.nw_people or []
                    if ev.sent_start <= p.start < first and p.principal and p.country not in (None, host)
                ]
                if len(set(subjects)) == 1:
                    continue
            kept.append(ev)
        return kept

    def _unheld(self, doc: Doc, host: str | None, held: dict[str, Party]) -> list[MeetingDraft]:
        """One meeting per sentence that reports a meeting planned, postponed, cancelled or denied."""
        drafts: list[MeetingDraft] = []
        for ev in doc._.nw_unheld or []:
            parties: dict[str, Party] = {}
            for party in ev.parties:
                if party.country == host:
                    continue
                known = parties.setdefault(party.country, Party(party.country))
                known.name = known.name or party.name or (held[party.country].name if party.country in held else None)
                if party.role and (known.role is None or _is_counterpart(known.role)):
                    known.role = party.role
            if not parties:
                continue
            same = next(
                (d for d in drafts if d.status is ev.status and [p.country for p in d.counterparts] == list(parties)),
                None,
            )
            if same is not None:
                same.evidence.append(Sentence.of(doc, ev))
                continue
            kind = "multilateral" if ev.multilateral and len(parties) > 1 else ev.kind
            location = self._place_in(doc, ev.sent_start, ev.sent_end)
            drafts.append(MeetingDraft(list(parties.values()), kind, location, None, ev.status, [Sentence.of(doc, ev)]))
        return drafts

    def _host(self, doc: Doc) -> Party | None:
        """Whose principal the story is about.

        Wire copy names foreign ministers with their country ("Indonesian Defence Minister ...") and
        the home one without ("Defence Minister Khaled Nordin", "Secretary of Defense Lloyd J.
        Austin III"), so an unqualified principal is the host wherever it stands; otherwise the first
        principal that is the subject of its sentence, else the first principal at all.
        """
        triggers = doc._.nw_triggers or []
        candidates = []  # (rank, position, country, name, role)
        sent_of = [s.start for s in sentence_of(doc)]

        def is_subject(position: int) -> bool:
            first = [t.start for t in triggers if sent_of[t.start] == sent_of[position]]
            return not first or position < min(first)

        in_trigger_sentence = {sent_of[t.start] for t in triggers}
        for role in doc._.nw_roles or []:
            if role.is_principal and not role.plural:
                if role.country is None and role.start > 0 and doc[role.start - 1].text in self.possessive:
                    continue  # "the South American country's defence minister": someone's, but unresolved
                if role.country is None and role.name is None and sent_of[role.start] not in in_trigger_sentence:
                    continue  # "He became the fourth defense minister": a title in passing, nobody's in particular
                qualified = role.country_source is FROM_ATTACHED
                if not qualified and role.name and self._introduced_abroad(doc, role.name, role.start):
                    qualified = True  # "Estonian Minister Pevkur ... Defence Minister Pevkur": a second reference
                rank = 0 if not qualified else (1 if is_subject(role.start) else 2)
                if rank == 2 and self._with_own_counterparts(doc, role.name_end or role.end):
                    rank = 1  # "It gathered Italian Defense Minister Crosetto and his counterparts from ..."
                candidates.append((rank, role.start, role.country, role.name, role.text))
        for person in doc._.nw_people or []:
            if person.principal and person.role is None:
                candidates.append(
                    (1 if is_subject(person.start) else 2, person.start, person.country, person.name, None)
                )
        if not candidates:  # "the defense chiefs of South Korea, the U.S. and Japan": whose story is it?
            if not doc._.nw_evidence:
                return None
            domestic = self._domestic_country(doc)
            return Party(domestic) if domestic else None
        candidates.sort(key=lambda c: (c[0], c[1]))
        rank, _start, country, name, role = candidates[0]
        if country is None and not name:  # "Defence Minister ends visit" over "Defence Minister Harjit S. Sajjan met"
            name = next((c[3] for c in candidates if c[0] == rank and c[2] is None and c[3]), None)
        if country is None and name:
            # "Defense Minister Umierov" in the headline is the "Defense Minister of Ukraine Rustem Umierov" below
            words = {w for w in self.names.aliases(name) if len(w) > 2}
            named = [(c[2], c[3]) for c in candidates] + [(p.country, p.name) for p in doc._.nw_people or []]
            country = next((c for c, n in named if c and n and _shares_a_name(words, n, self.names)), None)
        home = self._outlet_country(doc)
        if home is not None and country != home:
            # A national outlet's own minister, taking part in a reported meeting or named beside the foreign
            # one, is the host ("Indonesian Defence Minister ... paid a courtesy call on Defence Minister ..."
            # in Bernama; "In the dialogue with Australian Defense Minister Reynolds, South Korea's Suh" in Yonhap).
            in_meeting = [(e.sent_start, e.sent_end) for e in doc._.nw_evidence or []]
            beside = sent_of[_start]
            for c in candidates:
                if c[2] == home and (any(a <= c[1] < b for a, b in in_meeting) or sent_of[c[1]] == beside):
                    rank, _start, country, name, role = c
                    break
            else:
                # "Turkish ... Minister Hulusi Akar and his Pakistan counterpart, Khawaja Muhammed Asif, talked" in a
                # Pakistani paper: the outlet's own minister shares the subject of a held meeting, so he is the host
                # (not so "Minister ... of Latvia Andris Spruds met his Ukrainian counterpart" in a Ukrainian one)
                party = self._home_subject(doc, home)
                if party is not None:
                    rank, country, name, role = 1, home, party.name, None
        headline = {p.country for e in doc._.nw_evidence or [] if HEADLINE_PAIR in e.rules for p in e.parties}
        domestic = self._domestic_country(doc) if headline else None
        if not headline and doc._.nw_evidence:
            # "Azerbaijani, Pakistani defense ministers meet" from Azerbaijan's agency, over the body's meeting of
            # the two: the outlet's side
            headline = set(headline_pair(doc, self.lexicon.meeting_words)[0])
            met = {p.country for e in doc._.nw_evidence for p in e.parties}
            domestic = self._outlet_country(doc) if headline and headline <= met else None
        if domestic is not None and country != domestic and domestic in headline:
            # "Angola and Mozambique analyse ..." from Angola's agency: a two-country headline's meeting is the
            # outlet's (or the dateline's) country's, whoever the body names first
            home_named = next((c for c in candidates if c[2] == domestic), None)
            rank, country = 1, domestic
            name, role = (home_named[3], home_named[4]) if home_named else (None, None)
        if country is None or rank == 2:
            # Nobody home is named, or the only principal is a foreigner someone met: the story's
            # own country (dateline, agency, source) is the host when it knows one.
            domestic = self._domestic_country(doc)
            if domestic is not None and domestic != country:
                # an unqualified principal is the home one: "The Minister of Defence Affairs Lt-Gen ... received"
                unqualified = country is None and rank == 0
                country, name, role = domestic, name if unqualified else None, role if unqualified else None
        if country is None and rank == 0 and is_subject(_start) and self._in_lead(doc, _start):
            # "Egypt and Zambia agree ..." over "The Minister of Defense ... held a meeting with the Minister of
            # Defense of the Republic of Zambia": the unqualified subject is the headline's other country
            country = self._headline_other_side(doc, {c[2] for c in candidates if c[2] is not None})
        if country is None:
            resolved = [c for c in candidates if c[2] is not None]
            if not resolved:
                return None
            _rank, _start, country, name, role = resolved[0]
        for other in candidates:
            if other[2] == country:
                if not name and other[3]:
                    # "S. Korean defense chief holds talks" over "South Korea's Defense Minister Kim Yong-hyun":
                    # the participant is named once in the body, with the title written beside his name
                    name, role = other[3], other[4] or role
                role = role or other[4]
                if name and other[3] and len(other[3]) > len(name) and set(name.split()) & set(other[3].split()):
                    name = other[3]  # "Koizumi" in a headline, "Shinjiro Koizumi" in the body
        return Party(country, name, role)

    @staticmethod
    def _in_lead(doc: Doc, position: int) -> bool:
        """Is the token at ``position`` in the story's first sentence after the headline line?"""
        end = headline_end(doc)
        lead = next((s for s in doc.sents if s.start_char > end), None)
        return end > 0 and lead is not None and lead.start <= position < lead.end

    @staticmethod
    def _headline_other_side(doc: Doc, qualified: set[str]) -> str | None:
        """The one country of a two-country headline ("Egypt and Zambia agree ...", "Zambia-Namibia
        collaboration") naming no principal, whose principal the body never qualifies with a country, when the other
        one's is."""
        end = headline_end(doc)
        if end <= 0:
            return None
        if any(r.is_principal and doc[r.start].idx < end for r in doc._.nw_roles or []):
            return None  # "Montenegro's defense minister meets ...": the headline says whose minister it is
        named = [s.label_ for s in doc.spans[COUNTRY_SPANS] if s.end_char <= end and s.kb_id_ != FORM_ORGANIZATION]
        named = list(dict.fromkeys(named))
        rest = [c for c in named if c not in qualified]
        if len(named) == 2 and len(rest) == 1:
            return rest[0]
        return None

    def _home_subject(self, doc: Doc, home: str) -> Party | None:
        """The outlet's own party to a held meeting when the story names it before the meeting's verb."""
        triggers = doc._.nw_triggers or []
        for ev in doc._.nw_evidence or []:
            party = next((p for p in ev.parties if p.country == home), None)
            if party is None:
                continue
            first = min((t.start for t in triggers if ev.sent_start <= t.start < ev.sent_end), default=ev.sent_end)
            roles = doc._.nw_roles or []
            named = [r.start for r in roles if home in r.countries and r.kind is not ROLE_OTHER and not r.excluded]
            named += [p.start for p in doc._.nw_people or [] if p.country == home and p.principal]
            if any(ev.sent_start <= at < first for at in named):
                return party
        return None

    def _introduced_abroad(self, doc: Doc, name: str, position: int) -> bool:
        """Was the person ``name`` named earlier with a country written beside the title ("Estonian
        Minister Pevkur", "his Armenian counterpart Suren Papikyan")? Then a later "Defence Minister Pevkur"
        only refers back to him: it says nothing of whose minister is the home one."""
        words = {w for w in self.names.aliases(name) if len(w) > 2}
        for role in doc._.nw_roles or []:
            if role.start >= position or not role.name or role.kind is ROLE_OTHER or role.excluded:
                continue
            if role.country_source is not FROM_ATTACHED:
                continue
            if role.country and _shares_a_name(words, role.name, self.names):
                return True
        return False

    def _domestic_country(self, doc: Doc) -> str | None:
        """The story's own country: its outlet's, else its dateline city's."""
        outlet = self._outlet_country(doc)
        if outlet is not None:
            return outlet
        text = doc.text  # built from the tokens on every access: read it once
        for line in [text, *text.splitlines()[:3]]:
            city, _agency = dateline(line, self.lexicon)
            if city:
                return city
        return None

    def _outlet_country(self, doc: Doc) -> str | None:
        """The home country of a national agency or ministry that wrote the story, if it is one.

        A national agency writes from abroad about its own minister ("TOKYO, July 28 (Yonhap)"),
        so this beats the dateline city; international wires (Reuters, AP, AFP) have none.
        """
        text = doc.text
        for line in [text, *text.splitlines()[:3]]:
            _city, agency = dateline(line, self.lexicon)
            if agency:
                return agency
        lowered = (text[:400] + " " + text[-300:]).lower()  # agency credits open or close a story
        for credit in _CREDIT.findall(lowered):  # "(Yonhap)", "(WAM)", "(PTI)": the first known one
            code = agency_country(credit.strip(), text, self.lexicon)
            if code is not None:
                return code
        return doc.user_data.get("newswatch_source_country")

    def _fill_names(self, doc: Doc, parties: dict[str, Party], host: str | None) -> None:
        """Complete each party from the whole story: its own role phrase beats a plural or "counterpart"."""
        for code, party in parties.items():
            own_roles = [
                r
                for r in doc._.nw_roles or []
                if r.countries == [code] and r.kind is ROLE_PRINCIPAL and not r.excluded and not r.plural
            ]
            if own_roles and (party.role is None or _is_counterpart(party.role)):
                party.role = own_roles[0].text
            for role in own_roles:
                party.name = party.name or role.name
            for person in doc._.nw_people or []:
                if person.country == code and party.name is None and person.principal:
                    party.name = person.name  # never a president's or an officer's name
            if party.role is not None and _is_counterpart(party.role):
                party.role = None
            if party.name:
                party.name = self._fullest_name(doc, party.name)
            if party.role is None:
                plural = [r for r in doc._.nw_roles or [] if code in r.countries and r.kind is ROLE_PRINCIPAL]
                if plural:
                    party.role = (
                        plural[0].text.rstrip("s") if plural[0].text.lower().endswith("ministers") else plural[0].text
                    )

    def _name_from_another_sentence(
        self, doc: Doc, evidence: list[Evidence], parties: dict[str, Party], host_party: Party | None
    ) -> None:
        """The one counterpart left unnamed takes the one principal a held sentence names without a country:
        "Mattis met Colombia's defense minister ... the secretary had met Defense Minister Guillermo Botero"."""
        unnamed = [p for p in parties.values() if p.name is None]
        if len(unnamed) != 1:
            return
        used = {name_key(p.name) for p in parties.values() if p.name}
        if host_party is not None and host_party.name:
            used.add(name_key(host_party.name))
        names = {
            name
            for ev in evidence
            for name, _role in ev.unnamed_people
            if not any(name_key(name) & key for key in used)
        }
        if len(names) == 1:
            unnamed[0].name = self._fullest_name(doc, names.pop())

    def _fullest_name(self, doc: Doc, name: str) -> str:
        """The longest form of ``name`` the story writes anywhere, in the story's own word order:
        "Austin" in the lead is "Lloyd Austin" in the third paragraph, "Hakkanen" after a title is
        "Antti Hakkanen" in the headline, a listed "Nobuo Kishi" is "Kishi Nobuo" where the story
        writes him so. A capitalised country before a name ("of Australia Richard Marles") is no part of it."""
        words = _name_words(name)  # "Radu-Dinele Miruța" is three words, as "Radu Dinele Miruta" is
        last = _fold(name.split()[-1].split("-")[-1])
        best, written = name, False
        part = ""  # the longest written part of a gazetteer name the story never writes in full ("Umerov")
        variant = ""  # the gazetteer's "Sergei Shoigu" written "Sergey Shoigu": the same family name, in full
        titles = {i for r in doc._.nw_roles or [] for i in range(r.start, r.end)}  # "... Military Veterans Thandi"
        for token in doc:
            forms = []
            folded = _fold(token.text)
            if folded == last:  # "... Lloyd Austin": the name ends here
                forms.append(self.names.read_name_before(doc, token.i + 1, max(0, token.i - 8), titles))
            if folded in words:  # "Ursula von der Leyen", "Kishi Nobuo": the name starts here
                forms.append(self.names.read_name(doc, token.i, min(len(doc), token.i + 10), titles))
            for found in forms:
                if not found:
                    continue
                found_words = _name_words(found[0])
                if any(self.lexicon.countries.get(w) for w in found[0].split() if _fold(w) not in words):
                    continue
                if not words <= found_words:
                    if found_words < words and len(found[0]) > len(part):
                        part = found[0]
                    elif (
                        len(found_words) >= len(words) > 1
                        and _fold(found[0].split()[-1]) == last
                        and len(found[0]) > len(variant)
                    ):
                        variant = found[0]
                    continue
                if len(found[0]) > len(best) or (len(found[0]) == len(best) and not written):
                    best, written = found[0], True
        if not written and variant:
            return variant
        if not written and part:
            return part
        return best

    def _place(self, doc: Doc, evidence: list[Evidence]) -> tuple[str | None, str | None]:
        events = doc._.nw_events or []
        chosen = None
        for ev in evidence:
            inside = [e for e in events if ev.sent_start <= e.start < ev.sent_end]
            if inside:
                chosen = inside[0]
                break
        if chosen is None:
            for e in events:
                if any(t.lower_ in self.sidelines for t in doc[max(0, e.start - 4) : e.start]):
                    chosen = e
                    break
        event = None
        if chosen is not None:
            event = max((e.text for e in events if e.text.endswith(chosen.text)), key=len, default=chosen.text)
        location = None
        for ev in evidence:
            location = self._place_in(doc, ev.sent_start, ev.sent_end)
            if location:
                break
        if location is None and event:
            for span in doc.spans[COUNTRY_SPANS]:
                if span.kb_id_ == FORM_CAPITAL and span.text in event:
                    location = span.text
                    break
        return location, event

    def _place_in(self, doc: Doc, start: int, end: int) -> str | None:
        """The place after "in" in a sentence: a capital, a country, else a capitalised place name."""
        cities = self.lexicon.cities
        countries = {s.start: s for s in doc.spans[COUNTRY_SPANS] if s.kb_id_ != FORM_ORGANIZATION}
        for token in doc[start:end]:
            if token.lower_ not in self.places or token.i + 1 >= end:
                continue
            for width in (3, 2, 1):
                window = doc[token.i + 1 : min(end, token.i + 1 + width)]
                if window.text.lower() in cities and window.text[:1].isupper():
                    return window.text
            span = countries.get(token.i + 1)
            if span is not None and span.kb_id_ == FORM_NAME:
                return span.text
            words: list[str] = []
            for follower in doc[token.i + 1 : min(end, token.i + 4)]:
                if not self.names.is_place_word(follower):
                    break
                words.append(follower.text)
            if words and token.i + 1 + len(words) < end and doc[token.i + 1 + len(words)].text not in self.possessive:
                return " ".join(words)
        return None

    @staticmethod
    def _score(doc: Doc, is_meeting: bool, evidence: list[Evidence], host: str | None) -> float:
        if is_meeting:
            return round(min(0.99, 0.6 + 0.1 * min(3, len(evidence)) + (0.05 if host else 0.0)), 2)
        principals = [r for r in doc._.nw_roles or [] if r.is_principal]
        planned = [t for t in doc._.nw_triggers or [] if not t.real]
        if principals and planned:
            return 0.25
        if principals and evidence:
            return 0.3
        if principals:
            return 0.1
        return 0.0


def _shares_a_name(words: set[str], name: str, names: NameReader) -> bool:
    """Do ``words`` (a name's family and given names) meet another written name's?"""
    return bool(words & names.aliases(name))


def _name_words(name: str) -> set[str]:
    """A name's folded words, a hyphenated given name ("Radu-Dinele") counting as its parts."""
    return {_fold(w) for w in name.replace("-", " ").split()}


def _fold(word: str) -> str:
    """A word without case or accents: "Kasčiūnas" is "kasciunas"."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def _is_counterpart(role: str) -> bool:
    return role.lower().startswith("counterpart")


@Language.factory("newswatch_verdict_v1", default_config={"data_dir": str(DEFAULT_RULES)}, assigns=["doc._.nw_verdict"])
def make_verdict(nlp: Language, name: str, data_dir: str) -> VerdictMaker:
    return VerdictMaker(name, data_dir)
