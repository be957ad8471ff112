"""Officers' Decision Day pages: set-up, the desk (check-in and ballots), paper keying, close and count."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from youdecide.events import services
from youdecide.events.forms import (
    DecisionDayDetailsForm,
    DecisionDayForm,
    PaperNumberForm,
    RunningOrderForm,
    SpoilForm,
)
from youdecide.events.models import CheckIn, DecisionDay, EventStatus, PaperStatus
from youdecide.events.selectors import ballots_since_count, reconciliation, running_order
from youdecide.programmes.models import ConflictPolicy
from youdecide.programmes.views import officer_required
from youdecide.results.models import CountRun
from youdecide.results.services import confirm_count, run_count
from youdecide.voting.errors import VotingRefused
from youdecide.voting.forms import BallotForm, VoterDetailsForm, add_refusal
from youdecide.voting.selectors import (
    ballot_proposals,
    ballot_spec,
    left_out_proposals,
    voting_rules_for,
)


def _event(slug: str) -> DecisionDay:
    return get_object_or_404(DecisionDay.objects.select_related("programme", "area"), slug=slug)


@officer_required
def event_list(request: HttpRequest) -> HttpResponse:
    form = DecisionDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            event = services.create_decision_day(
                request.user,
                data["programme"],
                data["area"],
                **{k: data[k] for k in ("name", "venue", "address", "accessibility", "starts_at", "ends_at")},
                capacity=data["capacity"],
                pitch_minutes=data["pitch_minutes"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            services.set_running_order(request.user, event, ballot_proposals(event.programme, event.area))
            messages.success(
                request,
                _("%(name)s is set up, with every eligible project in the running order.")
                % {"name": event.name},
            )
            return redirect("events:desk", slug=event.slug)
    events = DecisionDay.objects.select_related("programme", "area").order_by("-starts_at")
    return render(
        request, "events/list.html", {"events": events, "form": form}, status=422 if form.errors else 200
    )


@officer_required
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Change the venue, access notes, times or places of a Decision Day."""
    event = _event(slug)
    allowed, why = services.can_change_set_up(event)
    initial = {name: getattr(event, name) for name in services.EDITABLE}
    form = DecisionDayDetailsForm(request.POST if request.method == "POST" else None, initial=initial)
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
        proposals=ballot_proposals(event.programme, event.area),
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
        {"event": event, "form": form, "why": why, "slots": running_order(event)},
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
    return render(
        request,
        "events/desk.html",
        {
            "event": event,
            "slots": running_order(event),
            "papers": reconciliation(event),
            "issued": issued,
            "checked_in": sum(issued.values()),
        },
    )


@officer_required
def check_in(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    groups = {p.group for p in ballot_proposals(event.programme, event.area)}
    form = VoterDetailsForm(request.POST or None, groups=groups)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.check_in_attendee(request.user, event, form.details())
        except VotingRefused as refused:
            add_refusal(form, refused)
        else:
            form = VoterDetailsForm(groups=groups)
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
    attendee = get_object_or_404(CheckIn, pk=check_in_id, event=event)
    left_out = left_out_proposals(event.programme, event.area, frozenset(attendee.member_of))
    context: dict[str, object] = {
        "event": event,
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
    """Key a paper (first or second keying), reconcile a mismatch, or spoil a paper."""
    event = _event(slug)
    spec = ballot_spec(event.programme, event.area)
    proposals = ballot_proposals(event.programme, event.area)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    keying = request.POST if action in ("key", "reconcile") else None
    leave_out_own = voting_rules_for(event.programme).conflict_policy == ConflictPolicy.LEAVE_OUT_OWN
    number_form = PaperNumberForm(keying, struck_out_from=proposals if leave_out_own else ())
    ballot_form = BallotForm(keying, spec=spec, proposals=proposals, prefix="paper")
    spoil_form = SpoilForm(request.POST if action == "spoil" else None, prefix="spoil")
    if request.method == "POST":
        try:
            if action == "spoil" and spoil_form.is_valid():
                services.spoil_paper_ballot(
                    request.user, event, spoil_form.cleaned_data["number"], spoil_form.cleaned_data["reason"]
                )
                messages.success(
                    request, _("Paper %(n)d is spoiled.") % {"n": spoil_form.cleaned_data["number"]}
                )
                return redirect("events:papers", slug=event.slug)
            if action in ("key", "reconcile") and number_form.is_valid() and ballot_form.is_valid():
                keyer = (
                    services.reconcile_paper_ballot if action == "reconcile" else services.key_paper_ballot
                )
                paper = keyer(
                    request.user,
                    event,
                    number_form.cleaned_data["number"],
                    ballot_form.choices(),
                    struck_out=number_form.struck_out_ids(),
                )
                messages.success(
                    request,
                    _("Paper %(n)d: %(status)s.")
                    % {"n": paper.number, "status": paper.get_status_display().lower()},
                )
                return redirect("events:papers", slug=event.slug)
        except VotingRefused as refused:
            add_refusal(number_form, refused)
        except ValidationError as error:
            spoil_form.add_error(None, error)
    mismatches = event.papers.filter(status=PaperStatus.MISMATCH).order_by("number")
    titles = {str(p.pk): p.title for p in proposals}
    return render(
        request,
        "events/papers.html",
        {
            "event": event,
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
    """Close the Decision Day, count the area with the programme's rule, check it, confirm it."""
    event = _event(slug)
    run = CountRun.objects.filter(programme=event.programme, area=event.area).first()
    if request.method == "POST":
        if request.POST.get("action") == "confirm" and run is not None:
            confirm_count(request.user, run)
            messages.success(request, _("The count is confirmed: the results screen shows it now."))
            return redirect("events:count", slug=event.slug)
        try:
            if event.status == EventStatus.OPEN:
                services.close_decision_day(request.user, event)
            run_count(request.user, event.programme, event.area)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("events:count", slug=event.slug)
    rows = []
    changed, arrived = False, 0
    if run is not None:
        by_reference = {p.reference: p for p in ballot_proposals(event.programme, event.area)}
        order = sorted(run.scores, key=lambda ref: (-run.scores[ref], ref))
        rows = [
            (by_reference[ref], run.scores[ref], ref in run.selected, run.explanations.get(ref, ""))
            for ref in order
            if ref in by_reference
        ]
        changed, arrived = ballots_since_count(run)
    return render(
        request,
        "events/count.html",
        {"event": event, "run": run, "rows": rows, "changed": changed, "arrived": arrived},
    )


@officer_required
def papers_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """Numbered ballot papers to print: ?first=1&count=100, &large=1 for large print."""
    event = _event(slug)
    try:
        first = max(1, int(request.GET.get("first", "1")))
        count_ = int(request.GET.get("count", "50"))
        pdf = services.print_ballot_papers(
            request.user, event, first, count_, large=request.GET.get("large") == "1"
        )
    except ValueError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    kind = "large-print-" if request.GET.get("large") == "1" else ""
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-{kind}ballot-papers-{first}.pdf"'
    return response
