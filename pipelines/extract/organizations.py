"""Find organisation, person and anaphor mentions in a sentence.

Three sources, in order of trust: the reference aliases (well-known companies,
investors and public bodies), public-body phrases ("ministère des Armées",
"Department of Defense"), and runs of capitalised words that are not function
words, dates, titles or people. Anaphors such as "la start-up" or "the
company" are marked so that facts can point back to the organisation they
stand for.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Iterator
from typing import NamedTuple

from pipelines.extract.portable import maybe_flags
from pipelines.reference import common_words, first_names, organization_aliases
from pipelines.reference.stopwords import NON_ORG_WORDS, NUMBER_WORDS, PLACE_WORDS, REGION_WORDS

UPPER = "A-ZÀ-ÖØ-Þ"
LOWER = "a-zß-öø-ÿ"
_WORD = rf"(?:[{UPPER}][\w&'’.+\-]*[\w+]|[{UPPER}]\.?|[{LOWER}]{{1,3}}[{UPPER}][\w\-]*|\d+[{UPPER}][\w\-]*)"
_CONNECT = r"(?: (?:de|of|du|des|&|and|for|für|van|von|der|la|le|di|del|da) | |-|\. ?)"
_CAPITAL_RUN = re.compile(rf"(?<![\w@#/]){_WORD}(?:{_CONNECT}{_WORD})*")
# A round's letter opens no name: "la série B de Tessalune" names Tessalune (looked at only for a run that opens
# on a single letter: a look-ahead in the run's pattern, tried at every capital, cost a sixth of finding runs).
_ROUND_WORD_BEFORE = re.compile(r"(?i)s[ée]ries? $")


def _capital_runs(text: str) -> Iterator[tuple[int, str]]:
    """(start, text) of each capitalised run of `text`."""
    for m in _CAPITAL_RUN.finditer(text):
        run, start = m.group(0), m.start()
        if run[1:2] in (" ", "") and _ROUND_WORD_BEFORE.search(text, max(0, start - 7), start):
            rest = _CAPITAL_RUN.search(text, start + 1, m.end())
            if rest is None:
                continue
            run, start = rest.group(0), rest.start()
        yield start, run

_PUBLIC_HEAD = (
    r"(?:[Cc]our de cassation|[Cc]our des comptes|[Cc]onseil d['’][ÉE]tat|[Cc]onseil constitutionnel|"
    r"[Mm]inist[eè]re|[Mm]inistry|[Dd]epartment|[Dd]épartement|[Aa]gence|[Aa]gency|[Ss]ecr[ée]tariat|[Oo]ffice|"
    r"[Cc]ommission|[Dd]irection(?: générale)?|[ÉéEe]tat-major|[Mm]arine nationale|[Aa]rmée (?:de terre|de l['’]air))"
)
# A place or a body's own name before an English head: "Ohio Department of ...", "Urssaf Caisse nationale".
# Not before "Office" ("Microsoft Office" is a product).
_HEAD_PREFIX = rf"(?:(?:U\.S\.|[{UPPER}][\w\-]+) (?=[Dd]epartment|[Mm]inistry|[Aa]gency|Caisse|Centre|Institut))?"
# Institutions whose names run on in lowercase words: "Office national des forêts", "Caisse nationale
# d'assurance", "Agence nationale de la recherche"; a second word when it ends the phrase or names a branch of
# social security ("Caisse nationale de l'assurance maladie", not "... de la recherche vient de signer").
_INSTITUTION_HEAD = (r"(?:Caisse|Centre|Institut|Autorité|Conseil|Régie|Chambre|Comité|Fédération|Assistance publique|"
                     r"Hospices)")
_INSTITUTION_ADJECTIVE = (
    r"(?: (?:nationale?s?|nationaux|générale?s?|généraux|régionale?s?|régionaux|fédérale?|publique?s?|"
    r"européenne?s?|internationale?s?|interministérielle?|supérieure?|centrale?|départementale?|territoriale?|civils)"
    r"(?: (?:de la |de l['’]|des |du |de |d['’])[a-zà-ÿ]{3,}(?: (?:maladie|vieillesse|retraite|familiales|[a-zà-ÿ]{4,}(?=\s*[(),.;:]|\s*$)))?)?)"
)
# An institution head names a public body when a public adjective follows it ("Caisse nationale d'assurance
# maladie"); without one it may be a firm ("Caisse d'Épargne Normandie" is a bank).
_PRIVATE_INSTITUTION = re.compile(rf"^(?:[{UPPER}][\w.\-]* )?{_INSTITUTION_HEAD}(?! (?:nationa|généra|régiona|fédéra|publi|"
                                  r"europ|internationa|interministériel|départementa|territoria))")

# A head in lowercase with nothing after it that names the body: "le ministère des Armées" is a name,
# "une direction", "the agency" or "an office" alone are not.
_BARE_LOWERCASE_HEAD = re.compile(rf"(?=[a-zà-ÿ])(?:{_PUBLIC_HEAD}|{_INSTITUTION_HEAD})")


def _is_public_body(name: str) -> bool:
    return not _PRIVATE_INSTITUTION.match(name)


_PUBLIC_BODY = re.compile(
    r"(?<![\w])(?:[Ll]e |[Ll]a |[Ll]['’]|[Tt]he )?" + _HEAD_PREFIX
    + "(?:" + _PUBLIC_HEAD + "|" + _INSTITUTION_HEAD + ")" + _INSTITUTION_ADJECTIVE + "?" +
    rf"(?: (?:de la |de l['’]|des |du |de |d['’]|of the |of |for the |for )?(?:[{UPPER}][\w'’\-]*|armées|armement|"
    rf"l['’]armement|la défense|défense))?"
    rf"(?:(?: et | and | de la | de l['’]| des | du | de | d['’]| of the | of | for | aux | à la | )[{UPPER}][\w'’\-]*){{0,5}}"
)

# Local public bodies and hospitals, named by a lowercase head and their place: "le centre hospitalier de
# Valenciennes", "la ville de Lyon", "la région Bretagne", "le conseil départemental du Nord", "l'hôpital Necker"
_LOCAL_HEAD = (
    r"(?:[Cc]entre hospitalier(?: universitaire| régional(?: universitaire)?| intercommunal| départemental)?|"
    r"[Gg]roupe hospitalier|[Hh]ôpital|[Vv]ille|[Mm]airie|[Cc]ommune|[Mm]étropole|[Cc]ommunauté (?:urbaine|"
    r"d['’]agglomération|de communes)|[Dd]épartement|[Rr]égion|[Cc]onseil (?:départemental|régional|municipal))"
)
_LOCAL_BODY = re.compile(
    rf"(?<![\w])(?:[Ll]e |[Ll]a |[Ll]['’])?{_LOCAL_HEAD} (?:de la |de l['’]|des |du |de |d['’])?"
    rf"[{UPPER}][\w'’]*(?:(?:-(?:de|du|des|la|le|les|sur|en|et)-|-| | sur | en )[{UPPER}][\w'’]*){{0,3}}"
)

_ANAPHOR_NOUN = (
    r"(?:start-?up|startup|scale-?up|jeune pousse|pépite|entreprise|"
    r"société|firme|company|firm|fournisseur|supplier|vendor|provider|prestataire|éditeur|hébergeur|licorne|unicorn|"
    r"spécialiste|concurrent|rival|insurer|retailer|lender|bank|carrier|airline|automaker|carmaker|manufacturer|"
    r"developer|maker|operator|conglomerate|assureur|banque|distributeur|enseigne|constructeur|opérateur|"
    r"mutuelle|coopérative|armateur|logisticien|industriel|group|groupe|giant|géant|chain|chaîne|brewer|"
    r"brasseur|telco|utility|designer|concepteur|fabricant|intégrateur|integrator|institution|hôpital|hospital|établissement|collectivité|"
    # "la legaltech lyonnaise", "the London fintech"
    r"[a-zà-ÿ]{2,8}tech)"
)
_ANAPHOR_BODY = (
    # a space after the determiner, except after an elision: "Les start-up" (many) is not "Le" + "s start-up"
    r"(?:(?:la|le|ce|cette|sa|son|leur|the|this|that|its|their) |l['’] ?)"
    r"(?:[\w.]+-based |[a-zà-ÿ]+(?:-[a-zà-ÿ]+)? ){0,2}?"
    + _ANAPHOR_NOUN + r"s?"
)
_ANAPHOR = re.compile(r"(?i)(?<![\w])" + _ANAPHOR_BODY + r"(?![\w])")
# "nous avons signé", "vous avez levé", "we signed": in an interview or a quote, the company that speaks (or is
# spoken to), the one the document is about; only as the subject of a verb in the past, which tells deals
_SPEAKER_BODY = (r"(?:nous(?= (?:avons|venons|sommes|menons|investissons))|vous(?= (?:avez|venez|êtes))|"
                 r"on(?= (?:a|avait|vient d['’]|vient de) ?(?:bouclé|levé|signé|perdu|remporté|décroché|finalisé|"
                 r"obtenu|conclu|lever|boucler|signer))|"
                 r"we(?=(?: have|['’]ve| had| just| also)? (?:signed|raised|closed|secured|won|lost|landed|been|chosen|"
                 r"led|co-led|invested|backed|joined)))")
_SPEAKER = re.compile(r"(?i)(?<![\w])" + _SPEAKER_BODY)
# "Elle a levé 5 M€", "It raised $12M", "They signed with Carrefour": a subject pronoun that opens a clause, before
# a verb that tells a deal, stands for the firm told of before (facts.DocumentFacts._antecedent), as "la start-up"
# does; "il" of a person or an impersonal "il" ("il a été décidé") never reaches one of these verbs
_PRONOUN_BODY = (
    r"(?:il|elle|ils|elles)(?= (?:(?:a|ont|avait|avaient)(?: (?:déjà|aussi|également|notamment|récemment|enfin|"
    r"ainsi|d['’]ailleurs))? (?:levé|bouclé|signé|remporté|décroché|finalisé|conclu|obtenu|sécurisé|réalisé|"
    r"annoncé|perdu|clôturé|gagné)|vien(?:t|nent) d(?:e |['’])|venai(?:t|ent) d(?:e |['’])|lèvent|lève|bouclent|"
    r"boucle|signent|signe|remportent|remporte|décrochent|décroche|annoncent|annonce|finalisent|finalise|perdent|"
    r"perd)\b)|"
    r"(?:it|they)(?=(?: has| have| had| just| also| recently|['’]s|['’]ve)* (?:raised|signed|closed|secured|won|"
    r"lost|landed|announced|completed|inked|bagged|clinched|sealed|raises|signs|closes|secures|wins|loses|lands|"
    r"announces|completes|inks)\b)")
_PRONOUN = re.compile(r"(?i)(?<![\w'’])" + _PRONOUN_BODY)
# where a pronoun opens a clause: the sentence's start (after a quote or a dash), a comma or semicolon, a conjunction
_CLAUSE_OPENS = re.compile(r"(?i)(?:^[\W_]*|[,;:(]\s*|\b(?:et|mais|puis|and|but|then|so|yet)\s+)$")
PRONOUNS = frozenset({"il", "elle", "ils", "elles", "it", "they"})
# "le groupe de Mark Zuckerberg", "the group of companies": a group told by whose it is, not one named before
_GROUP_OF = re.compile(r"(?i)(?:le |la |the |this |ce )?(?:\w+ )?(?:group|groupe|giant|géant)s? (?:de|d['’]|of) ")
SPEAKERS = frozenset({"nous", "vous", "on", "we"})

# The last word of most funds' names ("Kima Ventures", "Sequoia Capital").
INVESTOR_TAIL = r"(?:Ventures?|Capital|Partners|Fund|Funds|VC|Invest|Investments|Investissement|Angels?|Growth)"

# Words that end names even though alone they are not names ("Scale AI", "Mistral AI", "Hugging Face Labs").
_NAME_TAILS = frozenset({"AI", "IA", "Labs", "Lab", "Group", "Groupe", "Capital", "Ventures", "Partners", "Data",
                         "Cloud", "Tech", "Technologies", "Systems", "Robotics", "Health", "Bio", "Energy"})
_ELISION = re.compile(r"^(?:[LlDd]['’]|[Qq]u['’])")

# Words that open sentences without being names: adverbs ("Fondamentalement", "Meanwhile") and
# hyphenated connectives ("Entre-temps", "Peut-être").
# The nouns of a report's bullets open sentences too ("Attribution par la Métropole ...", "Extension du contrat").
_SENTENCE_OPENER = re.compile(r"^(?:\w+ment|\w+-[a-zà-ÿ]+(?:-\w+)*|[A-Z][a-zé]{3,}[st]ions?)$")
# A participle opens a sentence before a preposition or a comma ("Installée depuis 2023 à Lorient, la start-up",
# "Founded in 2021,"); before a verb the word is a name shaped like one ("Brisemarée met le cap sur ...")
_PARTICIPLE = re.compile(r"^(?:\w+(?:ée|ées|és)|[A-Z][a-z]{2,}ed)$")
_AFTER_PARTICIPLE = re.compile(r"\s*(?:,|(?:en|à|au|aux|par|depuis|dans|pour|sur|sous|chez|avec|entre|outre|il y a|"
                               r"in|by|at|on|with|from|for|after|under|over|as)\b)")

# "Korean-language", "Paris-based", "AI-powered": adjectives, not names.
_DESCRIPTIVE_COMPOUND = re.compile(r"^[\w.]+(?:-[a-zà-ÿ]+)+$")

_BASED = re.compile(r"^[\w.]+-based$")

_ALIAS_TAIL = re.compile(rf"(?: (?:[A-Z]{{2,5}}|[{UPPER}][a-zà-ÿ]+)){{1,3}}(?![\w\-])")

_APPOSITION_GAP = re.compile(r"^ (?:[a-zà-ÿ\-]+ |d['’]){0,3}$")
# "la société de capital-risque X", "le fonds d'investissement X": a kind of firm, followed by its name
_DESCRIPTOR_OF = re.compile(r"(?<= )(?:de |d['’]|du )(?=[a-zà-ÿ])")

_LEGAL_FORM = r"(?:Inc|Ltd|LLC|SA|SAS|SARL|Corp|GmbH|PLC|AG)"
_LEGAL_TAIL = re.compile(rf"[\s,]+{_LEGAL_FORM}\.?$")
# "Medisynth, Inc., a company that...": the comma leaves the legal form a run of its own, which names nobody
_LEGAL_FORM_ALONE = re.compile(rf"{_LEGAL_FORM}\.?")


class Span(NamedTuple):
    """A name found in a sentence (a tuple: a frozen dataclass costs several times more to build)."""

    start: int
    end: int
    text: str
    kind: str  # organization, person, anaphor
    name: str | None  # organisation name as written (None for anaphors)
    org_type: str = ""  # company, investor, public_body, or "" when unknown


@functools.cache
def _alias_pattern() -> re.Pattern[str] | None:
    """The reference aliases as one prefix tree: at each position the longest alias that ends a word.

    A flat alternation of the 300 aliases tried every one at every position; the tree tries one branch
    per character, and the first character is not behind the look-behind, so `re` jumps straight to the
    characters that start an alias (measured on 125,000 sentences: 1.5 s before, 0.34 s after).
    Deeper branches come first and the word-end test sits at every alias end, so backtracking returns
    what the flat alternation sorted by length did.
    """
    aliases = [a for a in organization_aliases() if len(a) >= 2]
    if not aliases:
        return None
    tree: dict = {}
    for alias in aliases:
        node = tree
        for ch in alias:
            node = node.setdefault(ch, {})
        node[""] = {}
    branches = [re.escape(ch) + rf"(?<![\w.\-]{re.escape(ch)})" + _tree_regex(node, r"(?![\w\-])")
                for ch, node in tree.items()]
    return re.compile("(?:" + "|".join(branches) + ")")


def _tree_regex(node: dict, end: str) -> str:
    """Regex of a prefix tree: longer continuations first, then `end` where an alias ends."""
    branches = [re.escape(ch) + _tree_regex(child, end) for ch, child in node.items() if ch]
    if "" in node:
        branches.append(end)
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _rust_literal(text: str) -> str:
    return "".join("\\" + ch if ch in "\\.+*?()|[]{}^$#&-~" else ch for ch in text)


@functools.cache
def _filter_patterns() -> tuple[str, str, str]:
    """Looser patterns for Polars: every alias, public-body or anaphor match contains one of their matches."""
    aliases = "|".join(_rust_literal(a) for a in organization_aliases() if len(a) >= 2) or "[^\\s\\S]"
    # no "\b": Unicode word boundaries make Polars' engine twenty times slower on this pattern
    # the look-aheads' words (after "we", "elle", "it") become part of the match
    speakers_and_pronouns = (_SPEAKER_BODY + "|" + _PRONOUN_BODY).replace("(?=", "(?:")
    local = _LOCAL_HEAD + rf" (?:de la |de l['’]|des |du |de |d['’])?[{UPPER}]"
    return (aliases, _PUBLIC_HEAD + "|" + _INSTITUTION_HEAD + "|" + local,
            "(?i)(?:" + _ANAPHOR_BODY + "|" + speakers_and_pronouns + ")")


# Whether the alias, public-body and anaphor patterns can match a sentence at all.
SpanFilter = tuple[bool, bool, bool]
EVERY_PATTERN: SpanFilter = (True, True, True)


def span_filters(sentences: list[str]) -> list[SpanFilter]:
    """`SpanFilter`s of a batch of sentences, from one Polars scan per pattern.

    Most sentences name no reference organisation, no public body and no "la start-up": the three
    Python patterns, which cost more than everything else `find_spans` does, then need not run.
    """
    return maybe_flags(sentences, list(_filter_patterns()))


def _is_person(words: list[str]) -> bool:
    names = first_names()
    # "John Lewis Partnership", "Marie Curie Group": a first name that opens a firm's name
    return (len(words) >= 2 and words[0] in names and words[1][:1].isupper()
            and not _FIRM_TAIL.search(words[-1]))


# "By Carys Pemberton · March 4, 2026", "Par Inès Varenne, à Lyon": a byline names the author, a person
_BYLINE_OPENING = re.compile(r"^\W*(?:by|par|written by|écrit par)\s+$", re.IGNORECASE)
_BYLINE_END = re.compile(r"\s*(?:$|[·|,–—\-]|and |et |\d)")
_SPEAKER_LABEL_END = re.compile(r"\s?:\s")
# "l'armement Kerlédan", "le groupe Bolloré": a firm named after the family a person of the text belongs to;
# "le président Macron" is the person
_FIRM_NOUN_BEFORE = re.compile(
    r"(?:\b(?:le|la|du|au|the)\s+|\bl['’])(?!(?:président|présidente|directeur|directrice|ministre|patron|patronne|"
    r"fondateur|fondatrice|cofondateur|cofondatrice|docteur|professeur|juge|maire|sénateur|sénatrice|député|"
    r"députée|général|capitaine|chef|president|chairman|chairwoman|founder|cofounder|co-founder|minister|judge|"
    r"senator|mayor|professor|doctor|general|captain|chief|secretary|governor|gouverneur)\b)[a-zà-ÿ-]{3,}\s+$")


_NAME_GOES_ON = re.compile(r" (?:of |de |du |des )?[A-ZÀ-Þ]")


def _begins_a_name(sentence: str, anaphor: re.Match[str]) -> bool:
    """"La Banque Postale", "The Bank of England": a capitalised noun that a name goes on from is that name's
    first word, not "the bank" told of before."""
    return anaphor.group(0).split()[-1][:1].isupper() and bool(_NAME_GOES_ON.match(sentence, anaphor.end()))


# "founded in 2022 by Aitken, a former lawyer", "its chief executive, Callum Aitken": who founds, runs or is
# described by a trade is a person, whatever the given name
_PERSON_BEFORE = re.compile(
    r"(?i)(?:\b(?:founded|co-?founded|fondée?|cofondée?|created|créée?|started)\s+(?:(?:in|en) \d{4}\s+)?"
    r"(?:by|par)\s+"
    r"|\b(?:executive|founder|co-?founder|ceo|cto|cfo|director|president|chair(?:man|woman)?|fondat(?:eur|rice)|"
    r"cofondat(?:eur|rice)|directeur|directrice|président(?:e)?|pdg)\s*,\s*)$")
_PERSON_AFTER = re.compile(
    r"(?i)\s*,\s*(?:a|an|the|its|un|une|le|la|son|sa)\s+(?:[\w\-]+\s+){0,3}?(?:engineer|lawyer|founder|co-?founder|"
    r"entrepreneur|scientist|researcher|professor|doctor|physician|banker|consultant|economist|ingénieure?|avocate?|"
    r"fondat(?:eur|rice)|chercheu(?:r|se)|médecin|professeure?|économiste|banquière?)\b")


# what may come before the first word of a sentence: marks, and an interview's "Q:", "A :", "Question :"
_SENTENCE_LEAD = re.compile(r"[\s\-–—•*\"«“']*(?:(?:Q|A|R|Question|Réponse|Answer)\s*[:.]\s*)?"
                            r"[\s\-–—•*\"«“']*")


def _opens_sentence(sentence: str, offset: int) -> bool:
    return _SENTENCE_LEAD.fullmatch(sentence, 0, offset) is not None


# '"...," says Ruth Callow': a quote's speaker of two or three words is a person
_SPEAKER_VERBS = frozenset("""says said explains explained adds added notes noted told recalls explique ajoute précise
souligne indique confie estime affirme raconte résume""".split())


# "chief executive Anika Solheim said", "le PDG Jean Morel": a job title right before two capitalised words
_TITLE_BEFORE = re.compile(r"(?i)\b(?:chief executive(?: officer)?|chief technology officer|ceo|cto|cfo|coo|founder|"
                           r"co-?founder|chairman|chairwoman|président(?:e)?|pdg|directeur général|directrice générale|"
                           r"fondat(?:eur|rice)|cofondat(?:eur|rice)|dirigeant(?:e)?)\s+$")


# the last words of those titles: the pattern runs only after one of them
# job titles that end a firm's name inside a capitalised run ("Lumora CEO Aurélien Marchetti")
_TITLES = frozenset({"ceo", "cto", "cfo", "coo", "pdg", "dg", "chairman", "chairwoman", "founder", "cofounder",
                     "co-founder", "fondateur", "fondatrice", "cofondateur", "cofondatrice"})
_TITLE_ENDS = _TITLES | {"executive", "officer", "président", "présidente", "général", "générale", "dirigeant",
                         "dirigeante"}


def _told_as_person(sentence: str, offset: int, name: str) -> bool:
    """Whether the words around a name say it is a person's. Called for most capitalised runs, so the character
    after and the end of the text before are looked at before any pattern runs."""
    words = name.count(" ") + 1
    if words > 3:
        return False
    end = offset + len(name)
    if sentence.startswith(",", end) and _PERSON_AFTER.match(sentence, end):
        told = True
    else:
        tail = sentence[max(0, offset - 14):offset]
        if tail.endswith((",", ", ", "by ", "par ", "By ", "Par ")):
            told = bool(_PERSON_BEFORE.search(sentence[max(0, offset - 60):offset]))
        else:
            last = tail.rstrip().rsplit(" ", 1)[-1].lower()
            told = words >= 2 and (last in _SPEAKER_VERBS or (
                last in _TITLE_ENDS and bool(_TITLE_BEFORE.search(sentence, max(0, offset - 32), offset))))
    return told and not _FIRM_TAIL.search(name)


def _is_byline(sentence: str, offset: int, name: str) -> bool:
    """"By Jane Doe", "Par Marie Dupont", or a transcript's speaker label ("CAMILLE DURAND : Oui, on a bouclé...")."""
    words = name.split(" ")
    if offset == 0 and name.isupper() and 2 <= len(words) <= 3 and _SPEAKER_LABEL_END.match(sentence, len(name)):
        return True
    return (offset <= 16 and 2 <= len(words) <= 3 and bool(_BYLINE_OPENING.match(sentence[:offset]))
            and all(w[:1].isupper() for w in words) and not _FIRM_TAIL.search(name)
            and bool(_BYLINE_END.match(sentence, offset + len(name))))


