"""Every way of splitting the pot, on the real Cheshire East data: exact totals, floors and caps kept,
and the order by need as expected (Crewe first)."""

from __future__ import annotations

import csv
import re
from decimal import Decimal

import pytest

from youdecide.areas.allocation import IMD_WEIGHTS, Split, pots_by_need, split_pot
from youdecide.areas.models import Area
from youdecide.areas.selectors import local_authority, sub_regions_of
from youdecide.areas.services import import_wards
from youdecide.areas.ward_files import DOMAINS, PACKAGED_DATA_DIR

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


def independent_domain_quotas(weights: dict[str, float]) -> dict[str, float]:
    """Each sub-region's share of the pot (in pounds, unrounded) worked out from the CSVs alone: sub-region
    domain scores as population-weighted means of the ward scores, health and crime plus 3, each domain
    divided by its population-weighted mean over the sub-regions, need = population x weighted sum."""
    columns = DOMAINS
    ward_people: dict[str, int] = {}
    ward_of = {row["lsoa_code"]: row["ward_code"] for row in csv_rows("lsoa_to_ward.csv")}
    for lsoa in csv_rows("lsoa_imd2019.csv"):
        ward = ward_of[lsoa["lsoa_code"]]
        ward_people[ward] = ward_people.get(ward, 0) + int(lsoa["population_2015"])
    scores = {row["ward_code"]: row for row in csv_rows("ward_imd2019.csv")}
    regions: dict[str, list[str]] = {}
    for row in csv_rows("sub_regions.csv"):
        regions.setdefault(row["sub_region_name"], []).append(row["ward_code"])
    people = {name: sum(ward_people[w] for w in wards) for name, wards in regions.items()}
    region_score = {
        (name, domain): sum(ward_people[w] * float(scores[w][column]) for w in wards) / people[name]
        + (3 if domain in ("health", "crime") else 0)
        for name, wards in regions.items()
        for domain, column in columns.items()
    }
    everyone = sum(people.values())
    mean = {d: sum(people[n] * region_score[(n, d)] for n in regions) / everyone for d in columns}
    need = {
        name: people[name] * sum(w * region_score[(name, d)] / mean[d] for d, w in weights.items())
        for name in regions
    }
    return {name: POT / 100 * n / sum(need.values()) for name, n in need.items()}


def csv_rows(name: str) -> list[dict[str, str]]:
    with (PACKAGED_DATA_DIR / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_weights_per_domain_recomputed_from_the_files_put_crewe_first(regions: list[Area]) -> None:
    weights = dict(IMD_WEIGHTS)
    pots = named(split_pot(POT, regions, Split(method="need", index="domains", weights=IMD_WEIGHTS)))
    expected = independent_domain_quotas({d: float(w) for d, w in weights.items()})
    assert set(pots) == set(expected)
    for name, quota in expected.items():
        assert abs(pots[name] / 100 - quota) < 1, name  # largest remainder: within a pound of the share
    assert max(pots, key=pots.__getitem__) == "Crewe"
    per_head = {a.name: pots[a.name] / (a.population or 1) for a in regions}
    assert max(per_head, key=per_head.__getitem__) == "Crewe"
    income_only = named(
        split_pot(POT, regions, Split(method="need", index="domains", weights=(("income", Decimal(1)),)))
    )
    for name, quota in independent_domain_quotas({"income": 1.0}).items():
        assert abs(income_only[name] / 100 - quota) < 1, name
    assert max(income_only, key=income_only.__getitem__) == "Crewe"


def test_health_alone_as_a_domain_weight_is_the_health_split(regions: list[Area]) -> None:
    by_domain = split_pot(
        POT, regions, Split(method="need", index="domains", weights=(("health", Decimal(5)),))
    )
    assert by_domain == split_pot(POT, regions, Split(method="need", index="health"))


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ((), "Give at least one domain a weight above 0."),
        ((("income", Decimal(0)),), "Give at least one domain a weight above 0."),
        ((("income", Decimal(1)), ("crime", Decimal(-1))), "A domain's weight cannot be negative."),
        ((("wealth", Decimal(1)),), "wealth is not a domain of the Indices of Deprivation."),
    ],
)
def test_bad_domain_weights_are_refused(
    regions: list[Area], weights: tuple[tuple[str, Decimal], ...], message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        split_pot(POT, regions, Split(method="need", index="domains", weights=weights))


def test_a_split_by_domains_says_how_it_weighs_them() -> None:
    split = Split(
        method="need", index="domains", weights=(("income", Decimal("22.5")), ("crime", Decimal(1)))
    )
    assert split.describe() == (
        "Each area's share follows its population times a need score: the weighted sum of its domain scores "
        "(income 22.5, crime 1), each divided by the average of the areas being split so that every domain "
        "counts on the same scale (health and crime, measured from England's average, have 3 added first)."
    )
    assert split.record() == {
        "method": "need",
        "index": "domains",
        "floor_percent": 0,
        "minimum_pence": None,
        "maximum_pence": None,
        "weights": {"income": "22.5", "crime": "1"},
    }
