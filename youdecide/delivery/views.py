"""Delivery pages: the officers' grants and red-amber-green view, the group's grant and returns, the
public progress of a project, its photos, and the resident monitoring panel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from youdecide.audit.models import AuditEvent
from youdecide.audit.selectors import events_for
from youdecide.delivery import rules, selectors, services
from youdecide.delivery.evaluation import benefits, evaluate, evaluation_csv, evaluation_pdf
from youdecide.delivery.forms import (
    AcceptGrantForm,
    AssignPanelForm,
    CloseGrantForm,
    DeliveryStatusForm,
    GrantOfferForm,
    JoinPanelForm,
    MilestoneForm,
    MilestoneProgressForm,
    PaymentForm,
    PhotoForm,
    RagFilterForm,
    ReturnDecisionForm,
    ReturnForm,
    TargetForm,
    VisitReportForm,
)
from youdecide.delivery.models import (
    AGE_BANDS,
    Grant,
    Milestone,
    MonitoringReturn,
    PanelAssignment,
    PanelMember,
    ReturnPhoto,
    Tranche,
)
from youdecide.money import format_pence
from youdecide.programmes.models import Programme
from youdecide.programmes.selectors import published_programmes
from youdecide.programmes.views import officer_required
from youdecide.proposals.models import Proposal

EVENT_LABELS = {
    "grant.offered": gettext_lazy("Grant offered"),
    "grant.accepted": gettext_lazy("Accepted by the group"),
    "grant.payment_recorded": gettext_lazy("Payment recorded"),
    "grant.target_added": gettext_lazy("Target added"),
    "grant.milestone_added": gettext_lazy("Milestone added"),
    "grant.milestone_updated": gettext_lazy("Milestone updated"),
    "grant.delivery_status_set": gettext_lazy("Delivery status set"),
    "grant.return_submitted": gettext_lazy("Return sent"),
    "grant.return_accepted": gettext_lazy("Return accepted"),
    "grant.return_changes_requested": gettext_lazy("Changes asked for on a return"),
    "grant.return_photo_added": gettext_lazy("Photo added to a return"),
    "grant.return_photo_removed": gettext_lazy("Photo removed from a return"),
    "grant.panel_member_assigned": gettext_lazy("Panel member matched"),
    "grant.visit_reported": gettext_lazy("Visit reported"),
    "grant.closed": gettext_lazy("Grant closed"),
}


def describe_grant_event(event: AuditEvent) -> str:
    data = event.data or {}
    label = str(EVENT_LABELS.get(event.action, event.action))
    details = []
    for key in ("tranche", "return", "amount_pence", "reference", "title", "after", "outcome", "name"):
        if key in data and data[key] not in (None, ""):
            value = data[key]
            details.append(
                format_pence(value) if key.endswith("_pence") and isinstance(value, int) else str(value)
            )
    return f"{label}: {', '.join(details)}" if details else label


def _grant(request: HttpRequest, pk: int) -> Grant:
    grant = selectors.grant_for_page(pk)
    if grant is None or not rules.can_view_grant(request.user, grant):
        raise Http404(_("There is no grant at this address that you can see."))
    return grant


# Officers ---------------------------------------------------------------------------------------------


@officer_required
def office_grants(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    filters = RagFilterForm(request.GET or None, programme=programme)
    area, status = None, ""
    if filters.is_valid():
        area, status = filters.cleaned_data["area"], filters.cleaned_data["status"]
    today = timezone.localdate()
    rows = selectors.rag_rows(programme, today, area=area, delivery_status=status)
    with_grant = set(selectors.grants_of(programme).values_list("proposal_id", flat=True))
    to_offer = [p for p in selectors.funded_proposals(programme) if p.pk not in with_grant]
    members = (
        PanelMember.objects.filter(area__pots__programme=programme)
        .select_related("user", "area")
        .prefetch_related("assignments__grant__proposal")
    )
    return render(
        request,
        "delivery/office_grants.html",
        {
            "programme": programme,
            "filters": filters,
            "rows": rows,
            "to_offer": to_offer,
            "panel_members": members.distinct().order_by("area__name", "user__display_name"),
        },
    )


@officer_required
@require_http_methods(["GET", "POST"])
def office_offer(request: HttpRequest, slug: str, reference: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    proposal = get_object_or_404(
        Proposal.objects.select_related("group", "area", "programme"),
        programme=programme,
        reference=reference,
    )
    allowed, reason = rules.can_offer_grant(request.user, proposal)
    form = GrantOfferForm(request.POST or None, initial={"amount": proposal.cost_pence})
    if request.method == "POST" and allowed and form.is_valid():
        try:
            grant = services.create_grant(request.user, proposal, **form.service_arguments())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("The grant of %(amount)s is offered to %(group)s: they accept it online.")
                % {"amount": format_pence(grant.amount_pence), "group": proposal.group.name},
            )
            return redirect("delivery:office_grant", pk=grant.pk)
    return render(
        request,
        "delivery/office_offer.html",
        {"programme": programme, "proposal": proposal, "form": form, "allowed": allowed, "reason": reason},
        status=200 if allowed else 403,
    )


def _office_grant_page(request: HttpRequest, grant: Grant, status: int = 200, **forms: Any) -> HttpResponse:
    programme = grant.proposal.programme
    today = timezone.localdate()
    tranches = list(grant.tranches.all())
    milestones = list(grant.milestones.all())
    context = {
        "grant": grant,
        "programme": programme,
        "proposal": grant.proposal,
        "tranches": [
            (
                t,
                forms.get(f"payment_{t.pk}") or PaymentForm(tranche_number=t.number),
                rules.can_record_payment(request.user, t)[0],
            )
            for t in tranches
        ],
        "paid": sum(t.amount_pence for t in tranches if t.paid_on),
        "spent": selectors.accepted_spend(grant),
        "targets": list(grant.targets.select_related("outcome")),
        "milestones": [
            (m, forms.get(f"milestone_{m.pk}") or MilestoneProgressForm(milestone=m)) for m in milestones
        ],
        "returns": list(grant.returns.all()),
        "late": {r.pk for r in selectors.returns_late(grant, today)},
        "may_manage": rules.can_manage_delivery(request.user, grant)[0],
        "target_form": forms.get("target") or TargetForm(programme=programme),
        "milestone_form": forms.get("milestone") or MilestoneForm(),
        "status_form": forms.get("status_form")
        or DeliveryStatusForm(initial={"status": grant.delivery_status}),
        "close_form": forms.get("close")
        or CloseGrantForm(
            programme=programme, initial={"declared_unspent": selectors.declared_unspent(grant)}
        ),
        "panel_form": forms.get("panel") or AssignPanelForm(area=grant.proposal.area),
        "assignments": list(grant.panel_assignments.select_related("member__user")),
        "visits": list(selectors.visit_reports_of(grant)),
        "events": [(e, describe_grant_event(e)) for e in reversed(events_for("delivery.grant", grant.pk))],
    }
    return render(request, "delivery/office_grant.html", context, status=status)


@officer_required
def office_grant(request: HttpRequest, pk: int) -> HttpResponse:
    return _office_grant_page(request, _grant(request, pk))


def _office_action(
    request: HttpRequest, grant: Grant, form: Any, key: str, act: Callable[[dict[str, Any]], str]
) -> HttpResponse:
    """One form of the officers' grant page: valid input goes to the service (``act``, which says what was
    done); a refusal comes back as a message, a service's objection on the form, shown again."""
    if form.is_valid():
        try:
            done = act(form.cleaned_data)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return redirect("delivery:office_grant", pk=grant.pk)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, done)
            return redirect("delivery:office_grant", pk=grant.pk)
    return _office_grant_page(request, grant, 400, **{key: form})


