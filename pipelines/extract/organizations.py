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
import re
from dataclasses import dataclass

from pipelines.reference import first_names, organization_aliases
from pipelines.reference.stopwords import NON_ORG_WORDS, PLACE_WORDS

UPPER = "A-ZÀ-ÖØ-Þ"
LOWER = "a-zß-öø-ÿ"
_WORD = rf"(?:[{UPPER}][\w&'’.+\-]*[\w+]|[{UPPER}]\.?|[{LOWER}]{{1,3}}[{UPPER}][\w\-]*|\d+[{UPPER}][\w\-]*)"
_CONNECT = r"(?: (?:de|of|du|des|&|and|for|für|van|von|der|la|le|di|del|da) | |-|\. ?)"
_CAPITAL_RUN = re.compile(rf"(?<![\w@#/]){_WORD}(?:{_CONNECT}{_WORD})*")

_PUBLIC_BODY = re.compile(
    r"(?<![\w])(?:[Ll]e |[Ll]a |[Ll]['’]|[Tt]he )?"
    r"(?:[Mm]inist[eè]re|[Mm]inistry|[Dd]epartment|[Dd]épartement|[Aa]gence|[Aa]gency|[Ss]ecr[ée]tariat|[Oo]ffice|"
    r"[Cc]ommission|[Dd]irection(?: générale)?|[ÉéEe]tat-major|[Mm]arine nationale|[Aa]rmée (?:de terre|de l['’]air))"
    rf"(?: (?:de la |de l['’]|des |du |de |d['’]|of the |of |for the |for )?(?:[{UPPER}][\w'’\-]*|armées|armement|"
    rf"l['’]armement|la défense|défense))?"
    rf"(?:(?: et | and | de la | de l['’]| des | du | de | d['’]| of the | of | for | aux | à la | )[{UPPER}][\w'’\-]*){{0,5}}"
)

_ANAPHOR = re.compile(
    r"(?i)(?<![\w])(?:la|le|ce|cette|sa|son|leur|l['’]|the|this|that|its|their) ?"
    r"(?:[\w.]+-based |[a-zà-ÿ]+(?:-[a-zà-ÿ]+)? ){0,2}?"
    r"(?:start-?up|startup|scale-?up|jeune pousse|pépite|entreprise|"
    r"société|firme|company|firm|fournisseur|supplier|vendor|provider|prestataire|éditeur|hébergeur|licorne|unicorn|"
    r"spécialiste|concurrent|rival|insurer|retailer|lender|bank|carrier|airline|automaker|carmaker|manufacturer|"
    r"developer|maker|operator|conglomerate|assureur|banque|distributeur|enseigne|constructeur|opérateur|"
    r"mutuelle|coopérative|armateur|logisticien|industriel)s?(?![\w])"
)

# Words that end names even though alone they are not names ("Scale AI", "Mistral AI", "Hugging Face Labs").
_NAME_TAILS = frozenset({"AI", "IA", "Labs", "Lab", "Group", "Groupe", "Capital", "Ventures", "Partners", "Data",
                         "Cloud", "Tech", "Technologies", "Systems", "Robotics", "Health", "Bio", "Energy"})
_ELISION = re.compile(r"^(?:[LlDd]['’]|[Qq]u['’])")

# Words that open sentences without being names: adverbs ("Fondamentalement", "Meanwhile") and
# hyphenated connectives ("Entre-temps", "Peut-être").
_SENTENCE_OPENER = re.compile(r"^(?:\w+ment|\w+-[a-zà-ÿ]+(?:-\w+)*)$")

# "Korean-language", "Paris-based", "AI-powered": adjectives, not names.
_DESCRIPTIVE_COMPOUND = re.compile(r"^[\w.]+(?:-[a-zà-ÿ]+)+$")

_BASED = re.compile(r"^[\w.]+-based$")

_ALIAS_TAIL = re.compile(rf"(?: (?:[A-Z]{{2,5}}|[{UPPER}][a-zà-ÿ]+)){{1,2}}(?![\w\-])")

_APPOSITION_GAP = re.compile(r"^ (?:[a-zà-ÿ\-]+ ){0,2}$")

_LEGAL_TAIL = re.compile(r"[\s,]+(?:Inc|Ltd|LLC|SA|SAS|SARL|Corp|GmbH|PLC|AG)\.?$")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    kind: str  # organization, person, anaphor
    name: str | None  # organisation name as written (None for anaphors)
    org_type: str = ""  # company, investor, public_body, or "" when unknown


@functools.cache
def _alias_pattern() -> re.Pattern[str] | None:
    aliases = sorted(organization_aliases(), key=len, reverse=True)
    if not aliases:
        return None
    body = "|".join(re.escape(a) for a in aliases if len(a) >= 2)
    return re.compile(rf"(?<![\w.\-])(?:{body})(?![\w\-])")


def _is_person(words: list[str]) -> bool:
    names = first_names()
    return len(words) >= 2 and words[0] in names and words[1][:1].isupper()


