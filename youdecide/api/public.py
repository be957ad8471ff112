"""The read-only public API: programmes, their areas, proposals and statistics (results are in views)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from youdecide.api.responses import error
from youdecide.areas.models import Area
from youdecide.programmes.models import Programme
from youdecide.programmes.selectors import area_pots, published_programmes
from youdecide.proposals.selectors import public_proposals
from youdecide.results import statistics as stats
from youdecide.results.selectors import published_count


def _programme(programme: Programme) -> dict[str, Any]:
    return {
        "slug": programme.slug,
        "name": programme.name,
        "summary": programme.summary,
        "funding_source": programme.funding_source,
        "pot_pence": programme.total_pot_pence,
        "phases": [
            {
                "kind": phase.kind,
                "starts_at": phase.effective_start.isoformat(),
                "ends_at": phase.effective_end.isoformat(),
            }
            for phase in programme.phases.all()
        ],
        "areas": [
            {
                "slug": pot.area.slug,
                "name": pot.area.name,
                "code": pot.area.code,
                "pot_pence": pot.amount_pence,
                "population": pot.area.population,
                "result_published": published_count(programme, pot.area) is not None,
            }
            for pot in area_pots(programme).select_related("area")
        ],
    }


@require_GET
def programmes(request: HttpRequest) -> HttpResponse:
    return JsonResponse(
        {"programmes": [_programme(p) for p in published_programmes().prefetch_related("phases")]}
    )


@require_GET
def programme(request: HttpRequest, programme: str) -> HttpResponse:
    found = published_programmes().filter(slug=programme).first()
    if found is None:
        return error("not_found", ["No published programme has this slug."], 404)
    return JsonResponse(_programme(found))


@require_GET
def proposals(request: HttpRequest, programme: str, area: str) -> HttpResponse:
    found = published_programmes().filter(slug=programme).first()
    place = Area.objects.filter(slug=area, pots__programme=found).first() if found else None
    if found is None or place is None:
        return error("not_found", ["No such programme, or the area is not one of its areas."], 404)
    return JsonResponse(
        {
            "proposals": [
                {
                    "reference": p.reference,
                    "title": p.title,
                    "summary": p.summary,
                    "group": p.group.name,
                    "cost_pence": p.cost_pence,
                    "status": p.status,
                    "outcomes": [o.slug for o in p.outcomes.all()],
                }
                for p in public_proposals(found, place)
            ]
        }
    )


@require_GET
def statistics(request: HttpRequest, programme: str) -> HttpResponse:
    found = published_programmes().filter(slug=programme).first()
    if found is None:
        return error("not_found", ["No published programme has this slug."], 404)

    def bars(rows: list[stats.Bar]) -> list[dict[str, Any]]:
        return [{"label": bar.label, "voters": bar.value} for bar in rows]

    return JsonResponse(
        {
            "voters": stats.total(found),
            "by_area": [
                {
                    "label": bar.label,
                    "voters": bar.value,
                    "population": bar.population,
                    "share_of_population": stats.share_of_population(bar.value, bar.population),
                }
                for bar in stats.turnout_by_area(found)
            ],
            "by_channel": bars(stats.by_channel(found)),
            "by_event": bars(stats.by_event(found)),
            "by_age_band": bars(stats.by_age_band(found)),
            "by_day": bars(stats.by_day(found)),
        }
    )
