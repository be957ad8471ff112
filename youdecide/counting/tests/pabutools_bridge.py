"""Test-only: the same election in pabutools (the reference implementation), to compare outcomes."""

from __future__ import annotations

from typing import Any

from pabutools.election import (
    ApprovalBallot,
    ApprovalMultiProfile,
    ApprovalProfile,
    CumulativeBallot,
    CumulativeProfile,
    Instance,
    Project,
)

from youdecide.counting import APPROVAL, CHOOSE_ONE, Election


def to_pabutools(election: Election) -> tuple[Any, Any]:
    """(instance, profile) for pabutools; project names are our ids."""
    projects = {p.id: Project(p.id, p.cost) for p in election.projects}
    instance = Instance(projects.values(), budget_limit=election.budget)
    if election.vote_type in (APPROVAL, CHOOSE_ONE):
        profile: Any = ApprovalProfile(
            [ApprovalBallot(projects[pid] for pid in ballot.projects) for ballot in election.ballots]
        )
        if len(election.ballots) > 50:
            profile = ApprovalMultiProfile(profile=profile)
    else:
        profile = CumulativeProfile(
            [
                CumulativeBallot(
                    {projects[pid]: pts for pid, pts in zip(b.projects, b.points or (), strict=True)}
                )
                for b in election.ballots
            ]
        )
    return instance, profile


def pabutools_mes(election: Election, increment: int | None) -> list[str]:
    from pabutools.election import Additive_Cardinal_Sat, Cost_Sat
    from pabutools.rules import method_of_equal_shares

    instance, profile = to_pabutools(election)
    sat = Cost_Sat if election.vote_type in (APPROVAL, CHOOSE_ONE) else Additive_Cardinal_Sat
    result = method_of_equal_shares(instance, profile, sat_class=sat, voter_budget_increment=increment)
    return [p.name for p in result]


def pabutools_phragmen(election: Election) -> list[str]:
    from pabutools.rules import sequential_phragmen

    instance, profile = to_pabutools(election)
    return [p.name for p in sequential_phragmen(instance, profile)]


def pabutools_max_welfare_value(election: Election) -> int:
    from pabutools.election import Additive_Cardinal_Sat, Cardinality_Sat
    from pabutools.rules import max_additive_utilitarian_welfare

    instance, profile = to_pabutools(election)
    sat = Cardinality_Sat if election.vote_type in (APPROVAL, CHOOSE_ONE) else Additive_Cardinal_Sat
    result = max_additive_utilitarian_welfare(instance, profile, sat_class=sat)
    scores = dict(zip((p.id for p in election.projects), election.scores(), strict=True))
    return sum(scores[p.name] for p in result)