def _not_a_name_word(word: str) -> bool:
    lower = word.lower()
    return lower in NON_ORG_WORDS or lower in NUMBER_WORDS or lower in PLACE_WORDS or lower in REGION_WORDS


def _strip_function_words(words: list[str]) -> list[str]:
    """Drop leading and trailing words that cannot be part of a name (sentence-initial 'Le', 'En'...).
    A place before a local body's noun stays ("Rennes Métropole"), and so does "France" opening a name ("France
    Travail", "France Assureurs", "France Télévisions") and a place opening a firm's name of three words or more
    ("Zurich Insurance Group")."""
    while words and words[0].lower().strip(".'’") in _NOT_NAME_OPENERS and not (
            len(words) > 1 and (words[1] in _LOCAL_BODY_TAILS or words[0] == "France"
                                or (len(words) > 2 and _FIRM_TAIL.search(words[-1])))
            and words[0].lower() in PLACE_WORDS):
        words = words[1:]
    while len(words) > 1 and words[-1].lower().strip(".'’") in NON_ORG_WORDS and words[-1] not in _NAME_TAILS:
        words = words[:-1]
    return words


_NOT_NAME_OPENERS = NON_ORG_WORDS | PLACE_WORDS
_NUMBER_AFTER = re.compile(r" \d")
_NAME_WORD_BEFORE = re.compile(rf"(?<![\w'’])([{UPPER}][\w&'’\-]*) $")
# The words before a name that make it a place or a product (looked up in sets: a regular expression searched
# before every name cost a tenth of finding them): "son usine de Pierre-Bénite", "its plant in Douai" (a site's
# noun, then a preposition); "its Sovereign Cloud", "our Datadog integration" (a possessive)
_SITE_NOUNS = frozenset("usine usines site sites hangar hangars entrepôt entrepôts locaux campus plant plants factory "
                        "factories facility facilities warehouse warehouses depot depots dépôt dépôts".split())
