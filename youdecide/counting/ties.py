"""Deterministic tie-breaking, and the log of every tie and how it was broken.

Every rule, when two or more projects are exactly level, funds (or considers) first the project that
comes first in the chosen order:

- ``file-order`` (default, pabulib's convention): the order of the PROJECTS section, or of the
  project list given to :func:`count`.
- ``id-order``: project ids compared as text (pabutools' ``lexico_tie_breaking`` on project names).
- ``cheapest-first``: the lower cost first, then file order.
- ``most-supporters``: more voters who gave the project something first, then file order.
"""

from __future__ import annotations

from dataclasses import dataclass

from youdecide.counting.election import Election
from youdecide.counting.problems import RuleError

TIE_BREAKS = ("file-order", "id-order", "cheapest-first", "most-supporters")


@dataclass(frozen=True)
class Tie:
    """Projects that were exactly level at some step, and the one the tie-break put first."""

    step: str
    tied: tuple[str, ...]
    chosen: str
    how: str

    def __str__(self) -> str:
        return f"{self.step}: {', '.join(self.tied)} tied; {self.chosen} first by {self.how}"

    def as_dict(self) -> dict[str, object]:
        return {"step": self.step, "tied": list(self.tied), "chosen": self.chosen, "how": self.how}


def tie_ranks(election: Election, tie_break: str = "file-order") -> list[int]:
    """Each project's place in the tie-break order (0 = wins every tie), in file order."""
    projects = election.projects
    order = list(range(len(projects)))
    if tie_break == "file-order":
        pass
    elif tie_break == "id-order":
        order.sort(key=lambda i: projects[i].id)
    elif tie_break == "cheapest-first":
        order.sort(key=lambda i: (projects[i].cost, i))
    elif tie_break == "most-supporters":
        supporters = election.supporters()
        order.sort(key=lambda i: (-supporters[i], i))
    else:
        raise RuleError(f"unknown tie-break {tie_break!r}; expected one of {', '.join(TIE_BREAKS)}")
    ranks = [0] * len(projects)
    for rank, position in enumerate(order):
        ranks[position] = rank
    return ranks
