"""Importing the packaged Cheshire East files: 52 wards in 8 sub-regions, 375,457 people, idempotent."""

from __future__ import annotations

import math
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum

from youdecide.areas.models import Area, AreaKind, Neighbourhood
from youdecide.areas.selectors import local_authority, sub_regions_of, wards_of
from youdecide.areas.services import import_wards
from youdecide.areas.ward_files import ATTRIBUTION, PACKAGED_DATA_DIR, packaged_files
from youdecide.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_packaged_files_ship_inside_the_package_with_their_attribution() -> None:
    for path in packaged_files().all():
        assert path.is_file(), path
        assert PACKAGED_DATA_DIR in path.parents
    readme = (PACKAGED_DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert " ".join(ATTRIBUTION.split()) in " ".join(readme.split())


def test_import_creates_the_council_its_52_wards_and_8_sub_regions() -> None:
    summary = import_wards()

    authority = local_authority("E06000049")
    assert authority is not None and authority.name == "Cheshire East" and authority.parent is None
    assert summary.created == 61 and summary.updated == 0
    assert Area.objects.filter(kind=AreaKind.WARD).count() == 52
    assert sub_regions_of(authority).count() == 8
    assert wards_of(authority).count() == 52
    assert not Area.objects.filter(kind=AreaKind.WARD, parent__isnull=True).exists()
    assert not Area.objects.filter(kind=AreaKind.WARD).exclude(parent__kind=AreaKind.SUB_REGION).exists()
    assert authority.population == 375_457
    assert sum(ward.population or 0 for ward in wards_of(authority)) == 375_457
    assert sum(region.population or 0 for region in sub_regions_of(authority)) == 375_457


def test_each_ward_has_its_boundary_scores_and_a_slug() -> None:
    import_wards()

    st_barnabas = Area.objects.get(code="E05008623")
    assert st_barnabas.name == "Crewe St Barnabas" and st_barnabas.slug == "crewe-st-barnabas"
    assert st_barnabas.parent is not None and st_barnabas.parent.name == "Crewe"
    assert st_barnabas.boundary is not None and st_barnabas.boundary["type"] == "Polygon"
    assert st_barnabas.imd_score == pytest.approx(41.4, abs=0.05)
    assert st_barnabas.health_deprivation_score == pytest.approx(1.08, abs=0.005)
    assert st_barnabas.population == 6494


def test_the_most_deprived_wards_are_in_crewe() -> None:
    import_wards()

    most_deprived = Area.objects.filter(kind=AreaKind.WARD).order_by("-imd_score")[:4]
    assert [ward.name for ward in most_deprived] == [
        "Crewe St Barnabas",
        "Crewe Central",
        "Crewe South",
        "Crewe North",
    ]
    assert {ward.parent.name for ward in most_deprived if ward.parent} == {"Crewe"}


def test_a_sub_region_adds_up_its_wards_and_weighs_their_scores_by_population() -> None:
    import_wards()

    crewe = Area.objects.get(kind=AreaKind.SUB_REGION, name="Crewe")
    wards = list(wards_of(crewe))
    assert len(wards) == 9
    assert crewe.population == sum(ward.population or 0 for ward in wards)
    weighted = math.fsum((ward.population or 0) * (ward.imd_score or 0) for ward in wards) / (
        crewe.population or 1
    )
    assert crewe.imd_score == pytest.approx(weighted)
    assert crewe.boundary is not None and crewe.boundary["type"] == "MultiPolygon"
    assert len(crewe.boundary["coordinates"]) == 9
    assert crewe.parent is not None
    assert max(sub_regions_of(crewe.parent), key=lambda area: area.imd_score or 0) == crewe


def test_the_import_is_recorded_in_the_audit_log() -> None:
    summary = import_wards(actor="youdecide import-areas")

    event = AuditEvent.objects.get(action="areas.imported")
    assert event.object_id == str(summary.authority.pk)
    assert event.actor_label == "youdecide import-areas"
    assert event.data["wards"] == 52 and event.data["population"] == 375_457
    assert set(event.data["files"]) == {path.name for path in packaged_files().all()}


def test_a_second_import_duplicates_nothing_and_changes_nothing() -> None:
    import_wards()
    before = {area.code: (area.pk, area.name, area.parent_id, area.population) for area in Area.objects.all()}

    again = import_wards()

    assert (again.created, again.updated, again.unchanged) == (0, 0, 61)
    assert Area.objects.count() == 61
    assert {
        area.code: (area.pk, area.name, area.parent_id, area.population) for area in Area.objects.all()
    } == before
    assert AuditEvent.objects.filter(action="areas.imported").count() == 1


def test_a_second_import_puts_back_what_was_changed_since() -> None:
    import_wards()
    Area.objects.filter(code="E05008620").update(name="Crewe Middle", population=1, parent=None)

    again = import_wards()

    assert again.updated == 1
    ward = Area.objects.get(code="E05008620")
    assert (ward.name, ward.population) == ("Crewe Central", 5774)
    assert ward.parent is not None and ward.parent.code == "CE-CREWE"
    assert AuditEvent.objects.filter(action="areas.imported").count() == 2


def test_the_command_prints_a_summary_with_the_attribution() -> None:
    out = StringIO()

    call_command("import_areas", stdout=out)

    text = out.getvalue()
    assert "Cheshire East (E06000049): 52 wards in 8 sub-regions, population 375,457." in text
    assert "Areas created: 61" in text
    assert "Crewe" in text and "78,545" in text
    assert "Open Government Licence v3.0" in text


def test_the_234_neighbourhoods_are_stored_with_their_ward_decile_and_people() -> None:
    import_wards()

    assert Neighbourhood.objects.count() == 234
    assert Neighbourhood.objects.aggregate(people=Sum("population"))["people"] == 375_457
    assert Neighbourhood.objects.filter(imd_decile__lte=2).count() == 18
    first = Neighbourhood.objects.select_related("ward").get(code="E01018386")
    assert (first.name, first.ward.name, first.population, first.imd_rank, first.imd_decile) == (
        "Cheshire East 042A",
        "Alsager",
        1388,
        27409,
        9,
    )
    again = import_wards()
    assert again.neighbourhoods == 234 and again.neighbourhoods_changed == 0 and not again.changed


def test_a_neighbourhood_changed_or_dropped_since_is_put_right_by_a_second_import() -> None:
    import_wards()
    Neighbourhood.objects.filter(code="E01018386").update(imd_decile=1, imd_rank=1)
    stray = Neighbourhood.objects.create(
        code="E01099999",
        name="Stray 001A",
        ward=Area.objects.get(name="Alsager"),
        population=5,
        imd_rank=3,
        imd_decile=1,
    )

    again = import_wards()

    assert again.neighbourhoods_changed == 2
    assert Neighbourhood.objects.get(code="E01018386").imd_decile == 9
    assert not Neighbourhood.objects.filter(pk=stray.pk).exists()
    assert AuditEvent.objects.filter(action="areas.imported").count() == 2
