"""Sequential Phragmén for participatory budgeting (approval and choose-1 ballots), exact.

Definition. Every voter carries a load, 0 at the start. Buying project ``j`` (cost ``c``) spreads
``c`` over its supporters so that they all end with the same load: the new load would be
``(c + sum of the supporters' loads) / (number of supporters)``. Each round the project giving the
smallest new load is bought and its supporters' loads set to it; exact equality goes to the
tie-break. The count stops as soon as a project with that smallest new load would not fit in what is
left of the budget (as pabutools does). Projects costing more than the whole budget are never
considered; projects nobody voted for are never bought.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from youdecide.counting.explain import Outcome, ordinal
from youdecide.counting.rules.context import Context
from youdecide.counting.rules.partial import fund_partially
from youdecide.counting.ties import Tie


def phragmen(ctx: Context, *, partial: bool = False) -> Outcome:
    election = ctx.election
    projects = election.projects
    money = ctx.money
    budget = election.budget
    groups, weights = election.utilities()
    w = np.asarray(weights, dtype=np.int64)
    supp: list[list[int]] = [[] for _ in projects]
    for g, (positions, _) in enumerate(groups):
        for j in positions:
            supp[j].append(g)
    supp_arr = [np.asarray(s, dtype=np.int64) for s in supp]
    score = [int(w[s].sum()) if len(s) else 0 for s in supp_arr]
    load_class = np.zeros(len(w), dtype=np.int64)
    load_values: list[Fraction] = [Fraction(0)]
    remaining = [j for j, p in enumerate(projects) if p.cost <= budget and score[j] > 0]
    spent = 0
    selected: list[str] = []
    ties: list[Tie] = []
    text: dict[int, str] = {}
    stop_note = ""
    round_no = 0
    while remaining:
        new_load: dict[int, Fraction] = {}
        for j in remaining:
            s = supp_arr[j]
            counts = np.bincount(load_class[s], weights=w[s], minlength=len(load_values))
            carried = sum(
                (load_values[k] * int(n) for k, n in enumerate(counts.tolist()) if n and load_values[k]),
                Fraction(0),
            )
            new_load[j] = (carried + projects[j].cost) / score[j]
        low = min(new_load.values())
        level = sorted((j for j in remaining if new_load[j] == low), key=lambda j: ctx.ranks[j])
        round_no += 1
        unfit = [j for j in level if spent + projects[j].cost > budget]
        if unfit:
            ids = ", ".join(projects[j].id for j in unfit)
            stop_note = f"counting stopped in round {round_no}: {ids} came next but did not fit"
            for j in unfit:
                text[j] = (
                    f"not funded: next in round {round_no} (new load {float(low):,.4g}), "
                    f"but costs {money(projects[j].cost)} with {money(budget - spent)} left; counting stops"
                )
            break
        if len(level) > 1:
            ctx.order_tied(level, f"round {round_no} of Phragmén (same new load)", ties)
        winner = level[0]
        spent += projects[winner].cost
        selected.append(projects[winner].id)
        load_values.append(low)
        load_class[supp_arr[winner]] = len(load_values) - 1
        remaining.remove(winner)
        text[winner] = (
            f"funded {ordinal(round_no)} by Phragmén: its {score[winner]:,} supporters' load rose to "
            f"{float(low):,.4g}; costs {money(projects[winner].cost)}, {money(budget - spent)} left"
        )
    for j, project in enumerate(projects):
        if j in text:
            continue
        if score[j] == 0:
            text[j] = "not funded: nobody voted for it"
        elif project.cost > budget:
            text[j] = f"not funded: costs {money(project.cost)}, more than the whole budget"
        else:
            text[j] = f"not funded: {stop_note}" if stop_note else "not funded"
    outcome = Outcome(
        rule="phragmen",
        budget=budget,
        selected=selected,
        explanations={p.id: text[i] for i, p in enumerate(projects)},
        ties=ties,
        costs={p.id: p.cost for p in projects},
    )
    if partial:
        fund_partially(ctx, outcome)
    return outcome
