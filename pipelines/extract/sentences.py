"""Split cleaned text into sentences with exact character offsets.

Rule-based and language-aware enough for news prose: a sentence ends at . ! ?
or an ellipsis followed by a space and an upper-case letter, a digit, a quote
or a bracket, and at every line break (headlines, list items and captions are
their own sentences). Abbreviations (M., Mme., U.S., Inc., e.g.) and decimal
numbers do not end a sentence.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_ABBREVIATIONS = {
    "m", "mm", "mme", "mlle", "dr", "pr", "st", "ste", "mr", "mrs", "ms", "prof", "sr", "jr", "inc", "ltd",
    "co", "corp", "vs", "etc", "env", "cf", "no", "n°", "art", "av", "bd", "jan", "janv", "feb", "fév", "févr",
    "mar", "apr", "avr", "jun", "jul", "juil", "aug", "sep", "sept", "oct", "nov", "dec", "déc", "e.g", "i.e",
    "u.s", "u.k", "u.n", "approx", "dept", "gen", "gov", "sen", "rep", "est", "fig", "vol",
}

# abbreviations that are also words, and abbreviate only before a number
_BEFORE_A_NUMBER = {"no", "art", "fig", "vol"}

_LINES = re.compile(r"[^\n]+|\n")
# French guillemets take a space inside: "euros. « On a testé" starts a sentence, "raconte-t-il. » Puis" too
_END = re.compile(r"(?:[.!?]+|…)(?:[\"”’)\]]|\s?»)*(?=\s+(?:[\"“(\[]|«\s?)?[A-ZÀ-ÖØ-Þ0-9])")


class Sentence(NamedTuple):
    index: int
    paragraph: int
    start: int
    end: int
    text: str


def _ends_with_abbreviation(text: str, dot_pos: int) -> bool:
    """True when the dot at `dot_pos` closes an abbreviation or an initial, not a sentence."""
    j = dot_pos
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot_pos].lower()
    if not word:
        return False
    if word in _BEFORE_A_NUMBER:
        # "No. 5", "art. 12": before a number only; "No. Last month ..." is an answer that ends
        return text[dot_pos + 1:dot_pos + 3].lstrip()[:1].isdigit()
    if word in _ABBREVIATIONS or word.rstrip(".") in _ABBREVIATIONS:
        return True
    # single letters and dotted acronyms: "J. Smith", "U.S. Army"
    return len(word.replace(".", "")) == 1 or ("." in word and all(len(p) <= 2 for p in word.split(".")))


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    paragraph = 0
    for line_match in _LINES.finditer(text):
        chunk = line_match.group(0)
        if chunk == "\n":
            # a blank line between two lines starts a new paragraph
            if line_match.start() > 0 and text[line_match.start() - 1] == "\n":
                paragraph += 1
            continue
        base = line_match.start()
        start = 0
        for end_match in _END.finditer(chunk):
            stop = end_match.end()
            dot = end_match.start()
            if chunk[dot] == "." and _ends_with_abbreviation(chunk, dot):
                continue
            _append(sentences, chunk, base, start, stop, paragraph)
            start = stop
        _append(sentences, chunk, base, start, len(chunk), paragraph)
    return sentences


def _append(sentences: list[Sentence], chunk: str, base: int, start: int, stop: int, paragraph: int) -> None:
    piece = chunk[start:stop]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    if not piece:
        return
    begin = base + start + lead
    sentences.append(Sentence(len(sentences), paragraph, begin, begin + len(piece), piece))
