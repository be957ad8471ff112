"""Pages of the budget consultation: the plan and its proposals, residents' views, the simulator, the
results for councillors, and the officers' pages (import, publish, moderation, simulator settings)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from youdecide.consultation import rules, services
from youdecide.consultation.balance import balance_of, step_change_pence
from youdecide.consultation.forms import (
    DemographicsForm,
    PlanImportForm,
    PublishForm,
    ResponseForm,
    SimulatorForm,
    SimulatorSettingsForm,
)
from youdecide.consultation.models import BudgetPlan, ProposalResponse, Simulator
from youdecide.consultation.plan_files import PlanFileError, plan_csv, plan_xlsx
from youdecide.consultation.report import results_csv_rows, results_pdf
from youdecide.consultation.selectors import (
    comments_to_moderate,
    lines,
    plan_table,
    proposal_views,
    published_comments,
    published_plans,
    service_spreads,
    simulator_services,
    spread_bars,
    submission_count,
    support_bars,
)
from youdecide.programmes.views import officer_required
from youdecide.results.open_data import csv_lines

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _plan(request: HttpRequest, slug: str) -> BudgetPlan:
    plan = get_object_or_404(BudgetPlan, slug=slug)
    if not rules.can_view_plan(request.user, plan):
        raise Http404(_("No published budget plan has this address."))
    return plan


def _posted(request: HttpRequest) -> Any:
    """The form data of a POST (even an empty one), or None for a GET: an empty POST is still checked."""
    return request.POST if request.method == "POST" else None


def _simulator(plan: BudgetPlan) -> Simulator:
    simulator = Simulator.objects.filter(plan=plan).first()
    if simulator is None:
        raise Http404(_("This plan has no budget simulator."))
    return simulator


def plan_list(request: HttpRequest) -> HttpResponse:
    return render(request, "consultation/plan_list.html", {"plans": published_plans()})


def plan_page(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(request, slug)
    open_, why = rules.can_respond(plan)
    table = plan_table(plan)
    return render(
        request,
        "consultation/plan.html",
        {
            "plan": plan,
            "table": table,
            "outcomes": [(block, _outcome_lists(block.outcome)) for block in table.outcomes],
            "can_respond": open_,
            "why_closed": why,
            "simulator": Simulator.objects.filter(plan=plan, is_open=True).first(),
            "can_read_report": rules.can_read_report(request.user),
        },
    )


def _outcome_lists(outcome: Any) -> list[tuple[str, list[str]]]:
    return [
        (title, lines(text))
        for title, text in (
            (_("What the council will focus on"), outcome.focus),
            (_("What success looks like"), outcome.success),
            (_("Key priorities"), outcome.priorities),
            (_("Challenges and opportunities"), outcome.challenges),
        )
        if text.strip()
    ]


def proposal_page(request: HttpRequest, slug: str, reference: str) -> HttpResponse:
    plan = _plan(request, slug)
    proposal = get_object_or_404(plan.proposals.select_related("theme__outcome"), reference=reference)
    amounts = {v.year: v.amount_thousands for v in proposal.variations.all()}
    return render(
        request,
        "consultation/proposal.html",
        {
            "plan": plan,
            "proposal": proposal,
            "variations": [
                (label, amounts.get(year, 0))
                for year, label in zip(plan.years, plan.year_labels, strict=True)
            ],
            "comments": published_comments(proposal),
            "can_respond": rules.can_respond(plan)[0],
        },
    )


def respond(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(request, slug)
    open_, why = rules.can_respond(plan)
    table = plan_table(plan)
    form = ResponseForm(table.proposals, _posted(request))
    if request.method == "POST" and open_ and form.is_valid():
        try:
            services.record_responses(plan, form.answers())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("consultation:about_you", plan.slug)
    return render(
        request,
        "consultation/respond.html",
        {"plan": plan, "table": table, "form": form, "can_respond": open_, "why_closed": why},
    )


def about_you(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(request, slug)
    form = DemographicsForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.record_demographics(
            plan,
            form.cleaned_data["age_band"],
            form.cleaned_data["connection"],
            form.cleaned_data["disabled"],
        )
        return redirect("consultation:thanks", plan.slug)
    return render(request, "consultation/about_you.html", {"plan": plan, "form": form})


def thanks(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(request, slug)
    return render(
        request,
        "consultation/thanks.html",
        {"plan": plan, "simulator": Simulator.objects.filter(plan=plan, is_open=True).first()},
    )


def simulator_page(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(request, slug)
    simulator = _simulator(plan)
    open_, why = rules.can_use_simulator(simulator)
    if not open_ and not rules.can_manage_consultation(request.user):
        raise Http404(why)
    services_ = simulator_services(simulator)
    form = SimulatorForm(simulator, services_, _posted(request))
    checking = request.POST.get("action") == "check"
    if request.method == "POST" and not checking and form.is_valid():
        try:
            services.submit_simulation(simulator, form.choices(), form.cleaned_data["tax"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("consultation:simulator_thanks", plan.slug)
    balance = balance_of(simulator, services_, *form.chosen())
    rows = [
        (
            service,
            form[f"service_{service.pk}"],
            [
                (radio, step, step_change_pence(service.budget_pence, step.percent))
                for radio, step in zip(form[f"service_{service.pk}"], service.steps.all(), strict=True)
            ],
        )
        for service in services_
    ]
    taxes = [(radio, n * simulator.tax_one_percent_pence) for n, radio in enumerate(form["tax"])]
    return render(
        request,
        "consultation/simulator.html",
        {
            "plan": plan,
            "simulator": simulator,
            "form": form,
            "rows": rows,
            "taxes": taxes,
            "balance": balance,
            "checked": checking,
            "can_submit": open_,
            "why_closed": why,
        },
    )


def simulator_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(request, slug)
    return render(request, "consultation/simulator_thanks.html", {"plan": plan})


def plan_download(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    plan = _plan(request, slug)
    if kind == "csv":
        response = HttpResponse(plan_csv(plan), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(plan_xlsx(plan), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{plan.slug}.{kind}"'
    return response


def _report_reader(request: HttpRequest, slug: str) -> BudgetPlan:
    if not request.user.is_authenticated:
        raise PermissionDenied(_("Sign in as a council officer or councillor to read the results."))
    if not rules.can_read_report(request.user):
        raise PermissionDenied(
            _("Only council officers and councillors can read the consultation's results.")
        )
    return get_object_or_404(BudgetPlan, slug=slug)


def _results(plan: BudgetPlan) -> dict[str, Any]:
    simulator = Simulator.objects.filter(plan=plan).first()
    views = proposal_views(plan)
    spreads = service_spreads(simulator) if simulator else []
    return {
        "plan": plan,
        "views": views,
        "support_bars": support_bars(views),
        "simulator": simulator,
        "spreads": spreads,
        "spread_bars": spread_bars(spreads),
        "submissions": submission_count(simulator) if simulator else 0,
    }


def results_page(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "consultation/results.html", _results(_report_reader(request, slug)))


def results_download(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    data = _results(_report_reader(request, slug))
    plan = data["plan"]
    if kind == "pdf":
        response = HttpResponse(
            results_pdf(plan, data["views"], data["spreads"], data["submissions"]),
            content_type="application/pdf",
        )
    else:
        response = HttpResponse(
            "".join(csv_lines(results_csv_rows(data["views"], data["spreads"]))),
            content_type="text/csv; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="{plan.slug}-results.{kind}"'
    return response


@officer_required
def office_plans(request: HttpRequest) -> HttpResponse:
    form = PlanImportForm(_posted(request), request.FILES if request.method == "POST" else None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            plan = services.import_plan(request.user, upload.name, upload.read())
        except PlanFileError as exc:
            errors = exc.errors
        else:
            messages.success(request, _("The plan “%(title)s” is imported.") % {"title": plan.title})
            return redirect("consultation:office_plan", plan.slug)
    return render(
        request,
        "consultation/office_plans.html",
        {"plans": BudgetPlan.objects.all(), "form": form, "file_errors": errors},
    )


@officer_required
def office_plan(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_object_or_404(BudgetPlan, slug=slug)
    simulator = Simulator.objects.filter(plan=plan).first()
    import_form = PlanImportForm()
    publish_form = PublishForm()
    settings_form = SimulatorSettingsForm(
        initial={
            "savings_target": simulator.savings_target_pence,
            "tax_one_percent": simulator.tax_one_percent_pence,
            "tax_cap_percent": simulator.tax_cap_percent,
            "is_open": simulator.is_open,
        }
        if simulator
        else None
    )
    errors: list[str] = []
    action = request.POST.get("action")
    if request.method == "POST":
        try:
            if action == "publish":
                publish_form = PublishForm(request.POST)
                if publish_form.is_valid():
                    services.publish_plan(request.user, plan, publish_form.cleaned_data["closes_on"])
                    messages.success(request, _("The plan is published: residents can give their views."))
                    return redirect("consultation:office_plan", plan.slug)
            if action == "import":
                import_form = PlanImportForm(request.POST, request.FILES)
                if import_form.is_valid():
                    upload = import_form.cleaned_data["file"]
                    services.import_plan(request.user, upload.name, upload.read(), into=plan)
                    messages.success(request, _("The plan is replaced by the file's."))
                    return redirect("consultation:office_plan", plan.slug)
            if action == "simulator":
                settings_form = SimulatorSettingsForm(request.POST)
                if settings_form.is_valid():
                    data = settings_form.cleaned_data
                    services.set_up_simulator(
                        request.user,
                        plan,
                        data["savings_target"],
                        data["tax_one_percent"],
                        data["tax_cap_percent"],
                        data["is_open"],
                    )
                    messages.success(request, _("The simulator's settings are saved."))
                    return redirect("consultation:office_plan", plan.slug)
        except PlanFileError as exc:
            errors = exc.errors
        except ValidationError as exc:
            errors = exc.messages
    can_publish, why_not = rules.can_publish_plan(plan)
    can_import, why_no_import = rules.can_import_into(plan)
    return render(
        request,
        "consultation/office_plan.html",
        {
            "plan": plan,
            "table": plan_table(plan),
            "simulator": simulator,
            "import_form": import_form,
            "publish_form": publish_form,
            "settings_form": settings_form,
            "errors": errors,
            "errors_title": _("Nothing was imported: the file has problems")
            if action == "import"
            else _("There is a problem"),
            "can_publish": can_publish,
            "why_not_publish": why_not,
            "can_import": can_import,
            "why_no_import": why_no_import,
            "pending": comments_to_moderate(plan).count(),
        },
    )


@officer_required
def moderation(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_object_or_404(BudgetPlan, slug=slug)
    return render(
        request, "consultation/moderation.html", {"plan": plan, "comments": comments_to_moderate(plan)}
    )


@officer_required
@require_POST
def moderate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    response = get_object_or_404(ProposalResponse, pk=pk, proposal__plan__slug=slug)
    publish = request.POST.get("decision") == "publish"
    try:
        services.moderate_comment(request.user, response, publish)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Comment published.") if publish else _("Comment not published."))
    return redirect("consultation:moderation", slug)
