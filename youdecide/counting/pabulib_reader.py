"""Read pabulib (.pb) files: https://pabulib.org/format.

The reader takes the file line by line (LF, CRLF or CR endings, optional BOM), keeps every column
so the writer can round-trip it, and hands the rows to :mod:`validation`, which applies pabulib's own
checks. Any error refuses the whole file: :class:`PabulibError` lists every problem with its line.
"""

from __future__ import annotations

import csv
import gc
import io
import operator
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, TextIO

from youdecide.counting.election import _NO_FIELDS, ORDINAL, POINTED_VOTE_TYPES, Ballot, Election, Project
from youdecide.counting.problems import PabulibError, Problem
from youdecide.counting.validation import validate

SECTIONS = ("META", "PROJECTS", "VOTES")

Source = str | os.PathLike[str] | TextIO


class Row(NamedTuple):
    line: int
    cells: list[str]


@dataclass
class RawFile:
    """The three sections as read, with line numbers, before any interpretation."""

    meta: dict[str, str] = field(default_factory=dict)
    meta_lines: dict[str, int] = field(default_factory=dict)
    project_header: list[str] = field(default_factory=list)
    vote_header: list[str] = field(default_factory=list)
    projects: list[Row] = field(default_factory=list)
    votes: list[Row] = field(default_factory=list)
    section_lines: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: True when the file is not text at all (not UTF-8, or a NUL byte): there is nothing to validate.
    unreadable: bool = False
    #: Filled by validation: each vote's projects and voter id, parsed once for the election.
    chosen: list[list[str]] = field(default_factory=list)
    voter_ids: list[str] = field(default_factory=list)
    repeats: bool = False


@dataclass
class CheckReport:
    """What :func:`check_pabulib` found. ``ok`` is true when there is no error (warnings are allowed)."""

    errors: list[Problem]
    warnings: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.errors


