"""Commissioners' insight: needs by area and outcome, unmet outcomes, groups, assets; and its CSV export."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from youdecide.groups.models import AssetCategory
from youdecide.programmes import insight as selectors
from youdecide.web.rules import can_read_insight

CSV_TABLES = ("needs", "groups", "assets")


def _authorise(request: HttpRequest) -> None:
    if not can_read_insight(request.user):
        raise PermissionDenied(_("Only commissioners and council officers can read the insight pages."))


@login_required
def insight(request: HttpRequest) -> HttpResponse:
    _authorise(request)
    needs = selectors.needs_by_area_and_outcome()
    context = {
        "needs": needs,
        "unmet": selectors.unmet_needs(needs),
        "groups": selectors.groups_by_readiness(),
        "assets": selectors.assets_by_area(),
        "categories": [str(label) for label in AssetCategory.labels],
    }
    return render(request, "web/insight.html", context)


def _pounds(pence: int) -> str:
    return f"{pence // 100}.{pence % 100:02d}"


@login_required
def insight_csv(request: HttpRequest) -> HttpResponse:
    """?table=needs (the default), groups or assets; money in pounds with pence, e.g. 1250.00."""
    _authorise(request)
    table = request.GET.get("table", "needs")
    if table not in CSV_TABLES:
        table = "needs"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="insight-{table}.csv"'
    writer = csv.writer(response)
    if table == "needs":
        writer.writerow(
            [
                "area_code",
                "area",
                "outcome",
                "proposals",
                "asked_gbp",
                "funded",
                "funded_gbp",
                "area_pots_gbp",
                "unmet",
            ]
        )
        for row in selectors.needs_by_area_and_outcome():
            writer.writerow(
                [
                    row.area.code,
                    row.area.name,
                    row.outcome.name,
                    row.proposals,
                    _pounds(row.asked_pence),
                    row.funded,
                    _pounds(row.funded_pence),
                    _pounds(row.available_pence),
                    "yes" if row.unmet else "no",
                ]
            )
    elif table == "groups":
        writer.writerow(
            [
                "group",
                "based_in",
                "ready_to_apply",
                "items_missing",
                "proposals_submitted",
                "proposals_funded",
                "awarded_gbp",
                "grants_completed",
            ]
        )
        for group in selectors.groups_by_readiness():
            writer.writerow(
                [
                    group.group.name,
                    group.group.area.name if group.group.area else "",
                    "yes" if group.ready else "no",
                    group.items_missing,
                    group.proposals_submitted,
                    group.proposals_funded,
                    _pounds(group.awarded_pence),
                    group.grants_completed,
                ]
            )
    else:
        writer.writerow(["area_code", "area", "assets", *AssetCategory.values])
        for assets in selectors.assets_by_area():
            writer.writerow([assets.area.code, assets.area.name, assets.total, *assets.by_category])
    return response
