"""Splitting a pot by need: population times IMD score, whole pounds, largest remainder, exact total."""

from __future__ import annotations

from fractions import Fraction

import pytest

from youdecide.areas.allocation import allocate_by_need, need_of, pots_by_need
from youdecide.areas.models import Area, AreaKind
from youdecide.areas.selectors import local_authority, sub_regions_of
from youdecide.areas.services import import_wards


def test_shares_follow_need_and_add_up_exactly() -> None:
    pots = allocate_by_need(100_000, {"a": 1, "b": 1, "c": 1})

    assert sum(pots.values()) == 100_000
    assert sorted(pots.values()) == [33_300, 33_300, 33_400]
    assert all(amount % 100 == 0 for amount in pots.values())


def test_the_last_pound_goes_to_the_largest_remainder_then_to_the_area_listed_first() -> None:
    assert allocate_by_need(1_000, {"a": 1, "b": 2}) == {"a": 300, "b": 700}  # 3.33 and 6.67 pounds
    assert allocate_by_need(300, {"first": 1, "second": 1}) == {"first": 200, "second": 100}


def test_an_area_with_no_need_gets_nothing() -> None:
    assert allocate_by_need(50_000, {"a": 0, "b": Fraction(7, 3)}) == {"a": 0, "b": 50_000}


@pytest.mark.parametrize(
    ("total", "needs"),
    [(1_050, {"a": 1}), (1_000, {"a": 0, "b": 0}), (1_000, {}), (1_000, {"a": -1, "b": 2})],
)
def test_impossible_splits_are_refused(total: int, needs: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        allocate_by_need(total, needs)


def test_need_is_population_times_imd_score() -> None:
    area = Area(name="Crewe", kind=AreaKind.SUB_REGION, population=1000, imd_score=25.5)
    assert need_of(area) == 25_500
    with pytest.raises(ValueError, match="Crewe"):
        need_of(Area(name="Crewe", kind=AreaKind.SUB_REGION, population=None, imd_score=25.5))


@pytest.mark.django_db
def test_cheshire_east_s_400000_pounds_split_by_need_gives_crewe_the_most() -> None:
    import_wards()
    authority = local_authority("E06000049")
    assert authority is not None

    pots = pots_by_need(40_000_000, sub_regions_of(authority))

    assert len(pots) == 8
    assert sum(pots.values()) == 40_000_000
    assert all(amount % 100 == 0 for amount in pots.values())
    by_name = {area.name: amount for area, amount in pots.items()}
    assert max(by_name, key=by_name.__getitem__) == "Crewe"
    assert by_name["Crewe"] == 13_292_800
    assert min(by_name, key=by_name.__getitem__) == "Poynton, Disley and Bollington"
