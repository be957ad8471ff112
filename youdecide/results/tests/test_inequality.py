"""The inequality report, its figures recomputed independently from the packaged CSVs: the pot split by
need, and a published count in three sub-regions."""

from __future__ import annotations

import csv
import html
import re
from collections import defaultdict
from fractions import Fraction
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from tests import factories
from youdecide.accounts.models import Role
from youdecide.areas.allocation import pots_by_need
from youdecide.areas.models import Area, AreaKind
from youdecide.areas.selectors import local_authority, sub_regions_of
from youdecide.areas.services import import_wards
from youdecide.programmes.models import Programme
from youdecide.programmes.services import set_area_pots
from youdecide.results.inequality import inequality_report
from youdecide.results.models import CountRun

DATA = Path(__file__).resolve().parents[2] / "areas" / "data" / "cheshire-east"
POT = 40_000_000
# What the published counts funded: sub-region -> (money spent in pence, projects funded).
FUNDED = {
    "Crewe": (4_000_000, 3),
    "Macclesfield": (3_000_000, 2),
    "Knutsford and rural north": (1_000_000, 1),
}

pytestmark = pytest.mark.django_db


def rows_of(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def residents_by_quintile() -> dict[str, dict[int, int]]:
    """sub-region name -> {national IMD quintile: residents}, from the LSOA, ward and sub-region files."""
    ward_of = {row["lsoa_code"]: row["ward_code"] for row in rows_of("lsoa_to_ward.csv")}
    region_of = {row["ward_code"]: row["sub_region_name"] for row in rows_of("sub_regions.csv")}
    people: dict[str, dict[int, int]] = defaultdict(lambda: dict.fromkeys(range(1, 6), 0))
    for lsoa in rows_of("lsoa_imd2019.csv"):
        quintile = (int(lsoa["imd_decile"]) + 1) // 2
        people[region_of[ward_of[lsoa["lsoa_code"]]]][quintile] += int(lsoa["population_2015"])
    return people


@pytest.fixture
def programme() -> Programme:
    import_wards()
    authority = local_authority("E06000049")
    assert authority is not None
    programme = factories.ProgrammeFactory.create(total_pot_pence=POT, area_kind=AreaKind.SUB_REGION)
    set_area_pots(None, programme, pots_by_need(POT, sub_regions_of(authority)))
    counter, publisher = (factories.UserFactory.create(role=Role.OFFICER) for _ in range(2))
    for name, (spent, projects) in FUNDED.items():
        area = Area.objects.get(kind=AreaKind.SUB_REGION, name=name)
        CountRun.objects.create(
            programme=programme,
            area=area,
            rule="greedy",
            ballots=100,
            inputs_digest="0" * 64,
            budget_pence=programme.area_pots.get(area=area).amount_pence,
            spent_pence=spent,
            selected=[f"P-{name[:3]}-{n}" for n in range(projects)],
            created_by=counter,
            confirmed_at=timezone.now(),
            confirmed_by=publisher,
            published_at=timezone.now(),
            published_by=publisher,
        )
    return programme


def expected(programme: Programme) -> dict[str, dict[int, Fraction]]:
    """Per quintile: residents, pot, funded money and funded projects, attributed to each sub-region's
    residents evenly, worked out from the CSVs (and the pots the programme holds)."""
    pots = {pot.area.name: pot.amount_pence for pot in programme.area_pots.select_related("area")}
    totals: dict[str, dict[int, Fraction]] = {
        what: dict.fromkeys(range(1, 6), Fraction(0)) for what in ("people", "pot", "funded", "projects")
    }
    for region, by_quintile in residents_by_quintile().items():
        residents = sum(by_quintile.values())
        spent, projects = FUNDED.get(region, (0, 0))
        for quintile, n in by_quintile.items():
            totals["people"][quintile] += n
            totals["pot"][quintile] += Fraction(pots[region] * n, residents)
            totals["funded"][quintile] += Fraction(spent * n, residents)
            totals["projects"][quintile] += Fraction(projects * n, residents)
    return totals


def share(values: dict[int, Fraction]) -> float:
    return float(100 * values[1] / sum(values.values()))


def test_the_report_recomputed_from_the_csvs(programme: Programme) -> None:
    report = inequality_report(programme)
    want = expected(programme)
    assert [row.people for row in report.rows] == [want["people"][q] for q in range(1, 6)]
    assert report.people == 375_457 and report.pot_pence == POT
    assert report.funded_pence == sum(spent for spent, _n in FUNDED.values())
    assert report.funded_projects == sum(n for _spent, n in FUNDED.values())
    for row in report.rows:
        q = row.quintile
        assert abs(row.pot_pence - want["pot"][q]) < 1 and abs(row.funded_pence - want["funded"][q]) < 1
        assert row.funded_projects == want["projects"][q]
        assert row.funded_per_head == pytest.approx(float(want["funded"][q]) / 100 / row.people, abs=1e-6)
        assert row.pot_per_head == pytest.approx(float(want["pot"][q]) / 100 / row.people, abs=1e-6)
    for field, what in (("people", "people"), ("pot_pence", "pot"), ("funded_pence", "funded")):
        # Money is shared out in whole pence: a penny of £80,000 is 0.0000125 points of a share.
        assert report.share(field) == pytest.approx(share(want[what]), abs=2e-5)
    assert report.share("funded_projects") == pytest.approx(share(want["projects"]))
    # The Cheshire East figures: 18 LSOAs in deciles 1-2, and a split by need favours them.
    assert report.share("pot_pence") > report.share("people")
    assert report.rows[0].pot_per_head > report.rows[-1].pot_per_head
    assert report.rows[0].funded_per_head > report.rows[-1].funded_per_head  # Crewe funded most


def test_the_page_shows_the_shares_and_money_per_head_as_charts_and_a_table(
    client: Client, programme: Programme
) -> None:
    want = expected(programme)
    response = client.get(f"/programmes/{programme.slug}/inequality/")
    page = re.sub(r"\s+", " ", html.unescape(response.content.decode()))
    assert f"<dd>{share(want['people']):.1f}%</dd>" in page
    assert f"<dd>{share(want['pot']):.1f}%</dd>" in page
    assert f"<dd>{share(want['funded']):.1f}%</dd>" in page
    projects = want["projects"][1]
    assert f"<dd>{share(want['projects']):.1f}% ({float(projects):.1f} of 6)</dd>" in page
    assert page.count('<svg class="chart"') == 2  # pot per resident and funded money per resident
    people = int(want["people"][1])
    per_head = float(want["funded"][1]) / 100 / people
    assert f'<th scope="row">Most deprived 20%</th><td class="num">{people}</td>' in page
    assert f"£{per_head:.2f}" in page
    assert "Open Government Licence" in page


def test_before_any_result_the_page_says_so(client: Client) -> None:
    import_wards()
    authority = local_authority("E06000049")
    assert authority is not None
    programme = factories.ProgrammeFactory.create(total_pot_pence=POT, area_kind=AreaKind.SUB_REGION)
    set_area_pots(None, programme, pots_by_need(POT, sub_regions_of(authority)))
    page = client.get(f"/programmes/{programme.slug}/inequality/").content.decode()
    assert page.count("no result published yet") == 2 and page.count('<svg class="chart"') == 1
