"""The back office for setting up a programme: details, phase dates, area pots, opening and closing phases."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from youdecide.areas.allocation import IMD_WEIGHTS, Split, pots_by_need, split_pot
from youdecide.areas.models import Area
from youdecide.audit.models import AuditEvent
from youdecide.audit.selectors import events_for
from youdecide.money import format_pence
from youdecide.programmes import rules, services
from youdecide.programmes.forms import (
    AreaPotsForm,
    PhaseTimetableForm,
    ProgrammeCreateForm,
    ProgrammeEditForm,
    SplitForm,
    VotingRulesForm,
)
from youdecide.programmes.models import PHASE_ORDER, PhaseKind, Programme, VotingRules
from youdecide.programmes.selectors import area_pots, current_phase, pots_total
from youdecide.web.maps import Shaded, ward_map

RECENT_EVENTS = 25

View = Callable[..., HttpResponse]


def officer_required(view: View) -> View:
    """Council officers only: others are asked to sign in, or refused (403) when signed in."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not getattr(request.user, "is_officer", False):
            raise PermissionDenied(_("Only council officers can use the back office."))
        return view(request, *args, **kwargs)

    return guarded


def _programme(slug: str) -> Programme:
    return get_object_or_404(Programme.objects.prefetch_related("phases"), slug=slug)


@officer_required
def office_list(request: HttpRequest) -> HttpResponse:
    programmes = Programme.objects.prefetch_related("phases").order_by("-created_at")
    rows = [(programme, current_phase(programme)) for programme in programmes]
    return render(request, "programmes/office_list.html", {"rows": rows})


@officer_required
@require_http_methods(["GET", "POST"])
def office_create(request: HttpRequest) -> HttpResponse:
    form = ProgrammeCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.create_programme(request.user, **form.service_arguments())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("%(name)s is set up. Next, split its pot across areas.") % {"name": programme.name},
            )
            return redirect("programmes:office_pots", slug=programme.slug)
    return render(request, "programmes/office_create.html", {"form": form})


def _phase_label(kind: Any) -> str:
    return str(PhaseKind(kind).label) if kind in PhaseKind.values else str(kind)


def _amount(field: str, value: Any) -> str:
    if field.endswith("_pence") and isinstance(value, int):
        return format_pence(value)
    return _("none") if value is None else str(value)


def describe_event(event: AuditEvent) -> str:
    """An audit event of a programme, in words an officer reads."""
    data = event.data or {}
    if event.action == "programme.created":
        return _("Set up %(name)s with a pot of %(pot)s.") % {
            "name": data.get("name", ""),
            "pot": _amount("total_pot_pence", data.get("total_pot_pence")),
        }
    if event.action == "programme.updated":
        before, after = data.get("before", {}), data.get("after", {})
        changes = [
            _("%(field)s from %(before)s to %(after)s")
            % {
                "field": field.removesuffix("_pence").replace("_", " "),
                "before": _amount(field, before.get(field)),
                "after": _amount(field, value),
            }
            for field, value in after.items()
        ]
        return _("Changed %(changes)s.") % {"changes": "; ".join(changes)}
    if event.action == "programme.pots_set":
        amounts = [value for value in data.values() if isinstance(value, int)]
        text = _("Split the pot across %(count)d areas (%(total)s in all).") % {
            "count": len(amounts),
            "total": format_pence(sum(amounts)),
        }
        split = data.get("split")
        if isinstance(split, dict) and split.get("description"):
            text = f"{text} {split['description']}"
        return text
    if event.action == "programme.phase_dates_set":
        return _("Set the dates of %(phase)s.") % {"phase": _phase_label(data.get("phase"))}
    if event.action == "programme.phase_opened":
        return _("Opened %(phase)s early.") % {"phase": _phase_label(data.get("phase"))}
    if event.action == "programme.phase_closed":
        if data.get("because_opened"):
            return _("Closed %(phase)s because %(next)s was opened.") % {
                "phase": _phase_label(data.get("phase")),
                "next": _phase_label(data.get("because_opened")),
            }
        return _("Closed %(phase)s early.") % {"phase": _phase_label(data.get("phase"))}
    return event.action


