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

Hypothetical, planned, denied, negated and interrogative statements give no
fact. A role that the sentence leaves implicit ("l'U.S. Army avait signé pour
l'exploiter") falls to the organisation the document is about; an anaphor
("la start-up") to the organisation it most recently named. Values a sentence
does not give (the date of "l'accord annoncé en juin 2025", the investors
listed after "Parmi eux") come from the neighbouring sentences.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from pipelines.extract.abstract import Abstracted, Mention, abstract
from pipelines.extract.cues import (
    COMPANY_BEFORE, COMPLEMENT_BEFORE, CUES, FIRM_AFTER_INVESTMENT, FIRM_BEFORE_INVESTMENT, Cue, DEAL_NOUN,
    HYPOTHETICAL, INVESTOR_BEFORE, LEAD_AFTER, LEAD_BEFORE, MANY_DEALS_BEFORE, NEGATION, OBJECT_BEFORE,
    PASSIVE_ADVERB_EN, PASSIVE_ADVERB_FR, PUBLIC_LISTING, REPORTED_AFTER, REPORTED_BEFORE, REVENUE_BEFORE, ROUND_LABEL,
    SOURCE_BEFORE, SUPPLIER_AFTER_AWARD, VALUATION_AFTER, VALUATION_BEFORE,
)
from pipelines.extract.organizations import INVESTOR_TAIL, SPEAKERS
from pipelines.extract.portable import loosened, maybe_flags
from pipelines.extract.tables import STRATEGIC, TableRound, table_rounds

PLACEHOLDER = re.compile(r"⟦([A-Z])(\d+)⟧")
# the words that make the date after them a company's founding date ("Fondée en 2021", "founded in 2019")
FOUNDING = re.compile(r"(?i)\b(?:fondée?s?|créée?s?|founded|established|incorporated)(?:\s+(?:en|in|le|on))?\s*$")
ORG_LIST_GAP = re.compile(r"^\s*(?:,|et|and|ou|or|&|\.\.\.|…)+\s*(?:(?:,|et|and|ou|or)\s*)?"
                          r"(?:(?:avec|with|à|to|de|du|des|from)\s+|d['’])?"
                          r"(?:(?:le|la|les|l['’]|the)\s*)?(?:[a-zà-ÿ\-]+\s+){0,3}$")
CONJUNCTION_GAP = re.compile(r"^\s*,?\s*(?:et|and|ou|or|&)\s*$")
SUBJECT_LIST_GAP = re.compile(r"^\s*(?:,|et|and|ou|or|&|\.\.\.|…|,\s*et|,\s*and)\s*$")
PUBLIC_WORDS = re.compile(r"(?i)\b(?:army|navy|air force|marines|ministère|ministry|department|gouvernement|government|"
                          r"agence|agency|commission|armée|armées|pentagon|pentagone|dod|nhs|ville|city|région|region|"
                          r"état|state|county|council|conseil|hôpital|hospital|university|université|métropole|metropole|"
                          r"département|commune|mairie|préfecture|collectivité|agglomération)\b")
CONTRACT_WORDS = re.compile(r"(?i)\b(?:contrats?|contracts?|marchés?|appels? d['’]offres|tenders?|deals?|orders?|commandes?|"
                            r"providers?|fournisseurs?|partenaires?|partners?|licen[cs]es?|contrat-cadre|"
                            r"programmes?|programs?|accords?|agreements?|partenariats?|partnerships?|licen[cs]es?|"
                            r"fournisseur|supplier|vendor|prestataire|déploiement|deployment)\b")
FUNDING_WORDS = re.compile(r"(?i)\b(?:fonds|funding|financement|financing|round|tour de table|levée|série|series|seed|"
                           r"amorçage|investissement|investment|capital|investisseurs?|investors?|valoris\w*|valuation)\b")
GENERIC_RAISE = re.compile(r"(?i)^(?:annonce|announce|annonced|announced|completed?|completes|closed?|closes|lands?|landed|"
                           r"obtient|a obtenu|s[ée]curise|a s[ée]curis[ée]|secure[sd]?|finalise|a finalis[ée]|boucle|a boucl[ée]|"
                           r"pick|pull|br(?:ings|ought)|t(?:akes|ook)|reel|haul|attract|draws|drew|add)")
INVESTOR_LIST_OPENING = re.compile(r"(?i)^\W*(?:parmi (?:eux|lesquels|ceux-ci)|among them|including|dont|"
                                   r"(?:les |the )?(?:autres? )?(?:investisseurs|investors|participants)\b)")
PASSIVE_BEFORE = re.compile(rf"(?i)\b(?:is|are|was|were|(?:has|have|had){PASSIVE_ADVERB_EN}? been|"
                            rf"(?:a|ont|avait){PASSIVE_ADVERB_FR}? été|sera|will be|s['’]est vue?|se sont vus?)\s*$")
BY_BEFORE = re.compile(r"(?i)(?:par|by)\s*(?:(?:le |la |les |l['’]|the )?[^⟦,.;]{0,20})?$")
# A sentence that speaks of "the deal" just told, and so may date it.
DEAL_REFERENCE = re.compile(r"(?i)\b(?:l['’]accord|l['’]opération|la transaction|le deal|ce deal|cet accord|cette opération|"
                            r"the deal|the agreement|the transaction|the round|the investment|l['’]investissement|"
                            r"cette levée|ce tour|the funding)\b"
                            # a newsletter item's closing line: "Annonce mercredi.", "Opération annoncée mardi."
                            r"|^\W*(?:annonce|opération annoncée|deal announced|round announced|announced)\b")
# "Medisynth, a Boston startup generating synthetic data, raised ...": the subject opens the clause (after a
# conjunction: "And Granite Peaks Health, a Colorado system, is moving off ...");
# "MARSEILLE, 22 octobre (...) -", a name followed by a date, is a dateline.
APPOSITION_SUBJECT = re.compile(r"(?i)\W*(?:(?:and|but|et|mais|or|ou)\s+)?(⟦[OA]\d+⟧)\.?\s*,(?!\s*⟦D)")
# "**Sylvestre IA** (Montpellier), qui ... lève": a name in parentheses after another is its place or ticker
IN_PARENTHESES_AFTER_NAME = re.compile(r"⟧[*_\s]*\(\s*$")
# The company a round belongs to follows its noun directly: "la série A de ⟦O⟧", "Acme's"
ALSO_AWARDED = re.compile(r"(?i)\b(?:et|and)\s+(?:à|au|to)\s+(?:(?:la|le|l['’]|the)\s*)?(?:(?:société|entreprise|firm)\s+)?"
                          r"⟦O(\d+)⟧")
LIST_ITEM = re.compile(r"\s*(?:[—–•*-]|\d+[.)])\s")
ROUND_TOLD_BY = re.compile(r"\s*⟦[OA](\d+)⟧\s+(?:announced|closed|raised|secured|completed|unveiled|"
                           r"a annoncée?|a bouclée?|a levée?|a finalisée?)\b", re.IGNORECASE)
ROUND_OWNER_GAP = re.compile(r"^\s*(?:de|d['’]|du|of|for)\s*(?:(?:la|le|l['’]|the)\s*)?$", re.IGNORECASE)
# "an agreement signed in June": "signed" right after the agreement is a participle, not a signer's verb
SIGNED_PARTICIPLE = re.compile(r"(?i)\b(?:agreement|contract|deal|accord|contrat|partenariat|partnership)\s*$")
LEADS_VERB = re.compile(r"(?i)(?:led|leads|co-led|co-leads)\b")
LEADS_THE_ROUND = re.compile(r"(?i)\b(?:mènen?t?|a mené|pilote|co-?mène|leads?|led|co-led|co-leads?)\s+"
                             r"(?:le tour|ce tour|l['’]opération|la levée|cette levée|the round|this round|the deal|"
                             r"the financing|the raise)|"
                             # "Northzone led, joined by Point Nine and HV Capital."
                             r"^\W*⟦O\d+⟧\s+(?:co-)?led\s*(?:,|\.|$|with|alongside|joined)")
# "The round was led by X and Y, with participation from Z": the names after it are the round's investors
ROUND_WAS_LED = re.compile(r"(?i)\b(?:the|this|that|le|ce|cette|la)\s+(?:round|tour|financing|levée|opération|"
                           r"partie|tranche|part|portion|extension|equity)\b[^⟦.]{0,40}?"
                           r"\b(?:was|has been|a été|est|était)\s+(?:co-)?(?:led|mené|menée|conduit|conduite|pilotée?)\s+(?:by|par)")
# "ce tour mené par General Catalyst", "the round, led by Accel": a later sentence that names the round just told
ROUND_REFERENCE = re.compile(r"(?i)\b(?:the|this|that|its|le|ce|cette|son|sa|la)\s+(?:round|tour|financing|funding|"
                             r"levée|opération|raise)\b")
# "Bpifrance and Kima Ventures also took part.", "Existing backers Coatue and Magnetar also participated.",
# "Partech a également participé au tour.": the names before the verb join the round just told, not the words
# that open the sentence (an opening "Existing" may have been read as a name); "took part in the tender" is no
# round
JOIN_THE_ROUND = re.compile(
    r"(?i)^[^\w⟦]*(?:\S+\s+){0,3}?((?:⟦O\d+⟧(?:\s*,\s*|\s+(?:and|et)\s+))*⟦O\d+⟧)\s+"
    r"(?:(?:also|too|have also|had also|each)\s+)?"
    r"(?:took part|participated|joined|chipped in|(?:ont|a|avaient|avait)\s+(?:également|aussi)\s+participé|"
    r"participent\s+(?:également|aussi)|participe\s+(?:également|aussi))"
    r"(?:\s+(?:in|to)\s+(?:the|this)\s+(?:round|financing|raise)|\s+(?:à|au)\s+(?:ce |le )?(?:tour(?: de table)?|"
    r"financement)|\s+(?:à|a)\s+(?:cette|la)\s+(?:levée|opération)|\s+the round)?\s*(?:[.;!]|$)")
JOINS_THE_CAPITAL = re.compile(r"(?i)fai(?:t|sait|t entrer) entrer\s*(?:(?:le|la|l['’])\s*)?⟦O(\d+)⟧\s*(?:à|au|dans)\s*(?:son )?capital")
# "retenu la PME brestoise X", "chose the Boston startup X": a determiner and up to two descriptive words,
# lowercase or an acronym (PME, ETI, SME)
DIRECT_OBJECT_GAP = re.compile(r"^\s*(?:(?:la|le|les|l['’]|the|its|son|sa)\s*)?(?:(?:[a-zà-ÿ\-]+|[A-Z]{2,5})\s+){0,2}$")
# A headline's passive without its auxiliary: "X Awarded $12.5 Million U.S. Air Force Contract" (capitalised, with the
# buyer's name before "Contract"); "X awarded a contract to Y" is active
AWARDED_HEADLINE = re.compile(r"Awarded\s+⟦M\d+⟧\s+⟦O(\d+)⟧\s+Contract\b")
CONTRACTING_ACTIVITY = re.compile(r"(?i)^\W*⟦O(\d+)⟧.{0,120}?\bis the contracting (?:activity|agency)")
SWITCH_TO = re.compile(r"(?i)\b(?:to|onto|vers|au profit (?:de|d['’]|du)|in favou?r of|pour|par)\b\s*"
                       # "au profit d'un concurrent, la start-up Alloria", "to a rival, Alloria"
                       r"(?:(?:un|a|its|son|leur|their)\s+(?:concurrent|rival|competitor)\s*,\s*)?(?:(?:le|la|l['’]|the)\s*)?"
                       r"(?:[^⟦,.;]{0,40}?\s)?⟦O(\d+)⟧")
# "Lear replaced Gantry Vision with Inspekta", "a remplacé l'outil de Lingwa par celui de DeepL"
REPLACED_WITH = re.compile(r"(?i)\b(?:with|by|par)\b\s*(?:(?:le|la|l['’]|the|celui de|celle de|ceux de|that of|those of)\s*)?"
                           r"(?:[^⟦,.;]{0,30}?\s)?⟦O(\d+)⟧")
REPLACE_CUE = re.compile(r"(?i)remplac|replac")
INVESTOR_NAME = re.compile(rf"\b{INVESTOR_TAIL}$")
# what tells the business a lost customer brought: "représentait 1,4 M€ de chiffre d'affaires", "worth $2M a year"
AT_STAKE = re.compile(r"(?i)\b(?:représent\w*|pesai?t|pèse|rapportai?t|manque à gagner|chiffre d['’]affaires|"
                      r"worth|valued|accounted for|accounts for|generated|brought in|revenue|sales)\b")
# what a customer leaves may be a supplier's product: "a cessé d'utiliser l'assistant de ⟦O2⟧", "dropped the
# platform of ⟦O1⟧"
PRODUCT_OF = re.compile(r"(?i)\s*(?:d['’]utiliser\s+|using\s+|to use\s+)?"
                        r"(?:l['’]|le |la |les |the |its |son |sa |ses |leurs? )?"
                        r"(?:[\w\-]+\s+){0,2}?(?:assistants?|outils?|logiciels?|plateformes?|services?|solutions?|"
                        r"modèles?|chatbots?|agents?|tools?|platforms?|software|products?|models?|apps?|applications?|"
                        r"API)\s+"
                        r"(?:de|d['’]|du|of)\s*⟦([OA])(\d+)⟧")
# an investor raising a fund of its own, not a company raising a round
NEW_FUND = re.compile(r"(?i)\s*(?:(?:un|une|a|an|son|sa|its|their|leur)\s+)?(?:(?:nouveau|new|premier|first|second|"
                      r"deuxième|troisième|third|flagship)\s+)?(?:[\w\-]+\s+)?(?:fonds|fund)\b|"
                      r"\s*(?:(?:un|a|an|its|son)\s+)?⟦M\d+⟧\s+(?:(?!from|de|du|des|auprès|with|avec)[\w\-]+\s+)?"
                      r"(?:fund|fonds)\b")
# a part of a tender, and a tender with its owner: "le lot n° 2", "l'accord-cadre de la ⟦O3⟧"
TENDER_PART = re.compile(r"(?i)\b(?:lots?|march[ée]s?|appels? d['’]offres|tenders?|accord-cadre)\b")
TENDER_OF = re.compile(r"(?i)\b(?:appels? d['’]offres|accord-cadre|marchés?|tenders?|consultation)\s+"
                       r"(?:[\w\-]+\s+){0,3}?(?:de|d['’]|du|des|of|by)\s*(?:la |le |l['’]|the )?⟦O(\d+)⟧")
# what a customer cuts back when it cuts its business with a supplier
USAGE_WORDS = re.compile(r"(?i)\b(?:use|usage|utilisation|licen[cs]es?|seats?|sièges?|orders?|commandes?|spending|"
                         r"dépenses?|contrats?|contracts?|subscriptions?|abonnements?|deployment|déploiement|"
                         r"workloads?|business|volumes?)\b")
# a party described as a seller: "avec la start-up parisienne ⟦O2⟧", "the AI vendor ⟦O1⟧", "⟦O3⟧, une jeune
# pousse"
_VENDOR_NOUN = (r"(?:start-?ups?|startups?|jeunes? pousses?|scale-?ups?|pépites?|éditeurs?|fournisseurs?|"
                r"prestataires?|spécialistes?|intégrateurs?|vendors?|suppliers?|providers?|specialists?|developers?|"
                r"software maker)")
VENDOR_BEFORE = re.compile(rf"(?i)\b{_VENDOR_NOUN}\b[^⟦,;.]{{0,30}}$")
VENDOR_AFTER = re.compile(rf"(?i)\s*,\s*(?:une?|a|an|the|la|le|l['’])\s*(?:[\w\-]+\s+){{0,2}}{_VENDOR_NOUN}\b")
# a deal's parties are not looked for past these; "selon"/"according to" opens the statement's source; "puis",
# "then" before a round open the next round of a list ("a $3 million seed round from Y Combinator, then a $22
# million Series A led by Sequoia")
# a colon that goes on with the deal it announced ("we signed our largest contract: a two-year agreement with
# X") does not break the clause
CLAUSE_BREAK = re.compile(r";|:(?!\s*(?:an?|une?)\s+(?:[^⟦.;]|⟦M\d+⟧){0,40}?(?:agreement|contract|deal|accord|contrat|"
                          r"partnership|partenariat)\b)|\b(?:mais|but|alors que|whereas|while|selon|according to|d['’]après)\b|"
                          r"\b(?:puis|then|followed by|suivie? d['’]une?|and)\s+(?=(?:an?|une?|its|sa|son)\s+"
                          r"(?:⟦M\d+⟧\s+)?(?:[\w\-]+\s+){0,3}?"
                          r"(?:round|s[ée]ries?|seed|tour|levée|amorçage|financing)\b)",
                          re.IGNORECASE)
# "un marché de 4 millions d'euros" is a public contract's value, not a market's size
PUBLIC_CONTRACT_VALUE = re.compile(r"(?i)\b(?:un|ce|le|du|au)\s+marché\s*(?:public\s+)?(?:,\s*)?"
                                   r"(?:de|d['’]un montant de|d['’]une valeur de)\s*$")
# "a quitté X" is a customer's leaving only for another supplier: people quit too ("Wang a quitté le MIT")
QUITS = re.compile(r"(?i)quitt")
LEAVES_FOR = re.compile(r"(?i)\bau profit d|\bpour (?:un concurrent|⟦O)|\bchez (?:un concurrent|⟦O)")
# what a company raised over its life, not in one round
CUMULATIVE_AFTER = re.compile(r"(?i)\s*(?:\w+\s+){0,3}?(?:to date|so far|in total|in all|since (?:its |it was )?"
                              r"(?:founding|inception|launch|founded|creation|\d{4})|au total|en tout|à ce jour|"
                              r"depuis (?:sa création|son lancement|\d{4}))")
CUMULATIVE_BEFORE = re.compile(r"(?i)(?:au total|en tout|a total of|in total|cumul\w*)\s+(?:de\s+)?$")
# a customer that leaves for a rival of the company told of, or does the work itself
TO_A_RIVAL = re.compile(r"(?i)chez$|rival$|competitor$")
IN_HOUSE = re.compile(r"(?i)in-house$|internalis")
CHURNED = re.compile(r"(?i)churn")
# what makes a use an adoption, a deal of its own: "now uses", "utilise désormais", "has deployed", "s'équipe de"
ADOPTION = re.compile(r"(?i)\b(?:now|désormais|adopt\w*|a adopté|deploy\w*|déploi\w*|déployé|équip\w*)")
AGREEMENT_WORDS = re.compile(r"(?i)\b(?:contrats?|contracts?|agreements?|accords?|deals?|marchés?|licen[cs]es?|"
                             r"subscriptions?|abonnements?|conventions?)\b")
# a contract told by both its parties, neither's role said: "X's contract with Y", "le contrat entre X et Y"
BETWEEN_PARTIES = re.compile(r"(?i)⟦O\d+⟧['’]s\s+(?:[\w\-]+\s+){0,2}(?:contract|agreement|deal)\s+with\b|"
                             r"\b(?:entre|between)\s+(?:(?:la|le|l['’]|the)\s*)?⟦|"
                             r"\b(?:contrat|accord|marché)\s+(?:de|du|d['’])\s*(?:(?:la|le|l['’])\s*)?⟦O\d+⟧\s+avec\b")
# "landed Unilever as a customer", "won Tesco's business": a customer gained
CUSTOMER_AS = re.compile(r"(?i)⟦O\d+⟧(?:['’]s (?:business|account|contract)\b| as (?:a |an |its |their )?(?:new |first |"
                         r"largest |biggest |anchor |key )?(?:customer|client)\b)")
# "uses Calvane's software", "uses Calvane's AI platform": a product told as its maker's
PRODUCT_OF_MAKER = re.compile(r"(?i)⟦O\d+⟧['’]s (?:[\w\-]+ ){0,2}?(?:platform|software|solution|tool|technology|system|"
                              r"assistant|app|models?|cloud|services?|agents?|robots?|copilots?|chatbots?)\b")
SIGNING_NOUN = re.compile(r"(?i)(?:la )?signature|(?:the )?signing")
# a statement told in a clause of its own: "indiquant que X ne renouvellerait pas", "notified X that it was
# terminating", "announced that it had signed"; group 1: a pronoun stands for the subject of the main clause
TOLD_THAT = re.compile(r"(?i)\b(?:que|qu['’]|that)\s*(?:(il|elle|it|they|ils|elles)\s+|⟦[OA]\d+⟧\s+)?"
                       r"(?:[^\s⟦]+\s+){0,3}$")
ROLLED_OUT = re.compile(r"⟦O\d+⟧(?:['’]s\s+(?:[\w\-]+\s+){0,3}?)?\s*out\b")
# what a deal is worth, not what a company is valued at
DEAL_WORTH_BEFORE = re.compile(r"(?i)\b(?:worth|valued at|d['’]une valeur de|d['’]un montant de|valant)\s+"
                               r"(?:(?:about|around|some|roughly|nearly|up to|environ|près de|plus de|jusqu['’]à)\s+)?$")
# anaphors that name firms which buy as often as they sell: a deal's customer may be what they stand for
BUYER_ANAPHOR = re.compile(r"(?i)\b(?:group|groupe|giant|géant|chain|chaîne|brewer|brasseur|telco|utility|bank|banque|"
                           r"insurer|assureur|retailer|airline|carrier|automaker|carmaker|mutuelle|enseigne|"
                           r"distributeur|opérateur|operator|conglomerate|armateur|logisticien|industriel|constructeur)s?$")
# anaphors that name a public body or a hospital: they stand for the public body told last
PUBLIC_ANAPHOR = re.compile(r"(?i)\b(?:institution|hôpital|hospital|établissement|collectivité)s?$")
# a contract's end still to come: "which expires in June", "qui arrive à échéance le 30 juin"
COMING_END_BEFORE = re.compile(r"(?i)\b(?:expires|will expire|runs out|will run out|ends|will end|"
                               r"arrive à échéance|arrivera à échéance|prend fin|prendra fin|s['’]achève|"
                               r"s['’]achèvera|expire|expirera)\b[^.;]{0,20}$")
# the main verb resumes after an aside: what the aside says (a hypothetical) is not said of the deal
RESUMED_AFTER_ASIDE = re.compile(r",\s*(?:(?:has|have|had|a|ont|avait|vient de|just)\s+)?$")


@dataclass
class Candidate:
    kind: str
    subject: str
    counterparty: str | None = None
    investors: dict[str, bool] = field(default_factory=dict)  # name -> is lead
    round_type: str | None = None
    amount: Mention | None = None
    stake_pct: float | None = None
    valuation: Mention | None = None
    date: Mention | None = None
    description: str | None = None
    sentence_index: int = 0
    subject_is_grammatical_subject: bool = True
    clause_start: int = 0  # where the clause of its cue starts in the abstracted sentence

    def join(self, names) -> None:
        """More investors of this round, told after it: not leads unless already told as leads, and never the
        company itself."""
        for name in names:
            if name and name != self.subject:
                self.investors.setdefault(name, False)


@dataclass
class SentenceView:
    index: int
    paragraph: int
    start: int
    text: str
    mentions: list[Mention]
    has_cue: bool = True  # False: the cheap first pass found no cue word, so no cue pattern is tried
    abs: Abstracted = None  # type: ignore[assignment]
    cues: tuple[Cue, ...] = None  # type: ignore[assignment]  # the cues to try; see `narrow_cues`

    def __post_init__(self) -> None:
        self.abs = abstract(self.text, self.mentions)
        if self.cues is None:
            self.cues = CUES if self.has_cue else ()


@functools.cache
def _cue_filters() -> tuple[str, ...]:
    return tuple(loosened(cue.pattern) for cue in CUES)


def narrow_cues(sentences: list[SentenceView]) -> None:
    """Keep, for each sentence of a batch, only the cues that can match it, found with Polars at once.

    A sentence with a cue word matches one or two of the fourteen cue patterns; trying all fourteen
    with Python's `re` was most of the time spent on facts.
    """
    cued = [s for s in sentences if s.cues is CUES]
    if not cued:
        return
    flags = maybe_flags([s.abs.text for s in cued], list(_cue_filters()))
    for s, row in zip(cued, flags):
        s.cues = tuple(cue for cue, may in zip(CUES, row) if may)


class DocumentFacts:
    """Runs the cues over the sentences of one document and keeps the candidates it finds."""

    def __init__(self, sentences: list[SentenceView]):
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
        # a name in capitals longer than an acronym is a publication's or a show's ("LA MATINALE ÉCO"); a name of
        # the headline that the text never names again is not what it is about
        score = {k: counts[k] + (4 if k in opening and counts[k] > 1 else 0) + (2 if k == first else 0)
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
            return self._antecedent(s, m.start, exclude, buyers_too=bool(BUYER_ANAPHOR.search(m.text)))
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
                    buyers_too: bool = False) -> str | None:
        """The organisation an anaphor at sentence offset `before` stands for: the last one named before it
        that can be a company (investors and public bodies are not "la start-up"). `buyers_too`: the anaphor
        names a kind of firm that buys ("the hospital group", "la banque"), which may be a deal's customer."""
        def usable(m: Mention) -> bool:
            return (m.mention_type == "organization" and bool(m.label) and m.label not in exclude
                    and m.org_type not in ("investor", "public_body") and not PUBLIC_WORDS.search(m.label))

        for (ps, _), m in reversed(list(zip(s.abs.positions, s.abs.mentions))):
            if m.start < before and usable(m) and (complements or not COMPLEMENT_BEFORE.search(s.abs.text[max(0, ps - 12):ps])):
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
            for m in ordered:
                if usable(m) and m.label not in others and not _quoted(prev.text, m.start):
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
                    or SOURCE_BEFORE.search(text[max(0, start - 20):start])):
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
        cand.round_type = self._round(s) or ("strategic" if cand.stake_pct else None)
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
        for idx, ps, pe in self._placeholders(s, start, hi, "OA"):
            before = text[max(start, ps - 45):ps]
            name = self._org_name(s, idx, exclude)
            if not name or name in exclude:
                continue
            in_list = investors and ORG_LIST_GAP.match(text[self._last_end:ps]) if investors else False
            if INVESTOR_BEFORE.search(before) or in_list:
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
        if amount is None or NEW_FUND.match(s.abs.text, end, hi):
            return None  # no money, or an investor's own new fund ("a levé un nouveau fonds de 150 M€")
        investors, lead = self._investors_after(s, end, hi, {company})
        if GENERIC_RAISE.match(text) and not FUNDING_WORDS.search(s.text) and (
                not investors or CONTRACT_WORDS.search(s.text)):
            return None  # "obtient 12 M€" is a round when investors give it ("auprès d'Eurazeo"), not an order
        return [c for c in [self._funding(s, company, investors, lead, start, amount, valuation)] if c]

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
        after = self._objects(s, end, min(hi, end + 40), ROUND_OWNER_GAP, set(), window=40)
        after = [a for a in after if ROUND_OWNER_GAP.search(s.abs.text[end:a[1]])]
        told_by = ROUND_TOLD_BY.match(s.abs.text, end, hi)
        if after:
            company = after[0][0]
        elif told_by and (owner := self._org_name(s, int(told_by.group(1)), set())):
            company = owner  # "the $30 million Series A Ionwell announced in December": the round its company told
        else:
            subjects, _ = self._subjects(s, lo, start, set())
            # "..., then a $22 million Series A led by Sequoia": the company of the round this sentence told first
            earlier = next((c.subject for c in reversed(self._found) if c.kind == "funding_round"), None)
            company = subjects[0] if subjects else earlier or self._implicit_company(s, start)
        if not company:
            return None
        amount, valuation = self._money(s, lo, hi)
        investors, lead = self._investors_after(s, lo, hi, {company})
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

    # ------------------------------------------------------------- contracts
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
        makers = self._objects(s, end, min(hi, end + 6), re.compile(r"(?:)"), set(customers), window=0)[:1]
        if not customers or not makers:
            return None
        if customers[0] == self.focus and not ADOPTION.search(s.abs.text, max(lo, start - 12), end):
            return None  # "Calvane utilise la technologie de Nvidia": the company told of and its stack, no deal
        return [c for c in [self._contract(s, makers[0][0], customers[0], start, lo, hi, False)] if c]

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
        subject_vendor = self._described_as_vendor(s, subject_at, None)
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

    # ------------------------------------------------------------- customer losses
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
            # "Lufthansa dropped Cloudnova": the direct object first, else "avec X", "with X"
            objs = [o for o in self._objects(s, end, min(hi, end + 30), re.compile(r"(?:)"), set(customers), window=0)
                    if DIRECT_OBJECT_GAP.match(s.abs.text[end:o[1]])][:1]
            if not objs:
                objs = self._objects(s, end, hi, OBJECT_BEFORE, set(customers), window=40)
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
            if supplier is None and (re.search(r"(?i)\b(?:sa|ses|leur|leurs|son|its|their|our|notre|nos)\b",
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
        if at is not None and re.match(r"⟦[OA]\d+⟧\s*(?:et|and)\s*$", s.abs.text[at:start]):
            # "Opsara rachète Clinéo et perd le CHU de Rennes": Clinéo is bought; the one who loses is the subject
            # of the verbs that the conjunction joins, the clause's first name
            first = self._placeholders(s, lo, at, "OA")
            if first and re.search(r"[a-zà-ÿ]\s+$", s.abs.text[lo:at]):
                name = self._org_name(s, first[0][0], set())
                subjects = [name] if name else subjects
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

    # ------------------------------------------------------------- follow-ups
    def _attach_orphans(self, s: SentenceView, found: list[Candidate]) -> None:
        """A sentence with no deal of its own may complete the one just told: investors, stake, valuation."""
        if any(c.kind == "funding_round" for c in found):
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
        lead_turn = LEADS_THE_ROUND.search(s.abs.text)
        if lead_turn:
            # "Eurazeo mène le tour, avec Kima Ventures et Motier Ventures."
            for idx, ps, _ in self._placeholders(s, 0, len(s.abs.text), "O"):
                name = s.abs.mentions[idx].label
                if name and name != latest.subject:
                    latest.investors[name] = latest.investors.get(name, False) or ps < lead_turn.end()
            return
        joined = JOIN_THE_ROUND.search(s.abs.text)
        if joined:
            names = self._placeholders(s, joined.start(1), joined.end(1), "O")
            latest.join(s.abs.mentions[idx].label for idx, _, _ in names)
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