class _NotText(Exception):
    """A file that is not UTF-8 text: the line of its first bad byte, and what is wrong."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


def _open_lines(source: Source) -> tuple[Iterable[str], str, TextIO | None]:
    if isinstance(source, io.TextIOBase) or hasattr(source, "read"):
        return source, getattr(source, "name", "<stream>"), None  # type: ignore[return-value]
    if isinstance(source, str) and (
        "\n" in source or "\r" in source or source.lstrip("\ufeff").startswith("META")
    ):
        return io.StringIO(source, newline=None), "<text>", None
    path = Path(source)
    data = path.read_bytes()  # one read is quickest
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _NotText(
            data[: exc.start].count(b"\n") + 1, "the file is not UTF-8 text (pabulib files are)"
        ) from None
    if "\x00" in text:
        raise _NotText(
            text.count("\n", 0, text.index("\x00")) + 1,
            "the line holds a NUL byte: the file is not plain text",
        )
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and not lines[-1]:
        lines.pop()  # the file's last line break
    return lines, str(path), None


def _rows(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(lines, start=1):
        text = line.rstrip("\r\n")
        if number == 1:
            text = text.lstrip("\ufeff")
        yield number, text


def read_raw(source: Source) -> tuple[RawFile, str]:
    """Split a pabulib file into its sections, noting structural problems."""
    raw = RawFile()
    try:
        lines, name, handle = _open_lines(source)
    except _NotText as bad:
        # Nothing further can be read; the one problem is refused by itself, not with missing sections.
        raw.problems.append(Problem(bad.line, bad.message))
        raw.unreadable = True
        return raw, str(source)
    section = ""
    expecting_header = False
    try:
        if isinstance(lines, list):  # a file read whole: lines without their line breaks
            if lines:
                lines[0] = lines[0].lstrip("\ufeff")
            rows: Iterable[tuple[int, str]] = enumerate(lines, start=1)
        else:
            rows = _rows(lines)
        votes_append = raw.votes.append
        make = tuple.__new__  # a Row without the named tuple's Python-level constructor
        for number, text in rows:
            if section == "VOTES" and not expecting_header and len(text) > 12 and '"' not in text:
                # The bulk of a file: plain vote rows (no quotes, too long to be a section name).
                votes_append(make(Row, (number, text.split(";"))))
                continue
            stripped = text.strip()
            upper = stripped.upper()
            if upper in SECTIONS:
                if upper in raw.section_lines:
                    raw.problems.append(Problem(number, f"section {upper} appears twice"))
                expected = SECTIONS[len(raw.section_lines)] if len(raw.section_lines) < 3 else None
                if expected is not None and upper != expected:
                    raw.problems.append(
                        Problem(number, f"section {upper} found where {expected} was expected")
                    )
                if stripped != upper:
                    raw.problems.append(Problem(number, f"section name must be written {upper}"))
                raw.section_lines.setdefault(upper, number)
                section = upper
                expecting_header = True
                continue
            if not stripped:
                raw.problems.append(Problem(number, "empty line"))
                continue
            if not section:
                raw.problems.append(Problem(number, "text before the META section"))
                continue
            cells = next(csv.reader([text], delimiter=";")) if '"' in text else text.split(";")
            if expecting_header:
                expecting_header = False
                header = [c.strip() for c in cells]
                if section == "META":
                    if header[:2] != ["key", "value"]:
                        raw.problems.append(Problem(number, "META header must be 'key;value'"))
                elif section == "PROJECTS":
                    raw.project_header = header
                else:
                    raw.vote_header = header
                continue
            if section == "VOTES":
                raw.votes.append(Row(number, cells))
            elif section == "META":
                key = cells[0].strip()
                value = ";".join(cells[1:]).strip()
                if len(cells) < 2:
                    raw.problems.append(Problem(number, f"META line {key!r} has no value"))
                if key in raw.meta:
                    raw.problems.append(
                        Problem(number, f"META key {key!r} repeated (first on line {raw.meta_lines[key]})")
                    )
                    continue
                raw.meta[key] = value
                raw.meta_lines[key] = number
            else:
                raw.projects.append(Row(number, cells))
    finally:
        if handle is not None:
            handle.close()
    for name_ in SECTIONS:
        if name_ not in raw.section_lines:
            raw.problems.append(Problem(None, f"section {name_} is missing"))
    return raw, name


def _points(text: str) -> tuple[int, ...]:
    try:
        return tuple(map(int, text.split(",")))
    except ValueError:
        return tuple(int(float(x)) for x in text.split(","))


def _build(raw: RawFile) -> Election:
    ph = raw.project_header
    pos_id, pos_cost = ph.index("project_id"), ph.index("cost")
    pos_name = ph.index("name") if "name" in ph else None
    projects: list[Project] = []
    for row in raw.projects:
        cells = [c.strip() for c in row.cells]
        columns = {h: cells[i] for i, h in enumerate(ph) if i not in (pos_id, pos_cost)}
        projects.append(
            Project(
                id=cells[pos_id],
                cost=int(float(cells[pos_cost])),
                name=cells[pos_name] if pos_name is not None else "",
                fields=columns,
            )
        )
    vote_type = raw.meta["vote_type"].strip()
    vh = raw.vote_header
    pos_voter, pos_vote = vh.index("voter_id"), vh.index("vote")
    pos_points = vh.index("points") if "points" in vh else None
    extra = [(i, h) for i, h in enumerate(vh) if i not in (pos_voter, pos_vote, pos_points)]
    extra_names = [h for _, h in extra]
    extra_at = [i for i, _ in extra]
    use_points = pos_points is not None and (vote_type in POINTED_VOTE_TYPES or vote_type == ORDINAL)
    # Voters' other columns (age, sex, ...) take few distinct values: ballots with the same values share
    # one read-only mapping, which saves a dictionary per ballot.
    shared: dict[tuple[str, ...], Mapping[str, str]] = {(): _NO_FIELDS}

    def fields_of(cells: list[str]) -> Mapping[str, str]:
        values = tuple([cells[i] for i in extra_at])
        found = shared.get(values)
        if found is None:
            found = shared[values] = dict(zip(extra_names, values, strict=True))
        return found

    ballots: list[Ballot] = []
    append = ballots.append
    parsed = len(raw.chosen) == len(raw.votes)
    repeats = raw.repeats or not parsed
    if parsed and not repeats and not use_points:  # the common case, kept lean
        make = tuple.__new__
        get_shared = shared.get
        pick = operator.itemgetter(*extra_at) if len(extra_at) > 1 else None
        for row, chosen_list, voter in zip(raw.votes, raw.chosen, raw.voter_ids, strict=True):
            found = get_shared(pick(row.cells)) if pick is not None else None
            fields = found if found is not None else fields_of(row.cells)
            append(make(Ballot, (tuple(chosen_list), None, voter, fields)))
    else:
        for n, row in enumerate(raw.votes):
            cells = row.cells
            if parsed:
                chosen = tuple(raw.chosen[n])
                voter = raw.voter_ids[n]
            else:
                vote = cells[pos_vote].strip()
                chosen = tuple(p.strip() for p in vote.split(",")) if vote else ()
                voter = cells[pos_voter].strip()
            points: tuple[int, ...] | None = None
            if use_points and pos_points is not None:
                text = cells[pos_points].strip()
                points = _points(text) if text else ()
            if repeats and len(set(chosen)) != len(chosen):  # only with strict=False: keep first mentions
                keep = [i for i, p in enumerate(chosen) if p not in chosen[:i]]
                chosen = tuple(chosen[i] for i in keep)
                points = tuple(points[i] for i in keep) if points is not None else None
            append(Ballot(chosen, points, voter, fields_of(cells)))
    return Election(
        projects=projects,
        ballots=ballots,
        budget=int(float(raw.meta["budget"].replace(",", "."))),
        vote_type=vote_type,
        meta=dict(raw.meta),
        project_columns=list(ph),
        vote_columns=list(vh),
    )


def check_pabulib(source: Source) -> CheckReport:
    """Validate a pabulib file without counting it."""
    raw, _ = read_raw(source)
    errors, warnings = validate(raw) if not raw.unreadable else ([], [])
    return CheckReport(errors=sorted(raw.problems + errors, key=_sort_key), warnings=warnings)


def _sort_key(problem: Problem) -> tuple[int, str]:
    return (problem.line if problem.line is not None else 0, problem.message)


def read_pabulib(source: Source, *, strict: bool = True) -> Election:
    """Read a pabulib file (a path, the text itself, or an open text stream) into an :class:`Election`.

    With ``strict`` (the default) any error refuses the whole file with :class:`PabulibError`.
    ``strict=False`` still refuses files that cannot be interpreted at all.
    """
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small objects, none cyclic: collection only slows reading
    try:
        raw, name = read_raw(source)
        errors, _warnings = validate(raw) if not raw.unreadable else ([], [])
        problems = sorted(raw.problems + errors, key=_sort_key)
        if problems and strict:
            raise PabulibError(problems, name)
        try:
            return _build(raw)
        except (KeyError, ValueError, IndexError) as exc:
            raise PabulibError(
                problems or [Problem(None, f"cannot interpret the file: {exc}")], name
            ) from exc
    finally:
        if collecting:
            gc.enable()
