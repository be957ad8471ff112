"""Only a group's members (and council officers) reach its proposal pages; others are refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from youdecide.accounts.models import Role
from youdecide.proposals.models import ProposalStatus


@pytest.fixture
def proposal(setting):
    return factories.ProposalFactory.create(
        group=setting.group, programme=setting.programme, area=setting.area
    )


PAGES = ["proposals:detail_private", "proposals:edit", "proposals:submit", "proposals:withdraw"]


@pytest.mark.parametrize("name", PAGES)
def test_an_outsider_is_refused(client, setting, proposal, name) -> None:
    outsider = factories.member(factories.CommunityGroupFactory.create())
    client.force_login(outsider)
    assert client.get(reverse(name, args=[setting.group.slug, proposal.pk])).status_code == 403
    assert client.post(reverse(name, args=[setting.group.slug, proposal.pk])).status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_people_are_asked_to_sign_in(client, setting, proposal, name) -> None:
    response = client.get(reverse(name, args=[setting.group.slug, proposal.pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_a_proposal_of_another_group_is_not_found_under_this_groups_address(client, setting) -> None:
    elsewhere = factories.ProposalFactory.create(programme=setting.programme, area=setting.area)
    client.force_login(setting.lead)
    response = client.get(reverse("proposals:detail_private", args=[setting.group.slug, elsewhere.pk]))
    assert response.status_code == 404


def test_an_outsider_cannot_start_a_proposal_for_the_group(client, setting) -> None:
    client.force_login(factories.UserFactory.create(role=Role.RESIDENT))
    assert client.get(reverse("proposals:create", args=[setting.group.slug])).status_code == 403


def test_an_officer_reads_the_groups_proposal_but_cannot_edit_it(client, setting, proposal) -> None:
    client.force_login(setting.officer)
    assert (
        client.get(reverse("proposals:detail_private", args=[setting.group.slug, proposal.pk])).status_code
        == 200
    )
    response = client.get(reverse("proposals:edit", args=[setting.group.slug, proposal.pk]))
    assert response.status_code == 403
    assert "Only members of" in response.content.decode()
