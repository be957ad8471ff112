"""Reads of results: the published count of an area, and the rows a results page shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from youdecide.areas.models import Area
from youdecide.programmes.models import Programme
from youdecide.proposals.models import Proposal
from youdecide.results.models import CountRun


def published_counts(programme: Programme) -> QuerySet[CountRun]:
    """The programme's published counts that stand (no recount has replaced them), newest first."""
    return CountRun.objects.filter(
        programme=programme, published_at__isnull=False, superseded_by__isnull=True
    ).order_by("-created_at")


def funded_references(programme: Programme) -> dict[int, list[str]]:
    """By area id, the proposal references each area's standing published count funded, in the order the
    rule chose them; one query."""
    chosen: dict[int, list[str]] = {}
    for area_id, selected in published_counts(programme).values_list("area_id", "selected"):
        chosen.setdefault(area_id, list(selected))  # the newest, as published_count takes it
    return chosen


def funded_candidates(programme: Programme, chosen: dict[int, list[str]]) -> QuerySet[Proposal]:
    """The proposals `funded_references` names, and perhaps a few more of the same references in other
    areas: keep those whose (area id, reference) it names."""
    return Proposal.objects.filter(
        programme=programme,
        area_id__in=list(chosen),
        reference__in=sorted({reference for selected in chosen.values() for reference in selected}),
    )


def published_count(programme: Programme, area: Area) -> CountRun | None:
    return (
        published_counts(programme)
        .filter(area=area)
        .select_related("area", "programme")
        .defer("snapshot")  # the file is read only when downloaded
        .first()
    )


def published_spends(programme: Programme) -> dict[int, int]:
    """By area id, what each area's standing published count funds, in pence, in one query, without
    reading the counts' explanations and projects; an area with no published count is not there."""
    spends: dict[int, int] = {}
    for area_id, spent in published_counts(programme).values_list("area_id", "spent_pence"):
        spends.setdefault(area_id, spent)  # newest first, as published_count takes it
    return spends


def latest_count(programme: Programme, area: Area) -> CountRun | None:
    return (
        CountRun.objects.filter(programme=programme, area=area)
        .select_related("area", "programme")
        .defer("snapshot")
        .first()
    )


@dataclass(frozen=True)
class ResultRow:
    """A project as it was when counted: its title, group and cost are the count's own, not today's."""

    reference: str
    title: str
    group: str
    cost_pence: int
    support: int
    funded: bool
    explanation: str


def counted_projects(run: CountRun) -> list[dict[str, Any]]:
    """The projects a count kept. Counts made before counts kept them name only references: their
    titles, groups and costs are read from the proposals as they are now."""
    if run.projects:
        return list(run.projects)
    references = set(run.scores) | set(run.selected)
    found = Proposal.objects.filter(programme=run.programme, reference__in=references).select_related("group")
    return [
        {"reference": p.reference, "title": p.title, "group": p.group.name, "cost_pence": p.cost_pence}
        for p in sorted(found, key=lambda p: p.reference)
    ]


def result_rows(run: CountRun) -> list[ResultRow]:
    """Every project on the ballot, the funded first in the order the rule chose them, then by support."""
    projects = {p["reference"]: p for p in counted_projects(run)}
    order = [ref for ref in run.selected if ref in projects]
    order += sorted(
        (ref for ref in projects if ref not in run.selected), key=lambda r: (-run.scores.get(r, 0), r)
    )
    return [
        ResultRow(
            reference=ref,
            title=projects[ref]["title"],
            group=projects[ref]["group"],
            cost_pence=int(projects[ref]["cost_pence"]),
            support=int(run.scores.get(ref, 0)),
            funded=ref in run.selected,
            explanation=run.explanations.get(ref, ""),
        )
        for ref in order
    ]


def awarded_by_area(programme: Programme) -> dict[int, int]:
    """Pence awarded per area by its published result (area id -> pence)."""
    runs = CountRun.objects.filter(
        programme=programme, published_at__isnull=False, superseded_by__isnull=True
    ).values_list("area_id", "spent_pence")
    return {area_id: int(spent) for area_id, spent in runs}


def spend_to_date(programme: Programme) -> dict[int, int] | None:
    """Pence paid out per area so far (area id -> pence), from grant payments.

    None while no payment is recorded: pages say so rather than show the awarded amounts as spent.
    """
    from youdecide.delivery.selectors import paid_by_area  # delivery reads results: imported when used

    return paid_by_area(programme)