_SITE_PREPOSITIONS = frozenset("de d' d’ à near in at".split())
_POSSESSIVES = frozenset("its their our son sa ses leur leurs notre nos".split())
_SUPPLY_NOUN_AFTER = re.compile(r"['’]?s? (?:contracts?|licen[cs]es?|seats?|subscriptions?|accounts?|deployments?|"
                                r"platforms?|software|tools?|solutions?|systems?|services?|agreements?|deals?|"
                                r"contrats?|abonnements?|outils?|logiciels?|plateformes?)\b")


def _word_before(sentence: str, end: int) -> tuple[str, int]:
    """The word that ends at `end` (a space or an elision after it), in lowercase, and where it starts."""
    start = max(sentence.rfind(" ", 0, end - 1), sentence.rfind("\u00a0", 0, end - 1)) + 1
    return sentence[start:end].strip().lower(), start


def _place_or_product(sentence: str, offset: int, name: str) -> bool:
    """A site's place ("son usine de Pierre-Bénite") or a product after a possessive ("its Sovereign Cloud"),
    unless a supply noun follows ("its Notalis licences" name a supplier)."""
    if offset < 3 or sentence[offset - 1] not in " '’":
        return False
    word, start = _word_before(sentence, offset)
    if word in _POSSESSIVES:
        return not _SUPPLY_NOUN_AFTER.match(sentence, offset + len(name))
    if word.endswith(("'", "’")) and len(word) > 2:  # "usine d'Arras": the elision is a word of its own
        word, start = word[-2:], offset - 2
    return word in _SITE_PREPOSITIONS and start > 1 and _word_before(sentence, start)[0] in _SITE_NOUNS


