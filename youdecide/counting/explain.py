"""Words for outcomes: amounts, ordinals, and the :class:`Outcome` every rule returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from youdecide.counting.election import APPROVAL, CHOOSE_ONE, Election
from youdecide.counting.ties import Tie

MoneyFormat = Callable[[int], str]

_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


def money_format(currency: str = "") -> MoneyFormat:
    """``12000 -> '£12,000'`` for GBP, ``'12,000 PLN'`` for other codes, ``'12,000'`` without one."""
    symbol = _SYMBOLS.get(currency.upper())

    def fmt(amount: int) -> str:
        if symbol:
            return f"-{symbol}{-amount:,}" if amount < 0 else f"{symbol}{amount:,}"
        return f"{amount:,} {currency}".rstrip()

    return fmt


def ordinal(n: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def score_word(election: Election) -> str:
    """What a project's score counts: ``votes`` for approval and choose-1 ballots, ``points`` otherwise."""
    return "votes" if election.vote_type in (APPROVAL, CHOOSE_ONE) else "points"


@dataclass
class Outcome:
    """The result of counting: what is funded, why each project is or is not, and every tie."""

    rule: str
    budget: int
    #: Project ids in the order the rule selected them.
    selected: list[str]
    #: One sentence per project id (every project, file order).
    explanations: dict[str, str]
    ties: list[Tie] = field(default_factory=list)
    #: A project given what was left when partial funding is asked for: ``(id, amount)``.
    partial: tuple[str, int] | None = None
    #: Rule-specific figures (e.g. the per-voter budget MES ended with).
    details: dict[str, Any] = field(default_factory=dict)
    costs: dict[str, int] = field(default_factory=dict)

    @property
    def spent(self) -> int:
        return sum(self.costs[p] for p in self.selected) + (self.partial[1] if self.partial else 0)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape the command line prints with ``--json``."""
        chosen = set(self.selected)
        data: dict[str, Any] = {
            "rule": self.rule,
            "budget": self.budget,
            "spent": self.spent,
            "selected": list(self.selected),
            "projects": {
                pid: {"selected": pid in chosen, "explanation": text}
                for pid, text in self.explanations.items()
            },
            "ties": [t.as_dict() for t in self.ties],
        }
        if self.partial:
            data["partial"] = {"project": self.partial[0], "amount": self.partial[1]}
            data["projects"][self.partial[0]]["partial_amount"] = self.partial[1]
        if self.details:
            data["details"] = self.details
        return data
