"""Patterns that read the abstracted sentence around a cue: the gaps between parties, the words that make a name a
complement, a vendor's description, what a deal is worth, when a contract ends, who a statement was told by.

The cue patterns themselves (which words announce a deal, and which make it hypothetical) are in `cues.py`; the
voices that read these patterns are in `facts.py` (funding, the main loop), `contract_voices.py` and
`loss_voices.py`.
"""

from __future__ import annotations

import re

from pipelines.extract.cues import PASSIVE_ADVERB_EN, PASSIVE_ADVERB_FR
from pipelines.extract.organizations import INVESTOR_TAIL

PLACEHOLDER = re.compile(r"⟦([A-Z])(\d+)⟧")
# the words that make the date after them a company's founding date ("Fondée en 2021", "founded in 2019")
FOUNDING = re.compile(r"(?i)\b(?:fondée?s?|créée?s?|founded|established|incorporated)(?:\s+(?:en|in|le|on))?\s*$")
ORG_LIST_GAP = re.compile(r"^"
                          # "Keolis Lyon, exploitant du réseau TCL", "X, filiale de Y": an apposition without an
                          # article tells what X is, and whose; the name in it is no second party
                          r"(?!\s*,\s*(?!(?:ainsi|as|mais|but|notamment|including|dont|puis|then|enfin|et|and)\b)"
                          r"(?:[a-zà-ÿ\-]+\s+){1,2}(?:of|de|du|des|d['’])\s*(?:[a-zà-ÿ\-]+\s+)?$)"
                          r"\s*(?:,|et|and|ou|or|&|\.\.\.|…)+\s*(?:(?:,|et|and|ou|or)\s*)?"
                          r"(?:(?:avec|with|à|to|de|du|des|from)\s+|d['’])?"
                          # "X, the technology arm of the Lidl group": an apposition names X's parent, no
                          # second party
                          r"(?!(?:le|la|les|l['’]|the)\s*(?:[a-zà-ÿ\-]+\s+){1,2}(?:of|de|du|des)\s*$)"
                          r"(?:(?:le|la|les|l['’]|the)\s*)?"
                          r"(?:[a-zà-ÿ\-]+\s+){0,3}$")
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
# conjunction: "And Granite Peaks Health, a Colorado system, is moving off ..."; after a date: "Last month
# HELORA, the hospital network in the Mons area, signed ...");
# "MARSEILLE, 22 octobre (...) -", a name followed by a date, is a dateline.
APPOSITION_SUBJECT = re.compile(r"(?i)\W*(?:⟦D\d+⟧\s*,?\s*)?(?:(?:and|but|et|mais|or|ou)\s+)?(⟦[OA]\d+⟧)\.?\s*,(?!\s*⟦D)")
# "**Sylvestre IA** (Montpellier), qui ... lève": a name in parentheses after another is its place or ticker
IN_PARENTHESES_AFTER_NAME = re.compile(r"⟧[*_\s]*\(\s*$")
# The company a round belongs to follows its noun directly: "la série A de ⟦O⟧", "Acme's"
ALSO_AWARDED = re.compile(r"(?i)\b(?:et|and)\s+(?:à|au|to)\s+(?:(?:la|le|l['’]|the)\s*)?(?:(?:société|entreprise|firm)\s+)?"
                          r"⟦O(\d+)⟧")
LIST_ITEM = re.compile(r"\s*(?:[—–•*-]|\d+[.)])\s")
ROUND_TOLD_BY = re.compile(r"\s*⟦[OA](\d+)⟧\s+(?:announced|closed|raised|secured|completed|unveiled|"
                           r"a annoncée?|a bouclée?|a levée?|a finalisée?)\b", re.IGNORECASE)
# a person's role at a firm: "a partner at Harrowby Ventures", "cofondatrice de Kestrel", "CEO of Lumora"
ROLE_AT_FIRM = re.compile(r"(?i)\b(?:partner|associée?|ceo|pdg|cto|cfo|coo|founder|co-?founder|fondat(?:eur|rice)|"
                          r"cofondat(?:eur|rice)|co-fondat(?:eur|rice)|directeur|directrice|président(?:e)?|"
                          r"chief [a-z]+ officer|head of [a-z ]+?)\s+(?:at|of|de|d['’]|du|chez)\s+(?:the\s+)?⟦O(\d+)⟧")
# people who invest on their own account
ANGELS = re.compile(r"(?i)\b(?:business angels?|angels?|investisseurs? individuels?|individual investors?|"
                    r"particuliers|family offices?)\b")
# the subject leads the round named right after: "Balderton led the Series A", "Eurazeo mène la série A"
ROUND_LED_BY_SUBJECT = re.compile(r"(?i)⟦[OA]\d+⟧\s+(?:co-?)?(?:led|leads|m[eè]ne|m[eè]nent|a mené|menait)\s+"
                                  r"(?:the|a|an|its|la|le|une|un|sa|son)\s*(?:⟦M\d+⟧\s*)?$")
