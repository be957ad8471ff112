"""MES, Phragmén and max-welfare equal pabutools' (exact arithmetic) on thousands of random elections.

Every ballot kind: approval, cumulative and scoring ballots (their points as MES utilities, pabutools'
``Additive_Cardinal_Sat``) and rankings (counted as approval of the ranked projects, pabutools'
``Cost_Sat`` on ordinal ballots). Max-welfare is judged by the welfare of the set each side selects,
computed from the ballots, and by the set fitting the budget.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from youdecide.counting import Election, count, make_election, read_pabulib
from youdecide.counting.tests.conftest import fixture
from youdecide.counting.tests.pabutools_bridge import (
    max_welfare_difference,
    pabutools_mes,
    pabutools_phragmen,
    supported_phragmen,
)

SETTINGS = settings(max_examples=700, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _projects(draw: st.DrawFn, most: int) -> tuple[list[tuple[str, int]], int]:
    """Up to ``most`` projects ``p0, p1, ...`` (file order = pabutools' lexicographic order), a budget."""
    m = draw(st.integers(1, most))
    costs = draw(st.lists(st.integers(1, 12), min_size=m, max_size=m))
    return [(f"p{i}", cost) for i, cost in enumerate(costs)], draw(st.integers(1, 40))


@st.composite
def approval_elections(draw: st.DrawFn) -> Election:
    projects, budget = _projects(draw, 6)
    ids = [pid for pid, _ in projects]
    n = draw(st.integers(1, 9))
    ballots = draw(
        st.lists(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)), min_size=n, max_size=n)
    )
    return make_election(projects, ballots, budget=budget)


@st.composite
def pointed_elections(draw: st.DrawFn, vote_type: str, lowest: int) -> Election:
    """Cumulative (points 1-5) or scoring ballots (every project it names scored 0-5: a Decision Day
    ballot, where a 0 or a project left out is no support)."""
    projects, budget = _projects(draw, 5)
    ids = [pid for pid, _ in projects]
    n = draw(st.integers(1, 7))
    points = st.dictionaries(st.sampled_from(ids), st.integers(lowest, 5), max_size=len(ids))
    ballots = draw(st.lists(points, min_size=n, max_size=n))
    return make_election(projects, ballots, budget=budget, vote_type=vote_type)


@st.composite
def ordinal_elections(draw: st.DrawFn) -> Election:
    projects, budget = _projects(draw, 6)
    ids = [pid for pid, _ in projects]
    n = draw(st.integers(1, 9))
    rankings = [draw(st.permutations(ids))[: draw(st.integers(0, len(ids)))] for _ in range(n)]
    return make_election(projects, rankings, budget=budget, vote_type="ordinal")


ELECTIONS = {
    "approval": approval_elections(),
    "cumulative": pointed_elections("cumulative", 1),
    "scoring": pointed_elections("scoring", 0),
    "ordinal": ordinal_elections(),
}


@pytest.mark.parametrize("kind", ELECTIONS)
@pytest.mark.parametrize(("rule", "increment"), [("equalshares", None), ("equalshares/add1-exhaustive", 1)])
@SETTINGS
@given(data=st.data())
def test_mes_equals_pabutools(kind: str, rule: str, increment: int | None, data: st.DataObject) -> None:
    election = data.draw(ELECTIONS[kind])
    assert count(election, rule=rule).selected == pabutools_mes(election, increment)


@SETTINGS
@given(approval_elections())
def test_phragmen_equals_pabutools(election: Election) -> None:
    # Compared as sets of supported projects: see supported_phragmen.
    assert sorted(count(election, rule="phragmen").selected) == supported_phragmen(election)


@pytest.mark.parametrize("kind", ["approval", "cumulative", "scoring"])
@SETTINGS
@given(data=st.data())
def test_max_welfare_equals_pabutools(kind: str, data: st.DataObject) -> None:
    assert max_welfare_difference(data.draw(ELECTIONS[kind])) is None


def test_mes_on_fixture_equals_pabutools() -> None:
    election = read_pabulib(fixture("Netherlands_Assen_2024.pb"))
    assert sorted(count(election, rule="equalshares/add1-exhaustive").selected) == sorted(
        pabutools_mes(election, 1)
    )
    assert sorted(count(election, rule="phragmen").selected) == sorted(pabutools_phragmen(election))
