"""The connected neighbourhood page: an area's groups, assets, proposals and funded projects together."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from youdecide.areas import connected
from youdecide.areas.models import Area


def neighbourhood(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = get_object_or_404(Area.objects.select_related("parent__parent"), slug=area_slug)
    return render(request, "web/neighbourhood.html", {"area": area, "place": connected.neighbourhood(area)})
