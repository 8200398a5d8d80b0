"""Turn a sentence and its mentions into an abstracted string for cue patterns.

"Sequoia invests $10M in Acme" becomes "⟦O0⟧ invests ⟦M1⟧ in ⟦O2⟧": patterns
then talk about positions of parties and amounts, not about their spelling.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field

# placeholder letter per mention type
LETTERS = {"organization": "O", "anaphor": "A", "person": "H", "money": "M", "percent": "P", "date": "D"}


_START = operator.attrgetter("start")


@dataclass
class Mention:
    mention_type: str
    start: int  # offsets within the sentence
    end: int
    text: str
    label: str | None = None  # organisation name as written, resolved within the document
    org_type: str = ""
    amount: float | None = None
    amount_low: float | None = None
    amount_high: float | None = None
    currency: str | None = None
    qualifier: str | None = None
    date_value: object | None = None
    date_precision: str | None = None


@dataclass
class Abstracted:
    text: str  # the sentence with placeholders
    mentions: list[Mention]
    positions: list[tuple[int, int]] = field(default_factory=list)  # placeholder span in `text`, per mention

    def mention_at(self, placeholder: str) -> Mention:
        return self.mentions[int(placeholder[2:-1])]


def abstract(sentence: str, mentions: list[Mention]) -> Abstracted:
    if not mentions:  # most sentences name nothing
        return Abstracted(sentence, [], [])
    ordered = sorted(mentions, key=_START)
    parts: list[str] = []
    positions: list[tuple[int, int]] = []
    cursor = 0
    length = 0
    kept: list[Mention] = []
    for m in ordered:
        if m.start < cursor:
            continue  # overlapping mention: the earlier one wins
        gap = sentence[cursor:m.start]
        parts.append(gap)
        length += len(gap)
        token = f"⟦{LETTERS[m.mention_type]}{len(kept)}⟧"
        positions.append((length, length + len(token)))
        parts.append(token)
        length += len(token)
        kept.append(m)
        cursor = m.end
    parts.append(sentence[cursor:])
    return Abstracted("".join(parts), kept, positions)
