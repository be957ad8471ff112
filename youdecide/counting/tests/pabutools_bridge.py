"""Test-only: the same election in pabutools (the reference implementation), to compare outcomes.

Used by the tests and by ``bench/counting/pabutools_shared.py``; the product never imports pabutools.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pabutools.election import (
    ApprovalBallot,
    ApprovalMultiProfile,
    ApprovalProfile,
    CardinalBallot,
    CardinalProfile,
    CumulativeBallot,
    CumulativeProfile,
    Instance,
    OrdinalBallot,
    OrdinalProfile,
    Project,
)

from youdecide.counting import (
    APPROVAL,
    CHOOSE_ONE,
    CUMULATIVE,
    ORDINAL,
    SCORING,
    Election,
    count,
    read_pabulib,
)

#: Ballot kinds whose MES utilities are the project's cost (pabutools' ``Cost_Sat``): approval of the
#: chosen projects; a ranking counts as approval of the ranked projects.
COST_UTILITY_KINDS = (APPROVAL, CHOOSE_ONE, ORDINAL)
#: Ballot kinds pabutools can count for each comparison (the engine's Phragmén takes approval and
#: choose-1 only; pabutools' Borda points for rankings are not the engine's, so no ordinal max-welfare).
PHRAGMEN_KINDS = (APPROVAL, CHOOSE_ONE)
MAX_WELFARE_KINDS = (APPROVAL, CHOOSE_ONE, CUMULATIVE, SCORING)
#: What the shared-instance comparison covers.
SHARED_KINDS = (APPROVAL, CHOOSE_ONE, CUMULATIVE, ORDINAL, SCORING)


def to_pabutools(election: Election) -> tuple[Any, Any]:
    """(instance, profile) for pabutools; project names are our ids."""
    projects = {p.id: Project(p.id, p.cost) for p in election.projects}
    instance = Instance(projects.values(), budget_limit=election.budget)
    profile: Any
    if election.vote_type in (APPROVAL, CHOOSE_ONE):
        profile = ApprovalProfile(
            [ApprovalBallot(projects[pid] for pid in ballot.projects) for ballot in election.ballots]
        )
        if len(election.ballots) > 50:
            profile = ApprovalMultiProfile(profile=profile)
    elif election.vote_type == ORDINAL:
        profile = OrdinalProfile(
            [OrdinalBallot(projects[pid] for pid in b.projects) for b in election.ballots]
        )
    else:
        kind, ballot_kind = (
            (CumulativeProfile, CumulativeBallot)
            if election.vote_type == CUMULATIVE
            else (CardinalProfile, CardinalBallot)
        )
        profile = kind(
            [
                ballot_kind({projects[pid]: pts for pid, pts in zip(b.projects, b.points or (), strict=True)})
                for b in election.ballots
            ]
        )
    return instance, profile


def pabutools_mes(election: Election, increment: int | None) -> list[str]:
    from pabutools.election import Additive_Cardinal_Sat, Cost_Sat
    from pabutools.rules import method_of_equal_shares

    instance, profile = to_pabutools(election)
    sat = Cost_Sat if election.vote_type in COST_UTILITY_KINDS else Additive_Cardinal_Sat
    result = method_of_equal_shares(instance, profile, sat_class=sat, voter_budget_increment=increment)
    return [p.name for p in result]


def pabutools_phragmen(election: Election) -> list[str]:
    from pabutools.rules import sequential_phragmen

    instance, profile = to_pabutools(election)
    return [p.name for p in sequential_phragmen(instance, profile)]


def pabutools_max_welfare(election: Election) -> list[str]:
    """The projects of pabutools' maximal utilitarian welfare (votes, or summed points, as utilities)."""
    from pabutools.election import Additive_Cardinal_Sat, Cardinality_Sat
    from pabutools.rules import max_additive_utilitarian_welfare

    instance, profile = to_pabutools(election)
    sat = Cardinality_Sat if election.vote_type in (APPROVAL, CHOOSE_ONE) else Additive_Cardinal_Sat
    return [p.name for p in max_additive_utilitarian_welfare(instance, profile, sat_class=sat)]


