"""The voices of customer losses: which customer left which supplier, and when its contract ends.

A mixin of `facts.DocumentFacts`, like `contract_voices.ContractVoices`.
"""

from __future__ import annotations

import dataclasses
import re

from pipelines.extract.abstract import Mention
from pipelines.extract.candidate import Candidate, SentenceView
from pipelines.extract.cues import OBJECT_BEFORE
from pipelines.extract.sentence_patterns import (
    AGREEMENT_WORDS, BETWEEN_PARTIES, CHURNED, COMING_END_BEFORE, CONTRACT_WORDS, COORDINATED_CLAUSE,
    DIRECT_OBJECT_GAP, IN_HOUSE, LEAVES_FOR, PRODUCT_OF, QUITS, REPLACED_WITH, REPLACE_CUE, SWITCH_TO, TOLD_THAT,
    TO_A_RIVAL, USAGE_WORDS,
)


class LossVoices:
    """`_voice_<voice>` for every customer-loss cue of `cues.CUES`."""

    def _voice_customer_leaves(self, s, lo, hi, start, end, text):
        textabs = s.abs.text
        if QUITS.search(text) and not LEAVES_FOR.search(textabs, end, hi):
            return None  # "Wang a quitté le MIT": people leave too; a customer leaves for another supplier
        supplier = None
        m = (re.search(r"(?i)(?:clients?|customers?)(?:\s+\w+){0,2}\s+(?:de|d['’]|du|of)\s*⟦([OA])(\d+)⟧", textabs[lo:hi])
             or re.search(r"(?i)⟦([OA])(\d+)⟧['’]s\s+(?:\w+\s+){0,3}(?:customers?|clients?)", textabs[lo:hi])
             or re.search(r"(?i)(?:use|usage|utilisation|deployment|déploiement|orders?|commandes?)\s+(?:of|de|d['’])\s*"
                          r"⟦([OA])(\d+)⟧(?:['’]s)?", textabs[end:hi])
             or PRODUCT_OF.match(textabs, end, hi))
        if m:
            supplier = self._org_name(s, int(m.group(2)), set())
        customers, _ = self._subjects(s, lo, start, {supplier} if supplier else set())
        if not customers:
            return None
        if supplier is None:
            # "Lufthansa dropped Cloudnova": the direct object first, else "avec X", "with X"; not past a second
            # clause ("n'a pas renouvelé le contrat, ..., et s'appuie sur les modèles de Mistral AI")
            second = COORDINATED_CLAUSE.search(textabs, end, hi)
            own = second.start() if second else hi
            objs = [o for o in self._objects(s, end, min(own, end + 30), re.compile(r"(?:)"), set(customers), window=0)
                    if DIRECT_OBJECT_GAP.match(s.abs.text[end:o[1]])][:1]
            if not objs:
                objs = self._objects(s, end, own, OBJECT_BEFORE, set(customers), window=40)
            supplier = objs[0][0] if objs else None
            told = (TOLD_THAT.search(textabs, lo, start)
                    if supplier is None and CONTRACT_WORDS.search(textabs, end, min(hi, end + 40)) else None)
            if told:
                # "Dorsalis a publié un communiqué indiquant que Bouygues Telecom ne renouvellerait pas le contrat",
                # "Bouygues Telecom a signifié à Dorsalis qu'il ne renouvellerait pas": the customer told the supplier,
                # or the supplier told of the customer; a pronoun after "que" is the teller
                before = [self._org_name(s, idx, set()) for idx, _, _ in self._placeholders(s, lo, told.start(), "OA")]
                before = [name for name in before if name]
                if told.group(1) and before:
                    customers = [before[0]]
                    before = before[1:]
                others = [name for name in before if name not in customers]
                supplier = others[-1] if others else None
            if supplier is None and (re.search(r"(?i)\b(?:sa|ses|leur|leurs|son|its|their|our|notre|nos)\b|"
                                               r"\b(?:le|the) (?:contrat|contract|marché|accord|agreement)\b",
                                               textabs[end:end + 40]) or TO_A_RIVAL.search(text) or IN_HOUSE.search(text)
                                     or CHURNED.match(text)):
                # "a mis fin à son contrat", "est parti chez un concurrent", "Waitrose churned in January": the
                # supplier of this customer in a deal just told, else the company the document is about
                recent = next((c.subject for c in reversed(self.candidates) if c.kind != "funding_round"
                               and c.counterparty in customers and 0 <= s.index - c.sentence_index <= 3), None)
                supplier = recent or (self.focus if self.focus not in customers else None)
        out = []
        replacement = self._replacement(s, end, hi, {supplier, *customers}, bool(REPLACE_CUE.match(text)))
        for customer in customers:
            if supplier and customer != supplier:
                cand = Candidate("customer_loss", supplier, customer)
                cand.amount = self._at_stake(s, lo, hi)
                cand.date = _coming_end(s, self._date(s, start))
                cand.description = s.text[:300]
                out.append(cand)
                if replacement:
                    # "switched from OpenAI to Anthropic": the customer now buys from the replacement
                    out.append(self._contract(s, replacement, customer, start, lo, hi, False))
        return [c for c in out if c]

    def _voice_contract_not_renewed(self, s, lo, hi, start, end, text):
        """"Le marché exécuté par Lumacité ne sera pas reconduit", "the contract with Notalis will not be renewed":
        the contract is the subject; its supplier is named by "par"/"by"/"avec"/"with" before the cue, its customer
        by "de"/"of" (else the buyer told before)."""
        textabs = s.abs.text
        if not AGREEMENT_WORDS.search(textabs, lo, start):
            return None  # "the partnership between Calvane and MIT was ended": no customer's contract
        supplier = customer = None
        named, executed = [], False
        for idx, ps, pe in self._placeholders(s, lo, start, "OA"):
            name = self._org_name(s, idx, set())
            if not name or name in [n for n, _, _ in named]:
                continue
            named.append((name, ps, pe))
            before = textabs[max(lo, ps - 30):ps]
            if re.search(r"(?i)\b(?:par|by)\s+(?:(?:la|le|l['’]|the)\s*)?(?:(?:société|entreprise|start-up|firm|company)\s+)?$",
                         before):
                supplier, executed = name, True  # "le marché exécuté par la société X"
            elif re.search(r"(?i)\b(?:avec|with|auprès de)\s+(?:(?:la|le|l['’]|the)\s*)?$", before):
                supplier = supplier or name
            elif re.search(r"(?i)(?:\bde|\bd['’]|\bdu|\bof)\s*(?:(?:la|le|l['’]|the)\s*)?$", before):
                customer = customer or name
        if len(named) == 2 and not executed and BETWEEN_PARTIES.search(textabs, lo, start):
            # "le contrat entre X et Y", "X's contract with Y": the descriptions and the document say who sells
            (first, first_at, first_end), (second, second_at, second_end) = named
            if self._partner_sells(s, first, first_at, second, second_at, second_end, self._is_public(s, first)):
                supplier, customer = second, first
            else:
                supplier, customer = first, second
        if supplier is None:
            return None
        if not customer:
            # "RTE travaillait avec Quadrille, dont le contrat n'a pas été reconduit": the clause's subject
            subjects, _ = self._subjects(s, lo, start, {supplier})
            customer = subjects[0] if subjects else None
        customer = customer if customer and customer != supplier else self._earlier_buyer(s, supplier)
        if not customer or customer == supplier:
            return None
        cand = Candidate("customer_loss", supplier, customer)
        cand.amount = self._at_stake(s, lo, hi)
        cand.date = _coming_end(s, self._date(s, start))
        cand.description = s.text[:300]
        return [cand]

    def _voice_customer_cuts(self, s, lo, hi, start, end, text):
        """"Aviva cut the number of its Notalis licences by half": a loss only when what is cut is the business
        with a supplier (its use, licences, seats, orders, contract), not "its workforce" or "its prices"."""
        if not USAGE_WORDS.search(s.abs.text, end, hi):
            return None
        return self._voice_customer_leaves(s, lo, hi, start, end, text)

    def _replacement(self, s: SentenceView, start: int, hi: int, exclude: set[str], replaced: bool) -> str | None:
        """The supplier a customer moves to: "switched from X to Y"; after "replaced X", also "with Y"."""
        m = SWITCH_TO.search(s.abs.text, start, hi) or (REPLACED_WITH.search(s.abs.text, start, hi) if replaced else None)
        if not m:
            return None
        name = self._org_name(s, int(m.group(1)), exclude)
        return name if name not in exclude else None

    def _voice_supplier_loses(self, s, lo, hi, start, end, text):
        subjects, at = self._subjects(s, lo, start, set())
        if not subjects:
            return None
        customers = self._objects(s, end, hi, re.compile(r"(?:)"), set(subjects), window=0)
        if not customers and re.search(r"(?i)\b(?:ce|cet|cette|this|that)\s+(?:\w+\s+)?(?:client|customer)", text):
            # "Plaidly, qui fournissait ... aux adhérents de France Assureurs, a perdu ce client": the one named before
            before = [(self._org_name(s, idx, set(subjects)), ps, pe) for idx, ps, pe in self._placeholders(s, lo, start)]
            customers = [b for b in before if b[0] and b[0] not in subjects][-1:]
        out = []
        for name, _, _ in customers[:1]:
            cand = Candidate("customer_loss", subjects[0], name)
            cand.amount = self._at_stake(s, lo, hi)
            cand.date = self._date(s, start)
            cand.description = s.text[:300]
            out.append(cand)
        return out


def _coming_end(s: SentenceView, date: Mention | None) -> Mention | None:
    """A contract that "expires in June" or "arrive à échéance le 30 juin" ends in the coming June: a month or day
    without a year was resolved to the latest one up to publication, right for what happened, a year early for
    what will."""
    if (date is None or date.qualifier != "relative_now" or date.date_precision not in ("month", "day")
            or not any(m is date for m in s.mentions)  # a date borrowed from a neighbour: its words are elsewhere
            or not COMING_END_BEFORE.search(s.text, max(0, date.start - 40), date.start)):
        return date
    try:
        value = date.date_value.replace(year=date.date_value.year + 1)
    except ValueError:  # 29 February
        return date
    return dataclasses.replace(date, date_value=value)
