"""An area's profile page on the real Cheshire East data."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from youdecide.areas.models import Area
from youdecide.areas.services import import_wards


@pytest.mark.django_db
def test_a_ward_profile_shows_deprivation_life_expectancy_and_its_gap(client: Client) -> None:
    import_wards()
    ward = Area.objects.get(name="Crewe Central")
    page = re.sub(r"\s+", " ", client.get(f"/areas/{ward.slug}/").content.decode())
    assert "<h1>Crewe Central</h1>" in page
    assert f"{ward.life_expectancy_male:.1f}" in page and "years less than the borough's best ward" in page
    assert page.count('<svg class="chart"') == 1 and "Deprivation by domain" in page
    assert "Open Government Licence" in page
    crewe = Area.objects.get(name="Crewe", kind="sub_region")
    region = re.sub(r"\s+", " ", client.get(f"/areas/{crewe.slug}/").content.decode())
    assert "Crewe Central</a></li>" in region and "No published results here yet." in region
    assert client.get("/areas/nowhere/").status_code == 404
