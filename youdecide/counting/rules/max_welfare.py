"""Maximal utilitarian welfare: the set of projects within budget with the highest total score.

Definition. Among all sets of projects costing at most the budget, fund one with the largest total
score (votes for approval and choose-1 ballots, summed points otherwise; the same scores greedy
uses). This is a 0/1 knapsack, solved exactly in integers by branch and bound. When several sets
reach the best total, the tie-break decides project by project in its order: a project is funded if
some best set contains it together with the choices already made.
"""

from __future__ import annotations

import sys

from youdecide.counting.explain import Outcome
from youdecide.counting.rules.context import Context
from youdecide.counting.rules.partial import fund_partially
from youdecide.counting.ties import Tie


class _Knapsack:
    def __init__(self, costs: list[int], values: list[int], capacity: int) -> None:
        self.capacity = capacity
        # Items by value per cost, best first (exact comparison by cross-multiplication).
        order = [i for i in range(len(costs)) if values[i] > 0]
        order.sort(key=lambda i: (-values[i] / costs[i] if costs[i] else float("-inf"), i))
        self.order = order
        self.costs = costs
        self.values = values

    def _bound(self, k: int, cap: int, value: int, allowed: list[bool]) -> int:
        for i in self.order[k:]:
            if not allowed[i]:
                continue
            c = self.costs[i]
            if c <= cap:
                cap -= c
                value += self.values[i]
            else:
                return value + (self.values[i] * cap) // c
        return value

    def best(
        self, forced_in: set[int], forced_out: set[int], target: int | None = None
    ) -> tuple[int, list[int]] | None:
        """Best total (or any set reaching ``target``) with the forced choices; None if impossible."""
        cap0 = self.capacity - sum(self.costs[i] for i in forced_in)
        if cap0 < 0:
            return None
        base = sum(self.values[i] for i in forced_in)
        allowed = [i not in forced_in and i not in forced_out for i in range(len(self.costs))]
        best_value = -1 if target is None else target - 1
        best_set: list[int] | None = None
        chosen: list[int] = []
        order = self.order

        def dfs(k: int, cap: int, value: int) -> bool:
            nonlocal best_value, best_set
            while k < len(order) and not allowed[order[k]]:
                k += 1
            if value > best_value:
                best_value = value
                best_set = list(chosen)
                if target is not None:
                    return True
            if k == len(order) or self._bound(k, cap, value, allowed) <= best_value:
                return False
            i = order[k]
            if self.costs[i] <= cap:
                chosen.append(i)
                if dfs(k + 1, cap - self.costs[i], value + self.values[i]):
                    return True
                chosen.pop()
            return dfs(k + 1, cap, value)

        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 4 * len(order) + 100))
        try:
            dfs(0, cap0, base)
        finally:
            sys.setrecursionlimit(limit)
        if best_set is None:
            return None
        return best_value, sorted(set(best_set) | forced_in)


def max_welfare(ctx: Context, *, partial: bool = False) -> Outcome:
    election = ctx.election
    projects = election.projects
    money, word = ctx.money, ctx.word
    scores = election.scores()
    costs = [p.cost for p in projects]
    solver = _Knapsack(costs, scores, election.budget)
    found = solver.best(set(), set())
    optimum = found[0] if found else 0
    # Tie-break: decide project by project in tie-break order, keeping the optimum reachable.
    forced_in: set[int] = set()
    forced_out: set[int] = {j for j in range(len(projects)) if scores[j] <= 0}
    current = set(found[1]) if found else set()
    alternatives = False
    for j in sorted(range(len(projects)), key=lambda i: ctx.ranks[i]):
        if j in forced_out:
            continue
        if j in current:
            forced_in.add(j)
            continue
        trial = solver.best(forced_in | {j}, forced_out, target=optimum)
        if trial is not None:
            alternatives = True
            forced_in.add(j)
            current = set(trial[1])
        else:
            forced_out.add(j)
    chosen = sorted(forced_in, key=lambda i: ctx.ranks[i])
    ties: list[Tie] = []
    if alternatives:
        ids = tuple(projects[i].id for i in chosen)
        ties.append(
            Tie(
                step=f"several sets reach the best total of {optimum:,} {word}",
                tied=ids,
                chosen=ids[0] if ids else "",
                how=ctx.tie_break,
            )
        )
    spent = sum(costs[i] for i in chosen)
    text: dict[int, str] = {}
    for j, project in enumerate(projects):
        if j in forced_in:
            text[j] = (
                f"funded: part of the set with the highest total {word} ({optimum:,}) within the budget; "
                f"it adds {scores[j]:,} for {money(project.cost)}"
            )
        elif scores[j] <= 0:
            text[j] = f"not funded: no {word}"
        elif project.cost > election.budget - spent:
            text[j] = (
                f"not funded: {scores[j]:,} {word}; {money(election.budget - spent)} left, "
                f"costs {money(project.cost)}"
            )
        else:
            text[j] = f"not funded: {scores[j]:,} {word}; the best total within the budget leaves it out"
    outcome = Outcome(
        rule="max-welfare",
        budget=election.budget,
        selected=[projects[i].id for i in chosen],
        explanations={p.id: text[i] for i, p in enumerate(projects)},
        ties=ties,
        costs={p.id: p.cost for p in projects},
        details={"welfare": optimum},
    )
    if partial:
        fund_partially(ctx, outcome)
    return outcome
