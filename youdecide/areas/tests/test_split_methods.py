"""Every way of splitting the pot, on the real Cheshire East data: exact totals, floors and caps kept,
and the order by need as expected (Crewe first)."""

from __future__ import annotations

import pytest

from youdecide.areas.allocation import Split, pots_by_need, split_pot
from youdecide.areas.models import Area
from youdecide.areas.selectors import local_authority, sub_regions_of
from youdecide.areas.services import import_wards

POT = 40_000_000


@pytest.fixture
def regions(db: None) -> list[Area]:
    import_wards()
    authority = local_authority("E06000049")
    assert authority is not None
    return list(sub_regions_of(authority))


def named(pots: dict[Area, int]) -> dict[str, int]:
    assert sum(pots.values()) == POT and all(v % 100 == 0 for v in pots.values())
    return {area.name: amount for area, amount in pots.items()}


def test_equal_and_by_population(regions: list[Area]) -> None:
    assert set(named(split_pot(POT, regions, Split(method="equal"))).values()) == {5_000_000}
    by_people = named(split_pot(POT, regions, Split(method="population")))
    biggest = max(regions, key=lambda a: a.population or 0)
    assert max(by_people, key=by_people.__getitem__) == biggest.name


def test_need_overall_is_the_programme_s_split_and_health_also_puts_crewe_first(regions: list[Area]) -> None:
    overall = split_pot(POT, regions, Split(method="need", index="overall"))
    assert overall == pots_by_need(POT, regions)
    health = named(split_pot(POT, regions, Split(method="need", index="health")))
    per_head = {a.name: health[a.name] / (a.population or 1) for a in regions}
    assert max(per_head, key=per_head.__getitem__) == "Crewe"
    assert max(health, key=health.__getitem__) == "Crewe"


def test_a_floor_and_bounds_are_kept(regions: list[Area]) -> None:
    floored = named(split_pot(POT, regions, Split(floor_percent=40)))
    assert min(floored.values()) >= 40 * POT // 100 // 8
    capped = named(split_pot(POT, regions, Split(maximum_pence=10_000_000, minimum_pence=3_000_000)))
    assert capped["Crewe"] == 10_000_000
    assert min(capped.values()) >= 3_000_000 and max(capped.values()) <= 10_000_000
    need = named(pots_by_need(POT, regions))
    order = sorted(need, key=need.__getitem__)
    assert sorted(capped, key=lambda n: (capped[n], order.index(n))) == order  # bounds keep the order by need


def test_impossible_bounds_are_refused(regions: list[Area]) -> None:
    with pytest.raises(ValueError, match="A minimum of £60,000 for each of 8 areas is more than the pot"):
        split_pot(POT, regions, Split(minimum_pence=6_000_000))
    with pytest.raises(ValueError, match="A maximum of £40,000 for each of 8 areas does not spend the pot"):
        split_pot(POT, regions, Split(maximum_pence=4_000_000))


def test_each_split_says_what_it_does() -> None:
    assert Split(method="equal").describe() == "Every area gets the same."
    assert Split(floor_percent=20, maximum_pence=10_000_000).describe() == (
        "Each area's share follows its population times its deprivation score (Indices of Deprivation 2019). "
        "First 20% of the pot is split equally. No area gets more than £100,000."
    )