_LOCAL_BODY_TAILS = frozenset({"Métropole", "Metropole", "Agglomération", "Agglo", "Habitat", "Communauté"})
_LAW_TAILS = frozenset({"Act", "Directive", "Regulation", "Règlement", "Bill"})
_LEADING_ARTICLE = re.compile(r"(?:[Ll]e |[Ll]a |[Ll]['’]|[Tt]he )")
_POSSESSIVE_PLACE = re.compile(r"['’]s$")
_LOWER_PREFIX = re.compile(r"[a-z]{1,3}[A-Z]")
_POSSESSIVE = re.compile(r"['’]s?$")
# a verb right after "X's": the "'s" belongs to the name ("Sainsbury's signed"), no possessive
_VERB_AFTER_POSSESSIVE = re.compile(
    r"\s+(?:has|have|had|is|was|will|would|said|says|signed|signs|chose|chooses|picked|selected|awarded|dropped|"
    r"renewed|extended|ended|switched|agreed|announced|became|joined|opted|rolled|deployed|moved|replaced|churned)\b")


class _Run(NamedTuple):
    """What a run of capitalised words says on its own, before the sentence and the document are asked."""

    shift: int  # where the name starts within the run
    name: str
    single: bool  # a one-word name
    person: bool  # a known first name and a capitalised word
    common: bool  # a one-word name that is a function word, a place or a descriptive compound
    opener: bool  # shaped like an adverb or connective that opens sentences
    participle: bool  # shaped like a participle, which opens sentences before a preposition
    frequent: bool  # a one-word name that is a frequent word of the language ("Existing", "Neither", "Question")
    organization: str | None  # the name without a possessive, when still a name
    clean: str | None  # that name without its legal form


