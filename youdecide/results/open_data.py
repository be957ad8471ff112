"""Open data of a count: the anonymised ballots and outcome as pabulib, CSV and JSON.

The pabulib file is written once, when the area is counted, from exactly what was counted, and kept
(compressed) with the count: the download is that file byte for byte, and the CSV and JSON are read from
it, so a late ballot, a changed pot or an edited proposal never changes a published file.

Ballots are listed by their public id (a hash of the voter's receipt) in that order, so no order of
casting survives; nothing else about a voter is exported. CSV cells that a spreadsheet would run as a
formula are escaped.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zlib
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from django.utils import timezone

from youdecide.counting import (
    APPROVAL,
    CHOOSE_ONE,
    ORDINAL,
    Ballot,
    Election,
    Outcome,
    Project,
    format_pabulib,
)
from youdecide.counting.pabulib_writer import tie_break_comment
from youdecide.programmes.models import PhaseKind, Programme
from youdecide.results.models import CountRun
from youdecide.results.selectors import result_rows

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 64 * 1024


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: a leading =, +, -, @, tab or return gets a ' in front."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _dates(programme: Programme, counted_at: datetime) -> tuple[str, str]:
    phases = {phase.kind: phase for phase in programme.phases.all()}
    voting = [phases[k] for k in (PhaseKind.ONLINE_VOTING, PhaseKind.DECISION_DAYS) if k in phases]
    if not voting:
        day = timezone.localdate(counted_at).strftime("%d.%m.%Y")
        return day, day
    begin = min(p.effective_start for p in voting)
    end = max(begin, min(max(p.effective_end for p in voting), counted_at))
    return timezone.localtime(begin).strftime("%d.%m.%Y"), timezone.localtime(end).strftime("%d.%m.%Y")


def pabulib_file(run: CountRun, election: Election, outcome: Outcome) -> str:
    """The published pabulib text of a count: what was counted, how, and the ``selected`` column.

    Written to pass pabulib's own checker too: its META keys only, in its order (the tie-break goes in
    ``comment``), ``votes`` for approval and choose-one ballots and ``score`` for the others. Amounts are
    in pence, which has no ISO 4217 code, so ``currency`` is left out and the description says so.
    """
    begin, end = _dates(run.programme, run.created_at)
    support = "votes" if election.vote_type in (APPROVAL, CHOOSE_ONE) else "score"
    scores = run.scores
    export = Election(
        projects=[
            Project(
                id=p.id, cost=p.cost, name=p.name, fields={"name": p.name, support: str(scores.get(p.id, 0))}
            )
            for p in election.projects
        ],
        ballots=election.ballots,
        budget=election.budget,
        vote_type=election.vote_type,
        meta={
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
            "language": "en",
            "edition": str(run.pk),
            "comment": tie_break_comment(
                run.tie_break, "Projects are listed in that order, so file order gives the same result."
            ),
        },
        project_columns=["project_id", support, "cost", "name", "selected"],
    )
    return format_pabulib(export, selected=outcome.selected)


def keep_pabulib_file(run: CountRun, text: str) -> None:
    """Store the file with the count, compressed; its SHA-256 lets anyone check a download."""
    data = text.encode("utf-8")
    run.snapshot = zlib.compress(data, 6)
    run.snapshot_sha256 = hashlib.sha256(data).hexdigest()


def pabulib_chunks(run: CountRun) -> Iterator[bytes]:
    """The kept pabulib file, byte for byte, in pieces (a large area's file is never held whole)."""
    if run.snapshot is None:
        return
    stored = bytes(run.snapshot)
    inflate = zlib.decompressobj()
    for start in range(0, len(stored), CHUNK):
        piece = inflate.decompress(stored[start : start + CHUNK])
        if piece:
            yield piece
    rest = inflate.flush()
    if rest:
        yield rest


def pabulib_text(run: CountRun) -> str:
    return b"".join(pabulib_chunks(run)).decode("utf-8")


def _lines(chunks: Iterable[bytes]) -> Iterator[str]:
    left = b""
    for chunk in chunks:
        lines = (left + chunk).split(b"\n")
        left = lines.pop()
        for line in lines:
            yield line.decode("utf-8")
    if left:
        yield left.decode("utf-8")


def _cells(line: str) -> list[str]:
    return next(csv.reader([line], delimiter=";")) if '"' in line else line.split(";")


def kept_ballots(run: CountRun) -> Iterator[Ballot]:
    """The anonymised ballots of the kept file, in its order."""
    section, header = "", None
    for line in _lines(pabulib_chunks(run)):
        if line in ("META", "PROJECTS", "VOTES"):
            section, header = line, None
            continue
        if section != "VOTES":
            continue
        cells = _cells(line)
        if header is None:
            header = {name: i for i, name in enumerate(cells)}
            continue
        projects = tuple(cells[header["vote"]].split(",")) if cells[header["vote"]] else ()
        points = None
        if "points" in header:
            text = cells[header["points"]]
            points = tuple(int(p) for p in text.split(",")) if text else ()
        yield Ballot(projects=projects, points=points, voter_id=cells[header["voter_id"]])


def _vote_type(run: CountRun) -> str:
    return str(run.options.get("vote_type", ""))


def ballots_csv_rows(run: CountRun) -> Iterator[list[str]]:
    references = [project["reference"] for project in run.projects]
    yield ["ballot"] + [safe_cell(ref) for ref in references]
    ranked = _vote_type(run) == ORDINAL
    for ballot in kept_ballots(run):
        if ranked and ballot.points is None:
            values = {ref: rank for rank, ref in enumerate(ballot.projects, start=1)}
        else:
            values = dict(zip(ballot.projects, ballot.points or [1] * len(ballot.projects), strict=True))
        yield [safe_cell(ballot.voter_id)] + [str(values.get(ref, "")) for ref in references]


def csv_lines(rows: Iterable[list[Any]]) -> Iterator[str]:
    """Rows as CSV text, a line at a time."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow(row)
        yield out.getvalue()
        out.seek(0)
        out.truncate()


def ballots_csv(run: CountRun) -> str:
    return "".join(csv_lines(ballots_csv_rows(run)))


def results_csv_rows(run: CountRun) -> Iterator[list[Any]]:
    yield ["reference", "title", "group", "cost_pence", "support", "funded", "explanation"]
    for row in result_rows(run):
        yield [
            safe_cell(row.reference),
            safe_cell(row.title),
            safe_cell(row.group),
            row.cost_pence,
            row.support,
            "yes" if row.funded else "no",
            safe_cell(row.explanation),
        ]


def results_csv(run: CountRun) -> str:
    return "".join(csv_lines(results_csv_rows(run)))


def _outcome_json(run: CountRun) -> dict[str, Any]:
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
                "reference": row.reference,
                "title": row.title,
                "group": row.group,
                "cost_pence": row.cost_pence,
                "support": row.support,
                "funded": row.funded,
                "explanation": row.explanation,
            }
            for row in result_rows(run)
        ],
    }


def _ballot_json(ballot: Ballot) -> dict[str, Any]:
    points = list(ballot.points) if ballot.points is not None else None
    return {"id": ballot.voter_id, "projects": list(ballot.projects), "points": points}


def results_json(run: CountRun) -> dict[str, Any]:
    return _outcome_json(run) | {"anonymised_ballots": [_ballot_json(b) for b in kept_ballots(run)]}


def results_json_chunks(run: CountRun) -> Iterator[str]:
    """The same document as :func:`results_json`, written a ballot at a time."""
    head = json.dumps(_outcome_json(run), ensure_ascii=False, indent=1)
    yield head[: head.rindex("}")].rstrip() + ',\n "anonymised_ballots": ['
    for number, ballot in enumerate(kept_ballots(run)):
        yield ("," if number else "") + "\n  " + json.dumps(_ballot_json(ballot), ensure_ascii=False)
    yield "\n ]\n}"