@officer_required
@require_POST
def office_payment(request: HttpRequest, pk: int, tranche_pk: int) -> HttpResponse:
    grant = _grant(request, pk)
    tranche = get_object_or_404(Tranche, pk=tranche_pk, grant=grant)

    def act(data: dict[str, Any]) -> str:
        services.record_payment(request.user, tranche, **data)
        return _("Tranche %(number)d is recorded as paid.") % {"number": tranche.number}

    form = PaymentForm(request.POST, tranche_number=tranche.number)
    return _office_action(request, grant, form, f"payment_{tranche.pk}", act)


@officer_required
@require_POST
def office_target(request: HttpRequest, pk: int) -> HttpResponse:
    grant = _grant(request, pk)

    def act(data: dict[str, Any]) -> str:
        services.add_target(request.user, grant, **data)
        return _("The target is added.")

    form = TargetForm(request.POST, programme=grant.proposal.programme)
    return _office_action(request, grant, form, "target", act)


@officer_required
@require_POST
def office_milestone(request: HttpRequest, pk: int) -> HttpResponse:
    grant = _grant(request, pk)

    def act(data: dict[str, Any]) -> str:
        services.add_milestone(request.user, grant, **data)
        return _("The milestone is added.")

    return _office_action(request, grant, MilestoneForm(request.POST), "milestone", act)


