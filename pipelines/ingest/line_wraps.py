"""Undo hard line wrapping: PDF extracts, plain-text e-mails and wire feeds break sentences every 70-odd
characters, and hyphenate words across the break ("assu-" / "rance").

A name broken over two lines ("la Caisse" / "nationale de l'assurance maladie") is then read whole, and a
hyphenated word is one word again. A line is joined to the next only when the next one goes on in lowercase
and the first does not end a sentence, or the first is long, stops on a lowercase word or a comma and the next
goes on with a number, a bracket or a quote: a new paragraph, a heading, a list item or a line of a table starts
otherwise and stays on its own line.
"""

from __future__ import annotations

import re

from pipelines.reference import common_words

# Each pattern opens on the line break, which `re` finds with a plain substring search; what comes before the
# break is looked at behind it. (Opened on the word before it, they tripled the cost of reading a file.)
# Lines are stripped already (normalisation.normalise_text).
# a line with text that does not end a sentence, a break, and a line that goes on in lowercase
_WRAP = re.compile(r"\n(?<=[^\s.!?:;]\n)(?=[a-zà-ÿ])")
# a break before a number, a bracket or a quote: joined after a long line that stops on a lowercase word or a
# comma ("estimé à" / "0,7 M€"); a short line before a number is a heading before a date or a figure
_BEFORE_NUMBER = re.compile(r"\n(?<=[a-zà-ÿ,]\n)(?=[\d(«“])")
_LONG_LINE = 50
# a word cut by a hyphen at the end of a line, then its end on the next line; a compound of names
# ("Aix-" / "Marseille") keeps its hyphen
_HYPHENATED = re.compile(r"-\n(?<=\w-\n)([a-zà-ÿ]+)")
_WORD_BEFORE = re.compile(r"\w+$")
_NAME_COMPOUND = re.compile(r"-\n(?<=\w-\n)(?=[A-ZÀ-Þ][a-zà-ÿ])")


def _rejoin(text: str) -> str:
    """"place-" / "ment" is "placement"; "contrat-" / "cadre" stays "contrat-cadre": both halves are words."""
    words = common_words()
    out, last = [], 0
    for match in _HYPHENATED.finditer(text):
        head = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start()).group(0)
        tail = match.group(1)
        out.append(text[last:match.start()])
        out.append("-" + tail if head.lower() in words and tail in words else tail)
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def _join_before_number(match: re.Match[str]) -> str:
    line_start = match.string.rfind("\n", 0, match.start()) + 1
    return " " if match.start() - line_start >= _LONG_LINE else "\n"


def unwrap_lines(text: str) -> str:
    """The text with hard-wrapped lines joined into their paragraphs."""
    if "-\n" in text:
        text = _NAME_COMPOUND.sub("-", _rejoin(text))
    return _WRAP.sub(" ", _BEFORE_NUMBER.sub(_join_before_number, text))
