"""Assemble candidate facts from the cues and mentions of one document.

A cue's *voice* says where each party stands:

- company_raises   "⟦company⟧ lève ⟦M⟧ auprès de ⟦investors⟧"
- investor_invests "⟦investors⟧ investit ⟦M⟧ dans ⟦company⟧"
- round_noun       "la série A de ⟦company⟧ (⟦M⟧, avec ⟦lead⟧ en lead)"
- stake_noun / investment_noun
                   "la participation de ⟦M⟧ de ⟦investor⟧", "une participation de ⟦P⟧ dans ⟦company⟧"
- supplier_wins / supplier_serves / signs / customer_awards / customer_uses / used_by / customer_chose_us /
  contract_from / lot_to / awarded_to / customer_renews / becomes_customer / customer_of / client_relation /
  same_as_previous (contracts)
- customer_leaves / contract_not_renewed / supplier_loses / customer_cuts (customer losses)

The contract voices are in `contract_voices.py`, the loss voices in `loss_voices.py` (mixins of
`DocumentFacts`), the patterns they read around a cue in `sentence_patterns.py`.

Hypothetical, planned, denied, negated and interrogative statements give no
fact. A role that the sentence leaves implicit ("l'U.S. Army avait signé pour
l'exploiter") falls to the organisation the document is about; an anaphor
("la start-up") to the organisation it most recently named. Values a sentence
does not give (the date of "l'accord annoncé en juin 2025", the investors
listed after "Parmi eux") come from the neighbouring sentences.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from pipelines.extract.abstract import Mention
from pipelines.extract.candidate import Candidate, SentenceView
from pipelines.extract.contract_voices import ContractVoices
from pipelines.extract.cues import (
    BACKER_AFTER, COMPANY_BEFORE, COMPLEMENT_BEFORE, CUES, DEAL_NOUN, FIRM_AFTER_INVESTMENT, FIRM_BEFORE_INVESTMENT,
    HYPOTHETICAL, INVESTOR_BEFORE, LEAD_AFTER, LEAD_BEFORE, MANY_DEALS_BEFORE, NEGATION, PUBLIC_LISTING,
    REPORTED_AFTER, REPORTED_BEFORE, REVENUE_BEFORE, ROUND_LABEL, SOURCE_BEFORE, SOURCE_TELLS, VALUATION_AFTER,
    VALUATION_BEFORE,
)
from pipelines.extract.loss_voices import LossVoices
from pipelines.extract.organizations import PRONOUNS, SPEAKERS
from pipelines.extract.portable import loosened, maybe_flags
from pipelines.extract.sentence_patterns import (
    ANGELS, APPOSITION_SUBJECT, AT_STAKE, BUYER_ANAPHOR, CHIPPED_IN, CLAUSE_BREAK, CONJUNCTION_GAP, CONTRACT_WORDS,
    CUMULATIVE_AFTER, CUMULATIVE_BEFORE, DEAL_REFERENCE, DEAL_WORTH_BEFORE, FOUNDING, FUNDING_WORDS, GENERIC_RAISE,
    INVESTOR_LIST_OPENING, INVESTOR_NAME, IN_PARENTHESES_AFTER_NAME, JOINS_THE_CAPITAL, JOIN_THE_ROUND,
    LEADS_THE_ROUND, LEADS_VERB, LIST_ITEM, NEW_FUND, ORG_LIST_GAP, PLACEHOLDER, PUBLIC_ANAPHOR,
    PUBLIC_CONTRACT_VALUE, PUBLIC_WORDS, RESUMED_AFTER_ASIDE, ROLE_AT_FIRM, ROUND_LED_BY_SUBJECT, ROUND_OWNER_GAP,
    ROUND_REFERENCE, ROUND_TOLD_BY, ROUND_WAS_LED, SUBJECT_LIST_GAP, SWITCH_TO, TOLD_THAT,
)
from pipelines.extract.tables import STRATEGIC, TableRound, table_rounds


@functools.cache
def _cue_filters() -> tuple[str, ...]:
    return tuple(loosened(cue.pattern) for cue in CUES)


def narrow_cues(sentences: list[SentenceView]) -> None:
    """Keep, for each sentence of a batch, only the cues that can match it, found with Polars at once.

    A sentence with a cue word matches one or two of the cue patterns; trying all of them with Python's `re`
    was most of the time spent on facts.
    """
    cued = [s for s in sentences if s.cues is CUES]
    if not cued:
        return
    flags = maybe_flags([s.abs.text for s in cued], list(_cue_filters()))
    for s, row in zip(cued, flags):
        s.cues = tuple(cue for cue, may in zip(CUES, row) if may)


# Where a page's title names the company that publishes it: "What we learnt | Fernhollow Blog", "Fernhollow
# Newsroom - ...", "Ardelune on LinkedIn: ...", "Blog Fernhollow - ...".
_TITLE_SEPARATOR = re.compile(r" [|–—-] |: ")
_PUBLISHER_MARKER = re.compile(r"(?i)(?:^|\s)(?:blog|newsroom|news room|press room|press|presse|salle de presse|"
                               r"engineering|on linkedin|sur linkedin)(?:\s|$)")


def publisher_of(title: str | None) -> str | None:
    """The part of a page's title (in lowercase) that names its publisher when it is a company's own blog,
    newsroom or post, else None: a news site's name ("... | Les Échos") is not the company that speaks."""
    if not title:
        return None
    parts = _TITLE_SEPARATOR.split(title)
    for part in (parts[-1], parts[0]) if len(parts) > 1 else ():
        if len(part.split()) <= 5 and _PUBLISHER_MARKER.search(part):
            return part.lower()
    return None


