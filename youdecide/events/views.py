"""Officers' Decision Day pages: set-up, the desk (check-in and ballots), paper keying, close and count."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from youdecide.areas.models import Area
from youdecide.areas.selectors import postcode_lookup_loaded
from youdecide.events import services
from youdecide.events.forms import (
    AttendeeForm,
    DecisionDayDetailsForm,
    DecisionDayForm,
    PaperNumberForm,
    RunningOrderForm,
    SpoilForm,
)
from youdecide.events.models import CheckIn, DecisionDay, EventStatus, PaperStatus
from youdecide.events.selectors import (
    area_of_day,
    ballots_since_count,
    count_table,
    day_areas,
    day_proposals,
    reconciliation,
    running_order,
)
from youdecide.programmes.models import ConflictPolicy
from youdecide.programmes.views import officer_required
from youdecide.results.models import CountRun
from youdecide.results.services import confirm_count, run_count
from youdecide.voting.errors import VotingRefused
from youdecide.voting.forms import BallotForm, add_refusal
from youdecide.voting.selectors import (
    ballot_proposals,
    ballot_spec,
    left_out_proposals,
    voting_rules_for,
)


def _event(slug: str) -> DecisionDay:
    return get_object_or_404(DecisionDay.objects.select_related("programme"), slug=slug)


def _area(request: HttpRequest, event: DecisionDay) -> Area | None:
    """The day's area a page is about (?area=id); on a day of one area, that area."""
    return area_of_day(event, request.POST.get("area") or request.GET.get("area"))


