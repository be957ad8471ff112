"""Reads of areas that more than one page or command needs."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from youdecide.areas.models import Area, AreaKind, PostcodeArea
from youdecide.areas.postcodes import InvalidPostcode, normalise_postcode


def local_authority(code: str) -> Area | None:
    """The council's own area, by its ONS code (e.g. E06000049 for Cheshire East)."""
    return Area.objects.filter(code=code, kind=AreaKind.LOCAL_AUTHORITY).first()


def sub_regions_of(authority: Area) -> QuerySet[Area]:
    return Area.objects.filter(parent=authority, kind=AreaKind.SUB_REGION).order_by("name")


def wards_of(area: Area) -> QuerySet[Area]:
    """The wards in a sub-region, or in a council (through its sub-regions, or directly)."""
    return (
        Area.objects.filter(kind=AreaKind.WARD)
        .filter(Q(parent=area) | Q(parent__parent=area))
        .select_related("parent")
        .order_by("name")
    )


def areas_of_kind(kind: str) -> QuerySet[Area]:
    return Area.objects.filter(kind=kind).order_by("name")


def area_for_postcode(postcode: str) -> Area | None:
    """The ward a postcode is in, or None when the lookup does not have it (or it is not a postcode)."""
    try:
        canonical = normalise_postcode(postcode)
    except InvalidPostcode:
        return None
    found = PostcodeArea.objects.select_related("area__parent").filter(postcode=canonical).first()
    return found.area if found else None


def postcode_lookup_loaded() -> bool:
    return PostcodeArea.objects.exists()
