"""Open data of a published count: the anonymised ballots and outcome as pabulib, CSV and JSON.

Ballots are listed by their public id (a hash of the voter's receipt) in that order, so no order of
casting survives; nothing else about a voter is exported. CSV cells that a spreadsheet would run as a
formula are escaped.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils import timezone

from youdecide.counting import Election, Project, format_pabulib
from youdecide.programmes.models import PhaseKind
from youdecide.results.ballots import area_election
from youdecide.results.models import CountRun
from youdecide.results.selectors import result_rows

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: a leading =, +, -, @, tab or return gets a ' in front."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _dates(run: CountRun) -> tuple[str, str]:
    phases = {phase.kind: phase for phase in run.programme.phases.all()}
    voting = [phases[k] for k in (PhaseKind.ONLINE_VOTING, PhaseKind.DECISION_DAYS) if k in phases]
    if not voting:
        day = timezone.localdate(run.created_at).strftime("%d.%m.%Y")
        return day, day
    begin = min(p.effective_start for p in voting)
    end = max(p.effective_end for p in voting)
    return timezone.localtime(begin).strftime("%d.%m.%Y"), timezone.localtime(end).strftime("%d.%m.%Y")


def election_for_export(run: CountRun) -> Election:
    election = area_election(run.programme, run.area)
    begin, end = _dates(run)
    election.meta = {
        "description": f"{run.programme.name}: {run.area.name}. Amounts in pence.",
        "country": "United Kingdom",
        "unit": "Cheshire East",
        "subunit": run.area.name,
        "instance": run.programme.slug,
        "num_projects": str(len(election.projects)),
        "num_votes": str(len(election.ballots)),
        "budget": str(election.budget),
        "vote_type": election.vote_type,
        "rule": run.rule,
        "date_begin": begin,
        "date_end": end,
        "currency": "GBX",
        "language": "en",
        "edition": str(run.pk),
    }
    election.projects = [
        Project(
            id=p.id, cost=p.cost, name=p.name, fields={"name": p.name, "score": str(run.scores.get(p.id, 0))}
        )
        for p in election.projects
    ]
    election.project_columns = ["project_id", "cost", "name", "score", "selected"]
    return election


def pabulib_text(run: CountRun) -> str:
    return format_pabulib(election_for_export(run), selected=run.selected)


def ballots_csv(run: CountRun) -> str:
    election = area_election(run.programme, run.area)
    references = [p.id for p in election.projects]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["ballot"] + [safe_cell(ref) for ref in references])
    for ballot in election.ballots:
        values = dict(zip(ballot.projects, ballot.points or [1] * len(ballot.projects), strict=True))
        if election.vote_type == "ordinal":
            values = {ref: rank for rank, ref in enumerate(ballot.projects, start=1)}
        writer.writerow([safe_cell(ballot.voter_id)] + [values.get(ref, "") for ref in references])
    return out.getvalue()


def results_csv(run: CountRun) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["reference", "title", "group", "cost_pence", "support", "funded", "explanation"])
    for row in result_rows(run):
        writer.writerow(
            [
                safe_cell(row.proposal.reference),
                safe_cell(row.proposal.title),
                safe_cell(row.proposal.group.name),
                row.proposal.cost_pence,
                row.support,
                "yes" if row.funded else "no",
                safe_cell(row.explanation),
            ]
        )
    return out.getvalue()


def results_json(run: CountRun) -> dict[str, Any]:
    election = area_election(run.programme, run.area)
    return {
        "programme": run.programme.slug,
        "area": run.area.slug,
        "rule": run.rule,
        "budget_pence": run.budget_pence,
        "spent_pence": run.spent_pence,
        "left_pence": run.budget_pence - run.spent_pence,
        "ballots": run.ballots,
        "inputs_sha256": run.inputs_digest,
        "published_at": run.published_at.isoformat() if run.published_at else None,
        "selected": list(run.selected),
        "ties": list(run.ties),
        "projects": [
            {
                "reference": row.proposal.reference,
                "title": row.proposal.title,
                "group": row.proposal.group.name,
                "cost_pence": row.proposal.cost_pence,
                "support": row.support,
                "funded": row.funded,
                "explanation": row.explanation,
            }
            for row in result_rows(run)
        ],
        "anonymised_ballots": [
            {"id": b.voter_id, "projects": list(b.projects), "points": list(b.points) if b.points else None}
            for b in election.ballots
        ],
    }
