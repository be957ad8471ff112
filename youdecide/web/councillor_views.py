"""A ward councillor's dashboard: each of their wards' proposals, turnout, funded projects and events."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from youdecide.areas import connected
from youdecide.web.rules import can_see_ward_dashboard


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    if not can_see_ward_dashboard(request.user):
        raise PermissionDenied(_("Only councillors have a ward dashboard."))
    wards = [connected.ward_dashboard(ward) for ward in connected.wards_of_councillor(request.user)]
    return render(request, "web/councillor_dashboard.html", {"wards": wards})