@officer_required
@require_POST
def office_milestone_progress(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    grant = _grant(request, pk)
    milestone = get_object_or_404(Milestone, pk=milestone_pk, grant=grant)

    def act(data: dict[str, Any]) -> str:
        services.update_milestone(request.user, milestone, **data)
        return _("“%(title)s” is updated.") % {"title": milestone.title}

    form = MilestoneProgressForm(request.POST, milestone=milestone)
    return _office_action(request, grant, form, f"milestone_{milestone.pk}", act)


@officer_required
@require_POST
def office_status(request: HttpRequest, pk: int) -> HttpResponse:
    grant = _grant(request, pk)

    def act(data: dict[str, Any]) -> str:
        changed = services.set_delivery_status(request.user, grant, data["status"], data["note"])
        return _("Delivery is now: %(status)s.") % {"status": changed.get_delivery_status_display()}

    return _office_action(request, grant, DeliveryStatusForm(request.POST), "status_form", act)


@officer_required
@require_POST
def office_close(request: HttpRequest, pk: int) -> HttpResponse:
    grant = _grant(request, pk)

    def act(data: dict[str, Any]) -> str:
        closed = services.close_grant(
            request.user,
            grant,
            outcome=data["outcome"],
            declared_unspent_pence=data["declared_unspent"] or 0,
            route=data["route"],
            rolled_into=data["rolled_into"],
            note=data["note"],
        )
        return _("The grant is closed: %(status)s.") % {"status": closed.get_status_display()}

    form = CloseGrantForm(request.POST, programme=grant.proposal.programme)
    return _office_action(request, grant, form, "close", act)


@officer_required
@require_POST
def office_assign(request: HttpRequest, pk: int) -> HttpResponse:
    grant = _grant(request, pk)

    def act(data: dict[str, Any]) -> str:
        assignment = services.assign_panel_member(request.user, data["member"], grant)
        return _("%(person)s is matched to this project.") % {"person": assignment.member.user}

    form = AssignPanelForm(request.POST, area=grant.proposal.area)
    return _office_action(request, grant, form, "panel", act)


@officer_required
@require_POST
def office_assign_least_visited(request: HttpRequest, slug: str, member_pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    member = get_object_or_404(PanelMember.objects.select_related("user", "area"), pk=member_pk)
    try:
        assignment = services.assign_panel_member(request.user, member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(person)s is matched to %(project)s.")
            % {"person": member.user, "project": assignment.grant.proposal.title},
        )
    return redirect("delivery:office_grants", slug=programme.slug)


@officer_required
@require_http_methods(["GET", "POST"])
def office_return(request: HttpRequest, pk: int) -> HttpResponse:
    monitoring_return = get_object_or_404(
        MonitoringReturn.objects.select_related("grant__proposal__group", "grant__proposal__programme"), pk=pk
    )
    form = ReturnDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if request.POST.get("decision") == "accept":
                services.accept_return(request.user, monitoring_return, note)
                text = _("Return %(number)d is accepted.")
            else:
                services.request_return_changes(request.user, monitoring_return, note)
                text = _("Return %(number)d is sent back to the group with your note.")
        except PermissionDenied as error:
            messages.error(request, str(error))
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, text % {"number": monitoring_return.number})
            return redirect("delivery:office_grant", pk=monitoring_return.grant_id)
    return render(
        request,
        "delivery/office_return.html",
        {
            **_return_context(monitoring_return),
            "form": form,
            "may_review": rules.can_review_return(request.user, monitoring_return)[0],
        },
        status=400 if form.errors else 200,
    )


def _return_context(monitoring_return: MonitoringReturn) -> dict[str, Any]:
    grant = monitoring_return.grant
    spend = list(monitoring_return.spend.select_related("budget_line"))
    return {
        "grant": grant,
        "proposal": grant.proposal,
        "programme": grant.proposal.programme,
        "monitoring_return": monitoring_return,
        "spend": spend,
        "spend_total": sum(row.spent_pence for row in spend),
        "ages": [(label, getattr(monitoring_return, field)) for field, label in AGE_BANDS],
        "results": list(monitoring_return.results.select_related("target")),
        "photos": list(monitoring_return.photos.all()),
    }


# Community groups -------------------------------------------------------------------------------------


@login_required
def group_grants(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "delivery/group_grants.html",
        {"grants": selectors.grants_of_group_member(request.user).distinct()},
    )


def _group_grant_page(
    request: HttpRequest, grant: Grant, accept_form: AcceptGrantForm | None = None
) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "delivery/grant.html",
        {
            "grant": grant,
            "proposal": grant.proposal,
            "programme": grant.proposal.programme,
            "tranches": list(grant.tranches.all()),
            "targets": list(grant.targets.select_related("outcome")),
            "milestones": list(grant.milestones.all()),
            "returns": list(grant.returns.all()),
            "late": {r.pk for r in selectors.returns_late(grant, today)},
            "may_accept": rules.can_accept_grant(request.user, grant)[0],
            "accept_form": accept_form or AcceptGrantForm(),
            "visits": list(selectors.visit_reports_of(grant)),
        },
        status=400 if accept_form is not None else 200,
    )


