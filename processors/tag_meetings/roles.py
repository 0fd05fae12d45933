"""``newswatch_roles_v1``: defense principals and other office holders, with their country and name.

Role phrases come from ``data/<lang>/roles.jsonl`` and match in any case; the words around them that
decide whose a role is are ``role_context.tsv``. For each role the component
finds whose it is, in this order:

1. a country attached to the phrase: before it (``Canadian defense chief``, ``Japan's state
   minister of defense``, ``his UAE counterpart``, ``Japanese and Australian defense ministers``)
   or after it (``defense ministers of Cameroon, Canada ...``, ``counterparts from Japan``);
2. the person named with it, looked up in ``principals.tsv``;
3. the default of a title only one country uses (``Secretary of Defense`` -> US, ``Raksha Mantri`` -> IN).

Known principals named anywhere, and the short forms of every name read next to a role ("Kim",
"Austin"), become person mentions in ``doc._.nw_people``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newswatch.processors.tag_meetings.kinds import (
    FORM_CAPITAL,
    FORM_DEMONYM,
    FORM_NAME,
    FORM_ORGANIZATION,
    FROM_ATTACHED,
    FROM_NAME,
    FROM_TITLE,
    ROLE_COUNTERPART,
    ROLE_OTHER,
    ROLE_PRINCIPAL,
)
from newswatch.processors.tag_meetings.lexicon import DEFAULT_RULES, load_lexicon
from newswatch.processors.tag_meetings.mentions import COUNTRY_SPANS, PersonMention, RoleMention, sentence_of
from newswatch.processors.tag_meetings.names import NameReader, name_key
from newswatch.schema import ORGANIZATIONS


def _person_entity(doc: Doc, start: int, limit: int, honorifics: frozenset[str]) -> tuple[str, int, int] | None:
    """A PERSON entity from an installed ``en_core_web_*`` model starting at ``start`` (after honorifics)."""
    if not doc.has_annotation("ENT_IOB"):
        return None
    i = start
    while i < limit and doc[i].text in honorifics:
        i += 1
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.start == i and ent.end <= limit:
            return ent.text, ent.start, ent.end
    return None


def _inside_longer_name(doc: Doc, i: int, title_words: frozenset[str]) -> bool:
    """Is the token part of someone else's longer name ("Kim" in "Kim Jong Un")?"""
    after = doc[i + 1] if i + 1 < len(doc) else None
    before = doc[i - 1] if i > 0 else None
    if (before is not None and before.text == "-" and i > 1 and doc[i - 2].is_alpha) or (
        after is not None and after.text == "-" and i + 2 < len(doc) and doc[i + 2].is_alpha
    ):
        return True  # "Mohammad" of "Al-Mohammad" is part of another name
    return bool(
        (after is not None and after.is_alpha and after.text[:1].isupper() and not after.is_sent_start)
        or (
            before is not None
            and before.is_alpha
            and before.text[:1].isupper()
            and not doc[i].is_sent_start
            and before.lower_ not in title_words
        )
    )


def _countries_by_end(doc: Doc) -> dict[int, Span]:
    return {span.end: span for span in doc.spans[COUNTRY_SPANS]}


def _countries_by_start(doc: Doc) -> dict[int, Span]:
    return {span.start: span for span in doc.spans[COUNTRY_SPANS]}


