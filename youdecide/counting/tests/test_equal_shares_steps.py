"""The +1 completion of equal shares skips only steps whose outcome is the one already found."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from youdecide.counting import Election, make_election, read_pabulib
from youdecide.counting.election import CUMULATIVE
from youdecide.counting.rules.equal_shares import Profile, _Run, mes_runs
from youdecide.counting.rules.equal_shares_steps import steady_until
from youdecide.counting.tests.conftest import fixture


def _random_election(seed: int) -> Election:
    """A few voters, a pot of many units and costs in round tens (so equal prices and ties come up)."""
    rng = random.Random(seed)
    m = rng.randint(3, 8)
    projects = [(f"p{k}", 10 * rng.choice([5, 10, 10, 15, 20, 25, 40])) for k in range(m)]
    ids = [p for p, _ in projects]
    voters = rng.randint(2, 9)
    budget = rng.randint(2, 5) * sum(cost for _, cost in projects) // 4
    if seed % 3 == 0:
        ballots: list[dict[str, int]] | list[list[str]] = [
            {p: rng.randint(1, 4) for p in rng.sample(ids, rng.randint(1, m))} for _ in range(voters)
        ]
        return make_election(projects, ballots, budget=budget, vote_type=CUMULATIVE)
    ballots = [rng.sample(ids, rng.randint(1, m)) for _ in range(voters)]
    return make_election(projects, ballots, budget=budget)


@pytest.mark.parametrize("completion", ["add1", "add1-exhaustive"])
def test_skipping_finds_what_every_step_finds(completion: str) -> None:
    skipped = 0
    for seed in range(60):
        election = _random_election(seed)
        ranks = list(range(len(election.projects)))
        plain, plain_runs, _ = mes_runs(election, ranks, completion, skip=False)
        fast, fast_runs, _ = mes_runs(election, ranks, completion, skip=True)
        assert (seed, fast.selected, fast.b0) == (seed, plain.selected, plain.b0)
        assert [r.rho for r in fast.rounds] == [r.rho for r in plain.rounds]
        skipped += plain_runs - fast_runs
    assert skipped > 0


def test_every_budget_inside_the_interval_makes_the_same_decisions_at_the_same_prices() -> None:
    checked = 0
    for seed in range(40):
        election = _random_election(seed)
        profile = Profile(election)
        ranks = list(range(len(election.projects)))
        x = Fraction(election.budget, len(election.ballots)) + seed % 7
        steady = steady_until(profile, ranks, x)
        run = _Run(profile, x, ranks).run(explain=False)
        assert steady.rounds == [r.project for r in run.rounds]
        if steady.end is None:
            continue
        assert steady.end >= x
        inside = [x + (steady.end - x) * Fraction(k, 5) for k in range(5)]
        if steady.closed:
            inside.append(steady.end)
        for budget in inside:
            run = _Run(profile, budget, ranks).run(explain=True)
            assert [r.project for r in run.rounds] == steady.rounds
            assert [r.rho for r in run.rounds] == [const + slope * budget for const, slope in steady.prices]
            checked += 1
    assert checked > 100


def test_a_pot_in_pence_with_few_voters_needs_few_counts() -> None:
    # 13 voters and £10,000 in pence: the plain +1 loop counts tens of thousands of times.
    rng = random.Random(13)
    projects = [(f"p{k}", 100 * rng.choice([500, 1000, 1500, 2000, 2500])) for k in range(12)]
    ids = [p for p, _ in projects]
    ballots = [rng.sample(ids, rng.randint(1, 5)) for _ in range(13)]
    election = make_election(projects, ballots, budget=1_000_000)
    ranks = list(range(len(election.projects)))
    result, runs, _ = mes_runs(election, ranks, "add1")
    steps = result.b0 - Fraction(election.budget, len(ballots))
    assert steps > 1_000
    assert runs < steps / 10


def test_published_elections_come_out_the_same_with_and_without_skipping() -> None:
    for name in ("Netherlands_Assen_2024.pb", "Poland_Zabrze_2020_Makoszowy.pb", "UK_Decision_Day_scores.pb"):
        election = read_pabulib(fixture(name))
        ranks = list(range(len(election.projects)))
        plain, _, _ = mes_runs(election, ranks, "add1", skip=False)
        fast, _, _ = mes_runs(election, ranks, "add1", skip=True)
        assert (name, fast.selected, fast.b0) == (name, plain.selected, plain.b0)
