"""Officers set up a programme in the back office: details, phase dates, area pots, phases opened early."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from youdecide.accounts.models import Role
from youdecide.areas.models import AreaKind
from youdecide.audit.models import AuditEvent
from youdecide.programmes.models import AreaPot, Phase, PhaseKind, Programme

LONDON = ZoneInfo("Europe/London")


def creation_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "You Decide 2026 — public health",
        "slug": "you-decide-2026",
        "funding_source": "Public health grant",
        "total_pot": "400,000",
        "grant_cap": "10,000",
        "area_kind": "sub_region",
        "summary": "Residents decide how £400,000 is spent.",
        "proposals_starts": "2026-03-01",
        "proposals_ends": "2026-03-31",
        "decision_days_starts": "2026-05-01",
        "decision_days_ends": "2026-05-31",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "name",
    ["programmes:office_list", "programmes:office_create"],
)
def test_residents_and_group_members_are_refused(client, setting, name) -> None:
    for person in [factories.UserFactory.create(role=Role.RESIDENT), setting.lead]:
        client.force_login(person)
        assert client.get(reverse(name)).status_code == 403
    client.logout()
    assert client.get(reverse(name)).status_code == 302


def test_programme_pages_are_for_officers_only(client, setting) -> None:
    slug = setting.programme.slug
    pages = ["office_detail", "office_edit", "office_phases", "office_pots"]
    client.force_login(setting.lead)
    for page in pages:
        assert client.get(reverse(f"programmes:{page}", args=[slug])).status_code == 403
    assert client.post(reverse("programmes:office_close_phase", args=[slug, "proposals"])).status_code == 403
    client.force_login(setting.officer)
    for page in pages:
        assert client.get(reverse(f"programmes:{page}", args=[slug])).status_code == 200


def test_an_officer_creates_a_programme_with_pounds_and_phase_days(client, setting) -> None:
    client.force_login(setting.officer)
    response = client.post(
        reverse("programmes:office_create"), creation_data(outcomes=[str(setting.outcome.pk)])
    )
    programme = Programme.objects.get(slug="you-decide-2026")
    assert response.status_code == 302
    assert response["Location"] == reverse("programmes:office_pots", args=[programme.slug])
    assert programme.total_pot_pence == 40_000_000
    assert programme.grant_cap_pence == 1_000_000
    assert programme.is_published is False
    assert programme.created_by == setting.officer
    assert list(programme.outcomes.all()) == [setting.outcome]
    proposals = programme.phases.get(kind=PhaseKind.PROPOSALS)
    assert proposals.starts_at == datetime(2026, 3, 1, tzinfo=LONDON)
    assert proposals.ends_at == datetime(2026, 4, 1, tzinfo=LONDON)
    assert set(programme.phases.values_list("kind", flat=True)) == {"proposals", "decision_days"}
    assert AuditEvent.objects.filter(action="programme.created", object_id=str(programme.pk)).exists()


def test_creation_errors_are_summarised_and_nothing_is_stored(client, setting) -> None:
    client.force_login(setting.officer)
    response = client.post(
        reverse("programmes:office_create"),
        creation_data(
            total_pot="four hundred", slug=setting.programme.slug, review_starts="2026-04-02", review_ends=""
        ),
    )
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert "Enter an amount in pounds" in page
    assert 'href="#id_total_pot"' in page
    assert "Eligibility review: enter the last day, or leave both days empty." in page
    assert Programme.objects.count() == 1

    taken = client.post(reverse("programmes:office_create"), creation_data(slug=setting.programme.slug))
    assert "Another programme already uses the address" in taken.content.decode()
    assert 'href="#id_slug"' in taken.content.decode()
    over = client.post(reverse("programmes:office_create"), creation_data(grant_cap="500,000"))
    assert "The largest grant must be more than £0 and within the pot." in over.content.decode()
    assert 'href="#id_grant_cap"' in over.content.decode()
    assert Programme.objects.count() == 1


def pot_data(setting, total: str, **amounts: str) -> dict[str, str]:
    data = {"total_pot": total}
    for area in [setting.area, setting.other_area]:
        data[f"area_{area.pk}"] = amounts.get(area.name, "")
    return data


def test_a_split_that_does_not_add_up_shows_the_difference_and_stores_nothing(client, setting) -> None:
    client.force_login(setting.officer)
    events = AuditEvent.objects.count()
    response = client.post(
        reverse("programmes:office_pots", args=[setting.programme.slug]),
        pot_data(setting, "50,000", Crewe="30,000", Macclesfield="15,000"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Area pots add up to £45,000 but the programme&#x27;s pot is £50,000." in page
    assert "£5,000 still to share out" in page
    assert 'class="error-summary"' in page
    assert dict(AreaPot.objects.values_list("area__name", "amount_pence")) == {
        "Crewe": 3_000_000,
        "Macclesfield": 2_000_000,
    }
    assert AuditEvent.objects.count() == events

    too_much = client.post(
        reverse("programmes:office_pots", args=[setting.programme.slug]),
        pot_data(setting, "50,000", Crewe="40,000", Macclesfield="15,000.50"),
    )
    assert "£5,000.50 too much" in too_much.content.decode()


def test_a_split_that_adds_up_is_saved_and_audited(client, setting) -> None:
    client.force_login(setting.officer)
    page = client.get(reverse("programmes:office_pots", args=[setting.programme.slug])).content.decode()
    assert 'value="30,000"' in page
    response = client.post(
        reverse("programmes:office_pots", args=[setting.programme.slug]),
        pot_data(setting, "50,000", Crewe="35,000", Macclesfield="15,000"),
    )
    assert response.status_code == 302
    assert dict(AreaPot.objects.values_list("area__name", "amount_pence")) == {
        "Crewe": 3_500_000,
        "Macclesfield": 1_500_000,
    }
    assert AuditEvent.objects.filter(action="programme.pots_set").count() == 1


def test_the_total_and_its_split_change_together(client, setting) -> None:
    client.force_login(setting.officer)
    client.post(
        reverse("programmes:office_pots", args=[setting.programme.slug]),
        pot_data(setting, "60,000", Crewe="40,000", Macclesfield="20,000"),
    )
    setting.programme.refresh_from_db()
    assert setting.programme.total_pot_pence == 6_000_000
    assert sum(AreaPot.objects.values_list("amount_pence", flat=True)) == 6_000_000


def test_an_area_left_empty_has_no_pot(client, setting) -> None:
    client.force_login(setting.officer)
    client.post(
        reverse("programmes:office_pots", args=[setting.programme.slug]),
        pot_data(setting, "50,000", Crewe="50,000"),
    )
    assert list(AreaPot.objects.values_list("area__name", flat=True)) == ["Crewe"]


def test_the_pots_page_lists_only_areas_of_the_programmes_kind(client, setting) -> None:
    factories.AreaFactory.create(name="Crewe Central", kind=AreaKind.WARD)
    client.force_login(setting.officer)
    page = client.get(reverse("programmes:office_pots", args=[setting.programme.slug])).content.decode()
    assert "Macclesfield" in page
    assert "Crewe Central" not in page


def test_editing_a_programme_records_only_what_changed(client, setting) -> None:
    client.force_login(setting.officer)
    response = client.post(
        reverse("programmes:office_edit", args=[setting.programme.slug]),
        {
            "name": setting.programme.name,
            "funding_source": "Public health grant and NHS Cheshire",
            "total_pot": "50,000",
            "grant_cap": "10,000",
            "summary": "",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="programme.updated")
    assert event.data["after"] == {"funding_source": "Public health grant and NHS Cheshire"}


def test_changing_the_total_on_the_edit_page_points_to_the_pots_page(client, setting) -> None:
    client.force_login(setting.officer)
    response = client.post(
        reverse("programmes:office_edit", args=[setting.programme.slug]),
        {"name": "x", "funding_source": "y", "total_pot": "70,000", "grant_cap": "", "is_published": "on"},
    )
    assert "change the total where you split it across areas" in response.content.decode()
    setting.programme.refresh_from_db()
    assert setting.programme.total_pot_pence == 5_000_000


def test_close_now_and_open_now_show_the_guard_reasons(client, setting) -> None:
    client.force_login(setting.officer)
    slug = setting.programme.slug
    page = client.get(reverse("programmes:office_detail", args=[slug])).content.decode()
    assert "Close Proposals now" in page
    assert "Open Proposals now" not in page

    response = client.post(reverse("programmes:office_close_phase", args=[slug, "proposals"]), follow=True)
    assert "Proposals is closed now." in response.content.decode()
    phase = setting.programme.phases.get(kind="proposals")
    assert phase.closed_at is not None
    assert "Proposals has already ended; change its dates to reopen it." in response.content.decode()

    again = client.post(reverse("programmes:office_close_phase", args=[slug, "proposals"]), follow=True)
    assert "Proposals is not open." in again.content.decode()
    reopen = client.post(reverse("programmes:office_open_phase", args=[slug, "proposals"]), follow=True)
    assert "Proposals has already ended; change its dates to reopen it." in reopen.content.decode()
    assert client.post(reverse("programmes:office_open_phase", args=[slug, "counting"])).status_code == 404


def test_opening_review_early_closes_proposals(client, setting) -> None:
    now = timezone.now()
    Phase.objects.create(
        programme=setting.programme,
        kind=PhaseKind.REVIEW,
        starts_at=now + timedelta(days=40),
        ends_at=now + timedelta(days=50),
    )
    client.force_login(setting.officer)
    client.post(reverse("programmes:office_open_phase", args=[setting.programme.slug, "review"]))
    phases = {phase.kind: phase for phase in setting.programme.phases.all()}
    assert phases["review"].opened_at is not None
    assert phases["proposals"].closed_at is not None
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions[-2:] == ["programme.phase_closed", "programme.phase_opened"]


def test_the_programme_page_shows_recent_changes_from_the_audit_log(client, setting) -> None:
    client.force_login(setting.officer)
    client.post(reverse("programmes:office_close_phase", args=[setting.programme.slug, "proposals"]))
    page = client.get(reverse("programmes:office_detail", args=[setting.programme.slug])).content.decode()
    assert "Recent changes" in page
    assert "Closed Proposals early." in page
    assert str(setting.officer) in page


def test_phase_dates_are_edited_and_only_changes_recorded(client, setting) -> None:
    client.force_login(setting.officer)
    url = reverse("programmes:office_phases", args=[setting.programme.slug])
    page = client.get(url).content.decode()
    phase = setting.programme.phases.get(kind="proposals")
    first = timezone.localtime(phase.starts_at).date().isoformat()
    assert f'value="{first}"' in page
    data = {f"{kind}_{end}": "" for kind in PhaseKind.values for end in ["starts", "ends"]}
    data["proposals_starts"] = first
    data["proposals_ends"] = "2030-01-31"
    data["evaluation_starts"] = "2030-06-01"
    data["evaluation_ends"] = "2030-12-31"
    response = client.post(url, data)
    assert response.status_code == 302
    phase.refresh_from_db()
    assert phase.ends_at == datetime(2030, 2, 1, tzinfo=LONDON)
    assert AuditEvent.objects.filter(action="programme.phase_dates_set").count() == 2

    data["proposals_starts"] = ""
    data["proposals_ends"] = ""
    refused = client.post(url, data)
    assert "Proposals: enter the first day (a phase with dates cannot be removed here)." in (
        refused.content.decode()
    )


def test_a_split_by_need_is_suggested_without_saving(client, setting) -> None:
    setting.area.imd_score = 30.0
    setting.area.population = 10_000
    setting.area.save()
    setting.other_area.imd_score = 10.0
    setting.other_area.population = 10_000
    setting.other_area.save()
    client.force_login(setting.officer)
    url = reverse("programmes:office_pots", args=[setting.programme.slug])
    page = client.get(url, {"suggest": "need"}).content.decode()
    assert 'value="37,500"' in page
    assert 'value="12,500"' in page
    assert "Nothing is saved until you save the area pots." in page
    assert AreaPot.objects.get(area=setting.area).amount_pence == 3_000_000
