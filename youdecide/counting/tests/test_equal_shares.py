"""Method of Equal Shares: exact prices, completions, explanations, and the published MES elections."""

from __future__ import annotations

from fractions import Fraction

import pytest

from youdecide.counting import count, make_election, read_pabulib
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


def test_wieliczka_needs_about_165_reruns() -> None:
    election = read_pabulib(fixture("Poland_Wieliczka_2023_Green_Budget.pb"))
    outcome = count(election, rule="equalshares/add1")
    assert 160 <= outcome.details["runs"] <= 170


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
    assert first.details["runs"] <= full.details["runs"]
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
