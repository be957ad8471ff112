"""What every rule is given besides the election: tie-break order and how to write amounts."""

from __future__ import annotations

from dataclasses import dataclass

from youdecide.counting.election import Election
from youdecide.counting.explain import MoneyFormat, score_word
from youdecide.counting.ties import Tie


@dataclass
class Context:
    election: Election
    #: Place of each project (file order) in the tie-break order; lower wins.
    ranks: list[int]
    tie_break: str
    money: MoneyFormat

    @property
    def word(self) -> str:
        return score_word(self.election)

    def order_tied(self, positions: list[int], step: str, ties: list[Tie]) -> list[int]:
        """Sort tied project positions by the tie-break and log the tie when there is one."""
        ordered = sorted(positions, key=lambda i: self.ranks[i])
        if len(ordered) > 1:
            ids = tuple(self.election.projects[i].id for i in ordered)
            ties.append(Tie(step=step, tied=ids, chosen=ids[0], how=self.tie_break))
        return ordered
