"""The greedy family: fund projects in decreasing order of score while they fit.

A project's score is its number of votes (approval, choose-1) or its summed points (cumulative,
scoring, and ordinal, where a ranking of length k gives k, k-1, ..., 1 points unless the ballot
carries its own). Level scores are ordered by the tie-break (file order by default), and every group
of level projects the count reaches is logged as a tie.

- ``greedy``: skip a project that no longer fits and go on down the list.
- ``greedy-no-skip``: stop at the first project that does not fit.
- ``greedy-threshold``: only projects whose score reaches META ``min_project_score_threshold`` are
  eligible; then ``greedy``.
- ``greedy-exclusive``: ``greedy``, but a project is passed over when a project it is mutually
  exclusive with (``Election.exclusions``) has been funded.
- ``greedy-custom`` (Poznań): ``greedy-no-skip``; then, if what is left covers at least 80% of the
  project that stopped the count, that project is funded from reserve funds (pabulib ``selected=2``).
"""

from __future__ import annotations

from fractions import Fraction

from youdecide.counting.explain import Outcome, ordinal
from youdecide.counting.problems import RuleError
from youdecide.counting.rules.context import Context
from youdecide.counting.ties import Tie


def score_order(ctx: Context, scores: list[int], ties: list[Tie], reached: int | None = None) -> list[int]:
    """Project positions by decreasing score, level scores by the tie-break (logged as ties)."""
    by_score: dict[int, list[int]] = {}
    for position, score in enumerate(scores):
        by_score.setdefault(score, []).append(position)
    order: list[int] = []
    for score in sorted(by_score, reverse=True):
        group = by_score[score]
        step = f"order by {ctx.word} ({score:,} each)"
        order.extend(ctx.order_tied(group, step, ties) if len(group) > 1 else group)
    return order


def greedy(
    ctx: Context,
    *,
    rule: str = "greedy",
    skip: bool = True,
    threshold: int | None = None,
    exclusive: bool = False,
    reserve_share: Fraction | None = None,
    partial: bool = False,
) -> Outcome:
    election = ctx.election
    projects = election.projects
    money, word = ctx.money, ctx.word
    scores = election.scores()
    all_ties: list[Tie] = []
    order = score_order(ctx, scores, all_ties)
    place = {position: n for n, position in enumerate(order, start=1)}
    conflicts: dict[str, set[str]] = {}
    if exclusive:
        for group in election.exclusions:
            for pid in group:
                conflicts.setdefault(pid, set()).update(group - {pid})

    remaining = election.budget
    selected: list[str] = []
    funded: set[str] = set()
    text: dict[int, str] = {}
    stopped_at: int | None = None
    reserve: list[str] = []
    first_unfit: int | None = None
    last_reached = len(order)
    for n, position in enumerate(order):
        project = projects[position]
        head = f"{ordinal(place[position])} by {word} ({scores[position]:,})"
        if stopped_at is not None:
            text[position] = (
                f"{head}; not reached: counting stopped at {projects[stopped_at].id}, "
                "the first project that did not fit"
            )
            continue
        if threshold is not None and scores[position] < threshold:
            text[position] = f"{head}; below the threshold of {threshold:,} {word}, so not eligible"
            continue
        clash = sorted(conflicts.get(project.id, set()) & funded)
        if clash:
            text[position] = f"{head}; excluded: mutually exclusive with {', '.join(clash)}, funded before it"
            continue
        if project.cost <= remaining:
            remaining -= project.cost
            selected.append(project.id)
            funded.add(project.id)
            text[position] = f"{head}; funded for {money(project.cost)}, {money(remaining)} left after it"
            continue
        if first_unfit is None:
            first_unfit = position
        text[position] = f"{head}; {money(remaining)} left, costs {money(project.cost)}"
        if not skip:
            stopped_at = position
            last_reached = n + 1
            if reserve_share is not None and remaining >= reserve_share * project.cost:
                reserve.append(project.id)
                text[position] += (
                    "; funded from reserve funds as what is left covers at least "
                    f"{float(reserve_share):.0%} of it"
                )
            else:
                text[position] += "; counting stops here"
    reached_ids = {projects[p].id for p in order[:last_reached]}
    ties = [t for t in all_ties if any(pid in reached_ids for pid in t.tied)]
    outcome = Outcome(
        rule=rule,
        budget=election.budget,
        selected=selected,
        explanations={p.id: text[i] for i, p in enumerate(projects)},
        ties=ties,
        costs={p.id: p.cost for p in projects},
    )
    if reserve:
        outcome.details["reserve_funded"] = reserve
    if partial and first_unfit is not None and remaining > 0 and not reserve:
        pid = projects[first_unfit].id
        outcome.partial = (pid, remaining)
        outcome.explanations[pid] += f"; partly funded with the {money(remaining)} left"
    return outcome


def threshold_of(ctx: Context) -> int:
    meta = ctx.election.meta
    text = meta.get("min_project_score_threshold", "").strip()
    if not text:
        raise RuleError("greedy-threshold needs META min_project_score_threshold")
    value = Fraction(text)
    return int(value) if value.denominator == 1 else int(value) + 1