@officer_required
def event_list(request: HttpRequest) -> HttpResponse:
    form = DecisionDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            event = services.create_decision_day(
                request.user,
                data["programme"],
                data["areas"],
                **{k: data[k] for k in ("name", "venue", "address", "accessibility", "starts_at", "ends_at")},
                capacity=data["capacity"],
                pitch_minutes=data["pitch_minutes"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            services.set_running_order(request.user, event, day_proposals(event))
            messages.success(
                request,
                _("%(name)s is set up, with every eligible project in the running order.")
                % {"name": event.name},
            )
            return redirect("events:desk", slug=event.slug)
    events = DecisionDay.objects.select_related("programme").prefetch_related("areas").order_by("-starts_at")
    return render(
        request, "events/list.html", {"events": events, "form": form}, status=422 if form.errors else 200
    )


@officer_required
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Change the venue, access notes, times, places or areas of a Decision Day."""
    event = _event(slug)
    allowed, why = services.can_change_set_up(event)
    initial = {name: getattr(event, name) for name in services.EDITABLE} | {"areas": day_areas(event)}
    form = DecisionDayDetailsForm(
        request.POST if request.method == "POST" else None, initial=initial, programme=event.programme
    )
    if request.method == "POST" and allowed and form.is_valid():
        try:
            services.update_decision_day(request.user, event, **form.changes())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("%(name)s is updated.") % {"name": event.name})
            return redirect("events:desk", slug=event.slug)
    return render(
        request,
        "events/edit.html",
        {"event": event, "form": form, "why": why},
        status=422 if form.errors else 200,
    )


@officer_required
def running_order_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Shortlist the area's eligible projects and put them in order; each pitch gets its time."""
    event = _event(slug)
    allowed, why = services.can_change_set_up(event)
    form = RunningOrderForm(
        request.POST if request.method == "POST" else None,
        proposals=day_proposals(event),
        slots=running_order(event),
    )
    if request.method == "POST" and allowed and form.is_valid():
        try:
            services.set_running_order(request.user, event, form.ordered)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request, _("The running order is saved: %(n)d projects pitch.") % {"n": len(form.ordered)}
            )
            return redirect("events:running_order", slug=event.slug)
    return render(
        request,
        "events/running_order.html",
        {
            "event": event,
            "form": form,
            "why": why,
            "slots": running_order(event),
            "several_areas": len(day_areas(event)) > 1,
        },
        status=422 if form.errors else 200,
    )


@officer_required
def desk(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "open":
                services.open_decision_day(request.user, event)
            elif action == "close":
                services.close_decision_day(request.user, event)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("events:desk", slug=event.slug)
    issued = {kind: event.check_ins.filter(issued=kind).count() for kind in ("none", "tablet", "paper")}
    areas = day_areas(event)
    return render(
        request,
        "events/desk.html",
        {
            "event": event,
            "slots": running_order(event),
            "papers": reconciliation(event),
            "issued": issued,
            "checked_in": sum(issued.values()),
            "areas": areas,
            "print_ranges": [(area, 1 + i * 1000, 100 + i * 1000) for i, area in enumerate(areas)],
        },
    )


@officer_required
def check_in(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    groups = {p.group for p in day_proposals(event)}
    areas = day_areas(event)
    by_postcode = postcode_lookup_loaded()
    form = AttendeeForm(request.POST or None, groups=groups, areas=areas, by_postcode=by_postcode)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.check_in_attendee(request.user, event, form.details(), form.chosen_area())
        except VotingRefused as refused:
            add_refusal(form, refused)
        else:
            form = AttendeeForm(groups=groups, areas=areas, by_postcode=by_postcode)
    return render(
        request,
        "events/check_in.html",
        {
            "event": event,
            "form": form,
            "result": result,
            "closed_why": services.can_vote_in_the_hall(event)[1],
        },
        status=422 if form.errors else 200,
    )


@officer_required
@require_POST
def issue(request: HttpRequest, slug: str, check_in_id: int, kind: str) -> HttpResponse:
    event = _event(slug)
    attendee = get_object_or_404(CheckIn.objects.select_related("area"), pk=check_in_id, event=event)
    left_out = left_out_proposals(event.programme, attendee.area, frozenset(attendee.member_of))
    context: dict[str, object] = {
        "event": event,
        "area": attendee.area,
        "several_areas": len(day_areas(event)) > 1,
        "kind": kind,
        "left_out": [p.title for p in left_out],
        "left_out_groups": sorted({p.group.name for p in left_out}),
    }
    try:
        if kind == "tablet":
            context["slip"] = services.issue_tablet_ballot(request.user, attendee)
        else:
            context["replaced"] = services.issue_paper_ballot(request.user, attendee)
    except VotingRefused as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect("events:check_in", slug=event.slug)
    return render(request, "events/issued.html", context)


@officer_required
def papers(request: HttpRequest, slug: str) -> HttpResponse:
    """Key a paper (first or second keying), reconcile a mismatch, or spoil a paper; on a day of several
    areas, the papers of one area at a time (?area=id)."""
    event = _event(slug)
    areas = day_areas(event)
    area = _area(request, event)
    if area is None:
        return render(
            request, "events/papers.html", {"event": event, "areas": areas, "table": reconciliation(event)}
        )
    spec = ballot_spec(event.programme, area)
    proposals = ballot_proposals(event.programme, area)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    keying = request.POST if action in ("key", "reconcile") else None
    leave_out_own = voting_rules_for(event.programme).conflict_policy == ConflictPolicy.LEAVE_OUT_OWN
    number_form = PaperNumberForm(keying, struck_out_from=proposals if leave_out_own else ())
    ballot_form = BallotForm(keying, spec=spec, proposals=proposals, prefix="paper")
    spoil_form = SpoilForm(request.POST if action == "spoil" else None, prefix="spoil")
    here = f"{resolve_url('events:papers', slug=event.slug)}?{urlencode({'area': area.pk})}"
    if request.method == "POST":
        try:
            if action == "spoil" and spoil_form.is_valid():
                services.spoil_paper_ballot(
                    request.user,
                    event,
                    spoil_form.cleaned_data["number"],
                    spoil_form.cleaned_data["reason"],
                    area=area,
                )
                messages.success(
                    request, _("Paper %(n)d is spoiled.") % {"n": spoil_form.cleaned_data["number"]}
                )
                return redirect(here)
            if action in ("key", "reconcile") and number_form.is_valid() and ballot_form.is_valid():
                keyer = (
                    services.reconcile_paper_ballot if action == "reconcile" else services.key_paper_ballot
                )
                paper = keyer(
                    request.user,
                    event,
                    number_form.cleaned_data["number"],
                    ballot_form.choices(),
                    area=area,
                    struck_out=number_form.struck_out_ids(),
                )
                messages.success(
                    request,
                    _("Paper %(n)d: %(status)s.")
                    % {"n": paper.number, "status": paper.get_status_display().lower()},
                )
                return redirect(here)
        except VotingRefused as refused:
            add_refusal(number_form, refused)
        except ValidationError as error:
            spoil_form.add_error(None, error)
    mismatches = event.papers.filter(status=PaperStatus.MISMATCH, area=area).order_by("number")
    titles = {str(p.pk): p.title for p in proposals}
    return render(
        request,
        "events/papers.html",
        {
            "event": event,
            "area": area,
            "areas": areas,
            "number_form": number_form,
            "ballot_form": ballot_form,
            "spoil_form": spoil_form,
            "form": number_form,
            "table": reconciliation(event),
            "mismatches": [
                (
                    paper,
                    [
                        (titles.get(k, k), v, (paper.second_keying or {}).get(k))
                        for k, v in (paper.first_keying or {}).items()
                    ],
                )
                for paper in mismatches
            ],
        },
        status=422 if number_form.errors or spoil_form.errors or ballot_form.errors else 200,
    )


@officer_required
def count(request: HttpRequest, slug: str) -> HttpResponse:
    """Close the Decision Day, count each of its areas with the programme's rule, check them, confirm."""
    event = _event(slug)
    areas = day_areas(event)
    runs: dict[int, CountRun] = {}
    for latest in CountRun.objects.filter(programme=event.programme, area__in=areas).select_related("area"):
        runs.setdefault(latest.area_id, latest)  # the latest count of each area
    if request.method == "POST":
        if request.POST.get("action") == "confirm":
            chosen = next((r for r in runs.values() if str(r.pk) == request.POST.get("run")), None)
            if chosen is not None:
                confirm_count(request.user, chosen)
                messages.success(
                    request,
                    _("The count for %(area)s is confirmed: the results screen shows it now.")
                    % {"area": chosen.area.name},
                )
            return redirect("events:count", slug=event.slug)
        try:
            if event.status == EventStatus.OPEN:
                services.close_decision_day(request.user, event)
            for area in areas:
                run_count(request.user, event.programme, area)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("events:count", slug=event.slug)
    counts = []
    for area in areas:
        run = runs.get(area.pk)
        changed, arrived = ballots_since_count(run) if run is not None else (False, 0)
        counts.append(
            {
                "area": area,
                "run": run,
                "rows": count_table(run) if run is not None else [],
                "changed": changed,
                "arrived": arrived,
            }
        )
    return render(
        request,
        "events/count.html",
        {"event": event, "counts": counts, "counted": any(c["run"] for c in counts)},
    )


@officer_required
def papers_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """Numbered ballot papers of an area to print. GET shows the form; the PDF comes from a POST of
    area, first, count and large=1 for large print (on a day of one area, no area is needed), because
    printing records which numbers were printed."""
    event = _event(slug)
    if request.method != "POST":
        return render(request, "events/print_papers.html", {"event": event, "areas": day_areas(event)})
    area = _area(request, event)
    if area is None:
        return HttpResponse(
            _("Say which area's papers to print: area= one of %(ids)s.")
            % {"ids": ", ".join(f"{a.pk} ({a.name})" for a in day_areas(event))},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    large = request.POST.get("large") == "1"
    try:
        first = max(1, int(request.POST.get("first", "1")))
        count_ = int(request.POST.get("count", "50"))
        pdf = services.print_ballot_papers(request.user, event, first, count_, large=large, area=area)
    except ValueError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    kind = "large-print-" if large else ""
    name = event.slug if len(day_areas(event)) == 1 else f"{event.slug}-{slugify(area.name)}"
    response["Content-Disposition"] = f'attachment; filename="{name}-{kind}ballot-papers-{first}.pdf"'
    return response
