"""MES, Phragmén and max-welfare equal pabutools' (exact arithmetic) on thousands of random elections."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from youdecide.counting import Election, count, make_election, read_pabulib
from youdecide.counting.tests.conftest import fixture
from youdecide.counting.tests.pabutools_bridge import (
    pabutools_max_welfare_value,
    pabutools_mes,
    pabutools_phragmen,
)

SETTINGS = settings(max_examples=700, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def approval_elections(draw: st.DrawFn) -> Election:
    m = draw(st.integers(1, 6))
    costs = draw(st.lists(st.integers(1, 12), min_size=m, max_size=m))
    ids = [f"p{i}" for i in range(m)]  # file order = pabutools' lexicographic order
    n = draw(st.integers(1, 9))
    ballots = draw(st.lists(st.lists(st.sampled_from(ids), unique=True, max_size=m), min_size=n, max_size=n))
    budget = draw(st.integers(1, 40))
    return make_election(list(zip(ids, costs, strict=True)), ballots, budget=budget)


@st.composite
def cumulative_elections(draw: st.DrawFn) -> Election:
    m = draw(st.integers(1, 5))
    costs = draw(st.lists(st.integers(1, 12), min_size=m, max_size=m))
    ids = [f"p{i}" for i in range(m)]
    n = draw(st.integers(1, 7))
    ballots = draw(
        st.lists(st.dictionaries(st.sampled_from(ids), st.integers(1, 5), max_size=m), min_size=n, max_size=n)
    )
    budget = draw(st.integers(1, 40))
    return make_election(list(zip(ids, costs, strict=True)), ballots, budget=budget, vote_type="cumulative")


@SETTINGS
@given(approval_elections())
def test_mes_equals_pabutools(election: Election) -> None:
    assert count(election, rule="equalshares").selected == pabutools_mes(election, None)


@SETTINGS
@given(approval_elections())
def test_mes_add1_exhaustive_equals_pabutools(election: Election) -> None:
    assert count(election, rule="equalshares/add1-exhaustive").selected == pabutools_mes(election, 1)


@SETTINGS
@given(cumulative_elections())
def test_mes_cumulative_equals_pabutools(election: Election) -> None:
    assert count(election, rule="equalshares").selected == pabutools_mes(election, None)


@SETTINGS
@given(approval_elections())
def test_phragmen_equals_pabutools(election: Election) -> None:
    supported = {pid for b in election.ballots for pid in b.projects}
    # pabutools may, after everything supported, buy projects nobody voted for; the engine never does.
    # pabutools returns the set sorted, not in selection order.
    theirs = sorted(pid for pid in pabutools_phragmen(election) if pid in supported)
    assert sorted(count(election, rule="phragmen").selected) == theirs


@SETTINGS
@given(approval_elections())
def test_max_welfare_equals_pabutools(election: Election) -> None:
    assert count(election, rule="max-welfare").details["welfare"] == pabutools_max_welfare_value(election)


def test_mes_on_fixture_equals_pabutools() -> None:
    election = read_pabulib(fixture("Netherlands_Assen_2024.pb"))
    assert sorted(count(election, rule="equalshares/add1-exhaustive").selected) == sorted(
        pabutools_mes(election, 1)
    )
    assert sorted(count(election, rule="phragmen").selected) == sorted(pabutools_phragmen(election))
