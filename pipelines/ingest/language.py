"""French or English, from the little words every sentence needs.

Only two languages matter to the extractors, so counting frequent
function words is enough and needs no model. Words that are common in
both languages ("a", "on", "plus") are left out of both lists.
"""

from __future__ import annotations

import re
from collections import Counter

FRENCH_WORDS = frozenset({
    "le", "la", "les", "un", "une", "des", "du", "de", "et", "est", "sont", "été", "ont", "avait",
    "dans", "pour", "avec", "sur", "par", "au", "aux", "ce", "cette", "ces", "qui", "que", "qu",
    "il", "elle", "ils", "elles", "nous", "vous", "leur", "leurs", "son", "sa", "ses", "mais",
    "ou", "où", "pas", "ne", "se", "en", "à", "aussi", "selon", "après", "avant", "depuis",
    "entre", "sans", "sous", "très", "lors", "dont", "être", "fait", "cet", "même",
})
ENGLISH_WORDS = frozenset({
    "the", "and", "of", "to", "in", "is", "was", "for", "that", "with", "as", "by", "at", "from",
    "it", "its", "this", "be", "has", "have", "had", "are", "were", "will", "which", "said",
    "an", "or", "but", "not", "their", "they", "he", "she", "his", "her", "been", "after",
    "also", "would", "about", "into", "than", "over", "who", "more", "our", "we", "new",
    "year", "last", "while", "according",
})

# Below this many function words the guess is a coin toss.
MIN_HITS = 5
# The winner needs this many times the other language's count.
MARGIN = 1.5

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str) -> str | None:
    """'fr', 'en', or None when the text is too short or too mixed to tell."""
    # counted in C, then looked up once per distinct word rather than once per word
    counts = Counter(_WORD.findall(text.lower()))
    french = sum(counts[word] for word in FRENCH_WORDS.intersection(counts))
    english = sum(counts[word] for word in ENGLISH_WORDS.intersection(counts) if word not in FRENCH_WORDS)
    if french + english < MIN_HITS:
        return None
    if french >= MARGIN * english and french > english:
        return "fr"
    if english >= MARGIN * french and english > french:
        return "en"
    return None
