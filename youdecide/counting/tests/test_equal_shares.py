"""Method of Equal Shares: exact prices, completions, explanations, and the published MES elections."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from youdecide.counting import Election, count, make_election, read_pabulib
from youdecide.counting.published import compare_with_published
from youdecide.counting.rules.equal_shares import mes_runs
from youdecide.counting.tests.conftest import fixture


def test_mes_prices_are_exact_shares() -> None:
    # 3 voters, budget 900: 300 each. a (600) is approved by all: 200 each.
    # b (300) by voters 1 and 2, who have 100 left each: they cannot afford it; c (100) by voter 3 can.
    election = make_election(
        [("a", 600), ("b", 300), ("c", 100)], [["a", "b"], ["a", "b"], ["a", "c"]], budget=900
    )
    result, runs, _ = mes_runs(election, [0, 1, 2])
    assert [r.project for r in result.rounds] == [0, 2]
    assert result.rounds[0].rho == Fraction(200)
    assert runs == 1
    outcome = count(election, rule="equalshares")
    assert outcome.selected == ["a", "c"]
    assert outcome.explanations["a"].startswith("funded 1st by equal shares: its 3 supporters paid 200 each")
    assert "could still pay only 200 between them; it costs 300" in outcome.explanations["b"]


def test_poor_supporters_pay_what_they_have() -> None:
    # 300 each. a (600, 3 supporters) goes first at 200 each; voter 3 has 100 left, so for c (250)
    # voter 3 pays 100 and voter 4 the other 150.
    election = make_election(
        [("c", 250), ("a", 600)], [["a"], ["a"], ["a", "c"], ["c"]], budget=1200, currency="EUR"
    )
    outcome = count(election, rule="equalshares")
    assert outcome.selected == ["a", "c"]
    assert outcome.explanations["c"] == (
        "funded 2nd by equal shares: its 2 supporters paid €150 each, "
        "except 1 who had less left and paid all they had; costs €250"
    )


def test_exact_ties_are_broken_by_file_order_and_logged() -> None:
    election = make_election([("x", 100), ("y", 100), ("z", 150)], [["x"], ["y"], ["z"]], budget=300)
    outcome = count(election, rule="equalshares")
    assert outcome.selected[:2] == ["x", "y"]
    assert outcome.ties[0].tied == ("x", "y")
    assert outcome.ties[0].chosen == "x"
    reverse = count(election, rule="equalshares", tie_break="id-order")
    assert reverse.selected[0] == "x"


def test_fast_path_equals_exact_path() -> None:
    election = read_pabulib(fixture("Poland_Swiecie_2023.pb"))
    ranks = list(range(len(election.projects)))
    fast, _, _ = mes_runs(election, ranks, "none")
    exact, _, _ = mes_runs(election, ranks, "none", exact=True)
    assert fast.selected == exact.selected
    assert [r.rho for r in fast.rounds] == [r.rho for r in exact.rounds]


@pytest.mark.parametrize(
    "name", ["Netherlands_Assen_2024.pb", "Poland_Swiecie_2023.pb", "Poland_Wieliczka_2023_Green_Budget.pb"]
)
def test_published_equal_shares_elections_are_reproduced(name: str) -> None:
    election = read_pabulib(fixture(name))
    outcome = count(election)
    comparison = compare_with_published(election, outcome)
    assert comparison is not None and comparison.same, comparison


def test_wieliczka_raises_the_budget_about_165_times() -> None:
    election = read_pabulib(fixture("Poland_Wieliczka_2023_Green_Budget.pb"))
    outcome = count(election, rule="equalshares/add1")
    assert 160 <= outcome.details["steps"] <= 170
    assert outcome.details["runs"] <= outcome.details["steps"] + 2


def test_comparison_keeps_greedy_when_more_voters_prefer_it() -> None:
    election = read_pabulib(fixture("Netherlands_Assen_2024.pb"))
    outcome = count(election, rule="equalshares/add1-comparison")
    assert outcome.details["kept"] == "greedy"
    assert (
        outcome.details["comparison"]["prefer_greedy"] > outcome.details["comparison"]["prefer_equal_shares"]
    )


def test_add1_exhaustive_stops_at_first_exhaustive_outcome() -> None:
    election = read_pabulib(fixture("Netherlands_Assen_2024.pb"))
    full = count(election, rule="equalshares/add1")
    first = count(election, rule="equalshares/add1-exhaustive")
    assert first.details["steps"] <= full.details["steps"]
    assert first.spent <= election.budget


def test_cumulative_points_are_utilities() -> None:
    election = make_election(
        [("a", 500), ("b", 500)],
        [{"a": 3, "b": 1}, {"a": 1, "b": 3}, {"a": 2, "b": 2}],
        budget=600,
        vote_type="cumulative",
    )
    outcome = count(election, rule="equalshares")
    assert outcome.selected == ["a"]
    assert "per point" in outcome.explanations["a"]


def _tied_election(rng: random.Random) -> Election:
    """A random election built to tie: few ballot patterns, round costs, budgets near the prices."""
    m = rng.randint(2, 8)
    costs = [rng.choice([10, 20, 30, 60, 100, rng.randint(1, 200)]) for _ in range(m)]
    projects = [(f"p{i}", cost) for i, cost in enumerate(costs)]
    voters = rng.randint(1, 250)
    if rng.random() < 0.6:
        patterns = [rng.sample(range(m), rng.randint(0, m)) for _ in range(rng.randint(1, 6))]
        ballots: list[list[str]] | list[dict[str, int]] = [
            [f"p{i}" for i in rng.choice(patterns)] for _ in range(voters)
        ]
        kind = "approval"
    else:
        ballots = [
            {f"p{i}": rng.randint(1, 4) for i in rng.sample(range(m), rng.randint(1, m))}
            for _ in range(voters)
        ]
        kind = "cumulative"
    budget = rng.choice(
        [sum(costs) // 2, sum(costs) // 3, rng.randint(1, sum(costs)), voters * rng.randint(1, 5)]
    )
    return make_election(projects, ballots, budget=max(budget, 1), vote_type=kind)


@pytest.mark.parametrize("seed", range(4))
def test_fast_path_equals_exact_path_on_tied_elections(seed: int) -> None:
    # The float path (warm starts, early exits, payments in floats) against the all-exact path: same
    # projects, exact prices, ties and reruns (and the same with steps skipped), on elections where
    # exact ties and near-ties are common.
    rng = random.Random(seed)
    for _ in range(60):
        election = _tied_election(rng)
        ranks = list(range(len(election.projects)))
        rng.shuffle(ranks)
        for completion in ("none", "add1", "add1-exhaustive"):
            fast, fast_runs, _ = mes_runs(election, ranks, completion, skip=False)
            exact, exact_runs, _ = mes_runs(election, ranks, completion, exact=True, skip=False)
            skipping, _, _ = mes_runs(election, ranks, completion)
            assert fast.selected == exact.selected == skipping.selected
            assert fast.b0 == exact.b0 == skipping.b0
            assert fast_runs == exact_runs
            assert [(r.rho, r.paid_all, r.tied) for r in fast.rounds] == [
                (r.rho, r.paid_all, r.tied) for r in exact.rounds
            ]


def test_supported_projects_costing_nothing_are_funded_first() -> None:
    election = make_election(
        [("a", 0), ("b", 100), ("c", 0), ("d", 0)], [["a", "b"], ["b"], ["c"]], budget=150
    )
    for rule in ("equalshares", "equalshares/add1", "equalshares/add1-exhaustive"):
        outcome = count(election, rule=rule)
        assert outcome.selected == ["a", "c", "b"]
        assert outcome.explanations["a"] == "funded first: it costs nothing and has supporters"
        assert outcome.explanations["d"] == "not funded: nobody voted for it"


def test_a_supporter_left_with_exactly_the_price_is_not_counted_as_having_less() -> None:
    # Round 2 (p0 at 5/3 per point): one supporter has exactly 5/3 * u left. The float path and the
    # exact path both say that no supporter had less than the price.
    election = make_election(
        [("p0", 20), ("p1", 10), ("p2", 10), ("p3", 60), ("p4", 60)],
        [
            {"p0": 4, "p2": 4},
            {"p3": 3, "p2": 3, "p0": 4},
            {"p2": 3},
            {"p1": 3},
            {"p0": 3},
            {"p0": 1, "p1": 2, "p4": 1},
            {"p2": 2, "p3": 3, "p4": 1},
            {"p4": 4, "p3": 2, "p1": 1},
        ],
        budget=80,
        vote_type="cumulative",
    )
    ranks = list(range(5))
    for exact in (False, True):
        result, _, _ = mes_runs(election, ranks, "none", exact=exact)
        assert result.selected == [2, 0, 1]
        assert [r.rho for r in result.rounds] == [Fraction(5, 6), Fraction(5, 3), Fraction(5, 3)]
        assert [r.paid_all for r in result.rounds] == [0, 0, 0]