ROUND_OWNER_GAP = re.compile(r"^\s*(?:de|d['’]|du|of|for)\s*(?:(?:la|le|l['’]|the)\s*)?$", re.IGNORECASE)
# "an agreement signed in June": "signed" right after the agreement is a participle, not a signer's verb
SIGNED_PARTICIPLE = re.compile(r"(?i)\b(?:agreement|contract|deal|accord|contrat|partenariat|partnership)\s*$")
LEADS_VERB = re.compile(r"(?i)(?:led|leads|co-led|co-leads|m[eè]n(?:e|ent|ait|aient)|(?:a|avait) mené|"
                        r"(?:prend|prennent|(?:a|ont|avait) pris) la tête)\b")
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
# "Bpifrance, le fonds régional Alpes Capital Amorçage et une dizaine d'entrepreneurs ont mis la main à la poche":
# the names told before the verb put money in the round just told
CHIPPED_IN = re.compile(r"(?i)\b(?:ont|avaient)\s+(?:également\s+|aussi\s+)?(?:mis la main à la poche|mis au pot|"
                        r"participé|souscrit)\b|"
                        r"\b(?:have|had)?\s*(?:also\s+)?(?:chipped in|put (?:up|in) (?:the )?money)\b")
JOINS_THE_CAPITAL = re.compile(r"(?i)fai(?:t|sait|t entrer) entrer\s*(?:(?:le|la|l['’])\s*)?⟦O(\d+)⟧\s*(?:à|au|dans)\s*(?:son )?capital")
# "retenu la PME brestoise X", "chose the Boston startup X": a determiner and up to two descriptive words,
# lowercase or an acronym (PME, ETI, SME)
DIRECT_OBJECT_GAP = re.compile(r"^\s*(?:(?:la|le|les|l['’]|the|its|son|sa)\s*)?(?:(?:[a-zà-ÿ\-]+|[A-Z]{2,5})\s+){0,2}$")
# A headline's passive without its auxiliary: "X Awarded $12.5 Million U.S. Air Force Contract" (capitalised, with the
# buyer's name before "Contract"); "X awarded a contract to Y" is active
AWARDED_HEADLINE = re.compile(r"Awarded\s+⟦M\d+⟧\s+⟦O(\d+)⟧\s+Contract\b")
CONTRACTING_ACTIVITY = re.compile(r"(?i)^\W*⟦O(\d+)⟧.{0,120}?\bis the contracting (?:activity|agency)")
# "s'appuie depuis le 1er juin sur les modèles de Mistral AI", "now relies on": what the customer uses instead
SWITCH_TO = re.compile(r"(?i)\b(?:to|onto|vers|au profit (?:de|d['’]|du)|in favou?r of|pour|par|"
                       r"s['’]appuie(?:nt)?\b[^.;⟦]{0,20}(?:⟦D\d+⟧)?[^.;⟦]{0,10}?\bsur|reli(?:es|ed) on)\b\s*"
                       # "au profit d'un concurrent, la start-up Alloria", "to a rival, Alloria"
                       r"(?:(?:un|a|its|son|leur|their)\s+(?:concurrent|rival|competitor)\s*,\s*)?(?:(?:le|la|l['’]|the)\s*)?"
                       r"(?:[^⟦,.;]{0,40}?[\s'’])?⟦O(\d+)⟧")
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
# "⟦O1⟧, une jeune pousse lilloise", "⟦O1⟧, spécialiste lyonnais de l'IA" (an apposition without an article)
VENDOR_AFTER = re.compile(rf"(?i)\s*,\s*(?:(?:une?|a|an|the|la|le|l['’])\s*(?:[\w\-]+\s+){{0,2}})?{_VENDOR_NOUN}\b")
# a deal's parties are not looked for past these; "selon"/"according to" opens the statement's source; "puis",
# "then" before a round open the next round of a list ("a $3 million seed round from Y Combinator, then a $22
# million Series A led by Sequoia")
# a colon that goes on with the deal it announced ("we signed our largest contract: a two-year agreement with
# X") does not break the clause
# (a colon before an amount gives the amount of what it ends: "son premier tour de table en amorçage : 1,2 million")
CLAUSE_BREAK = re.compile(r";|:(?!\s*⟦M\d+⟧|\s*(?:an?|une?)\s+(?:[^⟦.;]|⟦M\d+⟧){0,40}?(?:agreement|contract|deal|"
                          r"accord|contrat|partnership|partenariat)\b)|\b(?:mais|but|alors que|whereas|while|selon|according to|d['’]après)\b|"
                          r"\b(?:puis|then|followed by|(?:which|that) followed|suivie? d['’]une?|and)\s+"
                          r"(?=(?:an?|une?|its|sa|son)\s+"
                          r"(?:⟦M\d+⟧\s+)?(?:[\w\-]+\s+){0,3}?"
                          r"(?:round|s[ée]ries?|seed|tour|levée|amorçage|financing)\b)",
                          re.IGNORECASE)
# "un marché de 4 millions d'euros" is a public contract's value, not a market's size
PUBLIC_CONTRACT_VALUE = re.compile(r"(?i)\b(?:un|ce|le|du|au)\s+marché\s*(?:public\s+)?(?:,\s*)?"
                                   r"(?:de|d['’]un montant de|d['’]une valeur de)\s*$")
# "a quitté X" is a customer's leaving only for another supplier: people quit too ("Wang a quitté le MIT")
QUITS = re.compile(r"(?i)quitt")
# ", et s'appuie sur ...", ", and moved to ...": a second clause with a verb of its own begins
COORDINATED_CLAUSE = re.compile(r",\s*(?:et|and)\s")
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
# what a product does, then its maker: "(l'assistant de) transcription médicale de ⟦O⟧"
PRODUCT_DETAIL_OF = re.compile(r"(?i)(?:[a-zà-ÿ\-]+ ){1,3}(?:de |d['’]|du |of |from )⟦O(\d+)⟧")
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
                               r"(?:(?:about|around|some|roughly|nearly|up to|a little(?: over)?|just(?: over| under)?|"
                               r"environ|près de|plus de|un peu(?: plus de)?|jusqu['’]à)\s+)?$")
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
