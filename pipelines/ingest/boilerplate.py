"""Drop the lines of web furniture that copy-pasted articles carry along.

Menus, share buttons, comment forms, image credits and tag clouds are not
news, and left in place they produce false facts ("0" read as an amount,
a caption read as a sentence). The rules are generic, French and English,
and line-based, plus three that look at neighbours: a caption above a
credit line, the list under a "Read more" header, and readers' comments
closing the page. The cost of a wrong drop is a lost fact, so a line that
reads like a real sentence (long, or several words ending with a full stop)
is only dropped for a distinctive phrase: legal and comment-form notices,
cookie banners, newsletter pitches, "Lire aussi" links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .normalisation import collapse_spaces, normalise_text
from .title import guess_title

# Longer than this, a line is article text whatever it starts with.
LONG_LINE = 200
# Legal notices (cookies, comment forms, copyright) can be long, but not this long.
LEGAL_LINE = 500
# A list of links under a "Read more" header is not longer than this.
MAX_LINK_LIST = 12

# Whole lines that are user-interface labels (compared lowercased, quotes
# straightened, surrounding punctuation and symbols removed).
UI_LINES = frozenset({
    # navigation
    "menu", "main menu", "menu principal", "close", "fermer", "open", "ouvrir", "search", "rechercher",
    "recherche", "accueil", "home", "home page", "page d'accueil", "skip to content", "skip to main content",
    "aller au contenu", "aller au contenu principal", "passer au contenu", "back to top", "retour en haut",
    "haut de page", "next", "previous", "suivant", "précédent", "article suivant", "article précédent",
    "next article", "previous article", "next post", "previous post", "load more", "voir plus",
    "afficher plus", "show more", "en savoir plus", "learn more", "read more", "lire la suite",
    "continue reading", "continuer la lecture", "sommaire", "table of contents", "table des matières",
    "toggle navigation", "navigation", "sections", "rubriques",
    # sharing and following
    "share", "partager", "partagez", "share this", "share this article", "share this story",
    "partager cet article", "partager l'article", "partagez cet article", "tweet", "tweeter", "print",
    "imprimer", "copy link", "copier le lien", "lien copié", "link copied", "follow us", "suivez-nous",
    "suivez nous", "facebook", "twitter", "linkedin", "whatsapp", "instagram", "youtube", "tiktok",
    "pinterest", "telegram", "reddit", "flipboard", "threads", "bluesky", "mastodon", "email", "e-mail",
    "mail", "rss",
    # related and latest content
    "latest news", "latest", "dernières actualités", "dernières news", "dernières infos", "à la une",
    "a la une", "les plus lus", "most read", "most popular", "trending", "tendances", "related articles",
    "related posts", "related stories", "related", "articles similaires", "articles liés",
    "articles connexes", "à lire aussi", "a lire aussi", "lire aussi", "read also", "see also",
    "voir aussi", "sur le même thème", "sur le même sujet", "dans la même rubrique", "you may also like",
    "vous aimerez aussi", "recommended", "recommandé", "recommandés",
    "pour aller plus loin", "à découvrir", "à découvrir aussi", "more news", "more stories",
    # advertising and subscriptions
    "advertisement", "advertising", "publicité", "sponsored", "sponsorisé", "contenu sponsorisé",
    "sponsored content", "partner content", "contenu partenaire", "newsletter", "newsletters",
    "subscribe", "s'abonner", "abonnez-vous", "je m'abonne", "inscrivez-vous", "s'inscrire",
    "sign up", "sign in", "log in", "login", "logout", "se connecter", "connexion", "se déconnecter",
    "register", "créer un compte", "mon compte", "my account",
    # cookie buttons
    "accept", "accept all", "accept cookies", "accepter", "tout accepter", "accepter et fermer",
    "refuser", "tout refuser", "reject", "reject all", "continuer sans accepter", "personnaliser",
    "paramétrer", "cookie settings", "manage cookies", "paramètres des cookies", "gérer les cookies",
    "gérer mes choix", "ok", "j'accepte", "i agree", "agree", "got it", "compris",
    # comments
    "commentaires", "commentaire", "comments", "comment", "répondre", "reply", "laisser un commentaire",
    "leave a comment", "leave a reply", "laisser une réponse", "post comment", "publier le commentaire",
    "laisser un commentaire annuler la réponse", "annuler la réponse", "cancel reply", "envoyer",
    "submit", "valider", "nom", "name", "site web", "website", "votre commentaire", "your comment",
    "aucun commentaire", "no comments", "no comments yet", "soyez le premier à commenter",
    "be the first to comment", "rejoindre la discussion", "join the discussion",
    # tags
    "tags", "mots-clés", "mots clés", "étiquettes", "catégories", "categories", "topics",
    # footer and privacy links
    "about", "about us", "à propos", "qui sommes-nous", "contact", "contact us", "nous contacter",
    "nous écrire", "advertise", "annonceurs", "mentions légales", "legal notice", "legal", "privacy",
    "privacy policy", "politique de confidentialité", "confidentialité", "données personnelles",
    "gestion des cookies", "politique cookies", "cookie policy", "cgu", "cgv", "conditions générales",
    "conditions générales d'utilisation", "terms", "terms and conditions", "terms of use",
    "terms of service", "plan du site", "sitemap", "accessibilité", "accessibility", "faq", "aide",
    "help", "we value your privacy", "nous respectons votre vie privée", "vos choix", "your privacy choices",
    "privacy settings", "se désabonner", "désabonnement", "unsubscribe", "lire dans le navigateur",
    "voir dans le navigateur", "view in browser", "view in your browser", "voir la version en ligne",
})
# Headers of a list of links to other articles: the list under them goes too.
LINK_LIST_HEADERS = frozenset({
    "sur le même thème", "sur le même sujet", "dans la même rubrique", "à lire aussi", "a lire aussi",
    "lire aussi", "à lire également", "lire également", "voir aussi", "read more", "read also", "see also",
    "related", "related articles", "related posts", "related stories", "latest news", "latest",
    "dernières actualités", "les plus lus", "most read", "most popular", "you may also like",
    "vous aimerez aussi", "à découvrir", "à découvrir aussi", "more news", "more stories", "recommended",
    "articles similaires", "articles liés", "articles connexes", "pour aller plus loin", "trending",
})
_COMMENT_SECTION = re.compile(
    r"^(?:\d+\s+)?(?:commentaires?|comments?|réactions?)(?:\s*\(?\d+\)?)?$"
    r"|^(?:laisser|ajouter|écrire|poster|publier) un commentaire$|^laisser une réponse$"
    r"|^(?:leave|add|post|write) a (?:comment|reply)$"
    r"|^comments are closed\b|^les commentaires sont fermés\b"
)

_SOCIAL_WORDS = frozenset({
    "facebook", "twitter", "x", "linkedin", "whatsapp", "instagram", "youtube", "tiktok", "pinterest",
    "telegram", "reddit", "flipboard", "threads", "bluesky", "mastodon", "email", "e-mail", "mail",
    "messenger", "copier", "copy", "print", "imprimer", "partager", "share", "tweet", "rss",
})

# Distinctive sentences of comment forms and site notices: dropped even
# though they read like sentences.
LEGAL_PHRASES = (
    "votre adresse e-mail ne sera pas publiée",
    "votre adresse email ne sera pas publiée",
    "votre adresse de messagerie ne sera pas publiée",
    "your email address will not be published",
    "your e-mail address will not be published",
    "les champs obligatoires sont indiqués avec",
    "les champs obligatoires sont marqués",
    "required fields are marked",
    "ce site utilise akismet",
    "this site uses akismet",
    "enregistrer mon nom, mon e-mail et mon site",
    "enregistrer mon nom, mon courriel",
    "save my name, email, and website",
    "save my name, email and website",
    "vous devez être connecté pour publier un commentaire",
    "you must be logged in to post a comment",
    "tous droits réservés",
    "all rights reserved",
    "droits de reproduction réservés",
    "comments are closed",
    "les commentaires sont fermés",
    "by signing up you agree",
    "by signing up, you agree",
    "en vous inscrivant, vous acceptez",
    "en vous inscrivant vous acceptez",
)
_COPYRIGHT_YEAR = re.compile(r"©\s*(?:\d{4}|[^\W\d_])")
# Newsletter sign-up pitches, dropped even when written as a sentence.
_NEWSLETTER_PITCH = re.compile(
    r"in your inbox|dans votre boîte (?:mail|e-mail|email|aux lettres|de réception)"
    r"|enter your e-?mail|saisissez votre (?:adresse|e-mail)|entrez votre (?:adresse|e-mail)"
)

# A cookie banner speaks for the site to the reader; an article about cookies does not.
_COOKIE_CONTEXT = re.compile(
    r"nous utilisons|we use|ce site utilise|this site uses|this website uses|notre site utilise"
    r"|our site uses|our website uses|en poursuivant votre navigation|en continuant à naviguer"
    r"|by continuing to (?:browse|use)|vous acceptez|you agree|you accept|you consent"
    r"|votre consentement|your consent|vos préférences|your preferences|gérer les cookies"
    r"|manage cookies|paramètres des cookies|cookie settings|accepter les cookies|accept cookies"
    r"|accept all|tout accepter"
)
_SITE_NOTICE = re.compile(r"\b(ce site|this site|this website|notre site|our site|our website|ce blog|this blog)\b")
_NOTICE_LINK_END = re.compile(r"(en savoir plus|learn more|read more|lire la suite|plus d'informations)\W*$")

# Lines introducing a link to another article: dropped even when the linked
# headline is a whole sentence, since its facts belong to another article.
_READ_ALSO = re.compile(
    r"^(?:à |a )?lire (?:aussi|également|egalement)\b|^à lire\b|^a lire\b|^(?:read|see) also\b"
    r"|^also read\b|^voir (?:aussi|également)\b|^related(?: articles?| stories| posts)?\s*:"
)
# Headers of link lists; only dropped when the line is not a sentence.
_LINK_LIST = re.compile(
    r"^(?:read|see) more\b|^lire la suite\b|^sur le même (?:thème|sujet)\b|^dans la même rubrique\b"
    r"|^(?:voir|afficher|lire) tou(?:s|tes) les\b|^(?:see|view|read) all\b"
    r"|^latest (?:news|stories|articles|posts)\b|^dernières (?:actualités|actus|nouvelles|infos)\b"
    r"|^(?:les plus lus|most read|most popular)\b"
)
_SHARE = re.compile(
    r"^(?:partager|partagez|share|tweet|tweeter|envoyer|imprimer|print|email|e-mail)"
    r"(?: (?:cet|cette|this|l'|l’)? ?(?:article|page|story|post|vidéo|video))?"
    r"(?: (?:sur|on|via|par|by|with) [\w .-]{1,30})?$"
)
_NEWSLETTER = re.compile(
    r"^(?:inscrivez-vous|abonnez-vous|s'abonner|s'inscrire|subscribe|sign up|je m'abonne)\b|newsletter"
)
_CREDIT = re.compile(
    r"^(?:crédits?|credits?)(?: (?:photos?|images?|illustrations?|vidéos?|videos?))?\s*[:：]"
    r"|^(?:photos?|images?|illustrations?|visuels?|légendes?|captions?|vidéos?)"
    r"(?: (?:credits?|crédits?|de une|d'illustration|d'en-tête))?\s*[:：]"
    r"|^(?:photo|image) (?:credit|by|par)\b"
    r"|^(?:©|\(c\)|copyright\b)",
    re.IGNORECASE,
)
_AI_ILLUSTRATION = re.compile(
    r"^(?:illustrations?|images?|photos?|visuels?|pictures?)\s+(?:a été |was |has been )?"
    r"(?:générée?s?|generated|créée?s?|created|réalisée?s?|produced|made)\s+"
    r"(?:par|by|with|avec|via|using|à l'aide)\b.{0,40}\b(?:ia|ai|intelligence artificielle|artificial intelligence)\b",
    re.IGNORECASE,
)
_AI_LABEL = re.compile(r"^(?:ai-generated|généré par ia|généré par l'ia|image ia|illustration ia)\b", re.IGNORECASE)
_COUNTER = re.compile(
    r"^\d{1,5}$"
    r"|^\d+\s*(?:commentaires?|comments?|réactions?|partages?|shares?|likes?|j'aime|vues|views|reviews|avis)$"
    r"|^\d+\s*min(?:utes?)?\.?\s*(?:de lecture|read|reading|to read)$"
    r"|^(?:temps de lecture|durée de lecture|lecture|reading time)\s*:?\s*\d+\s*min"
)
_SOURCE = re.compile(r"^sources?\s*[:：]\s*(.*)$", re.IGNORECASE)
_TAG_PREFIX = re.compile(
    r"^(?:tags?|mots[- ]clés?|étiquettes?|catégories?|categories|category|topics?|sujets?|thèmes?"
    r"|filed under|classé dans|publié dans|posted in|rubriques?)\s*[:：]",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"^(?:accueil|home)\s*[>›»/|]", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…][\"'»”’)\]]*$")
_ANY_FINAL_PUNCTUATION = re.compile(r"[.!?…:;,»\"”'’)\]]$")
_KEY_STRIP = " \t:;|›»>«<•·*-–—_=#/\\.…!?()[]{}\"'“”+"


def line_key(line: str) -> str:
    """A line as compared with the phrase lists: lowercase, straight quotes, no decoration."""
    key = line.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'").replace("‘", "'")
    key = " ".join(key.split()).strip(_KEY_STRIP)
    return key.casefold()


def reads_like_sentence(line: str) -> bool:
    """Long, or at least six words ending with a full stop: treat as article text."""
    line = line.strip()
    return len(line) > LONG_LINE or (bool(_SENTENCE_END.search(line)) and len(line.split()) >= 6)


def is_credit_line(line: str) -> bool:
    """An image credit or an 'AI-generated illustration' label."""
    stripped = line.strip().strip("()[]")
    if len(stripped) > LONG_LINE or (reads_like_sentence(stripped) and not stripped.startswith("©")):
        return False
    return bool(_CREDIT.match(stripped) or _AI_ILLUSTRATION.match(stripped) or _AI_LABEL.match(stripped))


def _glued_parts(token: str) -> int:
    """How many capitalised words a token is made of: 'BlockchainIntelligence' is 2."""
    parts = 1
    for i in range(1, len(token) - 1):
        if token[i - 1].islower() and token[i].isupper() and token[i + 1].islower():
            parts += 1
    return parts


def is_tag_line(line: str) -> bool:
    """Category names run together by a copy-paste: 'BlockchainIntelligence ArtificielleTechnologie'.

    Brand names such as 'DeepSeek' or 'OpenAI' are glued too, so it takes a
    line where every word is capitalised, at least half of them are glued,
    and three or more category words in all.
    """
    stripped = line.strip()
    if not stripped or len(stripped) > LONG_LINE or _ANY_FINAL_PUNCTUATION.search(stripped):
        return False
    tokens = stripped.split()
    if not all(token[0].isupper() and token.isalpha() for token in tokens):
        return False
    parts = [_glued_parts(token) for token in tokens]
    glued = sum(1 for count in parts if count > 1)
    return glued * 2 >= len(tokens) and sum(parts) >= 3


def _is_legal(line: str, key: str) -> bool:
    """Cookie banners, comment-form notices, copyright: dropped even when they read as sentences."""
    if len(line) > LEGAL_LINE:
        return False
    if any(phrase in key for phrase in LEGAL_PHRASES):
        return True
    if "cookie" in key and _COOKIE_CONTEXT.search(key):
        return True
    # every site-notice phrase holds "site" or "blog": most lines never reach the pattern
    if ("site" in key or "blog" in key) and _SITE_NOTICE.search(key) and _NOTICE_LINK_END.search(key + "."):
        return True
    if len(line) < 300 and _COPYRIGHT_YEAR.search(line):
        return True
    return line.lstrip().startswith("©") or key.startswith("copyright ")


_SHARE_LABEL = re.compile(r"^(?:partager|partagez|share(?: this)?(?: article| story| post)?|suivez-nous|follow us)(?: (?:sur|on))?\s*:?\s*")
_BUTTON_ROW = re.compile(r"^(?:\s*\[[^\[\]]{1,50}\]\s*)+$")
_BAR_SEPARATOR = re.compile(r"\s+[|·•]\s+|\s*\|\s*")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?$")
_CRUMB_SEPARATOR = re.compile(r"\s+[>›»/]\s+")


def _is_social_bar(key: str) -> bool:
    """'Facebook Twitter LinkedIn', or 'Partager : Facebook | X | E-mail'."""
    key = _SHARE_LABEL.sub("", key)
    segments = [seg.strip() for seg in re.split(r"[|,/·•]", key) if seg.strip()]
    if segments and all(seg in _SOCIAL_WORDS or seg in UI_LINES for seg in segments) and len(segments) > 1:
        return True
    words = key.split()
    return bool(words) and all(word in _SOCIAL_WORDS for word in words)


def _is_ui_segment(segment: str) -> bool:
    key = line_key(segment)
    return (
        not key
        or key in UI_LINES
        or key in _SOCIAL_WORDS
        or bool(_BUTTON_ROW.match(segment))
        or (segment.rstrip().endswith("*") and len(key.split()) <= 3)  # a form field label
    )


def is_navigation_bar(line: str) -> bool:
    """Menu or footer links on one line: 'News | Startups | Funding | Events'.

    Every part is an interface label, or there are four or more short parts
    and no digits (a table row of deals has amounts, a menu does not).
    """
    stripped = line.strip()
    if _BUTTON_ROW.match(stripped):
        return True
    segments = [seg for seg in _BAR_SEPARATOR.split(stripped) if seg.strip()]
    if len(segments) < 2:
        return False
    if all(_is_ui_segment(seg) for seg in segments):
        return True
    return (
        len(segments) >= 4
        and not any(c.isdigit() for c in stripped)
        and all(len(seg.split()) <= 4 and not _ANY_FINAL_PUNCTUATION.search(seg.strip()) for seg in segments)
    )


def heads_table(line: str, next_line: str | None) -> bool:
    """'Société | Ville | Montant | Tour' above a rule line or a row of as many cells with figures: the header
    of a table, which names its columns (pipelines/extract/tables.py), not a menu."""
    bars = line.strip().strip("|").count("|")
    if bars < 2 or next_line is None:
        return False
    following = next_line.strip()
    if _TABLE_RULE.match(following):
        return True
    return following.strip("|").count("|") == bars and any(c.isdigit() for c in following)


def is_breadcrumb(line: str) -> bool:
    """'Start-up > Agritech', 'Public Sector / AI': short capitalised parts, no digits."""
    stripped = line.strip()
    segments = _CRUMB_SEPARATOR.split(stripped)
    return (
        len(segments) >= 2
        and len(stripped) < 80
        and not any(c.isdigit() for c in stripped)
        and not _ANY_FINAL_PUNCTUATION.search(stripped)
        and all(seg and seg[0].isupper() and len(seg.split()) <= 3 for seg in segments)
    )


def is_boilerplate(line: str) -> bool:
    """Whether one line, taken on its own, is web furniture rather than article text."""
    stripped = line.strip()
    if not stripped:
        return False
    if len(stripped) > LEGAL_LINE:  # past the longest notice, and long lines are article text
        return False
    key = line_key(stripped)
    if _is_legal(stripped, key):
        return True
    if len(stripped) > LONG_LINE:
        return False
    if not key:
        return True  # only symbols: separators, bullets, icons
    if _READ_ALSO.match(key):
        return True
    if len(stripped) < 160 and _NEWSLETTER_PITCH.search(key):
        return True
    if reads_like_sentence(stripped):
        return False
    if is_navigation_bar(stripped) or is_breadcrumb(stripped):
        return True
    if _LINK_LIST.match(key):
        return True
    if key in UI_LINES or _is_social_bar(key) or _SHARE.match(key):
        return True
    if _NEWSLETTER.search(key) and len(stripped) < 160:
        return True
    if is_credit_line(stripped) or _COUNTER.match(key) or _TAG_PREFIX.match(stripped):
        return True
    if _BREADCRUMB.match(stripped) or is_tag_line(stripped):
        return True
    source = _SOURCE.match(stripped)
    if source:
        rest = source.group(1).strip()
        return len(rest) < 60 and len(rest.split()) <= 6  # nothing, or just a site's name
    return False


def _is_caption(line: str, next_line: str | None) -> bool:
    """An image's alt text or caption: no final punctuation, right before a credit line."""
    stripped = line.strip()
    return (
        next_line is not None
        and is_credit_line(next_line)
        and len(stripped) <= 300
        and not _ANY_FINAL_PUNCTUATION.search(stripped)
        and not reads_like_sentence(stripped)
    )


