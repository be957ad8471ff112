"""Write an :class:`Election` as a pabulib file that :func:`read_pabulib` reads back to the same election."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from youdecide.counting.election import ORDINAL, POINTED_VOTE_TYPES, Election

#: pabulib has no META key for the tie-break, and its checker refuses keys it does not know; files that
#: record theirs say it in the first note of META ``comment`` (pabulib's notes are "#1: ...", "#2: ..."),
#: as "tie-break: <name>" with a name from :data:`ties.TIE_BREAKS`. ``youdecide count`` uses it.
_TIE_BREAK_NOTE = re.compile(r"#1: tie-break: ([a-z-]+)")


def tie_break_comment(tie_break: str, note: str = "") -> str:
    """META ``comment`` naming the tie-break, with an optional note after it."""
    return f"#1: tie-break: {tie_break}" + (f". {note}" if note else "")


def tie_break_of(meta: Mapping[str, str]) -> str | None:
    """The tie-break a file's META ``comment`` names, if it names one."""
    found = _TIE_BREAK_NOTE.match(meta.get("comment", "").strip())
    return found.group(1) if found else None


def _cell(value: object) -> str:
    text = str(value)
    if ";" in text or '"' in text or "\n" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _line(cells: Sequence[object]) -> str:
    return ";".join(_cell(c) for c in cells) + "\n"


def format_pabulib(election: Election, *, selected: Sequence[str] | None = None) -> str:
    """The election as pabulib text. ``selected`` (project ids) rewrites the ``selected`` column."""
    out = io.StringIO()
    write_pabulib(election, out, selected=selected)
    return out.getvalue()


def write_pabulib(
    election: Election,
    target: str | os.PathLike[str] | io.TextIOBase,
    *,
    selected: Sequence[str] | None = None,
) -> None:
    """Write the election to a path or an open text stream (UTF-8, LF line endings)."""
    if isinstance(target, str | os.PathLike):
        with Path(target).open("w", encoding="utf-8", newline="\n") as handle:
            _write(election, handle, selected)
    else:
        _write(election, target, selected)


def _write(election: Election, out: io.TextIOBase, selected: Sequence[str] | None) -> None:
    meta: dict[str, str] = dict(election.meta)
    meta["num_projects"] = str(len(election.projects))
    meta["num_votes"] = str(len(election.ballots))
    meta.setdefault("budget", str(election.budget))
    if str(election.budget) != meta["budget"].split(".")[0]:
        meta["budget"] = str(election.budget)
    meta["vote_type"] = election.vote_type
    meta.setdefault("rule", "unknown")
    out.write("META\n")
    out.write("key;value\n")
    for key, value in meta.items():
        out.write(_line([key, value]))

    columns = list(election.project_columns) or ["project_id", "cost", "name"]
    if selected is not None and "selected" not in columns:
        columns.append("selected")
    chosen = set(selected) if selected is not None else None
    out.write("PROJECTS\n")
    out.write(_line(columns))
    for project in election.projects:
        row: list[object] = []
        fields: Mapping[str, str] = project.fields
        for column in columns:
            if column == "project_id":
                row.append(project.id)
            elif column == "cost":
                row.append(project.cost)
            elif column == "name":
                row.append(project.name)
            elif column == "selected" and chosen is not None:
                row.append(1 if project.id in chosen else 0)
            else:
                row.append(fields.get(column, ""))
        out.write(_line(row))

    pointed = election.vote_type in POINTED_VOTE_TYPES or (
        election.vote_type == ORDINAL and any(b.points is not None for b in election.ballots)
    )
    vote_columns = list(election.vote_columns) or ["voter_id", "vote"]
    if pointed and "points" not in vote_columns:
        vote_columns.insert(vote_columns.index("vote") + 1, "points")
    out.write("VOTES\n")
    out.write(_line(vote_columns))
    write = out.write
    for number, ballot in enumerate(election.ballots, start=1):
        cells: list[str] = []
        for column in vote_columns:
            if column == "voter_id":
                cells.append(ballot.voter_id or str(number))
            elif column == "vote":
                cells.append(",".join(ballot.projects))
            elif column == "points":
                cells.append(",".join(map(str, ballot.points or ())))
            else:
                cells.append(ballot.fields.get(column, ""))
        text = ";".join(cells)
        # The bulk of a file: rows with nothing to quote are written as they are.
        if '"' in text or "\n" in text or text.count(";") != len(cells) - 1:
            text = _line(cells)[:-1]
        write(text + "\n")
