from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from conftest import Setting
from tests import factories
from youdecide.areas.models import Area
from youdecide.delivery.tests.conftest import publish_result
from youdecide.programmes.models import Phase, PhaseKind
from youdecide.proposals.models import Proposal, ProposalStatus
from youdecide.web.tests.reading import ATTRIBUTION, page_title, visible_text


def programme_url(setting: Setting) -> str:
    return reverse("web:programme", args=[setting.programme.slug])


def test_programme_page_shows_what_the_programme_is(client, setting: Setting) -> None:
    programme = setting.programme
    programme.summary = "Money for projects that help people live healthier lives."
    programme.save()

    response = client.get(programme_url(setting))

    assert response.status_code == 200
    assert page_title(response).startswith(programme.name)
    text = visible_text(response)
    assert "Money for projects that help people live healthier lives." in text
    assert "Funded by Public health grant" in text
    assert "Total pot £50,000" in text
    assert "Largest grant for one project £10,000" in text


def test_programme_page_lists_areas_with_their_pots_and_proposal_counts(client, setting: Setting) -> None:
    factories.ProposalFactory.create(
        programme=setting.programme, area=setting.area, group=setting.group, status=ProposalStatus.ELIGIBLE
    )
    factories.ProposalFactory.create(
        programme=setting.programme, area=setting.area, group=setting.group, status=ProposalStatus.DRAFT
    )

    text = visible_text(client.get(programme_url(setting)))

    assert "Area Pot Proposals Crewe £30,000 1 Macclesfield £20,000 0 All areas £50,000" in text


def test_programme_page_shows_the_timeline_and_which_phase_is_now(client, setting: Setting) -> None:
    now = timezone.now()
    Phase.objects.create(
        programme=setting.programme,
        kind=PhaseKind.CO_DESIGN,
        starts_at=now - timedelta(days=60),
        ends_at=now - timedelta(days=2),
    )
    Phase.objects.create(
        programme=setting.programme,
        kind=PhaseKind.DECISION_DAYS,
        starts_at=now + timedelta(days=40),
        ends_at=now + timedelta(days=41),
    )

    response = client.get(programme_url(setting))

    text = visible_text(response).split("Timeline", 1)[1]
    co_design, proposals, decision_days = (
        text.index(name) for name in ("Co-design", "Proposals", "Decision Days")
    )
    assert co_design < proposals < decision_days
    assert "Finished" in text[co_design:proposals]
    assert "Happening now" in text[proposals:decision_days]
    assert "Coming up" in text[decision_days:]
    assert response.content.decode().count('aria-current="step"') == 1


def test_programme_page_shows_the_outcomes_aimed_at(client, setting: Setting) -> None:
    text = visible_text(client.get(programme_url(setting)))

    assert "What the programme aims to change" in text
    assert "More physical activity" in text


def test_programme_page_credits_the_area_data(client, setting: Setting) -> None:
    assert ATTRIBUTION in visible_text(client.get(programme_url(setting)))


def test_unpublished_programme_is_not_found(client, setting: Setting) -> None:
    setting.programme.is_published = False
    setting.programme.save()

    assert client.get(programme_url(setting)).status_code == 404


def test_officers_preview_an_unpublished_programme(client, setting: Setting) -> None:
    setting.programme.is_published = False
    setting.programme.save()
    client.force_login(setting.officer)

    response = client.get(programme_url(setting))

    assert response.status_code == 200
    assert "This programme is not published yet" in visible_text(response)


def test_unknown_programme_is_not_found(client, db) -> None:
    assert client.get(reverse("web:programme", args=["no-such-programme"])).status_code == 404


def test_programme_page_lists_the_funded_projects_with_their_progress(client, setting: Setting) -> None:
    funded = factories.ProposalFactory.create(
        programme=setting.programme,
        area=setting.area,
        group=setting.group,
        title="Walking football for the over-50s",
        cost_pence=420_000,
        status=ProposalStatus.ELIGIBLE,
    )
    factories.ProposalFactory.create(
        programme=setting.programme,
        area=setting.area,
        group=setting.group,
        title="A project residents did not choose",
        status=ProposalStatus.ELIGIBLE,
    )

    before = visible_text(client.get(programme_url(setting)))
    publish_result(setting.programme, setting.area, [funded], setting.officer)
    response = client.get(programme_url(setting))

    assert "Funded projects" not in before
    text = visible_text(response)
    assert "Funded projects: follow how they are doing" in text
    assert f"Walking football for the over-50s {setting.group.name} Crewe £4,200" in text
    assert "A project residents did not choose" not in text.split("Funded projects")[1].split("Areas and")[0]
    html = response.content.decode()
    assert reverse("delivery:progress", args=[setting.programme.slug, funded.reference]) in html
    assert reverse("delivery:evaluation", args=[setting.programme.slug]) in html


def test_programme_page_lists_funded_projects_area_by_area_as_they_are_now(client, setting: Setting) -> None:
    def funded(area: Area, title: str) -> Proposal:
        return factories.ProposalFactory.create(
            programme=setting.programme,
            area=area,
            group=setting.group,
            title=title,
            status=ProposalStatus.ELIGIBLE,
        )

    crewe_second, crewe_first = funded(setting.area, "Tea dance"), funded(setting.area, "Walking football")
    macclesfield = funded(setting.other_area, "Chair yoga")
    publish_result(setting.programme, setting.other_area, [macclesfield], setting.officer)
    publish_result(setting.programme, setting.area, [crewe_first, crewe_second], setting.officer)

    table = visible_text(client.get(programme_url(setting))).split("Funded projects")[1].split("Areas and")[0]
    assert table.index("Walking football") < table.index("Tea dance") < table.index("Chair yoga")

    crewe_second.title = "Tea dance at the Lyceum"
    crewe_second.save()
    table = visible_text(client.get(programme_url(setting))).split("Funded projects")[1].split("Areas and")[0]
    assert "Tea dance at the Lyceum" in table