def is_link_list_header(line: str) -> bool:
    """'Sur le même thème', 'Read more:' alone on a line: links to other articles follow."""
    return line_key(line) in LINK_LIST_HEADERS


def _looks_like_link(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) < 150 and not reads_like_sentence(stripped)


def comment_section_start(lines: list[str]) -> int | None:
    """Where the readers' comments begin, if they close the page.

    Comments repeat, deny or invent facts, so everything from their header
    on is dropped; but only when the header follows article sentences and
    less text comes after it than before, since a comment counter near the
    headline must not cut the article.
    """
    seen_sentence = False
    before = 0
    total = sum(len(line.strip()) for line in lines)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if seen_sentence and stripped and _COMMENT_SECTION.match(line_key(stripped)):
            after = total - before - len(stripped)
            if after < before:
                return index
        seen_sentence = seen_sentence or reads_like_sentence(stripped)
        before += len(stripped)
    return None


def _remove_lines(lines: list[str], known_titles: set[str]) -> list[str]:
    next_non_blank: list[str | None] = [None] * len(lines)
    upcoming: str | None = None
    for index in range(len(lines) - 1, -1, -1):
        next_non_blank[index] = upcoming
        if lines[index].strip():
            upcoming = lines[index]

    kept: list[str] = []
    in_link_list = False
    links_seen = 0
    for index, line in enumerate(lines):
        if in_link_list:
            if not line.strip():
                in_link_list = links_seen == 0  # blank lines may follow the header, not split the list
                continue
            if _looks_like_link(line) and links_seen < MAX_LINK_LIST:
                links_seen += 1
                continue
            in_link_list = False
        if is_boilerplate(line) and not heads_table(line, next_non_blank[index]):
            if is_link_list_header(line):
                in_link_list, links_seen = True, 0
            continue
        if collapse_spaces(line) not in known_titles and _is_caption(line, next_non_blank[index]):
            continue
        kept.append(line)
    return kept


def _drop_repeated_headlines(lines: list[str], known_titles: set[str]) -> list[str]:
    headlines = set(known_titles)
    first = next((collapse_spaces(line) for line in lines if line.strip()), None)
    if first and guess_title(first):
        headlines.add(first)
    seen: set[str] = set()
    result: list[str] = []
    for line in lines:
        compact = collapse_spaces(line)
        if compact in headlines:
            if compact in seen:
                continue
            seen.add(compact)
        result.append(line)
    return result


def remove_boilerplate(text: str, titles: Iterable[str | None] = ()) -> str:
    """The text without furniture lines, readers' comments, and later repeats of the headline.

    `titles` are headlines known from metadata; the first line of what is
    left counts as one too when it looks like a headline. The first
    occurrence of a headline is kept, verbatim repeats further down go.
    """
    lines = text.split("\n")
    cut = comment_section_start(lines)
    if cut is not None:
        lines = lines[:cut]
    known = {collapse_spaces(t) for t in titles if t and t.strip()}
    kept = _remove_lines(lines, known)
    return normalise_text("\n".join(_drop_repeated_headlines(kept, known)))
