"""Deal cues: the verbs and nouns that announce a funding round, a contract or a lost customer.

Each cue carries a *voice* that says which side of the cue holds which party:
in "Acme raises $10M from Sequoia" the company is the subject; in "Sequoia
invests $10M in Acme" the investor is. The patterns run on the abstracted
sentence (see `abstract.py`), where every organisation is a placeholder
⟦O3⟧, every amount ⟦M1⟧, percentage ⟦P0⟧ and date ⟦D2⟧.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

O = r"⟦[OA]\d+⟧"  # an organisation or an anaphor standing for one


@dataclass(frozen=True)
class Cue:
    kind: str   # funding_round, contract, customer_loss
    voice: str  # see the module docstring of facts.py
    pattern: re.Pattern[str]


def _c(kind: str, voice: str, regex: str) -> Cue:
    return Cue(kind, voice, re.compile(regex, re.IGNORECASE))


# Adverbs that may sit inside a passive: "has also been chosen by", "a également été retenue par".
PASSIVE_ADVERB_EN = r"(?: also| now| just| already| recently)"
PASSIVE_ADVERB_FR = r"(?: aussi| également| déjà)"
# French auxiliaries of the past: "a signé", and in interviews and quotes "nous avons signé", "vous avez levé"
AUX_FR = r"(?:a|ont|avait|avaient|avons|avez|avions|aviez)"

CUES: tuple[Cue, ...] = (
    # ---- funding: the company raises
    _c("funding_round", "company_raises",
       rf"\b(?:l[eè]v(?:e|ent|ait|aient)|{AUX_FR} lev[ée]|vient de lever|viennent de lever|lever|"
       rf"boucl(?:e|ent|ait|aient)|{AUX_FR} boucl[ée]|"
       r"finalise|a finalis[ée]|annonce (?:une|un|avoir lev[ée])|réalise une levée|a réalisé une levée|"
       r"obtient|a obtenu|s[ée]curise|a s[ée]curis[ée]|décroche un financement|"
       r"raise[sd]?|raising|has raised|have raised|secure[sd]?|closed?|closes|lands?|landed|bag(?:s|ged)|"
       r"nab(?:s|bed)|announced?|completed?|completes|pick(?:s|ed)? up|pull(?:s|ed)? in|br(?:ings|ought) in|"
       r"t(?:akes|ook) in|reel(?:s|ed) in|haul(?:s|ed) in|attract(?:s|ed)|draws|drew|add(?:s|ed) (?=⟦)|"
       r"(?:gets?|got|wins?|won|lands?|landed) backing(?= from))"),
    # ---- funding: the investor puts money in
    _c("funding_round", "investor_invests",
       r"\b(?:investit|a investi|investissent|ont investi|va investir|injecte(?:nt)?|(?:a|ont) inject[ée]|(?:a )?accept[ée] de (?:payer|verser|débourser|mettre)|"
       r"entr(?:e|é|ée|és|ent)s? au capital|(?:a|avait|ont|avaient) fait (?:son|leur) entrée au capital|"
       r"prend une participation|a pris une participation|prennent une participation|"
       r"invest(?:s|ed|ing)?|pour(?:s|ed) |pump(?:s|ed)|back(?:s|ed)|led a|leads a|"
       r"m[eè]n(?:e|ent|ait|aient) un (?:tour|round)|(?:a|avait) mené un (?:tour|round)|"
       r"(?:prend|prennent|(?:a|ont|avait) pris) la tête d['’]un (?:tour|round)|co-?led a|co-?leads a|"
       r"(?:took|takes|acquired?|acquires|buys|bought) an? [^⟦.]{0,20}?stake)\b"),
    # ---- funding: nouns (the round, the stake, the investment)
    _c("funding_round", "round_noun",
       r"\b(?:tour de table|tours de table|levée de fonds|lev[ée]e de|s[ée]rie [A-J]\b|series [A-J]\b|seed round|"
       r"pre-seed|amorçage|funding round|financing round|round of funding|investment round|"
       r"(?:série|round|tour) (?:de )?(?:seed|amorçage)|(?:seed|series [A-J]) funding|(?<=un )tour de (?=⟦M))"),
    _c("funding_round", "stake_noun",
       r"\b(?:(?:prise de )?participation|stake)\b"),
    _c("funding_round", "investment_noun",
       r"\b(?:investissement|investment)\b"),
    # ---- contracts: the supplier wins or signs
    _c("contract", "supplier_wins",
       rf"\b(?:remporte|{AUX_FR} remporté|décroche|{AUX_FR} décroché|obtient un contrat|a obtenu un contrat|"
       rf"(?:a|avait|ont){PASSIVE_ADVERB_FR}? été (?:choisie?s?|retenue?s?|sélectionnée?s?) (?:par|comme)|"
       r"(?:a|avait|ont) (?:ainsi )?intégré le programme|rejoint le programme|"
       r"va fournir|fournira|équipera|"
       rf"wins?|won|(?:was|were|has|had|have){PASSIVE_ADVERB_EN}? been "
       r"(?:selected|chosen|picked|tapped|awarded|hired|contracted) by|"
       # a headline's passive without its auxiliary: "Thessaly Compute selected by T-Systems", "Obsidio retenue par
       # la DINUM"
       r"(?<=⟧ )(?:selected|chosen|picked|tapped|hired) by|(?<=⟧ )(?:choisie?s?|retenue?s?|sélectionnée?s?) par|"
       r"secured? an? (?:[^⟦.]|⟦M\d+⟧){0,30}?(?:contract|deal|order)|"
       r"(?:lands?|landed|bag(?:s|ged)|clinch(?:es|ed)|seal(?:s|ed)|snag(?:s|ged)) an? (?:[^⟦.]|⟦M\d+⟧){0,30}?"
       r"(?:contract|deal|order)|"
       r"(?:joined|joins) the [^⟦.]{0,20}?program|will supply|to supply|(?:est|a été|sont) (?:l['’])?attributaires?)\b"),
    # ---- contracts: a customer signs or chooses the company that speaks ("Moët Hennessy nous a signé", "signed us")
    _c("contract", "customer_chose_us",
       r"\b(?:nous (?:a|ont|avait|avaient) (?:signés?|choisis?|retenus?|fait confiance)|(?:signed|chose|picked|selected) us)\b"),
    # ---- contracts: the supplier serves the customer named right after the cue
    _c("contract", "supplier_serves",
       r"\b(?:(?:will|to) provide|provides|deploy(?:s|ed)? [^⟦.]{0,30}?(?:at|across)|(?:will |to )?equip(?:s|ped)?|"
       r"(?:will |to )?suppl(?:y|ies|ied)|déploie(?:nt)? [^⟦.]{0,30}?chez|a déployé [^⟦.]{0,30}?chez|"
       r"lands?|landed|wins?|won|adds?|added) (?=⟦)|"
       r"\b(?:fournit|fournissent|fournira|fourniront|livrera|livreront)\b|"
       # "Calvane équipe désormais les 3 000 gares de la SNCF": the customer owns what is equipped
       r"\b(?:équipe(?:nt)?|a équipé|équipera) (?:désormais |déjà )?(?:les?|la|l['’]|des) [^⟦.]{0,40}?(?:de la |de l['’]|de |d['’]|du |des )(?=⟦)"),
    # ---- contracts: the customer uses the supplier's product ("Danone uses Calvane's software", "Michelin déploie
    # la plateforme de Calvane", "La SNCF s'équipe de la solution de Calvane")
    _c("contract", "customer_uses",
       r"\b(?:uses|is using|are using|use|(?:has|have) (?:adopted|deployed)|adopted|adopts|deploys|deployed|"
       r"utilise(?:nt)?|a adopté|ont adopté|adopte(?:nt)?|déploie(?:nt)?|a déployé|ont déployé|"
       r"s['’]équipe(?:nt)?|s['’]est équipée?|se sont équipée?s) "
       r"(?:désormais |now |already |déjà )?(?:(?:the |la |le |les |l['’]|de la |du |des |de l['’])?"
       r"(?:[\w\-]+ ){0,2}?(?:platform|software|solution|tool|technology|system|assistant|app|agent|robot|copilot|"
       r"chatbot|plateforme|logiciel|outil|technologie|système|application|copilote|capteur)s? (?:de |d['’]|du |of |from )|"
       r"(?=⟦))"),
    _c("contract", "used_by",
       r"\b(?:is|are) (?:now |already )?(?:used|deployed) by (?=⟦)|est (?:désormais |déjà )?(?:utilisée?|déployée?) par (?=⟦)"),
    _c("contract", "signs",
       rf"\b(?:signe|{AUX_FR} signé|vient de signer|a conclu|conclut|"
       r"sign(?:s|ed)|ink(?:s|ed)|struck|strikes|"
       # "a annoncé jeudi matin un contrat-cadre avec", "annonce le même jour un accord avec"
       r"(?:announced|announces|annonce|annoncent|annoncé)\s+"
       r"(?:⟦D\d+⟧\s*(?:matin\s+|soir\s+|morning\s+|evening\s+)?|(?:le même jour|the same day|aussi|also)\s+)?"
       r"(?:a|an|un|une) (?:[^⟦.]|⟦M\d+⟧){0,40}?"
       r"(?:agreement|contract|partnership|deal|accord|contrat|partenariat)|"
       # the signing told as a noun: "a annoncé la signature d'un contrat de quatre ans avec La Poste"
       r"(?:la )?signature d['’]une? (?:[^⟦.]|⟦M\d+⟧){0,40}?(?:contrat|accord|partenariat|convention)|"
       r"(?:the )?signing of an? (?:[^⟦.]|⟦M\d+⟧){0,40}?(?:contract|agreement|deal|partnership))\b"),
    _c("contract", "customer_pays",
       r"\b(?:(?:agreed|agrees|has agreed|had agreed) to pay|(?:a accepté|accepte) de verser à|s'est engagée? à verser à)\s*(?=⟦)"),
    # ---- contracts: the customer awards or chooses
    _c("contract", "customer_awards",
       r"\b(?:attribue|a attribué|avait attribué|lui avait confié|leur avait confié|leur a confié|confie|a confié|"
       r"commande|a commandé|a passé commande|"
       r"notifie\b|a notifié|"
       r"choisit|a choisi|choisi(?! par)|sélectionne|a sélectionné|retient|a retenu|retenu(?! par)|fait appel à|"
       r"(?:a )?désign[ée] (?=⟦O\d+⟧ [a-z ]{0,6}attributaire)|"
       r"a fait appel à|"
       r"(?:a|ont|avait) confié|lui a confié|"
       r"(?:fit|a fait|avait fait) de (?=⟦)|"
       # the participle before "by"/"par" is a passive (a headline's: "Thessaly selected by T-Systems")
       r"award(?:s|ed)(?! by)|order(?:s|ed) |select(?:s|ed)(?! by)|cho(?:se|oses)|pick(?:s|ed)(?! by)|"
       r"tap(?:s|ped)(?! by)|hire[sd](?! by)|"
       r"(?:made|makes) (?=⟦)|sign(?:s|ed) up (?=⟦)|"
       r"opt(?:s|ed) for|(?:a )?opté pour|opte(?:nt)? pour|(?:a )?jeté son dévolu sur|(?:a )?fait le choix de|"
       r"(?:went|goes|has gone) live with|roll(?:s|ed) out (?=⟦)|"
       # "is rolling Tallowby out to its 40 providers"; "l'hôpital lui a préféré Nuance" (preferred it to the one
       # told before)
       r"roll(?:s|ed|ing)? (?=⟦)|(?:lui |leur )?(?:a|ont|avait|avaient) préféré|(?:lui|leur) préférant)"),
    # ---- contracts: the contract goes to the supplier ("le lot 2 est attribué à X", "the contract was awarded to X")
    _c("contract", "awarded_to",
       r"(?:\b(?:est|sont|a été|ont été|avait été|sera|seront|was|were|has been|have been|had been|is|are)\s+)?"
       r"\b(?:attribuée?s?|confiée?s?|notifiée?s?|awarded|granted)\s+(?:⟦D\d+⟧\s+)?(?:à|au|aux|to)\b|"
       r"\b(?:revient|reviennent|reviendra|échoit|échoient|went|goes|will go)\s+(?:à|au|aux|to)\b"),
    # ---- contracts: a contract from its customer, told as a noun ("a $6.5 million SBIR contract from the Air Force
    # Research Laboratory"): the supplier is the company told of
    _c("contract", "contract_from",
       r"\b(?:contract|order|award|contrat|commande) (?:from|de la part (?:de|du|d['’])) (?:the )?(?=⟦)"),
    # ---- contracts: a tender's lots listed with their winners ("— le lot n° 1 à la société Sirocca, pour ...")
    _c("contract", "lot_to",
       r"\blots?\s+(?:n°\s*|no\.?\s*|numéro\s*)?\d+\s+(?:à|au|to)\s+(?:la société |l['’]entreprise |la start-up )?(?=⟦)"),
    # ---- contracts: the customer renews or extends ("a renouvelé son contrat avec X", "extended its deal with X")
    _c("contract", "customer_renews",
       rf"\b(?:renouvel(?:le|lent)|{AUX_FR} renouvelé|reconduit|{AUX_FR} reconduit|prolong(?:e|ent)|"
       rf"{AUX_FR} prolongé|"
       rf"élargi(?:t|ssent)?|{AUX_FR} élargi|étend(?:ent)?|{AUX_FR} étendu|"
       r"renew(?:s|ed)?|extend(?:s|ed)?|expand(?:s|ed)?|broaden(?:s|ed)?)\b"),
    # ---- contracts: the customer has become one ("Maersk is now a Harbordyne customer", "est désormais cliente de X")
    _c("contract", "becomes_customer",
       # "Unilever is Calvane's largest customer"
       r"\b(?:is|are)\s+(?:the\s+)?⟦O\d+⟧['’]s\s+(?:[\w-]+\s+){0,2}(?:customer|client)s?\b|"
       r"\b(?:is now|are now|has become|have become|became|becomes|est désormais|sont désormais|est devenue?|"
       r"sont devenue?s|devient|deviennent)\s+(?:an?\s+|the\s+|une?\s+|la\s+|le\s+)?"
       r"(?:(?:⟦O\d+⟧(?:['’]s)?|[\w-]+)\s+){0,3}(?:customer|client|cliente)s?\b"),
    _c("contract", "customer_of",
       r"\b(?:(?:un |une )?client(?:e)? (?:de longue date|historique|fidèle|depuis)|"
       r"(?:a |an )?(?:longtime|long-time|long-standing) (?:customer|client)|(?:customer|client) since)\b"),
    _c("contract", "client_relation",
       r"\b(?:(?:l['’]un |l['’]une |autre |plus gros |grands? |principaux |principal )*clients?(?: majeurs?| historiques?)? (?:de|d['’]|du)|"
       r"(?:one of |another )?(?:the )?(?:biggest |largest |major |key )?customers? of)\s*(?=⟦)"),
    _c("contract", "same_as_previous",
       r"\b(?:(?:a|avait|ont|avaient) fait de même|en (?:a|avait) fait autant|(?:a|ont) emboîté le pas|"
       r"did the same|followed suit|has done the same)\b"),
    # ---- customer losses: the customer leaves
    _c("customer_loss", "customer_leaves",
       # "a mis fin de manière anticipée au contrat"
       r"\b(?:met(?:tent)? fin (?:⟦D\d+⟧ |de (?:manière|façon) \w+ )?(?:à|au|aux)|"
       r"(?:a|ont|avait) mis fin (?:⟦D\d+⟧ |de (?:manière|façon) \w+ )?(?:à|au|aux)|"
       r"mettre fin (?:à|au|aux)|cess(?:e|ent|er)|(?:a|ont) cessé|"
       r"(?:a|ont) basculé|bascul(?:e|ent)|(?:a|ont) migré|migr(?:e|ent|er)|"
       r"cut(?:s|ting)? back|scal(?:ed|es|ing) back|trimm?(?:ed|s|ing)|"
       r"mov(?:ed|es|ing) (?:[^⟦.]{0,50}?)from|"
       r"romp(?:t|re|ent)|(?:a|ont) rompu|coup(?:e|ent|er) les ponts|(?:a|ont) coupé les ponts|"
       r"tourn(?:e|é|ent|er) le dos|réduire (?:leur|sa|son) (?:collaboration|recours)|réduit (?:sa|son|leur) (?:collaboration|recours)|"
       r"se détourn(?:e|ent|er)|(?:s'est|se sont) détourné|abandonn(?:e|é|ent|er)|(?:a|ont) abandonné|"
       r"résili(?:e|é|ent|er)|(?:a|ont) résilié|ne renouvel\w* pas|n'a pas renouvelé|"
       r"se sépar(?:e|er|ent) de|(?:s'est|se sont) séparée?s? de|remplac(?:e|é|ent|er)|(?:a|ont) remplacé|"
       r"drop(?:s|ped)|ditch(?:es|ed)|end(?:s|ed)|terminat(?:es|ed|ing)|cut(?:s|ting)? ties|cancel(?:s|led|ed)|"
       r"churn(?:ed|s)|"
       r"scrap(?:s|ped)|stopp?(?:ed|s) (?:working|using)|wound down|winding down|wind down|phas(?:e|es|ed|ing) out|"
       r"mov(?:ed|es|ing) (?:[^⟦.]{0,40}?)(?:away from|off)|(?:de )?ne (?:pas|plus) renouveler|"
       r"(?:decided|decides|chose|chosen|opted|opts|voted) not to renew|not to renew|not renewing|"
       r"renonc(?:e|ent|é|er) aux services|switch(?:ed|es|ing)? (?:away )?from|pull(?:ed|s)? (?:back|out) from|"
       r"(?:will|would) not renew|won't renew|did not renew|declined to renew|walked away(?: from)?|replac(?:es|ed)|"
       r"(?:has|had|have) not renewed|(?:hasn|hadn|haven)['’]t renewed|"
       r"ending|mettant fin (?:à|au|aux)|(?:a|ont|avait) quitté|quitte(?:nt)?|pull(?:s|ed)? the plug on|"
       r"se passer (?:des services )?(?:de|d['’])|(?:s['’]est|se sont) passée?s? (?:des services )?(?:de|d['’])|"
       r"(?:est|sont) (?:partie?s?|allée?s?) chez|went (?:over )?to an? (?:rival|competitor)|"
       r"(?:moved|moves|brought|brings|took|takes) (?:its|their|the) [^⟦.]{0,40}?in-house|"
       r"(?:a|ont|avait) internalisé|internalise(?:nt)?|ne fai(?:t|sai(?:t|ent)|ont) plus appel à|"
       r"n['’]utilis(?:e|ent|ait|aient) plus|ne travaill(?:e|ent|ait|aient) plus avec|"
       r"no longer (?:uses|works with|use|work with|relies on)|(?:has|have) stopped working with)\b"),
    # ---- customer losses: the contract is not renewed, told in the passive ("le marché exécuté par X ne sera
    # pas reconduit", "the contract with X will not be renewed")
    _c("customer_loss", "contract_not_renewed",
       r"\b(?:ne (?:sera|seront|serait|seraient|sont|est) pas|n['’](?:a|ont) pas été|n['’]est pas|n['’]a pas été)\s+"
       r"(?:reconduite?s?|renouvelée?s?|prolongée?s?)|"
       r"\b(?:will|would|is|was|has|have|had) not (?:be |been |being )?(?:renewed|extended)\b|won['’]t be renewed|"
       # ended by either side: "le contrat entre X et Y a été résilié", "X's contract with Y was terminated"
       r"\b(?:a été|ont été|avait été) (?:résiliée?s?|rompue?s?|dénoncée?s?)|"
       r"\b(?:was|were|has been|had been) (?:terminated|cancell?ed|ended)\b"),
    _c("customer_loss", "supplier_loses",
       r"\b(?:(?:a |ont )?perd(?:u|ent)?\s+(?:⟦D\d+⟧\s+)?(?:son|ses|le|un|ce|cet|cette)\s+(?:\w+\s+)?(?:client|contrat)|"
       r"lost (?:its |a |the |this |that )?(?:\w+ )?(?:customer|client|contract)|loses (?:its |a |the )?(?:customer|client|contract)|"
       rf"lost (?=⟦)|loses (?=⟦)|(?:{AUX_FR} )?perd(?:u|ent)? (?:la |le |les |l['’])?(?=⟦))"),
    # ---- customer losses: the customer cuts back ("cut the number of its X licences", "reduced its use of X")
    _c("customer_loss", "customer_cuts",
       r"\b(?:cut|cuts|reduced|reduces|slashed|slashes|halved|halves|trimmed|trims)\s+(?:back\s+)?"
       r"(?:the (?:number|size|scope|value) of\s+)?(?:its|their)\s|"
       r"\b(?:(?:a|ont|avait|avaient)\s+)?(?:réduit|réduisent|divisé par deux)\s+(?:de moitié\s+)?"
       r"(?:[^,.;]{0,40}?\s)?(?:le|la|les|sa|son|ses|leur|leurs)\s"),
)

# "an investment bank", "un fonds d'investissement": the noun names a kind of firm, not an investment made
FIRM_AFTER_INVESTMENT = re.compile(
    r"\s+(?:banks?|bankers?|banking|firms?|funds?|compan(?:y|ies)|managers?|advis[eo]rs?|vehicles?|arms?|"
    r"committees?|grade|budgets?|plans?|programmes?|programs?)\b", re.IGNORECASE)
# "budgets d'investissement", "public and private investment": what a sector or a state spends, no deal
FIRM_BEFORE_INVESTMENT = re.compile(
    r"\b(?:banques?|banquiers?|fonds|sociétés?|conseils?|conseillers?|véhicules?|budgets?|plans?|programmes?)\s+d['’]$"
    r"|\b(?:public|private|foreign|state|government)\s+(?:and\s+(?:public|private)\s+)?$", re.IGNORECASE)
# money raised by going public is no funding round
PUBLIC_LISTING = re.compile(r"(?i)\b(?:introdu(?:it|ite|ction) en bourse|entrée en bourse|IPO|initial public offering|"
                            r"went public|going public|listing on)\b")

# Words that make a statement hypothetical, planned, denied or negated: not a fact.
HYPOTHETICAL = re.compile(
    r"\b(?:pourrai(?:t|ent)?|pourra(?:it|ient)?|devrai(?:t|ent)|envisag\w*|projett?\w*|souhait\w*|espèr\w*|"
    r"en (?:discussions?|négociations?|pourparlers)|négoci\w*|cherch\w* à|prévoi\w* de|prévoy\w* de|"
    r"serait en passe|rumeur\w*|démenti\w*|dément|réfléchi\w*|peut-être|"
    r"could|might|may|should|in talks|talks to|in discussions?|negotiat\w*|plan(?:s|ned|ning)? to|"
    r"aim(?:s|ed|ing)? to|seek(?:s|ing)? to|look(?:s|ing) to|hop(?:es|ed|ing) to|rumou?r\w*|denie[sd]|deny|"
    r"expected to|is set to|considering|mulling|weighing|exploring|perhaps|maybe|thinking about|think about|"
    r"pens(?:e|ons|ent) à)\b|\bsi\b|\bif\b|\bwhether\b|"
    # a statistic of many deals is no deal: "the median Series A rose to €14m", "le ticket moyen"
    r"\b(?:median|average|typical|médian\w*|moyen(?:ne)?|en moyenne)\b",
    re.IGNORECASE,
)
# a deal told as reported by others and unconfirmed, or denied: right before its cue ("Lumexa aurait levé",
# "reportedly raised"), or in a relative clause right after it ("le tour de table qu'un spécialiste aurait
# engagé", "the round, which the company denied")
# (a French conditional before the deal's noun tells it as reported too: "elle préparerait un tour de 2 milliards")
REPORTED_BEFORE = re.compile(r"\b(?:aurai(?:en)?t|reportedly|\w{3,}(?:erai(?:en)?t))\s+(?:[\w'’]+\s+)?$",
                             re.IGNORECASE)
REPORTED_AFTER = re.compile(r"[^.;:]{0,60}?\b(?:que|qu['’]|which|that)\s*(?:[^\s,;.]+\s+){0,8}?"
                            r"(?:aurai(?:en)?t|(?:a|ont) démenti|démenti\w*|dément\w*|(?:has |have )?denie[sd])\b",
                            re.IGNORECASE)
# many deals told at once are no deal: a quantifier before the cue ("every seed round", "la part des levées"),
# or a generic subject right before the verb ("les legaltechs françaises ont levé", "Scotland's health-tech
# sector attracted", "AI startups raised")
MANY_DEALS_BEFORE = re.compile(
    r"\b(?:every|each|chaque|any|all|most|many|several|plusieurs|toutes? les|share of|number of|nombre de|"
    r"part des?|half of|la moitié des)\s+(?:[\w-]+\s+){0,2}$"
    r"|(?:\b(?:les|des|ces|nos|leurs)\s+(?:jeunes\s+)?(?:start-?ups?|pousses|entreprises|sociétés|acteurs|éditeurs)"
    r"|\b(?:start-?ups|startups|companies|firms|founders|players|[a-z]+techs)"
    r"|\b(?:sector|secteur|industry|industrie|écosystème|ecosystem|filière))\b(?:\s+(?!⟦[OAH])[^\s,;:]+){0,5}\s*$",
    re.IGNORECASE)
NEGATION = re.compile(
    r"\b(?:ne|n['’]|pas|jamais|aucune?|not|never|no longer|didn['’]t|hasn['’]t|haven['’]t|won['’]t|isn['’]t|"
    r"wasn['’]t|doesn['’]t|don['’]t)\b|n['’]",
    re.IGNORECASE,
)

ROUND_LABEL = re.compile(
    r"\b(?:(?:s[ée]rie|series|round)\s+(?P<series>[A-J])\b|(?P<preseed>pre-seed|pré-amorçage)|"
    r"(?P<seed>seed|amorçage))",
    re.IGNORECASE,
)
VALUATION_BEFORE = re.compile(
    r"(?:valoris\w*|valuation|valued|valuing|values?|valeur|vaut|worth)\s+(?:[\w'’⟦⟧\-]+\s+){0,8}(?:à|at|de|of)?\s*"
    r"(?:environ|près de|plus de|about|around|nearly|over|some|quelque)?\s*$",
    re.IGNORECASE,
)
VALUATION_AFTER = re.compile(r"^\s*(?:de valorisation|valuation|post-money|pre-money)", re.IGNORECASE)
REVENUE_BEFORE = re.compile(
    r"(?:chiffre d['’]affaires|revenus?|revenues?|ventes|sales|CA|ARR|bénéfices?|profits?|pertes?|losses|"
    r"dépenser|spend\w*|budget|march[ée]|market|valoris\w*|valuation|valued|valuing)\b[^⟦]{0,40}$",
    re.IGNORECASE,
)
LEAD_AFTER = re.compile(r"^\s*(?:,\s*)?(?:en (?:tant que )?(?:lead|chef de file|investisseur principal)|as (?:the )?lead)", re.IGNORECASE)
LEAD_BEFORE = re.compile(
    r"(?:led by|co-led by|mené(?:e)? par|menée? par|emmené(?:e)? par|conduit(?:e)? par|pilot[ée]e? par|"
    r"sous la (?:houlette|conduite) de|dirigé(?:e)? par)\s*(?:(?:le |la |les |l['’]|the )?[^⟦,.]{0,25})?$",
    re.IGNORECASE,
)
INVESTOR_BEFORE = re.compile(
    r"(?<!\w)(?:auprès (?:de|d['’]|du|des)|from|led by|co-led by|mené(?:e)? par|emmené(?:e)? par|conduit(?:e)? par|"
    r"pilot[ée]e? par|par|by|avec|with|aux côtés (?:de|d['’]|du|des)|alongside|including|dont|notamment|"
    r"participation (?:de|d['’]|du|des)|participation from|particip(?:ent|e|aient|ait|ated|ating)|"
    r"de la part (?:de|d['’]|du)|soutenue? par|backed by|apportée?s? par|associe|réunit|"
    r"investisseurs?|investors?|tels? que|such as|comme|parmi (?:eux|lesquels)|among them|including)(?!\w)"
    r"\s*(?:(?:le |la |les |l['’]|the |son |ses |leurs? )?[^⟦,.;]{0,30})?$",
    re.IGNORECASE,
)
# each introducing word is a whole word: "de" ends "alongside", "comme" opens "commerce"
COMPANY_BEFORE = re.compile(
    r"(?<!\w)(?:dans|in|into|au capital (?:de|d['’]|du)|chez|of|de|d['’]|du)(?!\w)\s*(?:(?:le |la |les |l['’]|the )?[^⟦,.;]{0,25})?$",
    re.IGNORECASE,
)
OBJECT_BEFORE = re.compile(
    r"(?<!\w)(?:avec|with|auprès (?:de|d['’]|du|des)|from|pour|for|du|de la|de l['’]|des|de|d['’]|of|par|by|à|au|aux|to|"
    r"programme|program|the)(?!\w)\s*(?:(?:le |la |les |l['’]|the |son |sa |ses )?[^⟦,.;]{0,30})?$",
    re.IGNORECASE,
)
SUPPLIER_AFTER_AWARD = re.compile(r"(?<!\w)(?:à|au|aux|to|de|avec|with)(?!\w)\s*(?:(?:le |la |les |l['’]|the )?[^⟦,.;]{0,30})?$", re.IGNORECASE)
DEAL_NOUN = re.compile(r"\b(?:accord|deal|opération|transaction|agreement|annonc\w*|announce\w*|contrat|contract|levée|"
                       r"round|tour de table|investment|investissement)\b", re.IGNORECASE)
# "selon l'Observatoire de la commande publique, les PME ont remporté...": the source of a statement is no party to it
SOURCE_BEFORE = re.compile(r"(?:\bselon|\bd['’]après|\baccording to|\bcited by|\bcité(?:e|s|es)? par)\s*"
                           r"(?:(?:le|la|les|l['’]|the)\s*)?$", re.IGNORECASE)
# a publication that tells the news is no party to it: "Le Parisien raconte que la régie a mis fin ..."
SOURCE_TELLS = re.compile(r"\s+(?:raconte|rapporte|révèle|relate|écrit|affirme|report(?:s|ed)|write?s|wrote|"
                          r"reveal(?:s|ed))\s+(?:que|qu['’]|that)\b", re.IGNORECASE)
# an accelerator or a backer told as what the company is: "a Y Combinator graduate with a $4.5M seed round"
BACKER_AFTER = re.compile(r"\s*(?:graduate|alumn(?:us|a|i|ae))\b", re.IGNORECASE)
COMPLEMENT_BEFORE = re.compile(r"(?:\bde|\bd['’]|\bdu|\bof|\bchez|\bavec|\bwith|\bpour|\bfor|\bà|\bto|\bdepuis|"
                               r"\bfrom|\bin|\bat|\bdans|\bnear|\bprès de)\s*(?:(?-i:[A-Z]{2,4})\s+)?$", re.IGNORECASE)