@login_required
def grant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _group_grant_page(request, _grant(request, pk))


@login_required
@require_POST
def grant_accept(request: HttpRequest, pk: int) -> HttpResponse:
    grant = _grant(request, pk)
    form = AcceptGrantForm(request.POST)
    if form.is_valid():
        try:
            services.accept_grant(request.user, grant, form.cleaned_data["name"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request, _("The grant is accepted. The council will pay the first tranche on its due date.")
            )
            return redirect("delivery:grant", pk=grant.pk)
    return _group_grant_page(request, grant, form)


def _return_for(request: HttpRequest, pk: int, number: int) -> MonitoringReturn:
    grant = _grant(request, pk)
    monitoring_return = get_object_or_404(MonitoringReturn, grant=grant, number=number)
    monitoring_return.grant = grant
    return monitoring_return


def _return_page(
    request: HttpRequest,
    monitoring_return: MonitoringReturn,
    form: ReturnForm | None = None,
    photo_form: PhotoForm | None = None,
    status: int = 200,
) -> HttpResponse:
    grant = monitoring_return.grant
    may_file, reason = rules.can_file_return(request.user, monitoring_return)
    return render(
        request,
        "delivery/return_form.html",
        {
            **_return_context(monitoring_return),
            "may_file": may_file,
            "reason": reason,
            "form": form
            or ReturnForm(
                monitoring_return=monitoring_return,
                lines=list(grant.proposal.budget_lines.all()),
                targets=list(grant.targets.all()),
            ),
            "photo_form": photo_form or PhotoForm(),
            "max_photos": rules.MAX_PHOTOS_PER_RETURN,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def return_form(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    monitoring_return = _return_for(request, pk, number)
    if request.method == "GET":
        return _return_page(request, monitoring_return)
    grant = monitoring_return.grant
    form = ReturnForm(
        request.POST,
        monitoring_return=monitoring_return,
        lines=list(grant.proposal.budget_lines.all()),
        targets=list(grant.targets.all()),
    )
    if form.is_valid():
        try:
            services.submit_return(request.user, monitoring_return, **form.service_arguments())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request, _("Return %(number)d is sent. An officer will review it.") % {"number": number}
            )
            return redirect("delivery:grant", pk=grant.pk)
    return _return_page(request, monitoring_return, form=form, status=400)


@login_required
@require_POST
def return_photo_add(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    monitoring_return = _return_for(request, pk, number)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_return_photo(
                request.user, monitoring_return, form.cleaned_data["photo"], form.cleaned_data["alt_text"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The photo is added to the return."))
            return redirect("delivery:return", pk=pk, number=number)
    return _return_page(request, monitoring_return, photo_form=form, status=400)


@login_required
@require_POST
def return_photo_remove(request: HttpRequest, pk: int, number: int, photo_pk: int) -> HttpResponse:
    monitoring_return = _return_for(request, pk, number)
    photo = get_object_or_404(ReturnPhoto, pk=photo_pk, monitoring_return=monitoring_return)
    services.remove_return_photo(request.user, photo)
    messages.success(request, _("The photo is removed."))
    return redirect("delivery:return", pk=pk, number=number)


def return_photo(request: HttpRequest, pk: int) -> FileResponse:
    """A return's photo, only to those who may see it: the public once the return is accepted."""
    photo = get_object_or_404(
        ReturnPhoto.objects.select_related(
            "monitoring_return__grant__proposal__programme", "monitoring_return__grant__proposal__group"
        ),
        pk=pk,
    )
    if not rules.can_see_photo(request.user, photo):
        raise Http404(_("There is no photo at this address that you can see."))
    response = FileResponse(photo.image.open("rb"), content_type=photo.content_type)
    response["Cache-Control"] = (
        "private, max-age=3600" if photo.monitoring_return.status != "accepted" else "public, max-age=86400"
    )
    response["Content-Disposition"] = "inline"
    return response


# The public -------------------------------------------------------------------------------------------


def progress(request: HttpRequest, slug: str, reference: str) -> HttpResponse:
    programme = get_object_or_404(published_programmes(), slug=slug)
    grant = selectors.public_grant(programme, reference)
    if grant is None:
        raise Http404(_("There is no funded project at this address."))
    latest = selectors.latest_accepted_return(grant)
    return render(
        request,
        "delivery/progress.html",
        {
            "programme": programme,
            "grant": grant,
            "proposal": grant.proposal,
            "milestones": list(grant.milestones.all()),
            "spent": selectors.spent_pence(latest),
            "latest": latest,
            "story": selectors.latest_story(grant),
            "photos": list(selectors.public_photos(grant)),
            "targets": [
                (target, target.results.filter(monitoring_return=latest).first() if latest else None)
                for target in grant.targets.select_related("outcome")
            ],
        },
    )


# The resident monitoring panel ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def panel(request: HttpRequest) -> HttpResponse:
    member = selectors.panel_member_of(request.user)
    form = JoinPanelForm(request.POST or None, initial={"area": member.area if member else None})
    if request.method == "POST" and form.is_valid():
        try:
            member = services.join_panel(request.user, form.cleaned_data["area"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _(
                    "You are on the monitoring panel for %(area)s. An officer will match you to a project "
                    "to visit."
                )
                % {"area": member.area.name},
            )
            return redirect("delivery:panel")
    return render(
        request,
        "delivery/panel.html",
        {"member": member, "form": form, "assignments": list(selectors.assignments_of(request.user))},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def visit(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(
        PanelAssignment.objects.select_related(
            "member__user", "grant__proposal__programme", "grant__proposal__group"
        ),
        pk=pk,
    )
    if assignment.member.user_id != request.user.pk:
        raise Http404(_("There is no visit at this address for you."))
    form = VisitReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.file_visit_report(request.user, assignment, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Thank you: your visit report is with the council and the group."))
            return redirect("delivery:panel")
    return render(
        request,
        "delivery/visit.html",
        {"assignment": assignment, "form": form, "visits": list(assignment.visits.all())},
        status=400 if form.errors else 200,
    )


# Evaluation -------------------------------------------------------------------------------------------


def evaluation(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(published_programmes(), slug=slug)
    report = evaluate(programme)
    return render(
        request,
        "delivery/evaluation.html",
        {"programme": programme, "report": report, "benefits": benefits(report)},
    )


def evaluation_download(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    programme = get_object_or_404(published_programmes(), slug=slug)
    report = evaluate(programme)
    if name == "evaluation.csv":
        response = HttpResponse(evaluation_csv(report), content_type="text/csv; charset=utf-8")
    elif name == "evaluation.pdf":
        response = HttpResponse(evaluation_pdf(report), content_type="application/pdf")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{programme.slug}-{name}"'
    return response
