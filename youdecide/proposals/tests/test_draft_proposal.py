"""A group member drafts a proposal through the group portal."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests import factories
from youdecide.audit.models import AuditEvent
from youdecide.proposals.models import Proposal, ProposalStatus


def proposal_data(
    setting: Any, lines: list[tuple[str, str]], rows: int = 5, **overrides: str
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Walking football for over-50s",
        "area": str(setting.area.pk),
        "summary": "Weekly walking football at Crewe leisure centre.",
        "description": "A coach, a hall and kit for thirty players, every Tuesday for a year.",
        "outcomes": [str(setting.outcome.pk)],
        "expected_beneficiaries": "30",
        "location": "Crewe Lifestyle Centre",
        "lines-TOTAL_FORMS": str(rows),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "40",
    }
    for index in range(rows):
        description, amount = lines[index] if index < len(lines) else ("", "")
        data[f"lines-{index}-description"] = description
        data[f"lines-{index}-amount"] = amount
    data.update(overrides)
    return data


def create_url(setting: Any) -> str:
    return reverse("proposals:create", args=[setting.group.slug]) + f"?programme={setting.programme.slug}"


def test_member_drafts_a_proposal_with_two_budget_lines(client, setting) -> None:
    client.force_login(setting.lead)
    response = client.post(
        create_url(setting), proposal_data(setting, [("Coach, 50 sessions", "1,250.50"), ("Kit", "£300")])
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("proposals:detail_private", args=[setting.group.slug, proposal.pk])
    assert proposal.status == ProposalStatus.DRAFT
    assert proposal.cost_pence == 125_050 + 30_000
    assert [(line.description, line.amount_pence) for line in proposal.budget_lines.all()] == [
        ("Coach, 50 sessions", 125_050),
        ("Kit", 30_000),
    ]
    assert list(proposal.outcomes.all()) == [setting.outcome]
    assert proposal.group == setting.group
    assert AuditEvent.objects.filter(action="proposal.created", object_id=str(proposal.pk)).exists()

    page = client.get(response["Location"])
    assert "£1,550.50" in page.content.decode()


def test_the_form_offers_only_areas_with_a_pot_and_the_programmes_outcomes(client, setting) -> None:
    factories.AreaFactory.create(name="Nowhere Without A Pot")
    client.force_login(setting.lead)
    page = client.get(create_url(setting)).content.decode()
    assert "Crewe (pot £30,000)" in page
    assert "Macclesfield (pot £20,000)" in page
    assert "Nowhere Without A Pot" not in page
    assert "More physical activity" in page


def test_a_cost_over_the_area_pot_shows_the_services_message(client, setting) -> None:
    client.force_login(setting.lead)
    setting.programme.grant_cap_pence = None
    setting.programme.save()
    response = client.post(
        create_url(setting), proposal_data(setting, [("Community hub", "25,000"), ("Fit-out", "5,000.01")])
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The cost, £30,000.01, is more than the whole pot for Crewe (£30,000)." in page
    assert 'class="error-summary"' in page
    assert 'href="#budget-lines"' in page
    assert not Proposal.objects.exists()


def test_a_cost_over_the_grant_cap_shows_the_services_message(client, setting) -> None:
    client.force_login(setting.lead)
    response = client.post(create_url(setting), proposal_data(setting, [("Minibus", "12,000")]))
    assert "The cost, £12,000, is more than the largest grant this programme gives (£10,000)." in (
        response.content.decode()
    )
    assert not Proposal.objects.exists()


def test_no_budget_line_is_an_error(client, setting) -> None:
    client.force_login(setting.lead)
    response = client.post(create_url(setting), proposal_data(setting, []))
    assert "Add at least one budget line" in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_bad_amount_and_a_half_filled_line_are_shown_next_to_their_fields(client, setting) -> None:
    client.force_login(setting.lead)
    response = client.post(
        create_url(setting), proposal_data(setting, [("Coach", "lots"), ("", "200"), ("Kit", "")], title="")
    )
    page = response.content.decode()
    assert "Line 1: enter an amount in pounds, such as 1250 or 1,250.50." in page
    assert "Line 2: say what the money buys." in page
    assert "Line 3: enter what “Kit” costs." in page
    assert 'href="#id_title"' in page
    assert 'href="#id_lines-0-amount"' in page
    assert 'aria-describedby="id_lines-0-amount_error"' in page
    assert not Proposal.objects.exists()


def test_with_one_programme_open_the_form_comes_straight_away(client, setting) -> None:
    client.force_login(setting.lead)
    page = client.get(reverse("proposals:create", args=[setting.group.slug])).content.decode()
    assert 'name="title"' in page
    assert setting.programme.name in page


def test_with_two_programmes_open_the_member_chooses_first(client, setting) -> None:
    other = factories.ProgrammeFactory.create(name="You Decide 2027")
    factories.open_phase(other)
    closed = factories.ProgrammeFactory.create(name="Closed programme")
    client.force_login(setting.lead)
    page = client.get(reverse("proposals:create", args=[setting.group.slug])).content.decode()
    assert 'name="title"' not in page
    assert setting.programme.name in page
    assert "You Decide 2027" in page
    assert "Closed programme" not in page
    refused = client.get(reverse("proposals:create", args=[setting.group.slug]) + f"?programme={closed.slug}")
    assert 'class="error-summary"' in refused.content.decode()


def test_no_programme_open_says_so(client, setting) -> None:
    setting.programme.phases.all().delete()
    client.force_login(setting.lead)
    page = client.get(reverse("proposals:create", args=[setting.group.slug])).content.decode()
    assert "No programme is taking proposals just now." in page
