"""A candidate fact as a sentence states it, and the view of a sentence the voices read."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipelines.extract.abstract import Abstracted, Mention, abstract
from pipelines.extract.cues import CUES, Cue


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
