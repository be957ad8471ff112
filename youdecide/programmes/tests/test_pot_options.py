"""Officers compare ways of splitting the pot, then choose one: it becomes the area pots (and is audited)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests import factories
from youdecide.accounts.models import Role
from youdecide.areas.models import AreaKind
from youdecide.areas.selectors import local_authority, sub_regions_of
from youdecide.areas.services import import_wards
from youdecide.audit.models import AuditEvent
from youdecide.programmes.models import AreaPot


@pytest.mark.django_db
def test_compare_and_choose_a_split(client: Client) -> None:
    import_wards()
    authority = local_authority("E06000049")
    assert authority is not None
    programme = factories.ProgrammeFactory.create(total_pot_pence=40_000_000, area_kind=AreaKind.SUB_REGION)
    client.force_login(factories.UserFactory.create(role=Role.OFFICER))
    url = f"/office/programmes/{programme.slug}/pots/options/"
    page = re.sub(
        r"\s+",
        " ",
        client.get(url, {"method": "need", "floor_percent": "10", "maximum": "90000"}).content.decode(),
    )
    assert page.count("Use split") == 6
    assert "Every area gets the same." in page and "No area gets more than £90,000." in page
    assert page.count("£50,000") >= 8  # the equal split
    response = client.post(
        url, {"method": "need", "index": "health", "floor_percent": "20", "maximum": "120000"}
    )
    assert response.status_code == 302
    pots = {pot.area.name: pot.amount_pence for pot in AreaPot.objects.filter(programme=programme)}
    assert sum(pots.values()) == 40_000_000 and len(pots) == len(list(sub_regions_of(authority)))
    assert max(pots, key=pots.__getitem__) == "Crewe" and max(pots.values()) <= 12_000_000
    assert AuditEvent.objects.filter(action="programme.pots_set").exists()
    bad = client.get(url, {"method": "need", "minimum": "60000"})
    assert "A minimum of £60,000 for each of 8 areas is more than the pot." in bad.content.decode()
