"""How counting time grows with voters and with projects.

    .venv/bin/python bench/counting/scaling.py [--file Poland_Wieliczka_2023_Green_Budget.pb]

Voters: the election's ballots are resampled to 1x, 2x and 4x as many voters (seeded), and each
copy drops one of its projects half of the time so that the extra voters are not all duplicates of
existing ballots (identical ballots are grouped, which would hide the growth); the budget grows with
the voters (the same money per voter). Projects: each project is split into 1, 2 or 4 projects of the
same cost, each voter who approved it approving one of the parts at random, and the budget grows with
them. Times are for counting (not parsing), after a warm-up.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from youdecide.counting import Ballot, Election, count, read_pabulib
from youdecide.counting.election import Project


def more_voters(election: Election, factor: int, rng: random.Random) -> Election:
    ballots = list(election.ballots)
    for _ in range(len(election.ballots) * (factor - 1)):
        ballot = rng.choice(election.ballots)
        chosen = list(ballot.projects)
        if len(chosen) > 1 and rng.random() < 0.5:
            chosen.pop(rng.randrange(len(chosen)))
        ballots.append(Ballot(tuple(chosen)))
    return Election(
        projects=election.projects,
        ballots=ballots,
        budget=election.budget * factor,
        vote_type=election.vote_type,
    )


def more_projects(election: Election, factor: int, rng: random.Random) -> Election:
    projects = [Project(f"{p.id}#{k}", p.cost) for p in election.projects for k in range(factor)]
    ballots = [
        Ballot(tuple(f"{pid}#{rng.randrange(factor)}" for pid in b.projects)) for b in election.ballots
    ]
    return Election(
        projects=projects, ballots=ballots, budget=election.budget * factor, vote_type=election.vote_type
    )


def timed(election: Election, rule: str) -> tuple[float, object]:
    t = time.perf_counter()
    outcome = count(election, rule=rule)
    return time.perf_counter() - t, outcome.details.get("runs", "")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", default="/work/shared/pabulib")
    parser.add_argument("--file", default="Poland_Wieliczka_2023_Green_Budget.pb")
    args = parser.parse_args()
    base = read_pabulib(Path(args.dir) / args.file, strict=False)
    timed(base, "equalshares")  # warm-up: imports and caches
    print(f"{args.file}: {len(base.ballots):,} voters, {len(base.projects)} projects\n")
    print("| scale | distinct ballots | greedy | MES, one run | MES +1 until exhaustive | runs | per run |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, build in (("voters", more_voters), ("projects", more_projects)):
        for factor in (1, 2, 4):
            election = build(base, factor, random.Random(factor))
            distinct = len(election.utilities()[0])
            greedy, _ = timed(election, "greedy")
            single, _ = timed(election, "equalshares")
            full, runs = timed(election, "equalshares/add1-exhaustive")
            per_run = full / int(str(runs)) * 1000
            print(
                f"| {factor}x {label} | {distinct:,} | {greedy:.2f} s | {single:.3f} s "
                f"| {full:.2f} s | {runs} | {per_run:.1f} ms |",
                flush=True,
            )


if __name__ == "__main__":
    main()