@functools.lru_cache(maxsize=1 << 16)
def _read_run(run: str) -> _Run | None:
    """The name a capitalised run holds, or None; the same run recurs across sentences and documents."""
    text = run.rstrip(".")
    elision = _ELISION.match(text)
    if elision:
        text = text[elision.end():]
    words = text.split(" ")
    # "London-based Halden AI", "Berlin's Kontext AI": the place is not part of the name
    while len(words) > 1 and (_BASED.match(words[0]) or _POSSESSIVE_PLACE.search(words[0])):
        if not _BASED.match(words[0]) and all(_not_a_name_word(w) for w in words[1:]):
            words = words[:1]  # "Kevara's GPU cloud": what follows the possessive names nobody, Kevara is the name
            break
        words = words[1:]
    kept = _strip_function_words(words)
    if elision:
        # "L'équipementier Valeo": the common noun the elision opened describes the name after it
        while len(kept) > 1 and kept[0][:1].islower() and not _LOWER_PREFIX.match(kept[0]):
            kept = kept[1:]
    # "Lumora CEO Aurélien Marchetti", "Kestrel PDG Jean Morel": a job title ends the firm's name, and the
    # person after it is no part of it
    title = next((i for i, w in enumerate(kept) if i and w.lower().strip(".") in _TITLES), None)
    if title is not None:
        kept = _strip_function_words(kept[:title])
    if len(words) > 1 and words[-1] in _LAW_TAILS:
        return None  # "the European Chips Act": a law, not a firm
    if not kept or not kept[0][:1].isupper() and not _LOWER_PREFIX.match(kept[0]):
        return None
    if all(_not_a_name_word(w) for w in kept):
        return None  # "Ten AI deals this week", "North America"
    name = " ".join(kept)
    if len(name) < 2 or name.isdigit() or _LEGAL_FORM_ALONE.fullmatch(name):
        return None
    single = len(kept) == 1
    organization = name
    possessive = _POSSESSIVE.search(name)
    if possessive:  # "Halden's models": the name is Halden
        organization = name[:possessive.start()]
        if len(organization) < 2:
            organization = None
    return _Run(
        shift=(elision.end() if elision else 0) + text.find(name), name=name, single=single,
        person=_is_person(kept),
        common=single and bool(name.lower() in NON_ORG_WORDS or name.lower() in PLACE_WORDS
                               or _DESCRIPTIVE_COMPOUND.match(name)),
        opener=bool(_SENTENCE_OPENER.match(name)),
        participle=single and bool(_PARTICIPLE.match(name)),
        frequent=single and name.lower() in common_words(),
        organization=organization,
        clean=_LEGAL_TAIL.sub("", organization) if organization else None,
    )