def _phase_rows(programme: Programme) -> list[dict[str, Any]]:
    now = timezone.now()
    phases = {phase.kind: phase for phase in programme.phases.all()}
    rows = []
    for kind in PHASE_ORDER:
        phase = phases.get(kind)
        row: dict[str, Any] = {"kind": kind, "label": PhaseKind(kind).label, "phase": phase}
        if phase is not None:
            row["is_open"] = phase.is_open_at(now)
            row["may_open"], row["open_reason"] = rules.can_open_phase_now(phase, now)
            row["may_close"], row["close_reason"] = rules.can_close_phase_now(phase, now)
        rows.append(row)
    return rows


@officer_required
def office_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    pots = list(area_pots(programme))
    allocated = sum(pot.amount_pence for pot in pots)
    events = [
        (event, describe_event(event))
        for event in events_for(Programme._meta.label_lower, programme.pk)[-RECENT_EVENTS:][::-1]
    ]
    return render(
        request,
        "programmes/office_detail.html",
        {
            "programme": programme,
            "phase_rows": _phase_rows(programme),
            "current_phase": current_phase(programme),
            "pots": pots,
            "allocated": allocated,
            "unallocated": programme.total_pot_pence - allocated,
            "outcomes": list(programme.outcomes.all()),
            "events": events,
        },
    )