# a switch told after a loss without its verb: "La décision a été notifiée ..., au profit de son concurrent Corvium"
_IN_FAVOUR = re.compile(r"(?i)au profit|in favou?r")


# "à l'université de La Rochelle": an article between a complement's preposition and the name it introduces
_ARTICLE_AT_END = re.compile(r"(?i)\b(?:la|le|les|the)\s+$|\bl['’]$")
# "passée par l'université Savoie Mont Blanc": a school or an incubator named, no firm that "la start-up" stands for
SCHOOL_BEFORE = re.compile(r"(?i)\b(?:université|university|école|school|incubateur|incubator|laboratoire|"
                           r"lycée|college|campus)\s+$")
# what joins a first verb's object to the cue's verb: "... Clinéo et perd", "... Quiralis and hands"
VERBS_JOINED = re.compile(r"\s*(?:et|and)\s*$")


class DocumentFacts(ContractVoices, LossVoices):
    """Runs the cues over the sentences of one document and keeps the candidates it finds."""

    def __init__(self, sentences: list[SentenceView], title: str | None = None):
        self.sentences = sentences
        self.by_index = {s.index: s for s in sentences}
        self.candidates: list[Candidate] = []
        counts = Counter(m.label for s in sentences for m in s.abs.mentions
                         if m.mention_type == "organization" and m.label)
        first_seen: dict[str, int] = {}
        for s in sentences:
            for m in s.abs.mentions:
                if m.mention_type == "organization" and m.label:
                    first_seen.setdefault(m.label, s.index)
        # the organisation the document is about: named often, and in the headline or first sentence (not in a
        # dateline alone: "Lorient. Marnéo lève 2,4 millions d'euros")
        headline = next((x for x in sentences[:2] if len(x.text.split()) > 2), None)
        opening = {m.label for m in headline.abs.mentions if m.mention_type == "organization"} if headline else set()
        first = min(first_seen, key=first_seen.get) if first_seen else None
        # a company's own page ("... | Fernhollow Blog", "Ardelune on LinkedIn: ..."): the company that says "we"
        publisher = publisher_of(title)
        # an interview's guest, introduced by a role at a firm ("a partner at Harrowby Ventures"), speaks for it
        speaks = any(m.mention_type == "anaphor" and m.text.lower() in SPEAKERS
                     for x in sentences for m in x.abs.mentions)
        guest_firm = next((x.abs.mentions[int(m.group(1))].label for x in sentences[:6] if speaks
                           for m in ROLE_AT_FIRM.finditer(x.abs.text)), None)
        # a name in capitals longer than an acronym is a publication's or a show's ("LA MATINALE ÉCO"); a name of
        # the headline that the text never names again is not what it is about
        score = {k: counts[k] + (4 if k in opening and counts[k] > 1 else 0) + (2 if k == first else 0)
                 + (8 if publisher and re.search(rf"(?<!\w){re.escape(k.lower())}(?!\w)", publisher) else 0)
                 + (8 if k == guest_firm else 0)
                 for k in counts if not (k.isupper() and len(k) > 6)}
        self.focus = max(score, key=lambda k: (score[k], -first_seen[k])) if score else None

    # ---------------------------------------------------------------- helpers
    def _org_name(self, s: SentenceView, mention_idx: int, exclude: set[str]) -> str | None:
        m = s.abs.mentions[mention_idx]
        if m.mention_type == "organization":
            return m.label
        if m.mention_type == "anaphor":
            if m.text.lower() in SPEAKERS:  # "nous avons signé": the company that speaks, the document's
                return self.focus if self.focus not in exclude else None
            if PUBLIC_ANAPHOR.search(m.text):
                body = self._public_antecedent(s, m.start, exclude)
                if body:
                    return body
            return self._antecedent(s, m.start, exclude, buyers_too=bool(BUYER_ANAPHOR.search(m.text)),
                                    pronoun=m.text.lower() in PRONOUNS)
        return None

    def _public_antecedent(self, s: SentenceView, before: int, exclude: set[str]) -> str | None:
        """"L'institution", "l'hôpital": the public body named last, in this sentence or the few before."""
        for prev in reversed([x for x in self.sentences if x.index <= s.index][-4:]):
            for m in reversed(prev.abs.mentions):
                if (m.mention_type == "organization" and m.label and m.label not in exclude
                        and (prev is not s or m.start < before)
                        and (m.org_type == "public_body" or PUBLIC_WORDS.search(m.label))):
                    return m.label
        return None

    def _antecedent(self, s: SentenceView, before: int, exclude: set[str], complements: bool = False,
                    buyers_too: bool = False, pronoun: bool = False) -> str | None:
        """The organisation an anaphor at sentence offset `before` stands for: the last one named before it
        that can be a company (investors and public bodies are not "la start-up"). `buyers_too`: the anaphor
        names a kind of firm that buys ("the hospital group", "la banque"), which may be a deal's customer.
        `pronoun` ("elle", "they"): the subject of a sentence before, the first firm it names outside a
        complement ("..., ancienne chercheuse à l'université de La Rochelle. Elle a signé" is not La Rochelle)."""
        def usable(m: Mention, sentence: SentenceView) -> bool:
            return (m.mention_type == "organization" and bool(m.label) and m.label not in exclude
                    and m.org_type not in ("investor", "public_body") and not PUBLIC_WORDS.search(m.label)
                    and not SCHOOL_BEFORE.search(sentence.text, max(0, m.start - 16), m.start))

        for (ps, _), m in reversed(list(zip(s.abs.positions, s.abs.mentions))):
            if m.start < before and usable(m, s) and (complements or not COMPLEMENT_BEFORE.search(s.abs.text[max(0, ps - 12):ps])):
                return m.label
        # in earlier sentences; the investors of a round and the customers of a deal told in this document are
        # not "la société", "l'éditeur" ("Mosaïq a décroché un contrat auprès de Groupama. Et l'éditeur a
        # remporté..." is Mosaïq), unless they are the company of a deal themselves
        subjects = {c.subject for c in self.candidates}
        others = {name for c in self.candidates for name in c.investors} | ({
            c.counterparty for c in self.candidates if c.counterparty and c.counterparty not in subjects}
            if not buyers_too else set())
        customers = {c.counterparty for c in self.candidates if c.kind != "funding_round"} if buyers_too else set()
        for prev in reversed([x for x in self.sentences if x.index < s.index][-6:]):
            # "l'opérateur", "le distributeur": a firm that buys; the customer of a deal the sentence before told,
            # else that sentence's subject
            ordered = reversed(prev.abs.mentions)
            if buyers_too:
                ordered = sorted(prev.abs.mentions, key=lambda m: m.label not in customers)
            elif pronoun:
                ordered = [m for (ps, _), m in zip(prev.abs.positions, prev.abs.mentions)
                           if not COMPLEMENT_BEFORE.search(_ARTICLE_AT_END.sub("", prev.abs.text[max(0, ps - 16):ps]))]
            for m in ordered:
                if usable(m, prev) and m.label not in others and not _quoted(prev.text, m.start):
                    return m.label
                if m.mention_type == "anaphor" and m.text.lower() not in SPEAKERS:
                    # "The company was founded by Aitken, a former lawyer. It raised...": the company told of there
                    return self._antecedent(prev, m.start, exclude)
        return self.focus if self.focus not in exclude else None

    def _sentence_offset(self, s: SentenceView, abs_pos: int) -> int:
        """Map a position of the abstracted text back to the sentence."""
        shift = 0
        for (ps, pe), m in zip(s.abs.positions, s.abs.mentions):
            if ps >= abs_pos:
                break
            shift += (m.end - m.start) - (pe - ps)
        return abs_pos + shift

    def _implicit_company(self, s: SentenceView, abs_pos: int) -> str | None:
        """"La legaltech parisienne a annoncé une série B": the company the passage is about."""
        # "Pour Scale AI, qui était valorisée ... lors d'un tour de table": a name in the same sentence counts,
        # even after a preposition; "la jeune pousse" (an anaphor) does not look at those
        return self._antecedent(s, self._sentence_offset(s, abs_pos), set(), complements=True)

    def _placeholders(self, s: SentenceView, lo: int, hi: int, letters: str = "OA") -> list[tuple[int, int, int]]:
        """(mention index, start, end) of placeholders of the given letters inside [lo, hi) of the abstract text."""
        out = []
        for m in PLACEHOLDER.finditer(s.abs.text, lo, hi):
            if m.group(1) in letters:
                out.append((int(m.group(2)), m.start(), m.end()))
        return out

    @staticmethod
    def _clause_bounds(breaks: list[tuple[int, int]], length: int, cue_start: int, cue_end: int) -> tuple[int, int]:
        """The clause of a cue, between the sentence's `breaks` (CLAUSE_BREAK's matches, found once per sentence
        over the whole of it: a break may look ahead into the cue)."""
        lo = max((end for start, end in breaks if end <= cue_start), default=0)
        hi = min((start for start, end in breaks if start >= cue_end), default=length)
        return lo, hi

    def _subjects(self, s: SentenceView, lo: int, cue_start: int, exclude: set[str]) -> tuple[list[str], int | None]:
        """The organisations the clause names before the cue: its subject, with coordinated names."""
        text = s.abs.text
        told = TOLD_THAT.search(text, lo, cue_start)
        if told and told.group(1):
            # "Lumora announced at AI Infra Europe that it had signed": the pronoun is the main clause's subject
            cue_start = told.start()
        phs = [p for p in self._placeholders(s, lo, cue_start, "OAH")]
        chosen = None
        for i in range(len(phs) - 1, -1, -1):
            idx, start, _ = phs[i]
            if (COMPLEMENT_BEFORE.search(text[max(lo, start - 12):start])
                    or IN_PARENTHESES_AFTER_NAME.search(text, lo, start)
                    or SOURCE_BEFORE.search(text[max(0, start - 20):start])
                    or SOURCE_TELLS.match(text, phs[i][2]) or BACKER_AFTER.match(text, phs[i][2])):
                continue
            chosen = i
            break
        opening = APPOSITION_SUBJECT.match(text, lo)
        if opening:
            first = next((k for k, p in enumerate(phs) if p[1] == opening.start(1)), None)
            if first is not None and (chosen is None or (chosen != first and "," in text[phs[chosen][2]:cue_start])):
                chosen = first
        if chosen is None:
            return [], None
        if (chosen > 0 and VERBS_JOINED.match(text, phs[chosen][2], cue_start)
                and re.search(r"[a-zà-ÿ]\s+$", text[lo:phs[chosen][1]])):
            # "Fnac Darty tourne la page Quiralis et confie son assistant à Mistral AI", "Opsara rachète Clinéo et
            # perd le CHU": the name before the conjunction is the first verb's object; the subject of the verbs
            # that the conjunction joins is the clause's first name
            return [name for name in [self._org_name(s, phs[0][0], exclude)] if name and name not in exclude], phs[0][1]
        group = [phs[chosen]]
        j = chosen - 1
        # "A, B et C": a list ends with a conjunction; "X, la jeune pousse," is an apposition, not a list
        if j >= 0 and CONJUNCTION_GAP.match(text[phs[j][2]:phs[chosen][1]]):
            while j >= 0 and SUBJECT_LIST_GAP.match(text[phs[j][2]:group[0][1]]):
                group.insert(0, phs[j])
                j -= 1
        names = []
        for idx, start, _ in group:
            name = self._org_name(s, idx, exclude)
            if name and name not in exclude and name not in names:
                names.append(name)
        return names, group[0][1]

    def _objects(self, s: SentenceView, start: int, hi: int, before: re.Pattern[str], exclude: set[str],
                 window: int = 45) -> list[tuple[str, int, int]]:
        """The first organisation after `start` introduced by `before`, and those coordinated with it."""
        text = s.abs.text
        phs = self._placeholders(s, start, hi, "OA")
        out: list[tuple[str, int, int]] = []
        for k, (idx, ps, pe) in enumerate(phs):
            if not before.search(text[max(start, ps - window):ps]):
                continue
            chain = [(idx, ps, pe)]
            for idx2, ps2, pe2 in phs[k + 1:]:
                if ORG_LIST_GAP.match(text[chain[-1][2]:ps2]):
                    chain.append((idx2, ps2, pe2))
                else:
                    break
            for i2, s2, e2 in chain:
                name = self._org_name(s, i2, exclude)
                if name and name not in exclude and name not in [o[0] for o in out]:
                    out.append((name, s2, e2))
            break
        return out

    def _money(self, s: SentenceView, lo: int, hi: int) -> tuple[Mention | None, Mention | None]:
        """(amount, valuation) among the money mentions in [lo, hi): valuations and revenue are told apart."""
        amount = valuation = None
        for m in PLACEHOLDER.finditer(s.abs.text, lo, hi):
            if m.group(1) != "M":
                continue
            mention = s.abs.mentions[int(m.group(2))]
            if mention.amount is None:
                continue
            before = s.abs.text[max(0, m.start() - 90):m.start()]
            after = s.abs.text[m.end():m.end() + 30]
            if VALUATION_BEFORE.search(before) or VALUATION_AFTER.search(after):
                valuation = valuation or mention
            elif REVENUE_BEFORE.search(before[-45:]) and not PUBLIC_CONTRACT_VALUE.search(before):
                continue
            else:
                amount = amount or mention
        return amount, valuation

    def _stake(self, s: SentenceView) -> float | None:
        for m in PLACEHOLDER.finditer(s.abs.text):
            if m.group(1) == "P":
                around = s.abs.text[max(0, m.start() - 40):m.end() + 40].lower()
                if re.search(r"participation|stake|capital|part\b|parts\b|equity", around):
                    mention = s.abs.mentions[int(m.group(2))]
                    if mention.amount is not None and 0 < mention.amount <= 100:
                        return mention.amount
        return None

    def _date(self, s: SentenceView, cue_pos: int) -> Mention | None:
        """The sentence's date nearest the cue, in the cue's clause first, leaving out what dates the company
        rather than the deal: a founding date ("Fondée en 2021, la société avait levé..."), and, when another
        date is there, one that closes an aside just before the cue ("Clairvoie, qui a réalisé 11 M€ en 2024,
        avait levé 18 M€ en 2023")."""
        best = None
        for m in PLACEHOLDER.finditer(s.abs.text):
            if m.group(1) != "D":
                continue
            mention = s.abs.mentions[int(m.group(2))]
            if mention.date_value is None or FOUNDING.search(s.text, 0, mention.start):
                continue
            between = s.abs.text[m.end():cue_pos] if m.end() <= cue_pos else ""
            aside = "," in between and not between.strip(" ,")
            outside = not self._clause[0] <= m.start() < self._clause[1]
            rank = (outside, aside, abs(m.start() - cue_pos))
            if best is None or rank < best[0]:
                best = (rank, mention)
        if best:
            return best[1]
        # an item of a list dated by the line that opens it ("Réunie le 11 février, la commission a décidé
        # d'attribuer :" then "— le lot n° 1 à ...", "— le lot n° 2 à ...")
        index = s.index - 1
        while index >= 0 and (other := self.by_index.get(index)) is not None and other.paragraph == s.paragraph:
            if other.text.rstrip().endswith(":"):
                return next((m for m in other.abs.mentions if m.mention_type == "date" and m.date_value is not None),
                            None)
            if not LIST_ITEM.match(other.text) or s.index - index > 8:
                break
            index -= 1
        # "Dans le cadre de l'accord annoncé en juin 2025, ...": a neighbour that dates the deal
        for offset in (1, -1, 2, -2):
            other = self.by_index.get(s.index + offset)
            if other is None or other.paragraph != s.paragraph or not DEAL_REFERENCE.search(other.text):
                continue
            if any(c.sentence_index == other.index for c in self.candidates):
                continue  # that sentence reports a deal of its own: its date is its own
            for m in other.abs.mentions:
                if m.mention_type == "date" and m.date_value is not None:
                    return m
        return None

    def _round(self, s: SentenceView) -> str | None:
        return round_type(s.text)

    def _blocked(self, s: SentenceView, lo: int, hi: int, cue_start: int, cue_end: int, cue_text: str) -> bool:
        before = s.abs.text[max(lo, cue_start - 70):cue_start]
        resumed = RESUMED_AFTER_ASIDE.search(before)
        if resumed:  # "Acme, a startup that helps radiologists decide what they should read first, has raised"
            before = before[resumed.start() + 1:]
        if HYPOTHETICAL.search(before) or HYPOTHETICAL.search(cue_text):
            return True
        if REPORTED_BEFORE.search(s.abs.text, max(lo, cue_start - 25), cue_start) or \
                REPORTED_AFTER.match(s.abs.text, cue_end, hi):
            return True
        if MANY_DEALS_BEFORE.search(s.abs.text, max(lo, cue_start - 60), cue_start):
            return True
        if cue_text[-5:].lower() == "round" and s.abs.text[cue_end:cue_end + 1] == "s":
            return True  # "share of US seed rounds this year above $4 million"
        return bool(NEGATION.search(s.abs.text[max(lo, cue_start - 22):cue_start]))

    def _latest(self, kind: str, s: SentenceView, window: int) -> Candidate | None:
        for c in reversed(self.candidates):
            if c.kind == kind and 0 <= s.index - c.sentence_index <= window:
                return c
        return None

    # --------------------------------------------------------------- main loop
    def run(self) -> list[Candidate]:
        table = table_rounds(self.sentences)
        for s in self.sentences:
            if s.index in table:  # a row of a deal table: its cells say what it is, not its words
                cand = self._table_round(s, table[s.index])
                if cand is not None:
                    self.candidates.append(cand)
                continue
            if s.text.rstrip().endswith("?"):
                continue
            found = self._cue_candidates(s) if s.cues else []
            self._attach_orphans(s, found)
            for cand in _merge_same_sentence(found):
                if cand.date is None:
                    cand.date = self._date(s, 0)
                self.candidates.append(cand)
        self._enrich_loss_amounts()
        self._replacements_told_next()
        # a round with no amount, no valuation and no investor, once every sentence has had its say, tells nothing
        # an analyst can use, and is mostly a misreading ("La série A de Quorvel a marqué les esprits")
        return [c for c in self.candidates if c.kind != "funding_round" or c.amount is not None
                or c.valuation is not None or c.investors]

    _found: list[Candidate] = []  # the candidates of the sentence being read, so far
    _clause: tuple[int, int] = (0, 1 << 30)  # the clause of the cue being read (the whole sentence otherwise)

    def _cue_candidates(self, s: SentenceView) -> list[Candidate]:
        found: list[Candidate] = []
        self._found = found
        matches = []
        for cue in s.cues:
            for m in cue.pattern.finditer(s.abs.text):
                matches.append((m.start(), m.end(), cue, m.group(0)))
        matches.sort(key=lambda x: x[0])
        has_loss = any(c.kind == "customer_loss" for _, _, c, _ in matches)
        breaks = [m.span() for m in CLAUSE_BREAK.finditer(s.abs.text)]
        for start, end, cue, text in matches:
            lo, hi = self._clause_bounds(breaks, len(s.abs.text), start, end)
            self._clause = (lo, hi)
            if self._blocked(s, lo, hi, start, end, text):
                continue
            handler = getattr(self, f"_voice_{cue.voice}")
            if cue.voice == "client_relation" and has_loss:
                continue
            for cand in handler(s, lo, hi, start, end, text) or []:
                cand.sentence_index = s.index
                cand.clause_start = lo
                found.append(cand)
        self._clause = DocumentFacts._clause
        return found

    # ------------------------------------------------------------- funding
    def _table_round(self, s: SentenceView, row: TableRound | None) -> Candidate | None:
        if row is None or self._is_investor(row.company):
            return None
        cand = Candidate("funding_round", row.company, investors=dict(row.investors), amount=row.amount,
                         date=row.date, sentence_index=s.index)
        cand.round_type = round_type(row.round_cell) or ("strategic" if STRATEGIC.search(row.round_cell) else None)
        return cand

    def _is_investor(self, name: str) -> bool:
        """A reference investor, or a name shaped like a fund ("Parkway Venture Capital", "Kima Ventures")."""
        return bool(INVESTOR_NAME.search(name)) or any(
            m.label == name and m.org_type == "investor" for sv in self.sentences for m in sv.abs.mentions)

    def _funding(self, s, company, investors, lead, start, amount=None, valuation=None) -> Candidate | None:
        if self._is_investor(company):
            return None  # a fund that is named is an investor; funds raising money are not funding rounds
        if PUBLIC_LISTING.search(s.text):
            return None  # "Introduit en Bourse en 2021, une opération qui lui avait permis de lever 6 M€"
        cand = Candidate("funding_round", company)
        for name in investors:
            if name != company:
                cand.investors[name] = name in lead
        for name in lead:
            if name != company:
                cand.investors[name] = True
        cand.amount, cand.valuation = amount, valuation
        cand.stake_pct = self._stake(s)
        # the round named right at the cue first: "a £10m Series A ..., which followed a £2.5m seed round"
        cand.round_type = (round_type(s.abs.text[start:start + 40]) or self._round(s)
                           or ("strategic" if cand.stake_pct else None))
        if amount is not None and cand.round_type is None and (
                CUMULATIVE_AFTER.match(s.text, amount.end)
                or (not investors and CUMULATIVE_BEFORE.search(s.text, max(0, amount.start - 20), amount.start))):
            return None  # "has raised $60 million to date", "a levé au total 60 M€": all its rounds, none of them
        cand.date = self._date(s, start)
        return cand

    def _investors_after(self, s: SentenceView, start: int, hi: int, exclude: set[str]) -> tuple[list[str], list[str]]:
        text = s.abs.text
        investors: list[str] = []
        lead: list[str] = []
        # people invest as business angels: "auprès de business angels, parmi lesquels Hélène Marchadier"
        angels = ANGELS.search(text, start, hi)
        for idx, ps, pe in self._placeholders(s, start, hi, "OAH" if angels else "OA"):
            before = text[max(start, ps - 45):ps]
            mention = s.abs.mentions[idx]
            name = mention.text if mention.mention_type == "person" else self._org_name(s, idx, exclude)
            if not name or name in exclude:
                continue
            in_list = investors and ORG_LIST_GAP.match(text[self._last_end:ps]) if investors else False
            if INVESTOR_BEFORE.search(before) or in_list or BACKER_AFTER.match(text, pe):  # "a YC graduate"
                if name not in investors:
                    investors.append(name)
                self._last_end = pe
                if LEAD_BEFORE.search(before) or LEAD_AFTER.search(text[pe:pe + 40]):
                    lead.append(name)
        return investors, lead

    _last_end = 0

    def _voice_company_raises(self, s, lo, hi, start, end, text):
        # "Last week the company raised $2 billion in a round co-led by Nvidia and Fidelity": the company is not
        # one of the investors the clause names, though the sentence before spoke of Nvidia's GPUs
        named, _ = self._investors_after(s, end, hi, set())
        subjects, _ = self._subjects(s, lo, start, set(named))
        if not subjects:  # a name read both as the company and, further on, as an investor: the company
            subjects, _ = self._subjects(s, lo, start, set())
        if not subjects:
            return None
        company = subjects[0]
        amount, valuation = self._money(s, end, hi)
        backing = "backing" in text.lower()  # "Gannetry gets backing from Salesforce Ventures": a round, undisclosed
        if (amount is None and not backing) or NEW_FUND.match(s.abs.text, end, hi):
            return None  # no money, or an investor's own new fund ("a levé un nouveau fonds de 150 M€")
        investors, lead = self._investors_after(s, end, hi, {company})
        if amount is None and not investors:
            return None
        if GENERIC_RAISE.match(text) and not FUNDING_WORDS.search(s.text) and (
                not investors or CONTRACT_WORDS.search(s.text)) and not self._round_told_next(s):
            # "obtient 12 M€" is a round when investors give it ("auprès d'Eurazeo"), not an order; a headline's
            # "Copperlane pulls in £12m" is when the text under it tells a round
            return None
        return [c for c in [self._funding(s, company, investors, lead, start, amount, valuation)] if c]

    def _round_told_next(self, s: SentenceView) -> bool:
        """Whether `s` is a headline (no closing stop) whose next sentence tells a round, without a contract."""
        nxt = self.by_index.get(s.index + 1)
        return (not s.text.rstrip().endswith((".", "!", "?")) and nxt is not None
                and bool(FUNDING_WORDS.search(nxt.text)) and not CONTRACT_WORDS.search(nxt.text))

    def _voice_investor_invests(self, s, lo, hi, start, end, text):
        investors, _ = self._subjects(s, lo, start, set())
        companies = self._objects(s, end, hi, COMPANY_BEFORE, set(investors))
        amount, valuation = self._money(s, lo, hi)
        if not companies:
            if amount is None:
                # "Outre X, Y et Z avaient fait leur entrée au capital": more investors of the round just told
                latest = self._latest("funding_round", s, 3)
                if latest is not None:
                    latest.join(investors)
                return None
            company = self.focus if self.focus not in investors else None
        else:
            company = companies[0][0]
        if not company or (amount is None and not investors):
            return None
        lead = investors if LEADS_VERB.match(text) else []  # "Northzone led a $30M round in Dornador"
        return [c for c in [self._funding(s, company, investors, lead, start, amount, valuation)] if c]

    def _voice_round_noun(self, s, lo, hi, start, end, text):
        # "Balderton led the Series A for the Manchester-based firm": the subject leads, the round is another's
        leaders = self._subjects(s, lo, start, set())[0] if ROUND_LED_BY_SUBJECT.search(s.abs.text, lo, start) else []
        after = self._objects(s, end, min(hi, end + 40), ROUND_OWNER_GAP, set(leaders), window=40)
        after = [a for a in after if ROUND_OWNER_GAP.search(s.abs.text[end:a[1]])]
        told_by = ROUND_TOLD_BY.match(s.abs.text, end, hi)
        if after:
            company = after[0][0]
        elif told_by and (owner := self._org_name(s, int(told_by.group(1)), set())):
            company = owner  # "the $30 million Series A Ionwell announced in December": the round its company told
        elif leaders:
            # "Thrive Capital led the Series B, which values the startup at $400 million": the company told before
            company = self._antecedent(s, 0, set(leaders))
        else:
            subjects, _ = self._subjects(s, lo, start, set())
            # "..., then a $22 million Series A led by Sequoia": the company of the round this sentence told first
            earlier = next((c.subject for c in reversed(self._found) if c.kind == "funding_round"), None)
            company = subjects[0] if subjects else earlier or self._implicit_company(s, start)
        if not company:
            return None
        amount, valuation = self._money(s, lo, hi)
        investors, lead = self._investors_after(s, lo, hi, {company})
        investors, lead = [*leaders, *investors], [*leaders, *lead]
        label = self._round(s)
        if amount is None and valuation is None and not label and not investors:
            return None
        return [c for c in [self._funding(s, company, investors, lead, start, amount, valuation)] if c]

    def _voice_stake_noun(self, s, lo, hi, start, end, text):
        stake = self._stake(s)
        amount, valuation = self._money(s, lo, hi)
        if stake is None and not re.match(r"(?i)(?:prise de )?(?:participation|stake)\s+(?:de\s+|of\s+)?⟦M", s.abs.text[start:]):
            return None  # "avec la participation de X" lists investors; a stake states a share or its price
        return self._investment_roles(s, lo, hi, start, end, amount, valuation)

    def _voice_investment_noun(self, s, lo, hi, start, end, text):
        if FIRM_AFTER_INVESTMENT.match(s.abs.text, end) or FIRM_BEFORE_INVESTMENT.search(s.abs.text, 0, start):
            return None  # "analysts at an investment bank", "un fonds d'investissement": a kind of firm
        amount, valuation = self._money(s, lo, hi)
        if amount is None:
            return None
        return self._investment_roles(s, lo, hi, start, end, amount, valuation)

    def _investment_roles(self, s, lo, hi, start, end, amount, valuation):
        text = s.abs.text
        investor = None
        # "la participation de ⟦M⟧ de ⟦O⟧", "l'investissement de ⟦M⟧ de ⟦O⟧": the investor follows the amount
        for m in re.finditer(r"⟦M(\d+)⟧\s*(?:\([^)]*\)\s*)?(?:de|d['’]|du|from|by)\s*(?:(?:le|la|l['’]|the)\s*)?⟦([OA])(\d+)⟧", text):
            investor = self._org_name(s, int(m.group(3)), set())
            break
        if investor is None:
            m = re.search(r"(?:à|to)\s*⟦([OA])(\d+)⟧[^⟦]{0,30}$", text[lo:start])
            if m:
                investor = self._org_name(s, int(m.group(2)), set())
        companies = self._objects(s, end, hi, re.compile(r"(?i)(?:dans|in|into)\s*(?:(?:le |la |l['’]|the )?[^⟦,.;]{0,25})?$"),
                                  {investor} if investor else set())
        if companies:
            company = companies[0][0]
        else:
            subjects, _ = self._subjects(s, lo, start, {investor} if investor else set())
            company = subjects[0] if subjects else None
            if company is None:
                others = [self._org_name(s, i, set()) for i, _, _ in self._placeholders(s, lo, hi, "OA")]
                others = [o for o in others if o and o != investor]
                company = others[0] if others else (self.focus if self.focus != investor else None)
        if investor is None:
            subjects, _ = self._subjects(s, lo, start, {company} if company else set())
            investor = subjects[0] if subjects and subjects[0] != company else None
        if not company or (amount is None and investor is None):
            return None  # "une participation de 49 %" alone names neither the money nor who put it in
        return [c for c in [self._funding(s, company, [investor] if investor else [], [], start, amount, valuation)] if c]


    # ------------------------------------------------------------- follow-ups
    def _attach_orphans(self, s: SentenceView, found: list[Candidate]) -> None:
        """A sentence with no deal of its own may complete the one just told: investors, stake, valuation."""
        if found:
            return  # "The raise comes weeks after Wrenfield signed a deal with Clifford Chance": a deal of its own
        contract = self._latest("contract", s, 1)
        if contract is not None and contract.amount is None and CONTRACT_WORDS.search(s.text):
            # "... signe un contrat avec Keolis Lyon. D'un montant de 4,6 M€, l'accord prévoit ...", "That deal is
            # worth a little over €2 million": the value of the contract just told
            value = next((s.abs.mentions[int(m.group(2))] for m in PLACEHOLDER.finditer(s.abs.text)
                          if m.group(1) == "M" and DEAL_WORTH_BEFORE.search(s.abs.text, 0, m.start())), None)
            if value is not None and value.amount is not None:
                contract.amount = value
                return
        latest = self._latest("funding_round", s, 3)
        if latest is None:
            return
        was_led = ROUND_WAS_LED.search(s.abs.text)
        if was_led:
            investors, lead = self._investors_after(s, was_led.start(), len(s.abs.text), {latest.subject})
            for idx, ps, _ in self._placeholders(s, was_led.end(), len(s.abs.text), "O"):
                name = s.abs.mentions[idx].label
                if name and name != latest.subject:
                    is_lead = name in lead or not re.search(r"(?i)particip|with|avec|alongside|aux côtés",
                                                            s.abs.text[was_led.end():ps])
                    latest.investors[name] = latest.investors.get(name, False) or is_lead
            return
        lead_turn = LEADS_THE_ROUND.search(s.abs.text)
        if lead_turn:
            # "Eurazeo mène le tour, avec Kima Ventures et Motier Ventures." (before the round's mere reference,
            # which "le tour" is too)
            for idx, ps, _ in self._placeholders(s, 0, len(s.abs.text), "O"):
                name = s.abs.mentions[idx].label
                if name and name != latest.subject:
                    latest.investors[name] = latest.investors.get(name, False) or ps < lead_turn.end()
            return
        reference = ROUND_REFERENCE.search(s.abs.text)
        if reference:
            # "Pervenche IA lève 3,4 M€. La start-up a bouclé la semaine dernière ce tour auprès de Kima
            # Ventures": the investors, and the date when the first sentence gave none, of the round just told
            investors, lead = self._investors_after(s, reference.end(), len(s.abs.text), {latest.subject})
            if investors:
                for name in investors:
                    latest.investors[name] = latest.investors.get(name, False) or name in lead
                latest.date = latest.date or self._date(s, reference.start())
                return
        joined = JOIN_THE_ROUND.search(s.abs.text)
        if joined:
            names = self._placeholders(s, joined.start(1), joined.end(1), "O")
            latest.join(s.abs.mentions[idx].label for idx, _, _ in names)
            return
        chipped = CHIPPED_IN.search(s.abs.text)
        if chipped and not self._money(s, 0, len(s.abs.text))[0]:
            latest.join(s.abs.mentions[idx].label for idx, _, _ in self._placeholders(s, 0, chipped.start(), "O"))
            return
        joins = JOINS_THE_CAPITAL.search(s.abs.text)
        if joins:
            # "L'edtech fait entrer Partech à son capital."
            latest.join([s.abs.mentions[int(joins.group(1))].label])
            return
        if INVESTOR_LIST_OPENING.search(s.text):
            amount, _ = self._money(s, 0, len(s.abs.text))
            if amount is None:
                names = self._placeholders(s, 0, len(s.abs.text), "O")
                latest.join(s.abs.mentions[idx].label for idx, _, _ in names)
        if s.index - latest.sentence_index <= 2:
            if latest.stake_pct is None:
                stake = self._stake(s)
                if stake is not None:
                    latest.stake_pct = stake
                    latest.round_type = latest.round_type or "strategic"
            if latest.valuation is None and DEAL_NOUN.search(s.text):
                _, valuation = self._money(s, 0, len(s.abs.text))
                latest.valuation = valuation

    def _at_stake(self, s: SentenceView, lo: int, hi: int) -> Mention | None:
        """The business a lost customer took away: an amount, or what the contract was "worth" (a valuation's
        words, which for a contract tell its value)."""
        amount, valuation = self._money(s, lo, hi)
        return amount or valuation

    def _replacements_told_next(self) -> None:
        """The supplier that replaces a lost one, told in the next sentence: "la régie a mis fin au contrat de
        Velliard. La décision a été notifiée le 6 avril, au profit de son concurrent Corvium" (a contract)."""
        for loss in [c for c in self.candidates if c.kind == "customer_loss"]:
            nxt = self.by_index.get(loss.sentence_index + 1)
            if nxt is None or nxt.paragraph != self.by_index[loss.sentence_index].paragraph:
                continue
            m = next((m for m in SWITCH_TO.finditer(nxt.abs.text) if _IN_FAVOUR.match(m.group(0))), None)
            name = self._org_name(nxt, int(m.group(1)), {loss.subject, loss.counterparty}) if m else None
            if not name or name in (loss.subject, loss.counterparty) or any(
                    c.kind == "contract" and c.subject == name and c.counterparty == loss.counterparty
                    for c in self.candidates):
                continue
            contract = self._contract(nxt, name, loss.counterparty, m.start(), 0, len(nxt.abs.text), False)
            if contract is not None:
                contract.sentence_index = nxt.index
                self.candidates.append(contract)

    def _enrich_loss_amounts(self) -> None:
        """The business at stake, told in one of the next two sentences: "X cuts ties with Y. X had planned to
        pay Y $200M this year", "Le contrat représentait 1,4 M€ de chiffre d'affaires annuel", "Cela représentait
        environ 800 000 euros par an". A sentence that names another organisation speaks of something else."""
        for cand in self.candidates:
            if cand.kind != "customer_loss" or cand.amount is not None:
                continue
            parties = {cand.subject, cand.counterparty}
            for step in (1, 2):
                nxt = self.by_index.get(cand.sentence_index + step)
                if nxt is None or nxt.paragraph != self.by_index[cand.sentence_index].paragraph:
                    break
                labels = {m.label for m in nxt.abs.mentions if m.mention_type == "organization"}
                if labels - parties:
                    break
                if parties <= labels or (AT_STAKE.search(nxt.text) and (labels or step == 1)):
                    cand.amount = self._at_stake(nxt, 0, len(nxt.abs.text))
                    if cand.amount is not None:
                        break


