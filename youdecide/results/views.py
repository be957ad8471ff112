"""Results pages: the public result of an area with its open data, and the officers' publishing page."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from youdecide.areas.models import Area
from youdecide.programmes.models import Programme
from youdecide.programmes.selectors import area_pots, published_programmes
from youdecide.programmes.views import officer_required
from youdecide.proposals.models import Proposal, ProposalStatus
from youdecide.results import statistics as stats
from youdecide.results.equality import (
    EqualityForm,
    ages_against_voters,
    answers_by_area,
    equality_summary,
    record_equality_response,
)
from youdecide.results.inequality import inequality_page
from youdecide.results.models import CountRun
from youdecide.results.open_data import (
    ballots_csv_rows,
    csv_lines,
    pabulib_chunks,
    results_csv_rows,
    results_json_chunks,
)
from youdecide.results.report import transparency_report_pdf
from youdecide.results.rules import can_publish, voting_still_open
from youdecide.results.selectors import (
    ResultRow,
    awarded_by_area,
    latest_count,
    published_count,
    result_rows,
    spend_to_date,
)
from youdecide.results.services import publish_count, run_count
from youdecide.voting.models import Participation
from youdecide.web.maps import ward_map
from youdecide.web.page_cache import cached_public_page


def _published(slug: str, area_slug: str) -> tuple[Programme, Area, CountRun | None]:
    programme = get_object_or_404(published_programmes(), slug=slug)
    area = get_object_or_404(Area, slug=area_slug, pots__programme=programme)
    return programme, area, published_count(programme, area)


@cached_public_page
def area_results(request: HttpRequest, slug: str, area_slug: str) -> HttpResponse:
    programme, area, run = _published(slug, area_slug)
    rows = result_rows(run) if run else []
    return render(
        request,
        "results/area_results.html",
        {
            "programme": programme,
            "area": area,
            "run": run,
            "rows": rows,
            "funded": [row for row in rows if row.funded],
            "left": run.budget_pence - run.spent_pence if run else 0,
            "superseded": run.supersedes if run and hasattr(run, "supersedes") else None,
        },
    )


def download(request: HttpRequest, slug: str, area_slug: str, name: str) -> HttpResponseBase:
    """The published count's open data, read from the file kept with the count (streamed)."""
    programme, area, run = _published(slug, area_slug)
    if run is None:
        raise Http404(_("The result of %(area)s is not published yet.") % {"area": area.name})
    if not run.has_snapshot:
        raise Http404(_("The files of this count were not kept: it was made before counts kept them."))
    stem = f"{programme.slug}_{area.slug}"
    makers = {
        "results.pb": (lambda: pabulib_chunks(run), "text/plain; charset=utf-8", f"{stem}.pb"),
        "ballots.csv": (
            lambda: csv_lines(ballots_csv_rows(run)),
            "text/csv; charset=utf-8",
            f"{stem}_ballots.csv",
        ),
        "results.csv": (
            lambda: csv_lines(results_csv_rows(run)),
            "text/csv; charset=utf-8",
            f"{stem}_results.csv",
        ),
        "results.json": (lambda: results_json_chunks(run), "application/json", f"{stem}_results.json"),
    }
    if name not in makers:
        raise Http404
    make, content_type, filename = makers[name]
    response = StreamingHttpResponse(make(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@officer_required
def office_results(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    areas = []
    for pot in area_pots(programme).select_related("area"):
        latest = latest_count(programme, pot.area)
        allowed, reason = can_publish(latest) if latest else (False, "")
        areas.append(
            {
                "area": pot.area,
                "latest": latest,
                "published": published_count(programme, pot.area),
                "can_publish": allowed,
                "why_not": reason,
                "voting_open": voting_still_open(programme, pot.area),
            }
        )
    return render(request, "results/office_results.html", {"programme": programme, "areas": areas})


@officer_required
@require_POST
def office_count(request: HttpRequest, slug: str, area_slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    area = get_object_or_404(Area, slug=area_slug, pots__programme=programme)
    try:
        if request.POST.get("action") == "publish":
            run = get_object_or_404(CountRun, pk=request.POST.get("run"), programme=programme, area=area)
            publish_count(request.user, run, request.POST.get("reason", ""))
            messages.success(request, _("The result of %(area)s is published.") % {"area": area.name})
        else:
            run_count(request.user, programme, area)
            messages.success(
                request, _("%(area)s is counted: another officer can now publish it.") % {"area": area.name}
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("results:office", slug=programme.slug)


@cached_public_page
def statistics(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(published_programmes(), slug=slug)
    charts = [
        ("areas", _("Voters by area"), _("Area"), stats.turnout_by_area(programme), _("Share of residents")),
        ("channels", _("Voters by way of voting"), _("Way of voting"), stats.by_channel(programme), ""),
        ("events", _("Voters at each Decision Day"), _("Decision Day"), stats.by_event(programme), ""),
        ("ages", _("Voters by age"), _("Age"), stats.by_age_band(programme), ""),
        ("days", _("Voters by day"), _("Day"), stats.by_day(programme), ""),
    ]
    return render(
        request,
        "results/statistics.html",
        {
            "programme": programme,
            "total": stats.total(programme),
            "charts": [c for c in charts if c[3]],
            "equality": equality_summary(programme),
            "equality_areas": answers_by_area(programme),
            "equality_ages": ages_against_voters(programme),
            "maps": [
                (map_id, title, ward_map(shaded, title, map_id), shaded)
                for map_id, title, shaded in stats.ward_maps(programme)
            ],
        },
    )


def _transparency(programme: Programme) -> dict[str, Any]:
    """The programme in one place: the pot and its split, applications and decisions with reasons, votes
    by channel and event, what was awarded and, once payments are recorded, what has been spent."""
    proposals = Proposal.objects.filter(programme=programme).exclude(status=ProposalStatus.DRAFT)
    voters = Counter(Participation.objects.filter(programme=programme).values_list("area_id", flat=True))
    awarded = awarded_by_area(programme)
    spent = spend_to_date(programme)
    rows: list[dict[str, Any]] = []
    funded: list[tuple[Area, ResultRow]] = []
    ties: list[str] = []
    for pot in area_pots(programme).select_related("area"):
        published = published_count(programme, pot.area)
        rows.append(
            {
                "area": pot.area,
                "pot": pot.amount_pence,
                "applications": proposals.filter(area=pot.area).count(),
                "eligible": proposals.filter(area=pot.area, status=ProposalStatus.ELIGIBLE).count(),
                "voters": voters.get(pot.area_id, 0),
                "published": published,
                "awarded": awarded.get(pot.area_id),
                "spent": spent.get(pot.area_id, 0) if spent is not None else None,
            }
        )
        if published:
            funded += [(pot.area, row) for row in result_rows(published) if row.funded]
            ties += list(published.ties)
    totals = {key: sum(row[key] for row in rows) for key in ("applications", "eligible", "voters")} | {
        "awarded": sum(awarded.values()),
        "spent": sum(spent.values()) if spent is not None else None,
    }
    return {
        "programme": programme,
        "areas": rows,
        "totals": totals,
        "spend_recorded": spent is not None,
        "awarded_note": _(
            "“Awarded” is what each area's published result funds. Grant payments are not recorded here "
            "yet, so spend to date is not shown: it will be once grants are paid."
        ),
        "ineligible": list(
            proposals.filter(status=ProposalStatus.INELIGIBLE).select_related("group", "area")
        ),
        "channels": stats.by_channel(programme),
        "events": stats.by_event(programme),
        "funded": funded,
        "ties": ties,
    }


def transparency(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(published_programmes(), slug=slug)
    return render(request, "results/transparency.html", _transparency(programme))


def transparency_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(published_programmes(), slug=slug)
    response = HttpResponse(transparency_report_pdf(_transparency(programme)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{programme.slug}-transparency-report.pdf"'
    return response


def equality_survey(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(published_programmes(), slug=slug)
    form = EqualityForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        record_equality_response(programme, form.cleaned_data["area"], form.cleaned_data)
        return render(request, "results/equality_thanks.html", {"programme": programme})
    return render(request, "results/equality.html", {"programme": programme, "form": form})


def inequality(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(published_programmes(), slug=slug)
    return render(request, "results/inequality.html", inequality_page(programme))