def _strip_function_words(words: list[str]) -> list[str]:
    """Drop leading and trailing words that cannot be part of a name (sentence-initial 'Le', 'En'...)."""
    while words and words[0].lower().strip(".'’") in NON_ORG_WORDS | PLACE_WORDS:
        words = words[1:]
    while len(words) > 1 and words[-1].lower().strip(".'’") in NON_ORG_WORDS and words[-1] not in _NAME_TAILS:
        words = words[:-1]
    return words


def find_spans(sentence: str, blocked: list[tuple[int, int]] = (), known_words: frozenset[str] = frozenset(),
               known_people: frozenset[str] = frozenset(), opener_is_subject: bool = False) -> list[Span]:
    """All non-overlapping organisation, person and anaphor spans of a sentence, in order.

    `blocked` spans (money, dates) are never names. A single capitalised word
    that opens the sentence is a name only when the document also uses it
    mid-sentence or twice (`known_words`), or it is a reference alias, or it opens a
    sentence with a deal cue (`opener_is_subject`: "Datacrue a signé..."):
    "Fondamentalement" and "Cheap labour..." open sentences. A single word
    that is the surname of a person named in the document is that person.
    """
    spans: list[Span] = []
    taken = [False] * (len(sentence) + 1)
    for start, end in blocked:
        for i in range(max(start, 0), min(end, len(sentence))):
            taken[i] = True

    def add(span: Span) -> None:
        if any(taken[span.start:span.end]):
            return
        for i in range(span.start, span.end):
            taken[i] = True
        spans.append(span)

    aliases = organization_aliases()
    pattern = _alias_pattern()
    if pattern is not None:
        for m in pattern.finditer(sentence):
            # extend a reference name by a following capitalised word ("Amazon" + "Web Services" is an alias itself)
            canonical, org_type = aliases[m.group(0)]
            end = m.end()
            # "Samsung SDS", "Salesforce Ventures Group": a reference name followed by acronyms or name tails
            tail = _ALIAS_TAIL.match(sentence, end)
            if tail and not any(w.lower() in NON_ORG_WORDS or w.lower() in PLACE_WORDS for w in tail.group(0).split()):
                end = tail.end()  # "Orange Business", "Samsung SDS": a division keeps its own name
            add(Span(m.start(), end, sentence[m.start():end], "organization", sentence[m.start():end],
                     org_type if end == m.end() else ""))
    for m in _PUBLIC_BODY.finditer(sentence):
        text = m.group(0)
        lead = re.match(r"(?:[Ll]e |[Ll]a |[Ll]['’]|[Tt]he )", text)
        start = m.start() + (lead.end() if lead else 0)
        add(Span(start, m.end(), sentence[start:m.end()], "organization", sentence[start:m.end()], "public_body"))
    for m in _ANAPHOR.finditer(sentence):
        if any(taken[m.start():m.end()]):
            continue
        add(Span(m.start(), m.end(), m.group(0), "anaphor", None))
    for m in _CAPITAL_RUN.finditer(sentence):
        text = m.group(0).rstrip(".")
        elision = _ELISION.match(text)
        if elision:
            text = text[elision.end():]
        words = text.split(" ")
        # "London-based Halden AI", "Berlin's Kontext AI": the place is not part of the name
        while len(words) > 1 and (_BASED.match(words[0]) or re.search(r"['’]s$", words[0])):
            words = words[1:]
        kept = _strip_function_words(words)
        if not kept or not kept[0][:1].isupper() and not re.match(r"[a-z]{1,3}[A-Z]", kept[0]):
            continue
        name = " ".join(kept)
        offset = m.start() + (elision.end() if elision else 0) + text.find(name)
        if len(name) < 2 or name.isdigit() or any(taken[offset:offset + len(name)]):
            continue
        if _is_person(kept) or (len(kept) == 1 and name in known_people):
            add(Span(offset, offset + len(name), name, "person", None))
            continue
        if len(kept) == 1 and (name.lower() in NON_ORG_WORDS or name.lower() in PLACE_WORDS
                               or _DESCRIPTIVE_COMPOUND.match(name)):
            continue
        opens_sentence = not sentence[:offset].strip(" -–—•*\"«“'")
        if (len(kept) == 1 and opens_sentence and name not in known_words
                and (_SENTENCE_OPENER.match(name) or not opener_is_subject)):
            continue
        possessive = re.search(r"['’]s?$", name)
        if possessive:  # "Halden's models": the name is Halden
            name = name[:possessive.start()]
            if len(name) < 2:
                continue
        clean = _LEGAL_TAIL.sub("", name)
        add(Span(offset, offset + len(name), name, "organization", clean))
    spans.sort(key=lambda s: s.start)
    # "la start-up lyonnaise Quantiq": the anaphor introduces the name that follows, it does not replace it
    kept_spans = []
    for i, span in enumerate(spans):
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        if (span.kind == "anaphor" and nxt is not None and nxt.kind == "organization"
                and _APPOSITION_GAP.match(sentence[span.end:nxt.start])
                and not any(w in NON_ORG_WORDS for w in sentence[span.end:nxt.start].split())):
            continue
        kept_spans.append(span)
    return kept_spans