def round_type(text: str) -> str | None:
    """The round a text names: "Series B", "Seed", "Pre-seed"."""
    m = ROUND_LABEL.search(text)
    if not m:
        return None
    if m.group("series"):
        return f"Series {m.group('series').upper()}"
    return "Pre-seed" if m.group("preseed") else "Seed"


def _quoted(text: str, at: int) -> bool:
    """Whether position `at` of a sentence is inside a quotation: what a speaker says names what the speaker
    speaks of, not what "the company" of the next sentence stands for."""
    before = text[:at]
    return (before.count('"') % 2 == 1 or before.count("«") > before.count("»")
            or before.count("“") > before.count("”"))


def _merge_same_sentence(found: list[Candidate]) -> list[Candidate]:
    """Several cues of one sentence often describe one deal: keep one candidate per kind and parties, unless
    clauses of their own give them different amounts ("a $3M seed round from X, then a $22M Series A").

    A round whose company is an investor of another round of the sentence is a misreading of that round
    ("Northzone led a $30M round in Dornador": the round noun takes the sentence's subject), and goes."""
    investors = {name for cand in found if cand.kind == "funding_round" for name in cand.investors}
    found = [c for c in found if c.kind != "funding_round" or c.subject not in investors]
    out: list[Candidate] = []
    for cand in found:
        twin = next((o for o in out if o.kind == cand.kind and o.subject == cand.subject
                     and o.counterparty == cand.counterparty
                     and (o.clause_start == cand.clause_start or o.amount is None or cand.amount is None
                          or o.amount.amount == cand.amount.amount)
                     and (cand.kind != "funding_round" or not o.investors or not cand.investors
                          or set(o.investors) & set(cand.investors))), None)
        if twin is None:
            out.append(cand)
            continue
        for name, lead in cand.investors.items():
            twin.investors[name] = twin.investors.get(name, False) or lead
        for attr in ("round_type", "amount", "stake_pct", "valuation", "date", "description"):
            if getattr(twin, attr) is None:
                setattr(twin, attr, getattr(cand, attr))
    return out