@officer_required
@require_http_methods(["GET", "POST"])
def office_edit(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    form = ProgrammeEditForm.for_programme(programme, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        if not changes:
            messages.info(request, _("Nothing changed."))
            return redirect("programmes:office_detail", slug=programme.slug)
        try:
            services.update_programme(request.user, programme, **changes)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("%(name)s is saved.") % {"name": programme.name})
            return redirect("programmes:office_detail", slug=programme.slug)
    return render(request, "programmes/office_edit.html", {"programme": programme, "form": form})


@officer_required
@require_http_methods(["GET", "POST"])
def office_phases(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    form = PhaseTimetableForm(programme, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.set_phase_timetable(request.user, programme, form.changed_phases())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if changed:
                messages.success(request, _("The phase dates are saved."))
            else:
                messages.info(request, _("No phase dates changed."))
            return redirect("programmes:office_detail", slug=programme.slug)
    return render(request, "programmes/office_phases.html", {"programme": programme, "form": form})


@officer_required
@require_http_methods(["GET", "POST"])
def office_pots(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    areas = list(Area.objects.filter(kind=programme.area_kind).order_by("name"))
    suggested, suggestion_problem = None, ""
    if request.method == "GET" and request.GET.get("suggest") == "need":
        try:
            suggested = pots_by_need(programme.total_pot_pence, areas)
        except ValueError:
            suggestion_problem = _(
                "A split by need needs every area's population and IMD score, and a pot in whole pounds."
            )
    form = AreaPotsForm(programme, areas, data=request.POST or None, suggested=suggested)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_area_pots(
                request.user, programme, form.pots(), total_pot_pence=form.cleaned_data["total_pot"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The area pots are saved."))
            return redirect("programmes:office_detail", slug=programme.slug)
    sums = form.sums()
    if sums is None:
        allocated = sum(suggested.values()) if suggested is not None else pots_total(programme)
        sums = {
            "allocated": allocated,
            "total": programme.total_pot_pence,
            "difference": programme.total_pot_pence - allocated,
        }
    return render(
        request,
        "programmes/office_pots.html",
        {
            "programme": programme,
            "form": form,
            "sums": sums,
            "shortfall": format_pence(abs(sums["difference"])),
            "suggested": suggested is not None,
            "suggestion_problem": suggestion_problem,
        },
    )


def _phase_action(request: HttpRequest, slug: str, kind: str, opening: bool) -> HttpResponse:
    programme = _programme(slug)
    if kind not in PHASE_ORDER or not programme.phases.filter(kind=kind).exists():
        raise Http404(_("This programme has no such phase."))
    action = services.open_phase_now if opening else services.close_phase_now
    try:
        phase = action(request.user, programme, kind)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        template = _("%(phase)s is open now.") if opening else _("%(phase)s is closed now.")
        messages.success(request, template % {"phase": phase.get_kind_display()})
    return redirect("programmes:office_detail", slug=programme.slug)


@officer_required
@require_POST
def office_open_phase(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    return _phase_action(request, slug, kind, opening=True)


@officer_required
@require_POST
def office_close_phase(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    return _phase_action(request, slug, kind, opening=False)


@officer_required
@require_http_methods(["GET", "POST"])
def office_voting_rules(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    current = VotingRules.objects.filter(programme=programme).first() or VotingRules(programme=programme)
    form = VotingRulesForm(data=request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_voting_rules(request.user, programme, **form.settings())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The voting rules are saved."))
            return redirect("programmes:office_detail", slug=programme.slug)
    locked = programme.participations.exists()
    return render(
        request,
        "programmes/office_voting_rules.html",
        {"programme": programme, "form": form, "locked": locked},
    )


STANDARD_SPLITS = [
    Split(method="equal"),
    Split(method="population"),
    Split(method="need", index="overall"),
    Split(method="need", index="health"),
    Split(method="need", index="domains", weights=IMD_WEIGHTS),
    Split(method="need", index="overall", floor_percent=30),
]


@dataclass(frozen=True)
class SplitOption:
    """One way of splitting the pot as the comparison shows it: each area's pot and pot per resident, the
    map shaded by pot per resident, and the form data that chooses it."""

    number: int
    split: Split
    rows: list[tuple[Area, int, float | None]]
    map: SafeString
    data: dict[str, str]


def _split_option(number: int, split: Split, pots: dict[Area, int]) -> SplitOption:
    rows = [
        (area, amount, amount / 100 / area.population if area.population else None)
        for area, amount in pots.items()
    ]
    shaded = [
        Shaded(
            area,
            round(per_head, 2) if per_head is not None else None,  # shades differ only where pennies do
            _("%(pot)s, %(per_head)s a resident")
            % {"pot": format_pence(amount), "per_head": f"£{per_head:.2f}" if per_head is not None else "—"},
        )
        for area, amount, per_head in rows
    ]
    title = _("Split %(n)d: pot per resident, darker is more") % {"n": number}
    return SplitOption(
        number, split, rows, ward_map(shaded, title, f"split-{number}-map"), SplitForm.data_of(split)
    )


@officer_required
@require_http_methods(["GET", "POST"])
def office_pot_options(request: HttpRequest, slug: str) -> HttpResponse:
    """Several ways of splitting the pot side by side, as a table and a map each; choosing one writes the
    area pots (the audit event says which split it was)."""
    programme = _programme(slug)
    areas = list(Area.objects.filter(kind=programme.area_kind).order_by("name"))
    splits = list(STANDARD_SPLITS)
    problems: list[str] = []
    source = request.POST if request.method == "POST" else request.GET if "method" in request.GET else None
    form = SplitForm(source)
    if source is not None and form.is_valid():
        chosen = form.split()
        if request.method == "POST":
            try:
                record = {**chosen.record(), "description": chosen.describe()}
                services.set_area_pots(
                    request.user, programme, split_pot(programme.total_pot_pence, areas, chosen), split=record
                )
            except (ValueError, ValidationError) as error:
                problems.append(" ".join(getattr(error, "messages", [str(error)])))
            else:
                messages.success(request, _("The area pots are saved: %(how)s") % {"how": chosen.describe()})
                return redirect("programmes:office_detail", slug=programme.slug)
        elif chosen not in splits:
            splits.append(chosen)
    options: list[SplitOption] = []
    for split in splits:
        try:
            pots = split_pot(programme.total_pot_pence, areas, split)
        except ValueError as error:
            problems.append(f"{split.describe()} {error}")
        else:
            options.append(_split_option(len(options) + 1, split, pots))
    rows = [(area, [option.rows[i][1] for option in options]) for i, area in enumerate(areas)]
    return render(
        request,
        "programmes/office_pot_options.html",
        {"programme": programme, "options": options, "rows": rows, "problems": problems, "form": form},
    )
