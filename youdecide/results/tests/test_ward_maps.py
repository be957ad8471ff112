"""Ward maps on the statistics page, drawn from Cheshire East's real ward boundaries: one shape per ward,
each with its value in its title and in the table beside the map."""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

import pytest
from django.test import Client

from tests import factories
from youdecide.areas.models import AreaKind
from youdecide.areas.selectors import local_authority, sub_regions_of
from youdecide.areas.services import import_wards
from youdecide.programmes.models import BallotKind, PhaseKind, VotingRules
from youdecide.proposals.models import ProposalStatus
from youdecide.results.tests.test_publish_and_recount import count_and_publish, vote
from youdecide.voting.tests.conftest import Box

DATA = Path(__file__).resolve().parents[2] / "areas" / "data" / "cheshire-east"


def wards_in_the_files() -> dict[str, tuple[str, float]]:
    """Ward name -> (sub-region name, IMD 2019 score), read straight from the packaged files."""
    with (DATA / "sub_regions.csv").open(encoding="utf-8") as handle:
        region = {row["ward_code"]: row["sub_region_name"] for row in csv.DictReader(handle)}
    with (DATA / "ward_imd2019.csv").open(encoding="utf-8") as handle:
        scores = {row["ward_code"]: float(row["Score"]) for row in csv.DictReader(handle)}
    features = json.loads((DATA / "wards.geojson").read_text(encoding="utf-8"))["features"]
    return {
        f["properties"]["name"]: (region[f["properties"]["code"]], scores[f["properties"]["code"]])
        for f in features
    }


@pytest.mark.django_db
def test_each_ward_is_one_shape_with_its_value(client: Client) -> None:
    import_wards()
    authority = local_authority("E06000049")
    assert authority is not None
    programme = factories.ProgrammeFactory.create(area_kind=AreaKind.SUB_REGION)
    regions = list(sub_regions_of(authority))
    for region in regions:
        factories.pot(programme, region, 1_000_000)
    crewe = next(region for region in regions if region.name == "Crewe")
    factories.open_phase(programme, PhaseKind.ONLINE_VOTING)
    rules = VotingRules.objects.create(programme=programme)
    proposals = [
        factories.ProposalFactory.create(
            programme=programme, area=crewe, cost_pence=cost, status=ProposalStatus.ELIGIBLE
        )
        for cost in (400_000, 300_000, 500_000)
    ]
    box = Box(programme, crewe, regions[0], rules, proposals, proposals[0].group)
    vote(box, BallotKind.SCORES, 6, seed=31)
    run = count_and_publish(box)

    page = html.unescape(client.get(f"/programmes/{programme.slug}/statistics/").content.decode())
    maps = dict(
        re.findall(r'<svg class="map" role="img" aria-labelledby="(map-[a-z]+)-title"(.*?)</svg>', page)
    )
    assert set(maps) == {"map-deprivation", "map-turnout", "map-funding"}
    wards = wards_in_the_files()
    assert len(wards) == 52
    turnout = 100 * 6 / (crewe.population or 1)
    per_head = run.spent_pence / 100 / (crewe.population or 1)
    for svg in maps.values():
        titles = re.findall(
            r'<path d="M[^"]+" fill="#[0-9a-f]{6}" class="map-ward"><title>(.*?)</title>', svg
        )
        assert len(titles) == svg.count("<path") == 52
        assert {title.split(": ")[0] for title in titles} == set(wards)
    for ward, (region_name, score) in wards.items():
        expected = {
            "map-deprivation": f"IMD {score:.1f}",
            "map-turnout": f"{turnout:.1f}% of Crewe voted"
            if region_name == "Crewe"
            else f"0.0% of {region_name} voted",
            "map-funding": f"£{per_head:.2f} a head in Crewe" if region_name == "Crewe" else "no result yet",
        }
        for map_id, label in expected.items():
            assert f"<title>{ward}: {label}</title>" in maps[map_id], (map_id, ward)
            assert f'<tr><th scope="row">{ward}</th><td>{label}</td></tr>' in page