Runs = list[tuple[int, _Run]]  # where each capitalised run that holds a name starts, and what it says


def sentence_runs(sentence: str) -> Runs:
    return [(start, run) for start, text in _capital_runs(sentence) if (run := _read_run(text)) is not None]


def document_runs(sentences: list[str]) -> list[Runs]:
    """`sentence_runs` of every sentence of a document, from one scan of them joined by line breaks.

    No run crosses or looks behind a line break, so the scan finds what it finds sentence by sentence.
    (Polars' engine was no faster here: on varied text it spends more building its automaton for this
    pattern than Python spends scanning.)
    """
    runs: list[Runs] = [[] for _ in sentences]
    starts, at = [], 0
    for sentence in sentences:
        starts.append(at)
        at += len(sentence) + 1
    k = 0
    for position, text in _capital_runs("\n".join(sentences)):
        run = _read_run(text)
        if run is None:
            continue
        while k + 1 < len(starts) and starts[k + 1] <= position:
            k += 1
        runs[k].append((position - starts[k], run))
    return runs


def find_spans(sentence: str, blocked: list[tuple[int, int]] = (), known_words: frozenset[str] = frozenset(),
               known_people: frozenset[str] = frozenset(), opener_is_subject: bool = False,
               patterns: SpanFilter = EVERY_PATTERN, runs: Runs | None = None) -> list[Span]:
    """All non-overlapping organisation, person and anaphor spans of a sentence, in order.

    `blocked` spans (money, dates) are never names. A single capitalised word
    that opens the sentence is a name only when the document also uses it
    mid-sentence or twice (`known_words`), or it is a reference alias, or it opens a
    sentence with a deal cue or a paragraph (`opener_is_subject`: "Datacrue a signé...") and is not
    a frequent word of the language ("Neither company commented"):
    "Fondamentalement" and "Cheap labour..." open sentences. A single word
    that is the surname of a person named in the document is that person.
    `patterns` (see `span_filters`) skips the patterns that cannot match, and
    `runs` are the sentence's `sentence_runs` when they are already known.
    """
    spans: list[Span] = []
    taken = [False] * (len(sentence) + 1)
    for start, end in blocked:
        start, end = max(start, 0), min(end, len(sentence))
        if start < end:
            taken[start:end] = [True] * (end - start)

    def add(span: Span) -> None:
        if any(taken[span.start:span.end]):
            return
        taken[span.start:span.end] = [True] * (span.end - span.start)
        spans.append(span)

    may_alias, may_public_body, may_anaphor = patterns
    pattern = _alias_pattern() if may_alias else None
    if pattern is not None:
        aliases = organization_aliases()
        for m in pattern.finditer(sentence):
            before = _NAME_WORD_BEFORE.search(sentence, max(0, m.start() - 40), m.start())
            if before and not taken[before.start(1)] and before.group(1).lower() not in _NOT_NAME_OPENERS:
                continue  # "Northumbria Healthcare NHS Foundation Trust": a longer name holds the reference name
            # extend a reference name by a following capitalised word ("Amazon" + "Web Services" is an alias itself)
            canonical, org_type = aliases[m.group(0)]
            end = m.end()
            # "Samsung SDS", "Salesforce Ventures Group": a reference name followed by acronyms or name tails
            tail = _ALIAS_TAIL.match(sentence, end)
            if tail and not any(w.lower() in NON_ORG_WORDS or w.lower() in PLACE_WORDS for w in tail.group(0).split()):
                end = tail.end()  # "Orange Business", "Samsung SDS": a division keeps its own name
            add(Span(m.start(), end, sentence[m.start():end], "organization", sentence[m.start():end],
                     org_type if end == m.end() else ""))
    if may_public_body:
        for m in _PUBLIC_BODY.finditer(sentence):
            lead = _LEADING_ARTICLE.match(m.group(0))
            start = m.start() + (lead.end() if lead else 0)
            name = sentence[start:m.end()]
            if _BARE_LOWERCASE_HEAD.fullmatch(name):
                continue  # "an office in New York", "sa direction des données": a common noun, no body's name
            add(Span(start, m.end(), name, "organization", name, "public_body" if _is_public_body(name) else ""))
        for m in _LOCAL_BODY.finditer(sentence):
            if sentence.endswith(("en ", "in "), 0, m.start()):
                continue  # "un bureau en région Bretagne": a place
            lead = _LEADING_ARTICLE.match(m.group(0))
            start = m.start() + (lead.end() if lead else 0)
            name = sentence[start:m.end()]
            add(Span(start, m.end(), name, "organization", name, "public_body"))
    if may_anaphor:
        for m in _ANAPHOR.finditer(sentence):
            if any(taken[m.start():m.end()]) or _begins_a_name(sentence, m) or _GROUP_OF.match(sentence, m.start()):
                continue
            add(Span(m.start(), m.end(), m.group(0), "anaphor", None))
        for m in _SPEAKER.finditer(sentence):
            add(Span(m.start(), m.end(), m.group(0), "anaphor", None))
        for m in _PRONOUN.finditer(sentence):
            if _CLAUSE_OPENS.search(sentence, max(0, m.start() - 8), m.start()):
                add(Span(m.start(), m.end(), m.group(0), "anaphor", None))
    for run_start, run in sentence_runs(sentence) if runs is None else runs:
        name = run.name
        offset = run_start + run.shift
        if any(taken[offset:offset + len(name)]):
            if run.organization and _COORDINATED.search(run.organization):
                # "Index Ventures and Kima": a reference name took its part of the run, the other names stay
                for part_offset, part in _coordinated_names(run.organization, known_words):
                    add(Span(offset + part_offset, offset + part_offset + len(part), part, "organization",
                             _LEGAL_TAIL.sub("", part)))
            continue
        # "l'armement Kerlédan": a one-word name after a common noun is a firm, even named after a person
        firm = run.single and bool(_FIRM_NOUN_BEFORE.search(sentence, max(0, offset - 40), offset))
        if run.person or (run.single and name in known_people and not firm):
            add(Span(offset, offset + len(name), name, "person", None))
            continue
        if run.common or (run.single and name.isupper() and _NUMBER_AFTER.match(sentence, offset + len(name))):
            continue  # "SOC 2", "ISO 27001": an acronym numbered is a standard or a product
        if _place_or_product(sentence, offset, name):
            continue
        opener = run.opener or (run.participle and bool(_AFTER_PARTICIPLE.match(sentence, offset + len(name))))
        if (run.single and name not in known_words and (opener or run.frequent or not opener_is_subject)
                and _opens_sentence(sentence, offset)):
            continue  # a single word that opens the sentence ("Existing investors X and Y also took part")
        if run.organization is None:
            continue
        if (offset <= 16 and _is_byline(sentence, offset, name)) or _told_as_person(sentence, offset, name):
            add(Span(offset, offset + len(name), name, "person", None))
            continue
        organization, clean = run.organization, run.clean
        if organization != name and _VERB_AFTER_POSSESSIVE.match(sentence, offset + len(name)):
            organization = clean = name  # "Sainsbury's signed", "McDonald's has chosen": the "'s" is the name's own
        for part_offset, part in _coordinated_names(organization, known_words):
            start = offset + part_offset
            add(Span(start, start + len(part), part, "organization", _LEGAL_TAIL.sub("", part) if part != organization
                     else clean, "company" if firm else ""))
    if len(spans) < 2:
        return spans
    spans.sort(key=_START)
    return _drop_introducing_anaphors(sentence, spans) if may_anaphor else spans


