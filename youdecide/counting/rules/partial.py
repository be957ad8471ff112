"""Optional partial funding: what is left goes to the best-scoring project that was not funded."""

from __future__ import annotations

from youdecide.counting.explain import Outcome
from youdecide.counting.rules.context import Context


def fund_partially(ctx: Context, outcome: Outcome) -> None:
    """Give what is left to the unfunded project with the highest score (votes or points), if any."""
    election = ctx.election
    left = election.budget - outcome.spent
    if left <= 0 or outcome.partial is not None:
        return
    chosen = set(outcome.selected)
    scores = election.scores()
    candidates = [i for i, p in enumerate(election.projects) if p.id not in chosen and scores[i] > 0]
    if not candidates:
        return
    best = min(candidates, key=lambda i: (-scores[i], ctx.ranks[i]))
    pid = election.projects[best].id
    outcome.partial = (pid, left)
    outcome.explanations[pid] += f"; partly funded with the {ctx.money(left)} left"
