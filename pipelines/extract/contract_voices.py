"""The voices of contracts: who supplies and who buys, as each way of telling a contract places them.

A mixin of `facts.DocumentFacts`: the voices read the document's state (its sentences, the candidates found so far,
the organisation it is about) and its helpers (`_subjects`, `_objects`, `_antecedent`, `_date`, `_money`).
"""

from __future__ import annotations

import re

from pipelines.extract.candidate import Candidate, SentenceView
from pipelines.extract.cues import OBJECT_BEFORE, SUPPLIER_AFTER_AWARD
from pipelines.extract.sentence_patterns import (
    ADOPTION, ALSO_AWARDED, AWARDED_HEADLINE, BY_BEFORE, CONTRACTING_ACTIVITY, CONTRACT_WORDS, CUSTOMER_AS,
    DEAL_WORTH_BEFORE, DIRECT_OBJECT_GAP, PASSIVE_BEFORE, PLACEHOLDER, PRODUCT_DETAIL_OF, PRODUCT_OF_MAKER,
    PUBLIC_WORDS, ROLLED_OUT, SIGNED_PARTICIPLE, SIGNING_NOUN, TENDER_OF, TENDER_PART, VENDOR_AFTER, VENDOR_BEFORE,
)


class ContractVoices:
    """`_voice_<voice>` for every contract cue of `cues.CUES`, and how the parties of "A signed with B" are told apart."""

    def _contract(self, s, supplier, customer, start, lo, hi, grammatical_subject_is_supplier=True):
        if not supplier or not customer or supplier == customer:
            return None
        cand = Candidate("contract", supplier, customer)
        cand.amount, valuation = self._money(s, lo, hi)
        if cand.amount is None and valuation is not None and DEAL_WORTH_BEFORE.search(
                s.text, max(0, valuation.start - 40), valuation.start):
            cand.amount = valuation  # "a three-year extension worth about €40 million" is the deal's value
        cand.date = self._date(s, start)
        cand.description = s.text[:300]
        cand.subject_is_grammatical_subject = grammatical_subject_is_supplier
        return cand

    def _voice_supplier_serves(self, s, lo, hi, start, end, text):
        """"Harbordyne will provide Maersk with...", "deploys its platform at Maersk": the customer follows.
        "lands/wins/adds Maersk" only as a customer ("as a customer", "Maersk's business")."""
        if re.match(r"(?i)(?:lands?|landed|wins?|won|adds?|added)\s*$", text) and not CUSTOMER_AS.match(s.abs.text, end):
            return None
        return self._voice_supplier_wins(s, lo, hi, start, end, text, serves=True)

    def _voice_customer_uses(self, s, lo, hi, start, end, text):
        """"Danone uses Calvane's software", "Michelin déploie la plateforme de Calvane", "la SNCF s'équipe de la
        solution de Calvane": the subject buys from the product's maker."""
        if not re.search(r"(?:de|d['’]|du|of|from)\s*$", text) and not PRODUCT_OF_MAKER.match(s.abs.text, end):
            return None  # "uses Nvidia GPUs", "utilise l'IA": no product told as someone's
        customers, _ = self._subjects(s, lo, start, set())
        makers = [m[0] for m in self._objects(s, end, min(hi, end + 6), re.compile(r"(?:)"), set(customers),
                                              window=0)[:1]]
        detail = PRODUCT_DETAIL_OF.match(s.abs.text, end, hi) if not makers else None
        if detail:  # "s'équipent de l'assistant de transcription médicale de Jarvelin"
            makers = [name for name in [self._org_name(s, int(detail.group(1)), set(customers))] if name]
        if not customers or not makers:
            return None
        if customers[0] == self.focus and not ADOPTION.search(s.abs.text, max(lo, start - 12), end):
            return None  # "Calvane utilise la technologie de Nvidia": the company told of and its stack, no deal
        return [c for c in [self._contract(s, makers[0], customers[0], start, lo, hi, False)] if c]

    def _voice_used_by(self, s, lo, hi, start, end, text):
        """"Calvane's software is now used by Danone", "la solution de Calvane est utilisée par la SNCF"."""
        makers = [self._org_name(s, idx, set()) for idx, _, _ in self._placeholders(s, lo, start, "OA")]
        users = self._objects(s, end, min(hi, end + 6), re.compile(r"(?:)"), set(), window=0)[:1]
        if not makers or not makers[-1] or not users:
            return None
        return [c for c in [self._contract(s, makers[-1], users[0][0], start, lo, hi, False)] if c]

    def _voice_supplier_wins(self, s, lo, hi, start, end, text, serves=False):
        if (re.match(r"(?i)wins?|won|remporte|a remporté|décroche|a décroché", text)
                and not CONTRACT_WORDS.search(s.text) and not TENDER_PART.search(s.text)):
            return None
        subjects, _ = self._subjects(s, lo, start, set())
        if not subjects:
            return None
        supplier = subjects[0]
        if re.search(r"(?i)\b(?:by|par)$", text) or serves:
            # "has been picked by Ford Motor Co. to inspect ... its North American plants": the chooser;
            # "will provide Maersk with", "deploys its platform at Maersk": the customer right after the cue
            customers = self._objects(s, end, min(hi, end + 40), re.compile(r"(?:)"), {supplier}, window=0)
        else:
            customers = self._objects(s, end, hi, OBJECT_BEFORE, {supplier})
        if not customers and re.search(r"(?i)programme|program", text):
            customers = self._objects(s, end, hi, re.compile(r"(?:)"), {supplier}, window=0)
        if not customers and TENDER_PART.search(s.abs.text, end, hi):
            # "C'est Ambrelis qui a remporté le lot n° 2": the buyer of the tender told before
            buyer = self._earlier_buyer(s, supplier)
            customers = [(buyer, end, end)] if buyer else []
        return [c for name, _, _ in customers if (c := self._contract(s, supplier, name, start, lo, hi))]

    def _voice_signs(self, s, lo, hi, start, end, text):
        subjects, subject_at = self._subjects(s, lo, start, set())
        if (subjects and subject_at is not None and SIGNING_NOUN.match(text)
                and re.search(r"(?i)\b(?:par|by)\s*$", s.abs.text[max(lo, subject_at - 6):subject_at])):
            # "La série A, menée par Cathay, s'accompagne de la signature d'un contrat avec Safran": the agent of
            # an aside signs nothing; the company the passage is about does
            implicit = self._implicit_company(s, start)
            subjects = [implicit] if implicit and implicit != subjects[0] else []
        partners = self._objects(s, end, hi, re.compile(r"(?i)(?:avec|with|auprès (?:de|du|des)|from)\s*(?:(?:le |la |les |l['’]|the )?[^⟦,.;]{0,30})?$"),
                                 set(subjects))
        if not subjects:
            return None
        subject = subjects[0]
        subject_public = self._is_public(s, subject)
        if not partners and len(subjects) == 2:
            # "Harbordyne and Maersk have signed a five-year agreement": the second is the first one's partner
            partners = [(subjects[1], None, None)]
        if not partners:
            direct = self._objects(s, end, min(hi, end + 30), re.compile(r"(?:)"), set(subjects), window=0)[:1]
            if direct and DIRECT_OBJECT_GAP.match(s.abs.text[end:direct[0][1]]) and not \
                    s.abs.text.startswith(" up ", end):  # "Maersk signed up Harbordyne": the customer signs
                # "Harbordyne signed Maersk in March", "a signé la SNCF": the signer sells to the one signed (an
                # amount before the verb is another deal's: "raises $6 million seed and signs Aviva")
                return [c for c in [self._contract(s, subject, direct[0][0], start, start, hi, True)] if c]
        if not partners:
            # "under an agreement signed in June", "selon un accord signé en juin": a participle, whose
            # parties another cue of the sentence names
            if SIGNED_PARTICIPLE.search(s.abs.text[lo:start]):
                return None
            # "L'U.S. Army avait signé pour l'exploiter", "Kroger had signed a two-year agreement": the
            # signer buys from the company the article is about
            if not subject_public and (subject == self.focus or not CONTRACT_WORDS.search(s.text)):
                return None
            supplier = self.focus if self.focus != subject else None
            return [c for c in [self._contract(s, supplier, subject, start, lo, hi, False)] if c]
        out = []
        for name, name_at, name_end in partners:
            if self._partner_sells(s, subject, subject_at, name, name_at, name_end, subject_public):
                c = self._contract(s, name, subject, start, lo, hi, False)
            else:
                c = self._contract(s, subject, name, start, lo, hi, True)
            if c:
                out.append(c)
        return out

    def _partner_sells(self, s: SentenceView, subject: str, subject_at: int | None, partner: str, partner_at: int,
                       partner_end: int, subject_public: bool, usually: bool | None = None) -> bool:
        """Who sells in "A signed with B"? The grammar does not say; the parties' descriptions and the document do.

        A public body buys; a party described as a start-up, a vendor or a publisher sells ("Renault a signé
        avec la start-up Fabrilis"); a party the document already told as the customer of the other buys
        ("Calder has replaced Notalis with Auscura AI. Calder signed a five-year contract with Auscura");
        otherwise what the verb `usually` says (a renewal: the partner sells), else the company the document is
        about sells, else the subject does."""
        if subject_public and not self._is_public(s, partner):
            return True
        # "Trajectal, spécialiste lyonnais de l'IA, annonce la signature d'un contrat avec": the subject's apposition
        subject_name = PLACEHOLDER.match(s.abs.text, subject_at) if subject_at is not None else None
        subject_vendor = self._described_as_vendor(s, subject_at, subject_name.end() if subject_name else None)
        partner_vendor = self._described_as_vendor(s, partner_at, partner_end)
        if partner_vendor != subject_vendor:
            return partner_vendor
        told = self._told_roles(subject, partner)
        if told is not None:
            return told
        if self._told_as_customer(subject) and not self._told_as_customer(partner):
            return True  # "Ashgrove signed with Fenlark [...]. Ashgrove had signed with Guidewire": it buys again
        if usually is not None:
            return usually
        return partner == self.focus and subject != self.focus

    @staticmethod
    def _described_as_vendor(s: SentenceView, at: int | None, end: int | None) -> bool:
        """"la start-up parisienne ⟦O2⟧", "⟦O3⟧, une jeune pousse lilloise": the mention at `at` is a seller."""
        if at is None:
            return False
        text = s.abs.text
        return bool(VENDOR_BEFORE.search(text[max(0, at - 50):at])
                    or (end is not None and VENDOR_AFTER.match(text, end)))

    def _told_roles(self, subject: str, partner: str) -> bool | None:
        """Whether a deal told earlier in the document had `partner` sell to `subject` (True), the other way round
        (False), or neither. Short and long forms of a name are one party ("Calder", "Calder Health Group")."""
        def same(a: str | None, b: str) -> bool:
            return bool(a) and (a == b or a.startswith(b + " ") or b.startswith(a + " "))

        for c in reversed(self.candidates):
            if c.kind == "funding_round" or c.counterparty is None:
                continue
            if same(c.subject, partner) and same(c.counterparty, subject):
                return True
            if same(c.subject, subject) and same(c.counterparty, partner):
                return False
        return None

    def _told_as_customer(self, name: str) -> bool:
        """Whether a contract or a loss told earlier in the document had `name` as its customer."""
        return any(c.kind != "funding_round" and c.counterparty == name for c in self.candidates)

    def _is_public(self, s: SentenceView, name: str) -> bool:
        for sv in self.sentences:
            for m in sv.abs.mentions:
                if m.label == name and m.org_type == "public_body":
                    return True
        return bool(PUBLIC_WORDS.search(name))

    def _voice_customer_awards(self, s, lo, hi, start, end, text):
        text_before = s.abs.text[lo:start]
        subjects, _ = self._subjects(s, lo, start, set())
        if not subjects:
            return None
        headline = AWARDED_HEADLINE.match(s.abs.text, start)
        if headline:  # "Kestrel Robotics Awarded $12.5 Million U.S. Air Force Contract": the subject was awarded
            customer = s.abs.mentions[int(headline.group(1))].label
            if not customer:
                return None
            return [c for c in [self._contract(s, subjects[0], customer, start, lo, hi, True)] if c]
        rolled = re.match(r"(?i)roll", text)
        if rolled and not text.lower().endswith("out ") and not ROLLED_OUT.match(s.abs.text, end):
            return None  # "is rolling Tallowby out to": what is rolled out is the supplier's
        if PASSIVE_BEFORE.search(text_before) and not rolled:
            supplier = subjects[0]
            customers = [c[0] for c in self._objects(s, end, hi, BY_BEFORE, {supplier})]
            if not customers:
                buyer = self._contracting_activity(s)
                customers = [buyer] if buyer else []
            return [c for name in customers if (c := self._contract(s, supplier, name, start, lo, hi, True))]
        customer = subjects[0]
        if re.match(r"\s*(?:de ne (?:pas|plus)|d['’]arrêter|not to|to stop)\b", s.abs.text[end:end + 20]):
            return None  # "a choisi de ne pas renouveler": a choice to leave, told by its own cue
        if re.match(r"(?i)(?:fit|a fait|avait fait) de|made|makes", text):
            suppliers = self._objects(s, end, hi, re.compile(r"(?:)"), {customer}, window=0)[:1]
        else:
            direct = self._objects(s, end, min(hi, end + 30), re.compile(r"(?:)"), {customer}, window=0)[:1]
            suppliers = self._objects(s, end, hi, SUPPLIER_AFTER_AWARD, {customer})
            if direct and DIRECT_OBJECT_GAP.match(s.abs.text[end:direct[0][1]]):
                suppliers = direct  # "Carrefour a retenu Lumio", "Bell Canada chose Cohere"
            elif not suppliers:
                suppliers = direct
                if not suppliers and re.match(r"(?i)lui |leur ", text):
                    # "la Région lui a confié l'hébergement de sa plateforme": the supplier is the company told of
                    supplier = self._antecedent(s, self._sentence_offset(s, start), {customer})
                    suppliers = [(supplier, start, start)] if supplier else []
                if not CONTRACT_WORDS.search(s.text) and not re.match(r"(?i)attribu|confi|award|commande|order|notifi", text):
                    return None
        return [c for name, _, _ in suppliers if (c := self._contract(s, name, customer, start, lo, hi, False))]

    def _voice_customer_renews(self, s, lo, hi, start, end, text):
        """"La SNCF a renouvelé son contrat avec X", "Aviva extended its deal with X by two years": the customer signs
        again. Who renews is mostly the customer; the descriptions and the deals told before may say otherwise."""
        if (not CONTRACT_WORDS.search(s.abs.text, end, hi) and not re.match(r"\s*⟦O", s.abs.text[end:])
                and not re.match(r"\s*(?:sa|leur) confiance", s.abs.text[end:])):
            return None  # "extended its lead"; "Kiabi reconduit Stelvane" names its supplier, "renouvelle sa confiance à X"
        subjects, subject_at = self._subjects(s, lo, start, set())
        if not subjects:
            return None
        subject = subjects[0]
        partners = self._objects(s, end, hi, OBJECT_BEFORE, {subject})
        direct = self._objects(s, end, min(hi, end + 30), re.compile(r"(?:)"), {subject}, window=0)[:1]
        if direct and DIRECT_OBJECT_GAP.match(s.abs.text[end:direct[0][1]]):
            partners = direct  # "Kiabi reconduit Stelvane"
        if not partners:
            supplier = self.focus if self.focus != subject else None
            return [c for c in [self._contract(s, supplier, subject, start, lo, hi, False)] if c]
        name, name_at, name_end = partners[0]
        if self._partner_sells(s, subject, subject_at, name, name_at, name_end, self._is_public(s, subject), True):
            return [c for c in [self._contract(s, name, subject, start, lo, hi, False)] if c]
        return [c for c in [self._contract(s, subject, name, start, lo, hi, True)] if c]

    def _voice_customer_pays(self, s, lo, hi, start, end, text):
        """"Databricks agreed to pay Anthropic $100 million over five years": a purchase, not a stake."""
        if re.search(r"(?i)participation|stake|capital|equity", s.text):
            return None
        subjects, _ = self._subjects(s, lo, start, set())
        suppliers = self._objects(s, end, min(hi, end + 6), re.compile(r"(?:)"), set(subjects), window=0)[:1]
        if not subjects or not suppliers:
            return None
        return [c for c in [self._contract(s, suppliers[0][0], subjects[0], start, lo, hi, False)] if c]

    def _voice_awarded_to(self, s, lo, hi, start, end, text):
        """"Le lot 1 revient à la start-up Arvalys", "the contract was awarded to Kestrel": the contract is the
        subject, the supplier follows "à"/"to"; the buyer is "par X"/"by X", else the public body (or the company
        the document is about) that the text named before. "X a attribué à Y" is the customer's voice instead."""
        subjects, _ = self._subjects(s, lo, start, set())
        if subjects and not re.search(r"(?i)été|been|\b(?:est|sont|was|were|is|are)\s", text):
            return None
        if not CONTRACT_WORDS.search(s.abs.text[lo:start]) and not re.search(r"(?i)\blots?\b", s.abs.text[lo:start]):
            return None  # "the prize went to X"
        suppliers = self._objects(s, end, min(hi, end + 60), re.compile(r"(?:)"), set(subjects), window=0)[:1]
        if not suppliers or not DIRECT_OBJECT_GAP.match(s.abs.text[end:suppliers[0][1]]):
            return None
        supplier = suppliers[0][0]
        buyers = self._objects(s, suppliers[0][2], hi, BY_BEFORE, {supplier})
        buyer = buyers[0][0] if buyers else self._earlier_buyer(s, supplier)
        if buyer is None or (subjects and buyer != subjects[0] and not buyers):
            return None
        # "notifié le 2 octobre à Sténoval, une société lyonnaise spécialisée dans ..., et à Capgemini": each awardee
        others = [self._org_name(s, int(m.group(1)), {buyer}) for m in ALSO_AWARDED.finditer(s.abs.text, suppliers[0][2], hi)]
        return [c for name in [supplier, *others] if name and name != buyer
                and (c := self._contract(s, name, buyer, start, lo, hi, False))]

    def _voice_customer_chose_us(self, s, lo, hi, start, end, text):
        """"Moët Hennessy nous a signé l'an dernier", "Tesco signed us in March": the company that speaks sells."""
        customers, _ = self._subjects(s, lo, start, {self.focus} if self.focus else set())
        if not customers or not self.focus:
            return None
        return [c for c in [self._contract(s, self.focus, customers[0], start, lo, hi, False)] if c]

    def _voice_contract_from(self, s, lo, hi, start, end, text):
        """"The award follows a $6.5 million contract from the Air Force Research Laboratory": the customer follows,
        the supplier is the company the document is about (a noun phrase names no grammatical subject)."""
        customers = self._objects(s, end, min(hi, end + 4), re.compile(r"(?:)"), set(), window=0)[:1]
        if not customers:
            return None
        customer = customers[0][0]
        if any(c.kind == "contract" and c.counterparty == customer for c in self._found):
            return None  # "Corvid won a $6.2M contract from the U.S. Army": the verb told it, with its supplier
        supplier = self.focus
        if supplier is None or supplier == customer:
            subjects, _ = self._subjects(s, lo, start, {customer})
            supplier = subjects[0] if subjects else None
        return [c for c in [self._contract(s, supplier, customer, start, lo, hi, False)] if c]

    def _voice_lot_to(self, s, lo, hi, start, end, text):
        """A tender's lots listed with their winners: "— le lot n° 1 à la société Sirocca, pour un montant de ...";
        the buyer is the tender's, told before."""
        suppliers = self._objects(s, end, min(hi, end + 4), re.compile(r"(?:)"), set(), window=0)[:1]
        if not suppliers:
            return None
        supplier = suppliers[0][0]
        buyer = self._earlier_buyer(s, supplier)
        return [c for c in [self._contract(s, supplier, buyer, start, lo, hi, False)] if c]

    def _earlier_buyer(self, s: SentenceView, supplier: str) -> str | None:
        """The buyer of a tender told before: the owner of a tender in the paragraph ("l'accord-cadre de la Caisse
        des Dépôts"), else the last public body named in the sentences before, else the company the document is
        about."""
        earlier = [x for x in self.sentences if x.index <= s.index][-8:]
        for prev in reversed(earlier):
            if prev.paragraph != s.paragraph:
                break
            owner = TENDER_OF.search(prev.abs.text)
            if owner:
                name = prev.abs.mentions[int(owner.group(1))].label
                if name and name != supplier:
                    return name
        if self.focus and self.focus != supplier and self._is_public(s, self.focus):
            return self.focus  # a council's deliberation, a ministry's notice: the body that speaks buys
        for prev in reversed(earlier[:-1]):
            for m in reversed(prev.abs.mentions):
                if (m.mention_type == "organization" and m.label and m.label != supplier
                        and self._is_public(prev, m.label)):
                    return m.label
        return self.focus if self.focus != supplier else None

    def _contracting_activity(self, s: SentenceView) -> str | None:
        """Defence contract notices name the buyer in a closing sentence: "X is the contracting activity"."""
        for other in self.sentences:
            if other.paragraph != s.paragraph or other.index < s.index:
                continue
            m = CONTRACTING_ACTIVITY.search(other.abs.text)
            if m:
                return other.abs.mentions[int(m.group(1))].label
        return None

    def _voice_becomes_customer(self, s, lo, hi, start, end, text):
        """"Maersk is now a Harbordyne customer", "has become Harbordyne's largest customer", "est désormais
        cliente de Harbordyne": the supplier inside the cue, else after "de"/"of", else the company told of."""
        inside = self._placeholders(s, start, end, "OA")
        if not inside:
            return self._voice_customer_of(s, lo, hi, start, end, text)
        customers, _ = self._subjects(s, lo, start, set())
        supplier = self._org_name(s, inside[0][0], set(customers))
        if not customers or not supplier:
            return None
        return [c for c in [self._contract(s, supplier, customers[0], start, lo, hi, False)] if c]

    def _voice_customer_of(self, s, lo, hi, start, end, text):
        customers = [self._org_name(s, i, set()) for i, ps, _ in self._placeholders(s, lo, start, "O")]
        customers = [c for c in customers if c]
        if not customers:
            return None
        customer = customers[-1]
        suppliers = self._objects(s, end, min(hi, end + 40), re.compile(r"(?i)(?:de|d['’]|du|of)\s*$"), {customer}, window=8)
        supplier = suppliers[0][0] if suppliers else (self.focus if self.focus != customer else None)
        return [c for c in [self._contract(s, supplier, customer, start, lo, hi, False)] if c]

    def _voice_client_relation(self, s, lo, hi, start, end, text):
        suppliers = self._objects(s, end, min(hi, end + 12), re.compile(r"(?:)"), set(), window=0)[:1]
        if not suppliers:
            return None
        supplier = suppliers[0][0]
        customers, _ = self._subjects(s, lo, start, {supplier})
        return [c for name in customers if (c := self._contract(s, supplier, name, start, lo, hi, False))]

    def _voice_same_as_previous(self, s, lo, hi, start, end, text):
        subjects, _ = self._subjects(s, lo, start, set())
        previous = next((c for c in reversed(self.candidates) if 0 < s.index - c.sentence_index <= 2), None)
        if not subjects or previous is None:
            return None
        clone = Candidate(previous.kind, previous.subject, previous.counterparty, dict(previous.investors),
                          previous.round_type, None, None, None, None, previous.description)
        if previous.kind == "funding_round":
            clone.investors = {subjects[0]: False}
        elif previous.subject_is_grammatical_subject:
            clone.subject = subjects[0]
        else:
            clone.counterparty = subjects[0]
        clone.subject_is_grammatical_subject = previous.subject_is_grammatical_subject
        clone.date = self._date(s, start) or previous.date
        return [clone]