class RoleFinder:
    def __init__(self, nlp: Language, name: str, data_dir: str):
        self.name = name
        lex = load_lexicon(data_dir)
        self.honorifics = lex.honorifics
        self.names = NameReader(lex)
        self.words = lex.role_words
        self.possessive = lex.marks.possessive
        self.dashes = lex.marks.dash
        self.pair_marks = lex.marks.pair_mark
        self.list_joiners = lex.marks.list_joiner
        self.fw = lex.function_words
        self.patterns = {}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for number, role in enumerate(lex.roles):
            key = f"role{number}"
            self.patterns[key] = role
            self.matcher.add(key, [nlp.make_doc(role.pattern)])
        self.people = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.principals = {}
        for number, principal in enumerate(lex.principals):
            key = f"person{number}"
            self.principals[key] = principal
            self.people.add(key, [nlp.make_doc(form) for form in principal.forms])
        self.principal_by_form = {name_key(form): p for p in lex.principals for form in p.forms}
        self.groups = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.group_members: dict[str, tuple[str, ...]] = {}
        for number, (surface, members) in enumerate(lex.groups.items()):
            key = f"group{number}"
            self.group_members[key] = members
            self.groups.add(key, [nlp.make_doc(surface)])

    def __call__(self, doc: Doc) -> Doc:
        sents = sentence_of(doc)
        by_end = _countries_by_end(doc)
        by_start = _countries_by_start(doc)
        in_event = {i for ev in doc._.nw_events or [] for i in range(ev.start, ev.end)}
        matches = filter_spans(
            [
                Span(doc, s, e, label=key)
                for key, s, e in ((doc.vocab.strings[m], s, e) for m, s, e in self.matcher(doc))
            ]
        )
        known = filter_spans([Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in self.people(doc)])
        blocked = {i for span in matches for i in range(span.start, span.end)}
        role_ends = {span.end: span.start for span in matches}
        roles: list[RoleMention] = []
        story_countries = {span.label_ for span in doc.spans[COUNTRY_SPANS]}
        story_countries.add(doc.user_data.get("newswatch_source_country"))
        for span in matches:
            pattern = self.patterns[span.label_]
            sent = sents[span.start]
            role = RoleMention(
                span.start, span.end, span.text, pattern.kind, pattern=pattern.pattern, plural=pattern.plural
            )
            self._exclusion(doc, role, sent)
            if span.start in in_event:
                role.excluded, role.excluded_by = True, "role.in_event_name"
            if pattern.country in ORGANIZATIONS:  # "chair of the NATO Military Committee" names its own
                role.countries, role.country_source = [pattern.country], FROM_ATTACHED
            else:
                self._attach_countries(doc, role, sent, by_end, by_start, in_event, role_ends)
                if not role.countries and roles:
                    self._country_of_title_before(doc, role, roles[-1], by_end)
                if not role.countries and roles:
                    self._country_of_counterpart_before(doc, role, roles[-1])
                if not role.countries and roles:
                    self._country_of_list_head(doc, role, roles)
            if not role.plural:
                self._attach_name(doc, role, sent, blocked, by_end)
                agency = role.name is not None and role.name.split()[-1].lower() in self.words.agency_head
                if agency and role.name_start == role.end:
                    # "Minister of Defence Acquisition Programme Administration (DAPA)": an agency's head, not a
                    # person named after a defence title
                    role.excluded, role.excluded_by = True, "role.agency_title"
                    role.name = role.name_start = role.name_end = None
            if not role.countries and role.name_end is not None:
                self._country_after_name(doc, role, sent, by_start)
            if not role.countries and role.name:
                principal = self.principal_by_form.get(name_key(role.name))
                if principal:
                    role.countries, role.country_source = [principal.country], FROM_NAME
            if not role.countries and pattern.country and not role.plural:
                if pattern.country not in story_countries and (role.name or role.kind is ROLE_PRINCIPAL):
                    # "Defence Secretary Shri Giridhar Aramane" in a story that never names Britain: India's
                    # defence secretary, a civil servant, not the British title's holder
                    role.excluded, role.excluded_by = True, "role.title_country_absent"
                else:
                    role.countries, role.country_source = [pattern.country], FROM_TITLE
            if (
                role.kind is ROLE_PRINCIPAL
                and len(role.countries) == 1
                and role.countries[0].lower() in self.words.civil_servant_secretary
                and any(w in self.words.secretary_word for w in role.text.lower().split())
            ):
                # "Indian Defence Secretary Ajay Kumar", "Sri Lanka's Secretary of Defence": a civil servant there
                role.excluded, role.excluded_by = True, "role.civil_servant_secretary"
            roles.append(role)
        self._titles_in_apposition(doc, roles, sents, by_start)
        self._counterparts_of_others(roles, sents)
        doc._.nw_roles = roles
        doc._.nw_people = self._people(doc, roles, known)
        self._respective_names(doc, roles, sents, blocked)
        self._names_each_of_a_country(doc, roles, sents, blocked)
        self._group_members(doc, roles, sents)
        self._both_sides(doc, roles, sents)
        return doc

    def _group_members(self, doc: Doc, roles: list[RoleMention], sents: list[Span]) -> None:
        """Plural principals named by their group ("V4 defence ministers", "the defence ministers of the Visegrad
        Group", "Nordic defence ministers") are the group's member countries' (``groups.tsv``)."""
        if not self.group_members:
            return
        found = filter_spans([Span(doc, s, e, label=m) for m, s, e in self.groups(doc)])
        if not found:
            return
        for role in roles:
            if not role.plural or role.countries or role.excluded or role.kind is not ROLE_PRINCIPAL:
                continue
            sent = sents[role.start]
            for span in found:
                if not sent.start <= span.start < sent.end:
                    continue
                before = span.end == role.start or (span.end == role.start - 1 and doc[span.end].text in "'’")
                gap = list(doc[role.end : span.start])
                after = (
                    span.start > role.end
                    and len(gap) <= 2
                    and gap[0].lower_ in self.words.of_word
                    and all(t.lower_ in self.words.of_word | self.fw.article for t in gap)
                )
                if before or after:
                    role.countries = list(self.group_members[doc.vocab.strings[span.label]])
                    role.country_source = FROM_ATTACHED
                    break

    def _names_each_of_a_country(
        self, doc: Doc, roles: list[RoleMention], sents: list[Span], blocked: set[int]
    ) -> None:
        """Plural principals followed by a list of names, each with its country: "defence ministers Amama Mbabazi
        of Uganda, Kivutha Kibwana of Kenya and Tanzania's Philemon Sarungi" are those countries' principals."""
        spans = {sp.start: sp for sp in doc.spans[COUNTRY_SPANS] if sp.kb_id_ != FORM_ORGANIZATION}
        for role in roles:
            if not role.plural or role.excluded or role.kind is not ROLE_PRINCIPAL or len(role.countries) >= 2:
                continue
            sent = sents[role.start]
            i, found = role.end, []
            while i < sent.end:
                item = self._name_with_country(doc, i, sent, spans, blocked)
                if item is None:
                    break
                found.append(item)
                i = item[-1]
                if i < sent.end and doc[i].text == ",":
                    i += 1
                if i < sent.end and doc[i].lower_ in self.fw.conjunction:
                    i += 1
            countries = list(dict.fromkeys(item[1] for item in found))
            if len(countries) < 2 or len(countries) != len(found):
                continue
            role.countries, role.country_source = countries, FROM_ATTACHED
            taken = {k for person in doc._.nw_people for k in range(person.start, person.end)}
            for name, country, start, end, _item_end in found:
                if not set(range(start, end)) & taken:
                    doc._.nw_people.append(PersonMention(start, end, name, country, role.text, True))
            doc._.nw_people.sort(key=lambda person: person.start)

    def _name_with_country(
        self, doc: Doc, i: int, sent: Span, spans: dict[int, Span], blocked: set[int]
    ) -> tuple[str, str, int, int, int] | None:
        """(name, country, name start, name end, item end) of "Amama Mbabazi of Uganda" or "Tanzania's Philemon
        Sarungi" at ``i``."""
        if i in spans:  # "Tanzania's Philemon Sarungi"
            j = spans[i].end
            if j < sent.end and doc[j].text in self.possessive:
                name = self.names.read_name(doc, j + 1, sent.end, blocked)
                if name is not None and name[1] == j + 1:
                    return name[0], spans[i].label_, name[1], name[2], name[2]
            return None
        name = self.names.read_name(doc, i, sent.end, blocked)
        if name is None or name[1] != i:
            return None
        j = name[2]
        if j < sent.end and doc[j].lower_ in self.fw.of:
            j += 1
            if j < sent.end and doc[j].lower_ in self.fw.article:
                j += 1
            if j in spans:
                return name[0], spans[j].label_, name[1], name[2], spans[j].end
        return None

    def _respective_names(self, doc: Doc, roles: list[RoleMention], sents: list[Span], blocked: set[int]) -> None:
        """Names listed after plural principals of listed countries are theirs in turn: "The Defense Ministers
        of Azerbaijan and Uzbekistan, Zakir Hasanov and Bakhodir Kurbanov, have held talks"."""
        taken = {i for p in doc._.nw_people for i in range(p.start, p.end)}
        spans = {sp.start: sp for sp in doc.spans[COUNTRY_SPANS]}
        for role in roles:
            if not role.plural or role.excluded or role.kind is not ROLE_PRINCIPAL or len(role.countries) < 2:
                continue
            sent = sents[role.start]
            i, order = role.end, []
            while i < sent.end and doc[i].text != ",":
                if i in spans:
                    order.append(spans[i].label_)
                    i = spans[i].end
                elif doc[i].lower_ in self.fw.of | self.fw.article | self.fw.conjunction:
                    i += 1
                else:
                    break
            if i >= sent.end or doc[i].text != "," or sorted(set(order)) != sorted(role.countries):
                continue
            found: list[tuple[str, int, int]] = []
            i += 1
            while len(found) < len(order):
                name = self.names.read_name(doc, i, sent.end, blocked)
                if name is None or name[1] != i:
                    break
                found.append(name)
                i = name[2]
                if i < sent.end and (doc[i].text == "," or doc[i].lower_ in self.fw.conjunction):
                    i += 1
            if len(found) != len(order) or len(set(order)) != len(order):
                continue
            for (name, start, end), country in zip(found, order, strict=True):
                if not set(range(start, end)) & taken:
                    doc._.nw_people.append(PersonMention(start, end, name, country, role.text, True))
                    taken.update(range(start, end))
        doc._.nw_people.sort(key=lambda p: p.start)

    def _both_sides(self, doc: Doc, roles: list[RoleMention], sents: list[Span]) -> None:
        """Plural principals written as the story's two sides: "the two ministers", "the foreign and defence
        ministers of both countries". "The two ministers" are the two countries whose principals the story
        names; "of both countries", failing that, the two countries it names most."""
        words = self.words
        pending = []
        for role in roles:
            if not role.plural or role.countries or role.excluded or role.kind is not ROLE_PRINCIPAL:
                continue
            sent = sents[role.start]
            before = {t.lower_ for t in doc[max(sent.start, role.start - 2) : role.start]}
            after = [t.lower_ for t in doc[role.end : min(sent.end, role.end + 4)]]
            named_before = bool(before & words.both_word) or role.text.lower().split()[0] in words.both_word
            of_both = (
                len(after) >= 3
                and after[0] in words.of_word
                and (after[1] in words.both_word or (after[1] in self.fw.article and after[2] in words.both_word))
                and any(w in words.side_noun for w in after[1:4])
            )
            if named_before or of_both:
                pending.append((role, of_both))
        if not pending:
            return
        principals: list[str] = []
        for r in roles:
            if r.is_principal and not r.plural and len(r.countries) == 1:
                principals.append(r.countries[0])
        principals += [p.country for p in sorted(doc._.nw_people, key=lambda p: p.start) if p.principal and p.country]
        pair = list(dict.fromkeys(principals))
        counts: dict[str, int] = {}
        for span in doc.spans[COUNTRY_SPANS]:
            if span.kb_id_ != FORM_ORGANIZATION:
                counts[span.label_] = counts.get(span.label_, 0) + 1
        most = sorted(counts, key=lambda c: -counts[c])[:2]
        for role, of_both in pending:
            if len(pair) == 2:
                role.countries, role.country_source = pair, FROM_ATTACHED
            elif of_both and len(most) == 2:
                role.countries, role.country_source = most, FROM_ATTACHED

    def _country_of_title_before(self, doc: Doc, role: RoleMention, before: RoleMention, by_end) -> None:
        """The second of two joined titles has the first one's country: "the Deputy Prime Minister of the
        Republic of Croatia and Minister of Defense" is Croatia's minister, as "Australian Deputy Prime
        Minister and Defence Minister" is Australia's."""
        joined = role.start - 1
        if joined <= before.end or doc[joined].lower_ not in self.fw.conjunction or len(before.countries) != 1:
            return
        span = by_end.get(joined)
        if span is None or span.label_ != before.countries[0] or span.kb_id_ == FORM_CAPITAL:
            return
        between = doc[before.end : span.start]
        if all(t.lower_ in self.words.of_word | self.fw.article for t in between) and len(between) >= 1:
            role.countries, role.country_source = [span.label_], FROM_ATTACHED

    def _country_of_list_head(self, doc: Doc, role: RoleMention, roles: list[RoleMention]) -> None:
        """A title in a list of titled names has the country written before the list's first title: "hosted
        Peruvian President Ollanta Humala, Foreign Minister Eda Rivas and Defense Minister Pedro Cateriano"."""
        at = role.start
        for before in reversed(roles):
            if before.name_end is None or before.plural or before.name_end >= at:
                return
            between = [t.lower_ for t in doc[before.name_end : at]]
            if not between or any(w != "," and w not in self.fw.conjunction for w in between):
                return
            if before.countries:
                if len(before.countries) == 1 and before.country_source is FROM_ATTACHED:
                    role.countries, role.country_source = list(before.countries), FROM_ATTACHED
                return
            at = before.start

    @staticmethod
    def _country_of_counterpart_before(doc: Doc, role: RoleMention, before: RoleMention) -> None:
        """A title set off after "his Slovak counterpart" is that counterpart's: "with his Slovak counterpart,
        Defence Minister Jaroslav Nad" is Slovakia's minister."""
        if before.kind is not ROLE_COUNTERPART or role.kind is not ROLE_PRINCIPAL or before.name is not None:
            return
        if len(before.countries) == 1 and role.start == before.end + 1 and doc[before.end].text == ",":
            role.countries, role.country_source = list(before.countries), FROM_ATTACHED

    def _country_after_name(self, doc: Doc, role: RoleMention, sent: Span, by_start) -> None:
        j = role.name_end
        if j is not None and j < sent.end and doc[j].lower_ in self.fw.of:
            j += 1
            if j < sent.end and doc[j].lower_ in self.fw.article:
                j += 1
            span = by_start.get(j)
            if span is not None and span.kb_id_ != FORM_CAPITAL:
                role.countries, role.country_source = [span.label_], FROM_ATTACHED

    def _exclusion(self, doc: Doc, role: RoleMention, sent: Span) -> None:
        i = role.start - 1
        while i >= sent.start and doc[i].text in self.dashes:
            i -= 1
        if i >= sent.start and doc[i].lower_ in self.words.not_sitting:
            role.excluded, role.excluded_by = True, f"role.not_sitting:{doc[i].lower_}"
        after = role.end + 1 if role.end < sent.end and doc[role.end].text in self.dashes else role.end
        if after < sent.end and doc[after].lower_ in self.words.not_a_person_after:
            if self._rank_before_name(doc, role, after, sent):
                return
            role.excluded, role.excluded_by = True, f"role.not_a_person_after:{doc[after].lower_}"

    def _rank_before_name(self, doc: Doc, role: RoleMention, after: int, sent: Span) -> bool:
        """Is the word after the role a rank before a name ("Defence Minister General Phan Van Giang"), not the
        end of another title ("Defence Secretary General", "Defence Minister staff")? A capitalised honorific
        followed by a capitalised word, after a title that does not end in "secretary"."""
        nxt = after + 1
        return (
            doc[after].text in self.honorifics
            and nxt < sent.end
            and doc[nxt].is_alpha
            and doc[nxt].text[:1].isupper()
            and doc[role.end - 1].lower_ not in self.words.secretary_word
        )

    def _attach_countries(self, doc, role: RoleMention, sent: Span, by_end, by_start, in_event, role_ends) -> None:
        found: list[str] = []
        i = role.start
        modifiers = self.words.modifier
        while i - 1 >= sent.start and doc[i - 1].lower_ in modifiers:
            i -= 1
        if i - 1 >= sent.start and doc[i - 1].text in self.possessive:
            i -= 1
        if (
            i - 1 > sent.start
            and doc[i - 1].lower_ in self.fw.conjunction
            and not self._of_country(doc, role, sent, by_start)
        ):
            # "Australian Deputy Prime Minister and Defence Minister", "Chinese State Councilor and
            # Defense Minister": the country leads the first title
            j = role_ends.get(i - 1, i - 1)
            steps = 0
            while j - 1 >= sent.start and steps < 5 and j not in by_end and self._title_word(doc, j - 1, j):
                j -= 1
                steps += 1
            i = j if j < i - 1 else i
            while i - 1 >= sent.start and doc[i - 1].lower_ in self.words.not_sitting | modifiers:
                i -= 1
            if i - 1 >= sent.start and doc[i - 1].text in self.possessive:
                i -= 1
        organizations: set[str] = set()  # "NATO defence ministers" are not NATO's principals
        span = by_end.get(i)
        if span is not None and not role.plural and self._second_of_a_pair(doc, span, by_end, sent):
            span = None  # "Japan-Philippines Defense Minister's Telephone Conversation": both sides', not one's
        while span is not None and span.start not in in_event:
            found.insert(0, span.label_)
            if span.kb_id_ == FORM_ORGANIZATION:
                organizations.add(span.label_)
            if not role.plural:
                break
            j = span.start
            while j - 1 >= sent.start and doc[j - 1].lower_ in self.list_joiners:
                j -= 1
            span = by_end.get(j) if j < span.start else None
        if not found and role.end < sent.end and doc[role.end].lower_ in self.words.of_word:
            j = role.end + 1
            while j < sent.end:
                span = by_start.get(j)
                if span is not None and span.start not in in_event:
                    found.append(span.label_)
                    if span.kb_id_ == FORM_ORGANIZATION:
                        organizations.add(span.label_)
                    if not role.plural:
                        break
                    j = span.end
                    if j < sent.end and doc[j].text in self.possessive:
                        break
                elif doc[j].lower_ in self.words.list_filler or doc[j].like_num:
                    j += 1
                elif found and role.plural and (k := self._name_then_joiner(doc, j, sent, by_start)) is not None:
                    j = k  # "the Defense Ministers of Armenia Vigen Sargsyan and Georgia Levan Izoria"
                elif not found and doc[j].text[:1].isupper() and doc[j].lower_ in self.words.state_form:
                    k = j  # "of the Republic of Lebanon", "of the Islamic Republic of Mauritania": to the country
                    while k < sent.end and doc[k].lower_ in self.words.state_form:
                        k += 1
                    if k >= sent.end or doc[k].lower_ not in self.fw.of:
                        break
                    j = k + 1
                else:
                    break
        if role.plural:
            # by the mention, not the code: "AU" is both Australia and the African Union
            found = [code for code in found if code not in organizations]
        if found:
            role.countries, role.country_source = list(dict.fromkeys(found)), FROM_ATTACHED

    def _name_then_joiner(self, doc: Doc, j: int, sent: Span, by_start) -> int | None:
        """After a listed country, a capitalised name (up to four words) then a list joiner and another country:
        the index of that country, else None."""
        k = j
        while k < sent.end and k - j < 4 and k not in by_start and doc[k].is_alpha and doc[k].text[:1].isupper():
            k += 1
        if k == j or k >= sent.end or doc[k].lower_ not in self.list_joiners:
            return None
        while k < sent.end and doc[k].lower_ in self.list_joiners:
            k += 1
        return k if k in by_start else None

    def _of_country(self, doc: Doc, role: RoleMention, sent: Span, by_start) -> bool:
        """Does the title name its own country after *of* ("... and Minister of Defense of Azerbaijan Zakir
        Gassanov")? Then the country leading the title before the *and* is not this one's."""
        j = role.end
        if j >= sent.end or doc[j].lower_ not in self.words.of_word:
            return False
        j += 1
        if j < sent.end and doc[j].lower_ in self.fw.article:
            j += 1
        span = by_start.get(j)
        return span is not None and span.kb_id_ != FORM_CAPITAL

    def _title_word(self, doc: Doc, i: int, nxt: int) -> bool:
        """A word of the first of two joined titles, read backwards: capitalised, or the *of* inside it
        ("Ghana's Minister of Finance and Acting Minister of Defence": Ghana leads both titles)."""
        if doc[i].text[:1].isupper():
            return True
        return doc[i].lower_ in self.words.of_word and nxt < len(doc) and doc[nxt].text[:1].isupper()

    def _second_of_a_pair(self, doc: Doc, span: Span, by_end, sent: Span) -> bool:
        """Is the country the second of two joined by a pair mark ("Japan-Philippines")?"""
        mark = span.start - 1
        return mark > sent.start and doc[mark].text in self.pair_marks and by_end.get(mark) is not None

    def _attach_name(self, doc: Doc, role: RoleMention, sent: Span, blocked: set[int], by_end) -> None:
        start = role.end
        if start < sent.end and doc[start].lower_ in self.fw.of:
            # "the Minister of Defense of Greece Alkividiadis Stefanis": the name follows the country
            j = start + 1
            if j < sent.end and doc[j].lower_ in self.fw.article:
                j += 1
            country = next((sp for sp in doc.spans[COUNTRY_SPANS] if sp.start == j), None)
            if country is not None and country.kb_id_ == FORM_NAME:  # "of the Japanese Maritime ...": no
                start = country.end
        if start + 2 < sent.end and doc[start].text == "(" and doc[start + 2].text == ")":
            start += 3  # "Chief of General Staff (CGS), General Hulusi Akar": an acronym between title and name
        if start < sent.end and doc[start].text == ",":
            start += 1
        found = self.names.read_name(doc, start, sent.end, blocked)
        person = _person_entity(doc, start, sent.end, self.honorifics)
        if person is not None:  # a statistical model, when installed, knows where a name ends
            found = person
        if found is None:
            left = role.start
            while left - 1 >= sent.start and (
                doc[left - 1].lower_ in self.words.modifier | self.possessive | self.words.determiner
            ):
                left -= 1
            span = by_end.get(left)
            if span is not None:
                left = span.start
                # "Marjan Sarec, his Slovenian counterpart": an article or a possessive before the country
                while left - 1 >= sent.start and doc[left - 1].lower_ in self.fw.article | self.words.determiner:
                    left -= 1
            if left - 1 >= sent.start and doc[left - 1].text == ",":
                found = self.names.read_name_before(doc, left - 1, sent.start, blocked)
        if found and any(
            sp.start == found[1] and sp.end >= found[2] and sp.kb_id_ in (FORM_NAME, FORM_DEMONYM)
            for sp in doc.spans[COUNTRY_SPANS]
        ):
            # "the first female Defence Minister Tanzania", "Minister of the Armed Forces, Moroccan Minister ...":
            # a country or its demonym, not a person
            found = None
        if found:
            role.name, role.name_start, role.name_end = found

    def _titles_in_apposition(self, doc: Doc, roles: list[RoleMention], sents: list[Span], by_start) -> None:
        """One person's titles in a row: "Abdel Majeed Saqr, Commander-in-Chief of the Egyptian Armed Forces,
        Minister of Defense and Military Production, met ...". When a later title is a principal's, the holder is
        a principal whatever the first title: the principal title takes the first one's name and country, and the
        first title is set aside (``role.title_in_apposition``)."""
        for first, second in zip(roles, roles[1:], strict=False):
            if first.kind is not ROLE_OTHER or first.excluded or first.plural or not second.is_principal:
                continue
            if second.plural or sents[first.start].start != sents[second.start].start:
                continue
            gap = doc[first.end : second.start]
            if not gap or gap[-1].text != "," and gap[-1].lower_ not in self.fw.conjunction:
                continue
            body = gap[:-1]
            if any(t.text == "," for t in body) or len(body) > 8:
                continue
            if body and (body[0].lower_ not in self.fw.of or not all(
                t.lower_ in self.fw.of | self.fw.article or (t.is_alpha and t.text[:1].isupper()) for t in body
            )):
                continue  # "of the Egyptian Armed Forces": the first office's own body, nothing else
            if second.name is not None and second.name_start is not None and second.name_start < second.start:
                second.name = second.name_start = second.name_end = None  # a name read back into the first title
            if second.name is None and first.name is not None:
                second.name, second.name_start, second.name_end = first.name, first.name_start, first.name_end
            if not second.countries and first.countries:
                second.countries, second.country_source = list(first.countries), FROM_ATTACHED
            first.name = first.name_start = first.name_end = None
            first.excluded, first.excluded_by = True, "role.title_in_apposition"

    @staticmethod
    def _counterparts_of_others(roles: list[RoleMention], sents: list[Span]) -> None:
        for role in roles:
            if role.kind is not ROLE_COUNTERPART:
                continue
            sent = sents[role.start]
            before = [r for r in roles if sent.start <= r.start < role.start and r.kind is not ROLE_COUNTERPART]
            if before and not any(r.is_principal for r in before):
                role.excluded, role.excluded_by = True, "role.counterpart_of_another_office"

    def _people(self, doc: Doc, roles: list[RoleMention], known: list[Span]) -> list[PersonMention]:
        people: list[PersonMention] = []
        taken: set[int] = set()
        # A known principal the story titles as something else ("Chief of the General Staff General Phan Van
        # Giang", years before he was minister) is no principal anywhere in that story.
        otherwise = {
            i
            for r in roles
            if r.name_start is not None
            and r.name_end is not None
            and not r.plural
            and (
                (r.kind is ROLE_OTHER and not (r.excluded_by or "").startswith(("role.not_sitting", "role.in_event")))
                or (r.kind is ROLE_PRINCIPAL and (r.excluded_by or "").startswith("role.not_sitting"))
            )
            for i in range(r.name_start, r.name_end)
        }
        # "Chief of General Staff of the Turkish Armed Forces Hulusi Akar": the office's own body between the
        # title and a known name leaves the name the office holder's
        starts = {span.start for span in known}
        for r in roles:
            if r.kind is not ROLE_OTHER or r.excluded or r.plural or r.name_start is not None:
                continue
            k = r.end
            while k < min(len(doc), r.end + 7) and k not in starts and (
                doc[k].lower_ in self.fw.of | self.fw.article or doc[k].text[:1].isupper()
            ):
                k += 1
            if k in starts and k > r.end and doc[r.end].lower_ in self.fw.of:
                otherwise.add(k)
        not_principals = {
            self.principals[span.label_].name for span in known if otherwise & set(range(span.start, span.end))
        }
        for span in known:
            principal = self.principals[span.label_]
            is_principal = principal.name not in not_principals
            people.append(
                PersonMention(span.start, span.end, principal.name, principal.country, principal=is_principal)
            )
            taken.update(range(span.start, span.end))
        short: dict[str, tuple[str, str | None, str, bool]] = {}
        for role in roles:
            if role.name is None or role.name_start is None or role.name_end is None:
                continue
            is_principal = role.kind in {ROLE_PRINCIPAL, ROLE_COUNTERPART} and not role.excluded
            if not set(range(role.name_start, role.name_end)) & taken:
                people.append(
                    PersonMention(role.name_start, role.name_end, role.name, role.country, role.text, is_principal)
                )
                taken.update(range(role.name_start, role.name_end))
            for alias in self.names.aliases(role.name):
                short.setdefault(alias, (role.name, role.country, role.text, is_principal))
        for token in doc:
            hit = short.get(token.text)
            if hit and token.i not in taken and not _inside_longer_name(doc, token.i, self.words.title_word):
                name, country, role_text, is_principal = hit
                people.append(PersonMention(token.i, token.i + 1, name, country, role_text, is_principal))
        people.sort(key=lambda p: p.start)
        return people


@Language.factory(
    "newswatch_roles_v1",
    default_config={"data_dir": str(DEFAULT_RULES)},
    assigns=["doc._.nw_roles", "doc._.nw_people"],
)
def make_role_finder(nlp: Language, name: str, data_dir: str) -> RoleFinder:
    return RoleFinder(nlp, name, data_dir)