_START = operator.attrgetter("start")

# "Gradient Ventures and Okta Ventures", "Lux Capital and Playground Global": two names when the left side ends
# in a word that ends names of funds or firms and the right side has two words or more; "Johnson and Johnson",
# "Marks and Spencer" stay one.
_COORDINATED = re.compile(r" (?:and|et) ")
_FUND_TAIL = re.compile(rf"{INVESTOR_TAIL}$")
_FIRM_TAIL = re.compile(rf"(?:{INVESTOR_TAIL}|Labs?|Group|Groupe|Holdings?|Technologies|Systems|Robotics|Health|AI|IA|"
                        r"Partnership|Foundation|Trust|Corporation|Company|Associates|Consulting)$")


def _coordinated_names(name: str, known: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """(offset, name) of the names a capitalised run coordinates; the run itself when it is one name."""
    m = _COORDINATED.search(name)
    if not m:
        return [(0, name)]
    left, right = name[:m.start()], name[m.end():]
    if _named_alone(left, known) and _named_alone(right, known):
        # "Harbordyne and Maersk have signed": each is named on its own elsewhere, or is a known organisation
        return [(0, left), (m.end(), right)]
    # "Lux Capital and Playground Global": a fund's name, then a name of two words or more; "Point Nine and HV
    # Capital": a name of two words or more, then a fund's name; "Thessaly Compute and Schneider Electric": two
    # names of two words or more (names that hold an "and" join single words: "Marks and Spencer"); "Seedcamp and
    # Frontline Ventures": a fund's name of two words after any name; "Notion Capital and Seedcamp": any name after a
    # fund's name of two words
    if _FUND_TAIL.search(left) and " " in left:
        return [(0, left), *((m.end() + o, part) for o, part in _coordinated_names(right))]
    if " " not in right or not (_FIRM_TAIL.search(left) or " " in left or _FUND_TAIL.search(right)):
        return [(0, name)]
    return [(0, name[:m.start()]), *((m.end() + o, part) for o, part in _coordinated_names(name[m.end():]))]


def _named_alone(name: str, known: frozenset[str]) -> bool:
    return name in known or name in organization_aliases()


def _drop_introducing_anaphors(sentence: str, spans: list[Span]) -> list[Span]:
    """"la start-up lyonnaise Quantiq": the anaphor introduces the name that follows, it does not replace it."""
    kept_spans = []
    for i, span in enumerate(spans):
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        if (span.kind == "anaphor" and span.text.lower() not in SPEAKERS | PRONOUNS
                and nxt is not None and nxt.kind == "organization"
                and _APPOSITION_GAP.match(sentence[span.end:nxt.start])
                and not any(w in NON_ORG_WORDS for w in _DESCRIPTOR_OF.sub(" ", sentence[span.end:nxt.start]).split())):
            continue
        kept_spans.append(span)
    return kept_spans
