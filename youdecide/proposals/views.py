"""Proposals: a group drafts, edits, submits and withdraws them; officers review their eligibility."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from youdecide.groups.models import CommunityGroup
from youdecide.groups.rules import can_manage_group, is_member
from youdecide.groups.selectors import governance_summary
from youdecide.programmes.models import Programme
from youdecide.programmes.rules import can_review_proposals, can_submit_proposals
from youdecide.programmes.selectors import published_programmes
from youdecide.programmes.views import officer_required
from youdecide.proposals import rules, services
from youdecide.proposals.forms import (
    BUDGET_LINES_ANCHOR,
    IneligibleForm,
    ProgrammeChoiceForm,
    ProposalForm,
    ReviewFilterForm,
    apply_service_error,
    budget_line_formset,
)
from youdecide.proposals.models import Proposal, ProposalStatus, ProposalVersion
from youdecide.proposals.selectors import review_queue as submitted_proposals

DECIDED_SHOWN = 50


def _group(request: HttpRequest, slug: str) -> CommunityGroup:
    group = get_object_or_404(CommunityGroup, slug=slug)
    if not can_manage_group(request.user, group):
        raise PermissionDenied(_("Only members of this group and council officers can see this page."))
    return group


def _proposal(request: HttpRequest, slug: str, pk: int) -> Proposal:
    group = _group(request, slug)
    return get_object_or_404(
        Proposal.objects.select_related("group", "programme", "area", "decided_by"), pk=pk, group=group
    )


def _not_allowed(request: HttpRequest, reason: str, back: str, title: str) -> HttpResponse:
    return render(
        request, "proposals/not_allowed.html", {"reason": reason, "back": back, "title": title}, status=403
    )


def _private_url(proposal: Proposal) -> str:
    return reverse("proposals:detail_private", args=[proposal.group.slug, proposal.pk])


def _service_error_list(error: ValidationError, href: str) -> list[tuple[str, str]]:
    return [(href, message) for message in error.messages]


def _versions(proposal: Proposal) -> list[tuple[ProposalVersion, str]]:
    """Earlier versions, newest first, each with its status then in words."""
    labels = dict(ProposalStatus.choices)
    return [
        (version, str(labels.get(version.snapshot.get("status"), version.snapshot.get("status", ""))))
        for version in proposal.versions.select_related("created_by").order_by("-number")
    ]


def _open_programmes() -> list[Programme]:
    return [programme for programme in published_programmes() if can_submit_proposals(programme)[0]]


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(request, slug)
    if not is_member(request.user, group):
        return _not_allowed(
            request,
            _("Only members of %(group)s can propose for it.") % {"group": group.name},
            reverse("groups:detail", args=[group.slug]),
            _("Start a proposal"),
        )
    programmes = _open_programmes()
    choice = ProgrammeChoiceForm(programmes, data=request.GET if "programme" in request.GET else None)
    if choice.is_bound and choice.is_valid():
        programme = choice.cleaned_data["programme"]
    elif len(programmes) == 1 and not choice.is_bound:
        programme = programmes[0]
    else:
        return render(
            request,
            "proposals/choose_programme.html",
            {"group": group, "form": choice, "programmes": programmes},
        )

    data = request.POST if request.method == "POST" else None
    form = ProposalForm(programme, data=data)
    formset = budget_line_formset(data)
    if data is not None and form.is_valid() and formset.is_valid():
        try:
            proposal = services.create_proposal(
                request.user, group, programme, **form.service_arguments(formset.lines())
            )
        except ValidationError as error:
            apply_service_error(error, form, formset)
        else:
            messages.success(
                request,
                _("Your draft is saved. Check it, then submit it for review when it is ready."),
            )
            return redirect(_private_url(proposal))
    return render(
        request,
        "proposals/proposal_form.html",
        {
            "group": group,
            "programme": programme,
            "form": form,
            "formset": formset,
            "budget_lines_anchor": BUDGET_LINES_ANCHOR,
            "proposal": None,
            "may_choose_programme": len(programmes) > 1,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    proposal = _proposal(request, slug, pk)
    allowed, reason = rules.can_edit(request.user, proposal)
    if not allowed:
        return _not_allowed(request, reason, _private_url(proposal), _("Edit the proposal"))
    data = request.POST if request.method == "POST" else None
    form = ProposalForm.for_proposal(proposal, data=data)
    formset = budget_line_formset(data, proposal=proposal)
    if data is not None and form.is_valid() and formset.is_valid():
        try:
            services.update_proposal(request.user, proposal, **form.service_arguments(formset.lines()))
        except ValidationError as error:
            apply_service_error(error, form, formset)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(_private_url(proposal))
    return render(
        request,
        "proposals/proposal_form.html",
        {
            "group": proposal.group,
            "programme": proposal.programme,
            "form": form,
            "formset": formset,
            "budget_lines_anchor": BUDGET_LINES_ANCHOR,
            "proposal": proposal,
        },
    )


def _actions(request: HttpRequest, proposal: Proposal) -> dict[str, Any]:
    may_edit, edit_reason = rules.can_edit(request.user, proposal)
    may_submit, submit_reason = rules.can_submit(request.user, proposal)
    if may_submit:
        may_submit, submit_reason = can_submit_proposals(proposal.programme)
    may_withdraw, withdraw_reason = rules.can_withdraw(request.user, proposal)
    return {
        "may_edit": may_edit,
        "edit_reason": edit_reason,
        "may_submit": may_submit,
        "submit_reason": submit_reason,
        "may_withdraw": may_withdraw,
        "withdraw_reason": withdraw_reason,
    }


@login_required
def detail_private(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    proposal = _proposal(request, slug, pk)
    budget_lines = list(proposal.budget_lines.all())
    return render(
        request,
        "proposals/detail_private.html",
        {
            "group": proposal.group,
            "proposal": proposal,
            "budget_lines": budget_lines,
            "outcomes": list(proposal.outcomes.all()),
            "versions": _versions(proposal),
            "is_public": rules.is_public(proposal),
            **_actions(request, proposal),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    proposal = _proposal(request, slug, pk)
    allowed, reason = rules.can_submit(request.user, proposal)
    if not allowed:
        return _not_allowed(request, reason, _private_url(proposal), _("Submit the proposal"))
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        try:
            services.submit_proposal(request.user, proposal)
        except PermissionDenied as denied:
            return _not_allowed(request, str(denied), _private_url(proposal), _("Submit the proposal"))
        except ValidationError as error:
            errors = _service_error_list(error, reverse("proposals:edit", args=[slug, pk]))
        else:
            messages.success(
                request,
                _("%(title)s is submitted. A council officer will check it is eligible and email %(email)s.")
                % {"title": proposal.title, "email": proposal.group.contact_email},
            )
            return redirect(_private_url(proposal))
    open_now, closed_reason = can_submit_proposals(proposal.programme)
    return render(
        request,
        "proposals/submit.html",
        {
            "group": proposal.group,
            "proposal": proposal,
            "extra_errors": errors,
            "open_now": open_now,
            "closed_reason": closed_reason,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    proposal = _proposal(request, slug, pk)
    allowed, reason = rules.can_withdraw(request.user, proposal)
    if not allowed:
        return _not_allowed(request, reason, _private_url(proposal), _("Withdraw the proposal"))
    if request.method == "POST":
        try:
            services.withdraw_proposal(request.user, proposal)
        except PermissionDenied as denied:
            return _not_allowed(request, str(denied), _private_url(proposal), _("Withdraw the proposal"))
        messages.success(request, _("%(title)s is withdrawn.") % {"title": proposal.title})
        return redirect(_private_url(proposal))
    return render(request, "proposals/withdraw.html", {"group": proposal.group, "proposal": proposal})


@officer_required
def review_queue(request: HttpRequest) -> HttpResponse:
    form = ReviewFilterForm(request.GET or None)
    programme = form.cleaned_data["programme"] if form.is_valid() else None
    decided = Proposal.objects.filter(status__in=[ProposalStatus.ELIGIBLE, ProposalStatus.INELIGIBLE])
    if programme is not None:
        decided = decided.filter(programme=programme)
    return render(
        request,
        "proposals/review_queue.html",
        {
            "form": form,
            "programme": programme,
            "waiting": list(submitted_proposals(programme)),
            "decided": list(
                decided.select_related("group", "area", "programme", "decided_by").order_by(
                    "-decided_at", "-pk"
                )[:DECIDED_SHOWN]
            ),
        },
    )


def _review_page(
    request: HttpRequest, proposal: Proposal, ineligible_form: IneligibleForm | None = None
) -> HttpResponse:
    may_review, review_reason = rules.can_review(request.user, proposal)
    if may_review:
        may_review, review_reason = can_review_proposals(proposal.programme)
    done, total = governance_summary(proposal.group)
    return render(
        request,
        "proposals/review.html",
        {
            "proposal": proposal,
            "group": proposal.group,
            "budget_lines": list(proposal.budget_lines.all()),
            "outcomes": list(proposal.outcomes.all()),
            "versions": _versions(proposal),
            "governance_done": done,
            "governance_total": total,
            "may_review": may_review,
            "review_reason": review_reason,
            "ineligible_form": ineligible_form
            or IneligibleForm(initial={"reason": proposal.ineligible_reason}),
        },
    )


def _mark_eligible(request: HttpRequest, proposal: Proposal) -> HttpResponse:
    try:
        services.mark_eligible(request.user, proposal)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("proposals:review", pk=proposal.pk)
    messages.success(
        request,
        _("%(title)s is eligible; %(group)s has been emailed.")
        % {"title": proposal.title, "group": proposal.group.name},
    )
    return redirect("proposals:review_queue")


def _mark_ineligible(request: HttpRequest, proposal: Proposal) -> HttpResponse:
    form = IneligibleForm(request.POST)
    if form.is_valid():
        try:
            services.mark_ineligible(request.user, proposal, form.cleaned_data["reason"])
        except PermissionDenied as denied:
            messages.error(request, str(denied))
            return redirect("proposals:review", pk=proposal.pk)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("%(title)s is not eligible; %(group)s has been emailed the reason.")
                % {"title": proposal.title, "group": proposal.group.name},
            )
            return redirect("proposals:review_queue")
    return _review_page(request, proposal, form)


@officer_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The officer reads the proposal and decides: POST decision=eligible, or decision=ineligible + reason."""
    proposal = get_object_or_404(
        Proposal.objects.select_related("group", "programme", "area", "decided_by"), pk=pk
    )
    if request.method == "GET":
        return _review_page(request, proposal)
    open_now, reason = can_review_proposals(proposal.programme)
    if not open_now:
        messages.error(request, reason)
        return redirect("proposals:review", pk=proposal.pk)
    if request.POST.get("decision") == "eligible":
        return _mark_eligible(request, proposal)
    return _mark_ineligible(request, proposal)
