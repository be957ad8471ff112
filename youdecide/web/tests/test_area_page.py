from django.urls import reverse

from conftest import Setting
from tests import factories
from youdecide.areas.models import AreaKind
from youdecide.proposals.models import Proposal, ProposalStatus
from youdecide.web.tests.reading import ATTRIBUTION, visible_text


def area_url(setting: Setting, area_slug: str | None = None) -> str:
    return reverse("web:area", args=[setting.programme.slug, area_slug or setting.area.slug])


def test_area_page_shows_the_pot_and_population(client, setting: Setting) -> None:
    response = client.get(area_url(setting))

    assert response.status_code == 200
    text = visible_text(response)
    assert "Crewe" in text
    assert "Pot for this area £30,000" in text
    assert "People living here 20,000" in text


def walking_netball(setting: Setting) -> Proposal:
    """A submitted proposal of the setting's group in its area, aiming for its outcome."""
    proposal = factories.ProposalFactory.create(
        programme=setting.programme,
        area=setting.area,
        group=setting.group,
        title="Walking netball at Crewe Alex",
        cost_pence=420_050,
        status=ProposalStatus.SUBMITTED,
    )
    proposal.outcomes.add(setting.outcome)
    return proposal


def test_area_page_lists_public_proposals_with_group_cost_and_outcomes(client, setting: Setting) -> None:
    proposal = walking_netball(setting)

    response = client.get(area_url(setting))

    text = visible_text(response)
    assert "Walking netball at Crewe Alex" in text
    assert f"By {setting.group.name}" in text
    assert "Cost £4,200.50" in text
    assert "Aims for More physical activity" in text
    assert "1 proposal, asking for £4,200.50" in text
    proposal_url = reverse("web:proposal", args=[setting.programme.slug, proposal.reference])
    assert f'href="{proposal_url}"' in response.content.decode()


def test_area_page_leaves_out_proposals_the_public_may_not_see(client, setting: Setting) -> None:
    for status, title in [
        (ProposalStatus.DRAFT, "A draft idea"),
        (ProposalStatus.WITHDRAWN, "A withdrawn idea"),
        (ProposalStatus.INELIGIBLE, "An ineligible idea"),
    ]:
        factories.ProposalFactory.create(
            programme=setting.programme,
            area=setting.area,
            group=setting.group,
            title=title,
            status=status,
            ineligible_reason="Outside the area" if status == ProposalStatus.INELIGIBLE else "",
        )
    factories.ProposalFactory.create(
        programme=setting.programme, area=setting.other_area, title="Macclesfield's idea", status="eligible"
    )

    text = visible_text(client.get(area_url(setting)))

    assert "A draft idea" not in text
    assert "A withdrawn idea" not in text
    assert "An ineligible idea" not in text
    assert "Macclesfield's idea" not in text
    assert "No proposals have been published for this area yet." in text


def test_area_page_lists_the_wards_in_the_area(client, setting: Setting) -> None:
    factories.AreaFactory.create(name="Crewe Central", kind=AreaKind.WARD, parent=setting.area)
    factories.AreaFactory.create(name="Crewe East", kind=AreaKind.WARD, parent=setting.area)

    text = visible_text(client.get(area_url(setting)))

    assert "Wards in this area Crewe Central Crewe East" in text


def test_area_page_credits_the_area_data(client, setting: Setting) -> None:
    assert ATTRIBUTION in visible_text(client.get(area_url(setting)))


def test_area_without_a_pot_in_the_programme_is_not_found(client, setting: Setting) -> None:
    elsewhere = factories.AreaFactory.create(name="Nantwich")

    assert client.get(area_url(setting, elsewhere.slug)).status_code == 404


def test_area_of_an_unpublished_programme_is_not_found(client, setting: Setting) -> None:
    setting.programme.is_published = False
    setting.programme.save()

    assert client.get(area_url(setting)).status_code == 404


def test_area_page_with_60_proposals_makes_a_bounded_number_of_queries(
    client, setting: Setting, django_assert_max_num_queries
) -> None:
    proposals = factories.ProposalFactory.create_batch(
        60, programme=setting.programme, area=setting.area, status=ProposalStatus.ELIGIBLE
    )
    for proposal in proposals:
        proposal.outcomes.add(setting.outcome)

    with django_assert_max_num_queries(7):  # the page, its pot, proposals, outcomes, wards, phases, result
        response = client.get(area_url(setting))

    text = visible_text(response)
    assert text.count("Aims for More physical activity") == 60
    assert "60 proposals, asking for £150,000 in all" in text


def test_a_change_to_a_proposal_its_group_or_its_outcomes_shows_at_once(client, setting: Setting) -> None:
    proposal = walking_netball(setting)
    assert "Walking netball at Crewe Alex" in visible_text(client.get(area_url(setting)))

    proposal.title = "Walking netball and tea at Crewe Alex"
    proposal.save()
    text = visible_text(client.get(area_url(setting)))
    assert "Walking netball and tea at Crewe Alex" in text
    assert "Walking netball at Crewe Alex" not in text

    setting.group.name = "Crewe Alex Community Trust"
    setting.group.save()
    setting.outcome.name = "More people active"
    setting.outcome.save()
    text = visible_text(client.get(area_url(setting)))
    assert "By Crewe Alex Community Trust" in text
    assert "Aims for More people active" in text
    assert "More physical activity" not in text
