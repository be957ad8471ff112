"""The group portal: a person's groups, registering a group, its members and governance checklist."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from youdecide.areas.models import Area, AreaKind
from youdecide.groups import rules, services
from youdecide.groups.forms import (
    AddMemberForm,
    AssetFilterForm,
    AssetRejectionForm,
    AssetSuggestionForm,
    AttendanceForm,
    GovernanceChecklistForm,
    GovernanceDocumentForm,
    GroupRegistrationForm,
    SessionBookingForm,
    SupportSessionForm,
)
from youdecide.groups.models import (
    Asset,
    CommunityGroup,
    GovernanceCheck,
    GovernanceDocument,
    SessionBooking,
    SupportSession,
)
from youdecide.groups.rules import can_manage_group, is_member
from youdecide.groups.selectors import (
    AssetEntry,
    asset_directory,
    bookings_of,
    capacity_trail,
    governance_checks_with_documents,
    governance_summary,
    group_readiness,
    groups_of,
    past_sessions,
    suggestions_awaiting,
    suggestions_of,
    trail_totals,
    upcoming_sessions,
)
from youdecide.programmes.views import officer_required
from youdecide.proposals.selectors import proposals_of
from youdecide.web.maps import Point, Shaded, ward_map


def _group_for(request: HttpRequest, slug: str) -> CommunityGroup:
    group = get_object_or_404(CommunityGroup.objects.select_related("area"), slug=slug)
    if not can_manage_group(request.user, group):
        raise PermissionDenied(_("Only members of this group and council officers can see this page."))
    return group


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    groups = []
    for group in groups_of(request.user):
        done, total = governance_summary(group)
        groups.append(
            {
                "group": group,
                "done": done,
                "total": total,
                "readiness": group_readiness(group),
                "proposals": list(proposals_of(group)),
            }
        )
    return render(request, "groups/dashboard.html", {"groups": groups})


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    form = GroupRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.register_group(request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("%(name)s is registered. Next, work through its governance checklist.")
                % {"name": group.name},
            )
            return redirect("groups:detail", slug=group.slug)
    return render(request, "groups/register.html", {"form": form})


def _checklist_form(request: HttpRequest, group: CommunityGroup, data: Any = None) -> GovernanceChecklistForm:
    checks = list(GovernanceCheck.objects.filter(group=group))
    return GovernanceChecklistForm(checks, rules.governance_choices_for(request.user), data=data)


def _detail_page(
    request: HttpRequest,
    group: CommunityGroup,
    *,
    member_form: AddMemberForm | None = None,
    checklist_form: GovernanceChecklistForm | None = None,
    document_form: GovernanceDocumentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    may_add, _reason = rules.can_add_members(request.user, group)
    done, total = governance_summary(group)
    return render(
        request,
        "groups/detail.html",
        {
            "group": group,
            "memberships": group.memberships.select_related("user").order_by("role", "joined_at"),
            "is_member": is_member(request.user, group),
            "may_add_members": may_add,
            "member_form": member_form or AddMemberForm(),
            "checklist_form": checklist_form or _checklist_form(request, group),
            "governance_done": done,
            "readiness": group_readiness(group),
            "checks_with_documents": governance_checks_with_documents(group),
            "document_form": document_form or GovernanceDocumentForm(),
            "bookings": list(bookings_of(group)),
            "trail": capacity_trail(CommunityGroup.objects.filter(pk=group.pk))[0],
            "governance_total": total,
            "proposals": list(proposals_of(group)),
        },
        status=status,
    )


@login_required
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _detail_page(request, _group_for(request, slug))


@login_required
@require_POST
def add_member(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group_for(request, slug)
    allowed, reason = rules.can_add_members(request.user, group)
    if not allowed:
        raise PermissionDenied(reason)
    form = AddMemberForm(request.POST)
    if form.is_valid():
        try:
            membership = services.add_member(
                request.user, group, email=form.cleaned_data["email"], name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("%(person)s is now a member of %(group)s.") % {"person": membership.user, "group": group},
            )
            return redirect("groups:detail", slug=group.slug)
    return _detail_page(request, group, member_form=form)


@login_required
@require_POST
def update_governance(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group_for(request, slug)
    form = _checklist_form(request, group, data=request.POST)
    if form.is_valid():
        try:
            updated = services.update_governance_checklist(request.user, group, form.changes())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if updated:
                messages.success(request, _("The governance checklist is saved."))
            else:
                messages.info(request, _("Nothing on the checklist changed."))
            return redirect("groups:detail", slug=group.slug)
    return _detail_page(request, group, checklist_form=form)


@login_required
@require_POST
def add_document(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group_for(request, slug)
    form = GovernanceDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document = services.add_governance_document(
                request.user, group, item=form.cleaned_data["item"], upload=form.cleaned_data["document"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("%(name)s is uploaded for “%(item)s”. An officer will check it.")
                % {"name": document.original_name, "item": document.governance_check.get_item_display()},
            )
            return redirect("groups:detail", slug=group.slug)
    return _detail_page(request, group, document_form=form, status=400)


def _document_for(request: HttpRequest, slug: str, pk: int) -> GovernanceDocument:
    document = get_object_or_404(
        GovernanceDocument.objects.select_related("governance_check__group"),
        pk=pk,
        governance_check__group__slug=slug,
    )
    if not rules.can_see_documents(request.user, document.governance_check.group):
        raise Http404(_("There is no document at this address that you can see."))
    return document


@login_required
def document(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """A governance document, only to the group's members and council officers; always downloaded."""
    found = _document_for(request, slug, pk)
    response = FileResponse(
        found.file.open("rb"),
        content_type=found.content_type,
        as_attachment=True,
        filename=found.original_name,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def remove_document(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = _document_for(request, slug, pk)
    services.remove_governance_document(request.user, found)
    messages.success(request, _("%(name)s is removed.") % {"name": found.original_name})
    return redirect("groups:detail", slug=slug)


# Support sessions --------------------------------------------------------------------------------------


def sessions(request: HttpRequest) -> HttpResponse:
    """Upcoming drop-in sessions for groups, with a booking form for members of a group."""
    now = timezone.now()
    my_groups = groups_of(request.user)
    booked = set(
        SessionBooking.objects.filter(group__in=my_groups, session__starts_at__gt=now).values_list(
            "session_id", flat=True
        )
    )
    return render(
        request,
        "groups/sessions.html",
        {
            "upcoming": list(upcoming_sessions(now)),
            "past": list(past_sessions(now)[:12]) if rules.can_run_sessions(request.user) else [],
            "my_groups": list(my_groups),
            "booked": booked,
            "may_run": rules.can_run_sessions(request.user),
        },
    )


@officer_required
@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest) -> HttpResponse:
    form = SupportSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.create_support_session(request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("%(title)s is open for booking.") % {"title": session.title})
            return redirect("groups:session", pk=session.pk)
    return render(request, "groups/session_form.html", {"form": form}, status=400 if form.errors else 200)


def _session_page(
    request: HttpRequest,
    session: SupportSession,
    *,
    booking_form: SessionBookingForm | None = None,
    status: int = 200,
) -> HttpResponse:
    now = timezone.now()
    bookings = list(session.bookings.select_related("group", "booked_by").order_by("group__name"))
    my_groups = groups_of(request.user)
    mine = [booking for booking in bookings if booking.group in set(my_groups)]
    unbooked = my_groups.exclude(pk__in=[booking.group_id for booking in bookings])
    may_mark, mark_reason = rules.can_mark_attendance(request.user, session, now)
    return render(
        request,
        "groups/session.html",
        {
            "session": session,
            "bookings": bookings if rules.can_run_sessions(request.user) else [],
            "places_left": max(0, session.places - len(bookings)),
            "booked_count": len(bookings),
            "mine": mine,
            "booking_form": booking_form or SessionBookingForm(unbooked),
            "may_book": session.starts_at > now and unbooked.exists(),
            "started": session.starts_at <= now,
            "may_mark": may_mark,
            "mark_reason": mark_reason,
            "attendance_form": AttendanceForm(bookings) if may_mark else None,
        },
        status=status,
    )


def session(request: HttpRequest, pk: int) -> HttpResponse:
    return _session_page(request, get_object_or_404(SupportSession.objects.select_related("area"), pk=pk))


@login_required
@require_POST
def session_book(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(SupportSession.objects.select_related("area"), pk=pk)
    form = SessionBookingForm(groups_of(request.user), request.POST)
    if form.is_valid():
        group = form.cleaned_data["group"]
        try:
            services.book_session(request.user, found, group)
        except PermissionDenied as refused:
            form.add_error("group", str(refused))
        else:
            messages.success(
                request, _("%(group)s has a place at %(title)s.") % {"group": group, "title": found.title}
            )
            return redirect("groups:session", pk=found.pk)
    return _session_page(request, found, booking_form=form, status=400)


@login_required
@require_POST
def session_cancel(request: HttpRequest, pk: int, booking_pk: int) -> HttpResponse:
    booking = get_object_or_404(
        SessionBooking.objects.select_related("session", "group"), pk=booking_pk, session_id=pk
    )
    services.cancel_session_booking(request.user, booking)
    messages.success(request, _("The place for %(group)s is cancelled.") % {"group": booking.group})
    return redirect("groups:session", pk=pk)


@officer_required
@require_POST
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(SupportSession, pk=pk)
    bookings = list(found.bookings.select_related("group"))
    form = AttendanceForm(bookings, request.POST)
    if form.is_valid():
        changed = services.record_attendance(request.user, found, form.attended())
        messages.success(
            request,
            ngettext("Attendance saved: %(n)d change.", "Attendance saved: %(n)d changes.", changed)
            % {"n": changed},
        )
    return redirect("groups:session", pk=pk)


@officer_required
def capacity(request: HttpRequest) -> HttpResponse:
    """The trail from support sessions to proposals to funding, group by group, with totals."""
    rows = capacity_trail()
    readiness = {row.group.pk: group_readiness(row.group) for row in rows}
    return render(
        request,
        "groups/capacity.html",
        {
            "rows": [(row, readiness[row.group.pk]) for row in rows],
            "totals": trail_totals(rows),
            "ready": sum(1 for r in readiness.values() if r.ready),
        },
    )


# The asset map ------------------------------------------------------------------------------------------


def _asset_map(entries: list[AssetEntry], counts: Counter[int]) -> SafeString:
    wards = list(
        Area.objects.filter(kind=AreaKind.WARD).exclude(boundary_geojson__isnull=True).order_by("name")
    )
    shaded = [
        Shaded(
            ward,
            float(counts[ward.pk]) if counts.get(ward.pk) else None,  # a ward with none stays white
            ngettext("%(n)d entry", "%(n)d entries", counts.get(ward.pk, 0)) % {"n": counts.get(ward.pk, 0)},
        )
        for ward in wards
    ]
    points = [
        Point(float(entry.longitude), float(entry.latitude), entry.name)
        for entry in entries
        if entry.longitude is not None and entry.latitude is not None
    ]
    return ward_map(
        shaded, _("Local assets: wards shaded by how many entries they have"), "asset-map", points
    )


def assets(request: HttpRequest) -> HttpResponse:
    """The public asset map: approved entries and funded projects, with search, filters and a map."""
    form = AssetFilterForm(request.GET or None)
    search, category, area = "", "", None
    if form.is_valid():
        search = form.cleaned_data["q"]
        category = form.cleaned_data["category"]
        area = form.cleaned_data["area"]
    entries = asset_directory(search=search, category=category, area=area)
    areas = {entry.area.pk: entry.area for entry in entries}
    counts = Counter(entry.area.pk for entry in entries)
    return render(
        request,
        "groups/assets.html",
        {
            "form": form,
            "entries": entries,
            "asset_map": _asset_map(entries, counts),
            "mapped": sum(1 for e in entries if e.longitude is not None),
            "by_area": sorted(((areas[pk], n) for pk, n in counts.items()), key=lambda pair: pair[0].name),
            "mine": list(suggestions_of(request.user)),
            "may_moderate": rules.can_moderate_assets(request.user),
            "awaiting": suggestions_awaiting().count() if rules.can_moderate_assets(request.user) else 0,
        },
    )


def _asset_for(request: HttpRequest, pk: int) -> Asset:
    asset = get_object_or_404(Asset.objects.select_related("area", "group", "suggested_by"), pk=pk)
    if not rules.can_see_asset(request.user, asset):
        raise Http404(_("There is no entry at this address that you can see."))
    return asset


def _asset_page(
    request: HttpRequest, asset: Asset, *, rejection_form: AssetRejectionForm | None = None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "groups/asset.html",
        {
            "asset": asset,
            "may_moderate": rules.can_moderate_assets(request.user),
            "rejection_form": rejection_form or AssetRejectionForm(),
        },
        status=status,
    )


def asset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _asset_page(request, _asset_for(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def asset_suggest(request: HttpRequest) -> HttpResponse:
    form = AssetSuggestionForm(groups_of(request.user), request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            asset = services.suggest_asset(request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("Thank you: %(name)s is suggested. It appears on the map once the council has checked it.")
                % {"name": asset.name},
            )
            return redirect("assets:detail", pk=asset.pk)
    return render(request, "groups/asset_form.html", {"form": form}, status=400 if form.errors else 200)


@officer_required
def asset_moderation(request: HttpRequest) -> HttpResponse:
    return render(request, "groups/asset_moderation.html", {"suggestions": list(suggestions_awaiting())})


@officer_required
@require_POST
def asset_approve(request: HttpRequest, pk: int) -> HttpResponse:
    asset = services.approve_asset(request.user, get_object_or_404(Asset, pk=pk))
    messages.success(request, _("%(name)s is on the asset map.") % {"name": asset.name})
    return redirect("assets:moderation")


@officer_required
@require_POST
def asset_reject(request: HttpRequest, pk: int) -> HttpResponse:
    found = _asset_for(request, pk)
    form = AssetRejectionForm(request.POST)
    if form.is_valid():
        try:
            services.reject_asset(request.user, found, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("%(name)s is not added.") % {"name": found.name})
            return redirect("assets:moderation")
    return _asset_page(request, found, rejection_form=form, status=400)
