import pytest
from django.urls import reverse

from conftest import Setting
from tests import factories
from youdecide.proposals.models import BudgetLine, Proposal, ProposalStatus
from youdecide.web.tests.reading import visible_text


def proposal_url(proposal: Proposal) -> str:
    return reverse("web:proposal", args=[proposal.programme.slug, proposal.reference])


def make_proposal(setting: Setting, status: str = ProposalStatus.SUBMITTED, **fields: object) -> Proposal:
    if status == ProposalStatus.INELIGIBLE:
        fields.setdefault("ineligible_reason", "The project is outside Crewe.")
    return factories.ProposalFactory.create(
        programme=setting.programme, area=setting.area, group=setting.group, status=status, **fields
    )


def test_public_proposal_shows_everything_a_resident_needs(client, setting: Setting) -> None:
    proposal = make_proposal(
        setting,
        title="Community allotment for Crewe",
        summary="Raised beds and cooking sessions for families.",
        description="We will build twelve raised beds.\n\nEvery Saturday, a cook shows families a recipe.",
        cost_pence=350_000,
        expected_beneficiaries=1200,
        location="Queens Park, Crewe",
    )
    proposal.budget_lines.all().delete()
    BudgetLine.objects.create(proposal=proposal, position=0, description="Raised beds", amount_pence=200_000)
    BudgetLine.objects.create(
        proposal=proposal, position=1, description="Cookery tutor", amount_pence=150_000
    )
    proposal.outcomes.add(setting.outcome)

    response = client.get(proposal_url(proposal))

    assert response.status_code == 200
    text = visible_text(response)
    assert f"Proposal {proposal.reference} Community allotment for Crewe By {setting.group.name}" in text
    assert "Raised beds and cooking sessions for families." in text
    assert "We will build twelve raised beds." in text
    assert "Every Saturday, a cook shows families a recipe." in text
    assert "Cost £3,500" in text
    assert "Area Crewe" in text
    assert "Where it happens Queens Park, Crewe" in text
    assert "People expected to benefit 1,200" in text
    assert "Status Submitted, awaiting review" in text
    assert "Item Cost Raised beds £2,000 Cookery tutor £1,500 Total £3,500" in text
    assert "What it aims to change More physical activity" in text
    assert "The public cannot see this proposal" not in text


@pytest.mark.parametrize(
    "status", [ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN, ProposalStatus.INELIGIBLE]
)
def test_proposal_the_public_may_not_see_is_not_found(client, setting: Setting, status: str) -> None:
    proposal = make_proposal(setting, status=status)

    response = client.get(proposal_url(proposal))

    assert response.status_code == 404
    text = visible_text(response)
    assert "Page not found" in text
    assert proposal.title not in text


def test_eligible_proposal_is_public(client, setting: Setting) -> None:
    proposal = make_proposal(setting, status=ProposalStatus.ELIGIBLE)

    response = client.get(proposal_url(proposal))

    assert response.status_code == 200
    assert "Status Eligible" in visible_text(response)


def test_proposal_of_an_unpublished_programme_is_not_found(client, setting: Setting) -> None:
    proposal = make_proposal(setting, status=ProposalStatus.ELIGIBLE)
    setting.programme.is_published = False
    setting.programme.save()

    assert client.get(proposal_url(proposal)).status_code == 404


def test_proposal_is_not_found_under_another_programme(client, setting: Setting) -> None:
    proposal = make_proposal(setting, status=ProposalStatus.ELIGIBLE)
    other = factories.ProgrammeFactory.create()

    assert client.get(reverse("web:proposal", args=[other.slug, proposal.reference])).status_code == 404


def test_group_members_see_their_own_draft_with_a_warning(client, setting: Setting) -> None:
    proposal = make_proposal(setting, status=ProposalStatus.DRAFT, title="Our draft")
    client.force_login(setting.lead)

    response = client.get(proposal_url(proposal))

    assert response.status_code == 200
    text = visible_text(response)
    assert "Our draft" in text
    assert "Status: Draft. The public cannot see this proposal" in text


def test_group_members_see_why_their_proposal_is_not_eligible(client, setting: Setting) -> None:
    proposal = make_proposal(setting, status=ProposalStatus.INELIGIBLE)
    client.force_login(setting.lead)

    text = visible_text(client.get(proposal_url(proposal)))

    assert "Why it is not eligible: The project is outside Crewe." in text


def test_members_of_another_group_do_not_see_a_draft(client, setting: Setting) -> None:
    proposal = make_proposal(setting, status=ProposalStatus.DRAFT)
    stranger = factories.member(factories.CommunityGroupFactory.create())
    client.force_login(stranger)

    assert client.get(proposal_url(proposal)).status_code == 404


def test_officers_see_any_proposal(client, setting: Setting) -> None:
    proposal = make_proposal(setting, status=ProposalStatus.WITHDRAWN, title="Withdrawn idea")
    client.force_login(setting.officer)

    response = client.get(proposal_url(proposal))

    assert response.status_code == 200
    assert "Withdrawn idea" in visible_text(response)