def welfare(election: Election, selected: Iterable[str]) -> int:
    """Total utility of ``selected`` summed over the ballots as cast: one per approval, else the points."""
    chosen = set(selected)
    total = 0
    for ballot in election.ballots:
        points = ballot.points if ballot.points is not None else (1,) * len(ballot.projects)
        total += sum(u for pid, u in zip(ballot.projects, points, strict=True) if pid in chosen and u > 0)
    return total


def cost(election: Election, selected: Iterable[str]) -> int:
    costs = {p.id: p.cost for p in election.projects}
    return sum(costs[pid] for pid in set(selected))


def max_welfare_difference(election: Election) -> str | None:
    """None when the engine's max-welfare set is as good as pabutools' and both fit; else what differs.

    Both sets are judged by the same yardstick, computed here from the ballots (:func:`welfare`), not by
    the value either side reports; several sets may reach the best welfare, so the sets themselves may
    differ.
    """
    outcome = count(election, rule="max-welfare")
    theirs = pabutools_max_welfare(election)
    mine_welfare, their_welfare = welfare(election, outcome.selected), welfare(election, theirs)
    problems = []
    if cost(election, outcome.selected) > election.budget:
        problems.append(f"the engine's set costs {cost(election, outcome.selected)} > {election.budget}")
    if cost(election, theirs) > election.budget:
        problems.append(f"pabutools' set costs {cost(election, theirs)} > {election.budget}")
    if mine_welfare != their_welfare:
        problems.append(f"welfare {mine_welfare} (engine) != {their_welfare} (pabutools)")
    if outcome.details["welfare"] != mine_welfare:
        problems.append(
            f"the engine reports welfare {outcome.details['welfare']}, its set has {mine_welfare}"
        )
    return "; ".join(problems) or None


def supported_phragmen(election: Election) -> list[str]:
    """pabutools' Phragmén as a sorted set, without projects nobody voted for.

    pabutools may buy those at the very end, when everything else is bought; the engine never does.
    pabutools returns the set sorted, not in selection order.
    """
    supported = {pid for b in election.ballots for pid in b.projects}
    return sorted(pid for pid in pabutools_phragmen(election) if pid in supported)


def compare_with_pabutools(election: Election) -> dict[str, str | None]:
    """Each comparison that applies to the election's ballot kind: None when equal, else what differs."""
    results: dict[str, str | None] = {}
    mine = sorted(count(election, rule="equalshares/add1-exhaustive", tie_break="id-order").selected)
    theirs = sorted(pabutools_mes(election, 1))
    results["mes-add1"] = None if mine == theirs else f"engine {mine} != pabutools {theirs}"
    if election.vote_type in PHRAGMEN_KINDS:
        mine = sorted(count(election, rule="phragmen", tie_break="id-order").selected)
        theirs = supported_phragmen(election)
        results["phragmen"] = None if mine == theirs else f"engine {mine} != pabutools {theirs}"
    if election.vote_type in MAX_WELFARE_KINDS:
        results["max-welfare"] = max_welfare_difference(election)
    return results


def meta_of(path: Path) -> dict[str, str]:
    """The META section of a pabulib file, read without reading the rest."""
    meta: dict[str, str] = {}
    with path.open(encoding="utf-8-sig") as lines:
        next(lines, None)  # META
        next(lines, None)  # key;value
        for line in lines:
            if line.strip() == "PROJECTS":
                break
            key, _, value = line.rstrip("\r\n").partition(";")
            meta[key.strip()] = value.strip()
    return meta


def shared_instances(shared_dir: Path, max_voters: int, kinds: Iterable[str] = SHARED_KINDS) -> list[Path]:
    """The shared files of these ballot kinds with at most ``max_voters`` voters, by name."""
    wanted = set(kinds)
    chosen = []
    for path in sorted(shared_dir.glob("*.pb")):
        meta = meta_of(path)
        if meta.get("vote_type") in wanted and int(meta["num_votes"]) <= max_voters:
            chosen.append(path)
    return chosen


def compare_file(path: Path) -> tuple[Election, dict[str, str | None]]:
    election = read_pabulib(path, strict=False)
    return election, compare_with_pabutools(election)
