"""The asset map: suggestions, moderation, who sees what, funded projects derived from published counts,
search, filters and the map."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from conftest import Setting
from tests import factories
from youdecide.areas.models import AreaKind
from youdecide.audit.models import AuditEvent
from youdecide.groups import services
from youdecide.groups.models import Asset, AssetStatus
from youdecide.groups.selectors import asset_directory
from youdecide.proposals.models import ProposalStatus
from youdecide.results.models import CountRun


def suggest(setting: Setting, name: str, **extra: Any) -> Asset:
    fields: dict[str, Any] = {"category": "venue", "area": setting.area, "address": "Market Street, Crewe"}
    fields.update(extra)
    return services.suggest_asset(setting.lead, name=name, **fields)


def test_a_suggestion_is_public_only_once_approved(client: Any, setting: Setting) -> None:
    hall = suggest(setting, "Crewe Market Hall", opening_times="Tue to Sat, 8am to 4pm")
    assert hall.status == AssetStatus.PENDING
    assert client.get(reverse("assets:detail", args=[hall.pk])).status_code == 404
    assert "Crewe Market Hall" not in client.get(reverse("assets:list")).content.decode()
    client.force_login(factories.UserFactory.create())
    assert client.get(reverse("assets:detail", args=[hall.pk])).status_code == 404
    client.force_login(setting.lead)
    page = client.get(reverse("assets:list")).content.decode()
    assert "Your suggestions" in page and "Awaiting a council check" in page
    assert client.get(reverse("assets:detail", args=[hall.pk])).status_code == 200

    services.approve_asset(setting.officer, hall)
    client.logout()
    page = client.get(reverse("assets:list")).content.decode()
    assert "Crewe Market Hall" in page and "Tue to Sat, 8am to 4pm" in page
    assert client.get(reverse("assets:detail", args=[hall.pk])).status_code == 200
    assert AuditEvent.objects.filter(action="asset.approved", object_id=str(hall.pk)).exists()


def test_a_rejection_needs_a_reason_which_the_suggester_reads(client: Any, setting: Setting) -> None:
    shop = suggest(setting, "My own shop", category="service")
    with pytest.raises(ValidationError):
        services.reject_asset(setting.officer, shop, "  ")
    with pytest.raises(PermissionDenied):
        services.reject_asset(setting.lead, shop, "Not mine to judge")
    with pytest.raises(PermissionDenied):
        services.approve_asset(setting.lead, shop)
    client.force_login(setting.officer)
    response = client.post(reverse("assets:reject", args=[shop.pk]), {"reason": ""})
    assert response.status_code == 400 and "Say why the entry is not added." in response.content.decode()
    client.post(
        reverse("assets:reject", args=[shop.pk]), {"reason": "Businesses selling goods are not listed."}
    )
    shop.refresh_from_db()
    assert shop.status == AssetStatus.REJECTED and shop.moderated_by == setting.officer
    client.force_login(setting.lead)
    page = client.get(reverse("assets:list")).content.decode()
    assert "Businesses selling goods are not listed." in page
    assert "My own shop</a>" in page  # in their own suggestions only
    assert not any(entry.name == "My own shop" for entry in asset_directory())


def test_only_officers_see_and_work_the_moderation_queue(client: Any, setting: Setting) -> None:
    suggest(setting, "Queens Park bowling green")
    client.force_login(setting.lead)
    assert client.get(reverse("assets:moderation")).status_code == 403
    client.force_login(setting.officer)
    page = client.get(reverse("assets:moderation")).content.decode()
    assert "Queens Park bowling green" in page
    green = Asset.objects.get()
    assert client.post(reverse("assets:approve", args=[green.pk])).status_code == 302
    assert "No suggestions are waiting." in client.get(reverse("assets:moderation")).content.decode()


def test_a_location_needs_both_coordinates(setting: Setting) -> None:
    with pytest.raises(ValidationError) as refused:
        suggest(setting, "Half a place", longitude=Decimal("-2.44"))
    assert refused.value.message_dict["longitude"] == [
        "Give both the longitude and the latitude, or neither."
    ]
    with pytest.raises(ValidationError):
        suggest(setting, "Off the globe", longitude=Decimal("-200"), latitude=Decimal("53"))
    assert not Asset.objects.exists()


def test_the_suggestion_form_shows_errors_where_they_are(client: Any, setting: Setting) -> None:
    client.force_login(setting.lead)
    response = client.post(
        reverse("assets:suggest"),
        {"name": "", "category": "venue", "area": setting.area.pk, "latitude": "53.1", "longitude": ""},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter the name of the place or activity." in page
    assert "Give both the longitude and the latitude, or neither." not in page  # the name is asked first
    response = client.post(
        reverse("assets:suggest"),
        {"name": "Library", "category": "venue", "area": setting.area.pk, "latitude": "53.1"},
    )
    assert "Give both the longitude and the latitude, or neither." in response.content.decode()


def test_funded_projects_appear_once_their_count_is_published(setting: Setting) -> None:
    proposal = factories.ProposalFactory.create(
        group=setting.group,
        programme=setting.programme,
        area=setting.area,
        title="Crewe community fridge",
        status=ProposalStatus.ELIGIBLE,
    )
    run = CountRun.objects.create(
        programme=setting.programme,
        area=setting.area,
        rule="greedy",
        ballots=40,
        inputs_digest="d" * 64,
        budget_pence=3_000_000,
        spent_pence=proposal.cost_pence,
        selected=[proposal.reference],
    )
    assert asset_directory() == []
    run.published_at, run.published_by = timezone.now(), setting.officer
    run.save()
    [entry] = asset_directory()
    assert (entry.name, entry.category_label, entry.area) == (
        "Crewe community fridge",
        "Community project",
        setting.area,
    )
    assert entry.contact == setting.group.name
    assert entry.href == reverse("delivery:progress", args=[setting.programme.slug, proposal.reference])
    assert asset_directory(category="venue") == []
    assert asset_directory(area=setting.other_area) == []
    assert [e.name for e in asset_directory(search="fridge crewe")] == ["Crewe community fridge"]


def test_search_and_filters(client: Any, setting: Setting) -> None:
    for name, category, area in [
        ("Crewe Library", "venue", setting.area),
        ("Crewe Foodbank", "service", setting.area),
        ("Macclesfield Library", "venue", setting.other_area),
    ]:
        services.approve_asset(setting.officer, suggest(setting, name, category=category, area=area))
    assert [e.name for e in asset_directory(search="library")] == ["Crewe Library", "Macclesfield Library"]
    assert [e.name for e in asset_directory(category="service")] == ["Crewe Foodbank"]
    assert [e.name for e in asset_directory(category="venue", area=setting.other_area)] == [
        "Macclesfield Library"
    ]
    page = client.get(reverse("assets:list"), {"q": "library", "area": setting.area.pk}).content.decode()
    assert "1 entry" in page and "Crewe Library" in page and "Macclesfield Library" not in page


def test_the_map_marks_entries_with_a_location(client: Any, setting: Setting) -> None:
    ward = factories.AreaFactory.create(
        name="Crewe Central",
        kind=AreaKind.WARD,
        boundary={
            "type": "Polygon",
            "coordinates": [[[-2.5, 53.0], [-2.4, 53.0], [-2.4, 53.2], [-2.5, 53.0]]],
        },
    )
    inside = suggest(
        setting, "Lyceum Square", area=ward, longitude=Decimal("-2.45"), latitude=Decimal("53.1")
    )
    outside = suggest(setting, "Far away", area=ward, longitude=Decimal("1.0"), latitude=Decimal("52.0"))
    for asset in (inside, outside):
        services.approve_asset(setting.officer, asset)
    page = client.get(reverse("assets:list")).content.decode()
    assert page.count('class="map-point"') == 1
    assert "<title>Lyceum Square</title>" in page
    assert "<title>Crewe Central: 2 entries</title>" in page
    assert "2 entries have a location, shown as dots if within the wards drawn." in page
