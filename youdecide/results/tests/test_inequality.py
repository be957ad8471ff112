"""The inequality report, recomputed independently from the packaged LSOA files."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from django.test import Client

from tests import factories
from youdecide.areas.allocation import pots_by_need
from youdecide.areas.models import AreaKind
from youdecide.areas.selectors import local_authority, sub_regions_of
from youdecide.areas.services import import_wards
from youdecide.programmes.services import set_area_pots
from youdecide.results.inequality import inequality_report

DATA = Path(__file__).resolve().parents[2] / "areas" / "data" / "cheshire-east"


def independent_most_deprived_people() -> tuple[int, int]:
    with (DATA / "lsoa_imd2019.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    everyone = sum(int(r["population_2015"]) for r in rows)
    deprived = sum(int(r["population_2015"]) for r in rows if int(r["imd_decile"]) <= 2)
    return deprived, everyone


@pytest.mark.django_db
def test_the_most_deprived_fifth_gets_more_than_its_share_under_a_split_by_need(client: Client) -> None:
    import_wards()
    authority = local_authority("E06000049")
    assert authority is not None
    programme = factories.ProgrammeFactory.create(total_pot_pence=40_000_000, area_kind=AreaKind.SUB_REGION)
    set_area_pots(None, programme, pots_by_need(40_000_000, sub_regions_of(authority)))
    report = inequality_report(programme)
    deprived, everyone = independent_most_deprived_people()
    assert (report.rows[0].people, report.people) == (deprived, everyone)
    assert sum(row.pot_pence for row in report.rows) == 40_000_000
    assert report.share("pot_pence") > report.share("people")  # need-weighting favours the most deprived
    assert report.rows[0].pot_per_head > report.rows[-1].pot_per_head
    page = re.sub(r"\s+", " ", client.get(f"/programmes/{programme.slug}/inequality/").content.decode())
    assert f"{100 * deprived / everyone:.1f}%" in page and '<svg class="chart"' in page
