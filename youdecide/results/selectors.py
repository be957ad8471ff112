"""Reads of results: the published count of an area, and the rows a results page shows."""

from __future__ import annotations

from dataclasses import dataclass

from youdecide.areas.models import Area
from youdecide.programmes.models import Programme
from youdecide.proposals.models import Proposal
from youdecide.results.models import CountRun
from youdecide.voting.selectors import ballot_proposals


def published_count(programme: Programme, area: Area) -> CountRun | None:
    return (
        CountRun.objects.filter(
            programme=programme, area=area, published_at__isnull=False, superseded_by__isnull=True
        )
        .select_related("area", "programme")
        .first()
    )


@dataclass(frozen=True)
class ResultRow:
    proposal: Proposal
    support: int
    funded: bool
    explanation: str


def result_rows(run: CountRun) -> list[ResultRow]:
    """Every project on the ballot, the funded first in the order the rule chose them, then by support."""
    proposals = {p.reference: p for p in ballot_proposals(run.programme, run.area)}
    order = [ref for ref in run.selected if ref in proposals]
    order += sorted(
        (ref for ref in proposals if ref not in run.selected), key=lambda r: (-run.scores.get(r, 0), r)
    )
    return [
        ResultRow(
            proposals[ref], int(run.scores.get(ref, 0)), ref in run.selected, run.explanations.get(ref, "")
        )
        for ref in order
    ]
