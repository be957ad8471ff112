"""The officers' red-amber-green page reads a fixed number of queries however many grants there are."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import Setting
from tests import factories
from youdecide.delivery.demo import seed_delivery
from youdecide.delivery.models import Grant
from youdecide.delivery.services import join_panel
from youdecide.delivery.tests.conftest import funded_proposal, publish_result
from youdecide.results.models import CountRun


def _queries(client: Client, setting: Setting) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/office/programmes/{setting.programme.slug}/grants/")
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_the_rag_page_does_not_grow_with_the_grants(client: Client, setting: Setting) -> None:
    client.force_login(setting.officer)
    proposals = [funded_proposal(setting, f"Project {n}", 200_000 + n) for n in range(12)]
    publish_result(setting.programme, setting.area, proposals[:6], setting.officer)
    seed_delivery(setting.programme)
    join_panel(factories.UserFactory.create(), setting.area)
    few = _queries(client, setting)
    CountRun.objects.all().delete()
    publish_result(setting.programme, setting.area, proposals, setting.officer)
    seed_delivery(setting.programme)
    join_panel(factories.UserFactory.create(), setting.area)
    assert Grant.objects.count() == 12
    assert _queries(client, setting) == few
