"""The greedy family on hand-made elections and on the real fixtures' published outcomes."""

from __future__ import annotations

import pytest

from youdecide.counting import Election, RuleError, count, make_election, read_pabulib
from youdecide.counting.published import compare_with_published, published_selected
from youdecide.counting.tests.conftest import fixture


def _election(**meta: str) -> Election:
    # Votes: a 5, b 4, c 4, d 2, e 1
    ballots = [["a", "b", "c"]] * 2 + [["a", "b", "c", "d"]] * 2 + [["a", "e"]]
    projects = [("a", 6000), ("c", 5000), ("b", 3000), ("d", 1000), ("e", 500)]
    return make_election(projects, ballots, budget=10000, currency="GBP", **meta)


def test_greedy_skips_what_no_longer_fits() -> None:
    outcome = count(_election(), rule="greedy")
    # c and b both have 4 votes: file order puts c (listed first) ahead, and the tie is logged.
    assert outcome.ties and outcome.ties[0].tied == ("c", "b") and outcome.ties[0].chosen == "c"
    assert outcome.explanations["c"] == "2nd by votes (4); £4,000 left, costs £5,000"
    assert outcome.explanations["b"] == "3rd by votes (4); funded for £3,000, £1,000 left after it"
    assert outcome.selected == ["a", "b", "d"]
    assert outcome.spent == 10000
    assert outcome.explanations["e"] == "5th by votes (1); £0 left, costs £500"


def test_explanation_reads_like_the_issue_example() -> None:
    projects = [(f"p{i}", 1000) for i in range(10)] + [("big", 12000)]
    ballots = [[f"p{i}" for i in range(10)]] * 1300 + [["big"]] * 1234
    election = make_election(projects, ballots, budget=14800, currency="GBP")
    outcome = count(election, rule="greedy")
    assert outcome.explanations["big"] == "11th by votes (1,234); £4,800 left, costs £12,000"


def test_no_skip_stops_at_the_first_that_does_not_fit() -> None:
    outcome = count(_election(), rule="greedy-no-skip")
    assert outcome.selected == ["a"]
    assert outcome.explanations["c"].endswith("counting stops here")
    assert "not reached: counting stopped at c" in outcome.explanations["d"]


def test_threshold_makes_low_scores_ineligible() -> None:
    outcome = count(_election(min_project_score_threshold="3"), rule="greedy-threshold")
    assert outcome.selected == ["a", "b"]
    assert outcome.explanations["d"] == "4th by votes (2); below the threshold of 3 votes, so not eligible"


def test_threshold_without_meta_is_refused() -> None:
    with pytest.raises(RuleError, match="min_project_score_threshold"):
        count(_election(), rule="greedy-threshold")


def test_exclusive_projects_fund_only_one_of_a_group() -> None:
    election = _election()
    election.exclusions = [frozenset({"a", "b"})]
    outcome = count(election, rule="greedy-exclusive")
    assert "b" not in outcome.selected
    assert "mutually exclusive with a" in outcome.explanations["b"]


def test_partial_funding_gives_the_rest_to_the_next_project() -> None:
    outcome = count(_election(), rule="greedy-no-skip", partial=True)
    assert outcome.partial == ("c", 4000)
    assert outcome.spent == 10000
    assert outcome.as_dict()["projects"]["c"]["partial_amount"] == 4000


@pytest.mark.parametrize("tie_break,first", [("file-order", "c"), ("id-order", "b"), ("cheapest-first", "b")])
def test_tie_breaks(tie_break: str, first: str) -> None:
    outcome = count(_election(), rule="greedy", tie_break=tie_break)
    assert outcome.ties[0].chosen == first


def test_unknown_rule_and_tie_break_are_refused() -> None:
    with pytest.raises(RuleError, match="unknown rule"):
        count(_election(), rule="borda")
    with pytest.raises(RuleError, match="unknown tie-break"):
        count(_election(), rule="greedy", tie_break="random")
    with pytest.raises(RuleError, match="names no rule"):
        count(_election())


@pytest.mark.parametrize(
    "name",
    [
        "Poland_Warszawa_2019_Piaski.pb",
        "Poland_Gdynia_2025_Kamienna_Gora__small.pb",
        "Poland_Warszawa_2018_Sadul.pb",
        "Poland_Czestochowa_2024_Stare_Miasto.pb",
        "Poland_Czestochowa_2025_Ostatni_Grosz.pb",
        "Poland_Krakow_2020_Mistrzejowice.pb",
        "UK_Decision_Day_scores.pb",
    ],
)
def test_fixture_reproduces_published_outcome(name: str) -> None:
    election = read_pabulib(fixture(name))
    comparison = compare_with_published(election, count(election))
    assert comparison is not None and comparison.same, comparison


def test_poznan_custom_rule_reproduces_both_markers() -> None:
    election = read_pabulib(fixture("Poland_Poznan_2024_6_small.pb"))
    outcome = count(election)
    assert set(outcome.selected) == published_selected(election, 1)
    assert set(outcome.details.get("reserve_funded", [])) == published_selected(election, 2)
