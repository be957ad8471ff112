"""The admin lists and opens areas, programmes, groups and proposals; status and money are read-only there."""

from __future__ import annotations

import pytest

from tests import factories

PAGES = [
    "/admin/areas/area/",
    "/admin/programmes/programme/",
    "/admin/programmes/outcome/",
    "/admin/community_groups/communitygroup/",
    "/admin/proposals/proposal/",
    "/admin/audit/auditevent/",
]


@pytest.mark.parametrize("url", PAGES)
def test_lists_open(admin_client, setting, url) -> None:
    factories.ProposalFactory.create(group=setting.group, programme=setting.programme, area=setting.area)
    assert admin_client.get(url).status_code == 200


def test_change_pages_open(admin_client, setting) -> None:
    proposal = factories.ProposalFactory.create(
        group=setting.group, programme=setting.programme, area=setting.area
    )
    for url in [
        f"/admin/areas/area/{setting.area.pk}/change/",
        f"/admin/programmes/programme/{setting.programme.pk}/change/",
        f"/admin/community_groups/communitygroup/{setting.group.pk}/change/",
        f"/admin/proposals/proposal/{proposal.pk}/change/",
    ]:
        assert admin_client.get(url).status_code == 200, url


def test_a_proposals_status_cannot_be_changed_in_the_admin(admin_client, setting) -> None:
    proposal = factories.ProposalFactory.create(
        group=setting.group, programme=setting.programme, area=setting.area
    )
    page = admin_client.get(f"/admin/proposals/proposal/{proposal.pk}/change/").content.decode()
    assert 'name="status"' not in page
    assert 'name="cost_pence"' not in page
