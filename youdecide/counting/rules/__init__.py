"""Every rule by its pabulib name, and :func:`count`, which runs one on an election."""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from youdecide.counting.election import (
    APPROVAL,
    CHOOSE_ONE,
    CUMULATIVE,
    ORDINAL,
    SCORING,
    VOTE_TYPES,
    Election,
)
from youdecide.counting.explain import MoneyFormat, Outcome, money_format
from youdecide.counting.problems import RuleError
from youdecide.counting.rules.context import Context
from youdecide.counting.rules.greedy import greedy, threshold_of
from youdecide.counting.ties import tie_ranks


@dataclass(frozen=True)
class Rule:
    name: str
    run: Callable[[Context, bool], Outcome]
    vote_types: tuple[str, ...]
    summary: str


def _greedy(ctx: Context, partial: bool) -> Outcome:
    return greedy(ctx, partial=partial)


def _no_skip(ctx: Context, partial: bool) -> Outcome:
    return greedy(ctx, rule="greedy-no-skip", skip=False, partial=partial)


def _threshold(ctx: Context, partial: bool) -> Outcome:
    return greedy(ctx, rule="greedy-threshold", threshold=threshold_of(ctx), partial=partial)


def _exclusive(ctx: Context, partial: bool) -> Outcome:
    return greedy(ctx, rule="greedy-exclusive", exclusive=True, partial=partial)


def _custom(ctx: Context, partial: bool) -> Outcome:
    return greedy(ctx, rule="greedy-custom", skip=False, reserve_share=Fraction(4, 5), partial=partial)


def _mes(completion: str, comparison: bool = False) -> Callable[[Context, bool], Outcome]:
    def run(ctx: Context, partial: bool) -> Outcome:
        from youdecide.counting.rules.equal_shares import equal_shares

        return equal_shares(ctx, completion=completion, comparison=comparison, partial=partial)

    return run


def _phragmen(ctx: Context, partial: bool) -> Outcome:
    from youdecide.counting.rules.phragmen import phragmen

    return phragmen(ctx, partial=partial)


def _max_welfare(ctx: Context, partial: bool) -> Outcome:
    from youdecide.counting.rules.max_welfare import max_welfare

    return max_welfare(ctx, partial=partial)


_MES_KINDS = (APPROVAL, CHOOSE_ONE, CUMULATIVE, SCORING, ORDINAL)

RULES: dict[str, Rule] = {
    r.name: r
    for r in (
        Rule("greedy", _greedy, VOTE_TYPES, "fund by score, skipping what no longer fits"),
        Rule("greedy-no-skip", _no_skip, VOTE_TYPES, "fund by score, stop at the first that does not fit"),
        Rule(
            "greedy-threshold", _threshold, VOTE_TYPES, "greedy among projects reaching the score threshold"
        ),
        Rule("greedy-exclusive", _exclusive, VOTE_TYPES, "greedy, mutually exclusive projects"),
        Rule("greedy-custom", _custom, VOTE_TYPES, "Poznań: no-skip, then the 80% reserve rule"),
        Rule("equalshares", _mes("none"), _MES_KINDS, "Method of Equal Shares, no completion"),
        Rule("equalshares/add1", _mes("add1"), _MES_KINDS, "MES, +1 per voter while the outcome fits"),
        Rule(
            "equalshares/add1-exhaustive",
            _mes("add1-exhaustive"),
            _MES_KINDS,
            "MES, +1 per voter until the outcome is exhaustive (pabutools)",
        ),
        Rule(
            "equalshares/add1-comparison",
            _mes("add1", comparison=True),
            _MES_KINDS,
            "MES with +1, kept only if more voters prefer it to greedy",
        ),
        Rule("phragmen", _phragmen, (APPROVAL, CHOOSE_ONE), "sequential Phragmén"),
        Rule("max-welfare", _max_welfare, VOTE_TYPES, "maximal utilitarian welfare (exact knapsack)"),
    )
}


def count(
    election: Election,
    rule: str | None = None,
    tie_break: str = "file-order",
    *,
    partial: bool = False,
    money: MoneyFormat | None = None,
) -> Outcome:
    """Count ``election`` with ``rule`` (default: META ``rule``) and return the :class:`Outcome`.

    ``tie_break`` is one of :data:`ties.TIE_BREAKS`; ``partial`` gives what is left to the next project
    that did not fit; ``money`` formats amounts in explanations (default: the META currency).
    """
    name = (rule or election.rule or "").strip()
    if not name or name == "unknown":
        raise RuleError(
            "the election names no rule (META rule is missing or 'unknown'); choose one with --rule"
        )
    found = RULES.get(name)
    if found is None:
        raise RuleError(f"unknown rule {name!r}; expected one of {', '.join(RULES)}")
    if election.vote_type not in found.vote_types:
        raise RuleError(
            f"{name} cannot count {election.vote_type} ballots; "
            f"it takes {', '.join(found.vote_types)} ballots"
        )
    ctx = Context(
        election=election,
        ranks=tie_ranks(election, tie_break),
        tie_break=tie_break,
        money=money or money_format(election.currency),
    )
    collecting = gc.isenabled()
    gc.disable()  # counting makes many small acyclic objects; collecting them only costs time
    try:
        return found.run(ctx, partial)
    finally:
        if collecting:
            gc.enable()
