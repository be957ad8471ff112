"""Officers compare ways of splitting the pot, as a table and a map each, then choose one: it becomes the
area pots, and the audit event says which split it was."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client

from tests import factories
from youdecide.accounts.models import Role
from youdecide.areas.models import AreaKind
from youdecide.areas.selectors import local_authority, sub_regions_of
from youdecide.areas.services import import_wards
from youdecide.audit.models import AuditEvent
from youdecide.programmes.models import AreaPot, Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(client: Client) -> Programme:
    import_wards()
    client.force_login(factories.UserFactory.create(role=Role.OFFICER))
    return factories.ProgrammeFactory.create(total_pot_pence=40_000_000, area_kind=AreaKind.SUB_REGION)


def page_of(client: Client, programme: Programme, query: dict[str, Any] | None = None) -> str:
    response = client.get(f"/office/programmes/{programme.slug}/pots/options/", query or {})
    assert response.status_code == 200
    return re.sub(r"\s+", " ", html.unescape(response.content.decode()))


def test_compare_and_choose_a_split(client: Client, programme: Programme) -> None:
    authority = local_authority("E06000049")
    assert authority is not None
    url = f"/office/programmes/{programme.slug}/pots/options/"
    page = page_of(client, programme, {"method": "need", "floor_percent": "10", "maximum": "90000"})
    assert page.count("Use split") == 7
    assert "Every area gets the same." in page and "No area gets more than £90,000." in page
    assert page.count("£50,000") >= 8  # the equal split
    response = client.post(
        url, {"method": "need", "index": "health", "floor_percent": "20", "maximum": "120000"}
    )
    assert response.status_code == 302
    pots = {pot.area.name: pot.amount_pence for pot in AreaPot.objects.filter(programme=programme)}
    assert sum(pots.values()) == 40_000_000 and len(pots) == len(list(sub_regions_of(authority)))
    assert max(pots, key=pots.__getitem__) == "Crewe" and max(pots.values()) <= 12_000_000
    bad = client.get(url, {"method": "need", "minimum": "60000"})
    assert "A minimum of £60,000 for each of 8 areas is more than the pot." in bad.content.decode()


def test_each_split_has_a_map_with_one_shape_per_area_and_its_numbers(
    client: Client, programme: Programme
) -> None:
    page = page_of(client, programme)
    maps = re.findall(r'<svg class="map".*?</svg>', page)
    assert len(maps) == 6 == page.count("Use split")
    for svg in maps:
        assert svg.count('<path d="M') == 8  # the eight sub-regions, each one shape
    crewe = next(area for area in sub_regions_of(programme_authority()) if area.name == "Crewe")
    # The equal split: £50,000 for Crewe, per resident to the penny, in the map's label and the table.
    per_head = f"£{50_000 / (crewe.population or 1):.2f}"
    assert f"<title>Crewe: £50,000, {per_head} a resident</title>" in maps[0]
    assert f'<th scope="row">Crewe</th><td class="num">{per_head}</td>' in page


def programme_authority() -> Any:
    authority = local_authority("E06000049")
    assert authority is not None
    return authority


def test_the_health_weighting_says_it_adds_3(client: Client, programme: Programme) -> None:
    page = page_of(client, programme)
    assert (
        "its population times its health deprivation and disability score plus 3: the score is measured "
        "from England's average"
    ) in page
    assert "makes the differences between areas count for less than in the overall index" in page


def test_weights_per_domain_in_the_comparison_and_chosen_with_them_in_the_audit_log(
    client: Client, programme: Programme
) -> None:
    query = {
        "method": "need",
        "index": "domains",
        "floor_percent": "0",
        "weight_income": "2",
        "weight_health": "1.5",
    }
    page = page_of(client, programme, query)
    assert page.count("Use split") == 7
    assert "the weighted sum of its domain scores (income 2, health deprivation and disability 1.5)" in page
    assert 'name="weight_income" value="2"' in page and 'name="weight_health" value="1.5"' in page
    response = client.post(f"/office/programmes/{programme.slug}/pots/options/", query)
    assert response.status_code == 302
    pots = {pot.area.name: pot.amount_pence for pot in AreaPot.objects.filter(programme=programme)}
    assert sum(pots.values()) == 40_000_000 and max(pots, key=pots.__getitem__) == "Crewe"
    event = AuditEvent.objects.get(action="programme.pots_set")
    assert event.data["split"]["method"] == "need" and event.data["split"]["index"] == "domains"
    assert event.data["split"]["weights"] == {"income": "2", "health": "1.5"}
    assert event.data["split"]["floor_percent"] == 0 and event.data["split"]["maximum_pence"] is None
    assert {code: amount for code, amount in event.data.items() if code != "split"} == {
        pot.area.code: pot.amount_pence for pot in AreaPot.objects.filter(programme=programme)
    }
    detail = re.sub(
        r"\s+", " ", html.unescape(client.get(f"/office/programmes/{programme.slug}/").content.decode())
    )
    assert (
        "Split the pot across 8 areas (£400,000 in all). Each area's share follows its population" in detail
    )


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({}, "Give at least one domain a weight above 0 to split by weights per domain."),
        ({"weight_income": "0", "weight_crime": "0"}, "Give at least one domain a weight above 0"),
        ({"weight_crime": "-1"}, "Crime: a weight cannot be below 0."),
        ({"weight_housing": "lots"}, "Barriers to housing and services: enter a weight as a number"),
    ],
)
def test_bad_weights_are_refused_with_a_message_at_the_field(
    client: Client, programme: Programme, weights: dict[str, str], message: str
) -> None:
    query = {"method": "need", "index": "domains", "floor_percent": "0", **weights}
    page = page_of(client, programme, query)
    assert "There is a problem" in page and message in page
    assert page.count("Use split") == 6  # the bad split is not added
    response = client.post(f"/office/programmes/{programme.slug}/pots/options/", query)
    assert response.status_code == 200 and message in response.content.decode()
    assert not AreaPot.objects.filter(programme=programme).exists()
    assert not AuditEvent.objects.filter(action="programme.pots_set").exists()
