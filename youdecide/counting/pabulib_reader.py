"""Read pabulib (.pb) files: https://pabulib.org/format.

The reader takes the file line by line (:mod:`pabulib_lines`: LF, CRLF or CR endings, optional BOM, a big
file read in pieces) and keeps what the election needs: META and PROJECTS as read, every column of them
so the writer can round-trip them, and each VOTES row at once in a compact form (:class:`VoteRows`: the
voter, the projects chosen as a tuple of shared ids, the points, the other columns shared between rows
with the same values). :mod:`validation` then applies pabulib's own checks. Any error refuses the whole
file: :class:`PabulibError` lists every problem with its line (the first :data:`MAX_LISTED` of them).
"""

from __future__ import annotations

import csv
import gc
import io
import operator
import sys
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import repeat
from typing import NamedTuple

from youdecide.counting.election import _NO_FIELDS, ORDINAL, POINTED_VOTE_TYPES, Ballot, Election, Project
from youdecide.counting.pabulib_lines import Refusal, Source, lines_of, source_name
from youdecide.counting.problems import MAX_LISTED, PabulibError, Problem, ProblemList, unlisted_note
from youdecide.counting.validation import validate

SECTIONS = ("META", "PROJECTS", "VOTES")
#: More META keys, PROJECTS rows or VOTES rows than these refuse the file: pabulib's largest have a few
#: dozen keys, under two thousand projects and a few hundred thousand ballots, so only a hostile file (or
#: one whose votes fall under a stray section name) reaches them. Each ballot is held as a few small objects
#: (about 200 bytes with a short voter id), so the limit on ballots bounds the memory a file of many short
#: rows can take; a META key or a project costs a few hundred bytes.
MAX_META_KEYS = 100_000
MAX_PROJECTS = 100_000
MAX_VOTES = 2_000_000
#: Rows with other columns (age, sex, ...) share one mapping per distinct set of values, up to this many.
_MAX_SHARED_FIELDS = 100_000


class Row(NamedTuple):
    line: int
    cells: list[str]


@dataclass
class VoteRows:
    """The VOTES rows, parsed as they are read: entry ``i`` of each list is row ``i``.

    ``voters`` and ``points`` are the stripped cells; ``chosen`` the vote cell split at commas (each id
    stripped when the cell has a space), the ids shared between rows. ``fields`` holds the other columns
    (when the header has any), one mapping shared by the rows with the same values. A row whose number of
    fields differs from the header's is in ``widths``; one whose vote cell has a space keeps it in
    ``spaced`` (problems quote the cell as written). A missing cell reads as empty.
    """

    lines: array[int] = field(default_factory=lambda: array("q"))
    voters: list[str] = field(default_factory=list)
    chosen: list[tuple[str, ...]] = field(default_factory=list)
    points: list[str] = field(default_factory=list)
    fields: list[Mapping[str, str]] = field(default_factory=list)
    widths: dict[int, int] = field(default_factory=dict)
    spaced: dict[int, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.lines)

    def vote_text(self, row: int) -> str:
        """The vote cell of a row, stripped, as the file has it."""
        return self.spaced.get(row) or ",".join(self.chosen[row])


@dataclass
class RawFile:
    """The three sections as read, with line numbers, before any interpretation."""

    meta: dict[str, str] = field(default_factory=dict)
    meta_lines: dict[str, int] = field(default_factory=dict)
    project_header: list[str] = field(default_factory=list)
    vote_header: list[str] = field(default_factory=list)
    projects: list[Row] = field(default_factory=list)
    votes: VoteRows = field(default_factory=VoteRows)
    section_lines: dict[str, int] = field(default_factory=dict)
    problems: ProblemList = field(default_factory=ProblemList)
    #: True when the file is refused before its sections could be read (not text, too big): there is
    #: nothing to validate.
    unreadable: bool = False
    #: Set by validation: a ballot lists a project twice (the election keeps each project's first mention)...
    repeats: bool = False
    #: ... or some rows were not checked (a header or a row without the needed columns): every ballot's ids
    #: are then stripped and each project kept once, as ``strict=False`` promises.
    unchecked: bool = False
    #: A VOTES header came after rows read with another one (a file with two VOTES sections).
    reheaded: bool = False


@dataclass
class CheckReport:
    """What :func:`check_pabulib` found. ``ok`` is true when there is no error (warnings are allowed)."""

    errors: list[Problem]
    warnings: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.errors


def _vote_reader(header: list[str], votes: VoteRows) -> Callable[[int, list[str]], None]:
    """A function that adds one VOTES row (its line and cells) to ``votes``, for this header."""
    width = len(header)
    i_voter = header.index("voter_id") if "voter_id" in header else width
    i_vote = header.index("vote") if "vote" in header else width
    i_points = header.index("points") if "points" in header else None
    extra_at = [i for i in range(width) if i not in (i_voter, i_vote, i_points)]
    names = [header[i] for i in extra_at]
    shared: dict[tuple[str, ...], Mapping[str, str]] = {}
    intern = sys.intern
    add_line, add_voter, add_chosen = votes.lines.append, votes.voters.append, votes.chosen.append
    add_points, add_fields = votes.points.append, votes.fields.append
    ones: dict[str, tuple[str, ...]] = {}  # one-project ballots, shared
    pick: Callable[[list[str]], tuple[str, ...]] | None = None
    if len(extra_at) > 1:
        pick = operator.itemgetter(*extra_at)
    elif extra_at:
        only = extra_at[0]

        def pick(cells: list[str]) -> tuple[str, ...]:
            return (cells[only],)

    def add(number: int, cells: list[str]) -> None:
        if len(votes.lines) == MAX_VOTES:
            raise Refusal(number, f"VOTES has more than {MAX_VOTES:,} rows: too many to count")
        n = len(cells)
        if n != width:
            votes.widths[len(votes.lines)] = n
            cells = cells + [""] * (width - n) if n < width else cells
        add_line(number)
        add_voter(cells[i_voter].strip() if i_voter < width else "")
        text = cells[i_vote].strip() if i_vote < width else ""
        if not text:
            chosen: tuple[str, ...] = ()
        elif " " in text:
            votes.spaced[len(votes.chosen)] = text
            chosen = tuple([intern(p.strip()) for p in text.split(",")])
        else:
            chosen = tuple(map(intern, text.split(",")))
        if len(chosen) == 1:
            chosen = ones.setdefault(chosen[0], chosen)
        add_chosen(chosen)
        if i_points is not None:
            add_points(intern(cells[i_points].strip()))
        if pick is not None:
            values = pick(cells)
            found = shared.get(values)
            if found is None:
                found = dict(zip(names, values, strict=True))
                if len(shared) < _MAX_SHARED_FIELDS:
                    shared[values] = found
            add_fields(found)

    return add


def read_raw(source: Source, *, max_bytes: int | None = None) -> tuple[RawFile, str]:
    """Split a pabulib file into its sections, noting structural problems."""
    name = source_name(source)
    stream = source if isinstance(source, io.TextIOBase) or hasattr(source, "read") else None
    start = stream.tell() if stream is not None and stream.seekable() else None  # type: ignore[union-attr]
    try:
        raw = _read_sections(source, max_bytes, None)
        if raw.reheaded and (stream is None or start is not None):
            # A second VOTES section with another header: its checks read every row with the last header,
            # so the rows are parsed again with it (a stream that cannot go back keeps each section's).
            if stream is not None:
                stream.seek(start)  # type: ignore[union-attr,arg-type]
            raw = _read_sections(source, max_bytes, raw.vote_header)
        return raw, name
    except Refusal as refused:
        # Nothing further can be read; the one problem is refused by itself, not with missing sections.
        raw = RawFile(unreadable=True)
        raw.problems.append(Problem(refused.line, refused.message))
        return raw, name


def _read_sections(source: Source, max_bytes: int | None, vote_header: list[str] | None) -> RawFile:
    """The file's sections, its VOTES rows parsed with the header of their section (or ``vote_header``)."""
    raw = RawFile()
    section = ""
    expecting_header = False
    add_vote: Callable[[int, list[str]], None] = _vote_reader([], raw.votes)
    for number, text in enumerate(lines_of(source, max_bytes), start=1):
        if section == "VOTES" and not expecting_header and len(text) > 12 and '"' not in text:
            # The bulk of a file: plain vote rows (no quotes, too long to be a section name).
            add_vote(number, text.split(";"))
            continue
        stripped = text.strip()
        upper = stripped.upper()
        if upper in SECTIONS:
            if upper in raw.section_lines:
                raw.problems.append(Problem(number, f"section {upper} appears twice"))
            expected = SECTIONS[len(raw.section_lines)] if len(raw.section_lines) < 3 else None
            if expected is not None and upper != expected:
                raw.problems.append(Problem(number, f"section {upper} found where {expected} was expected"))
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
                if raw.votes and header != raw.vote_header:
                    raw.reheaded = True
                if vote_header is None or not raw.vote_header:
                    add_vote = _vote_reader(vote_header or header, raw.votes)
                raw.vote_header = header
            continue
        if section == "VOTES":
            add_vote(number, cells)
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
            if len(raw.meta) == MAX_META_KEYS:
                raise Refusal(
                    number, f"META has more than {MAX_META_KEYS:,} keys: too many for a pabulib file"
                )
            raw.meta[key] = value
            raw.meta_lines[key] = number
        else:
            if len(raw.projects) == MAX_PROJECTS:
                raise Refusal(number, f"PROJECTS has more than {MAX_PROJECTS:,} rows: too many to count")
            raw.projects.append(Row(number, cells))
    for name_ in SECTIONS:
        if name_ not in raw.section_lines:
            raw.problems.append(Problem(None, f"section {name_} is missing"))
    return raw


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
    if "voter_id" not in vh or "vote" not in vh:
        raise ValueError("VOTES has no voter_id or no vote column")
    pos_points = vh.index("points") if "points" in vh else None
    use_points = pos_points is not None and (vote_type in POINTED_VOTE_TYPES or vote_type == ORDINAL)
    rows = raw.votes
    # A row without a cell the election needs (voter, vote, the points used, another column) cannot be read.
    needed = max(i for i in range(len(vh)) if i != pos_points or use_points)
    if any(n <= needed for n in rows.widths.values()):
        raise IndexError("a VOTES row has fewer fields than the header")
    fields: Sequence[Mapping[str, str]] = (
        rows.fields if len(rows.fields) == len(rows) else [_NO_FIELDS] * len(rows)
    )
    dedupe = raw.repeats or raw.unchecked
    if not dedupe and not use_points:  # the common case, kept lean
        ballots = list(
            map(partial(tuple.__new__, Ballot), zip(rows.chosen, repeat(None), rows.voters, fields))
        )
    else:
        ballots = []
        append = ballots.append
        for n, chosen in enumerate(rows.chosen):
            if raw.unchecked:
                chosen = tuple(p.strip() for p in chosen)
            points: tuple[int, ...] | None = None
            if use_points:
                text = rows.points[n]
                points = _points(text) if text else ()
            if dedupe and len(set(chosen)) != len(chosen):  # only with strict=False: keep first mentions
                keep = [i for i, p in enumerate(chosen) if p not in chosen[:i]]
                chosen = tuple(chosen[i] for i in keep)
                points = tuple(points[i] for i in keep) if points is not None else None
            append(Ballot(chosen, points, rows.voters[n], fields[n]))
    return Election(
        projects=projects,
        ballots=ballots,
        budget=int(float(raw.meta["budget"].replace(",", "."))),
        vote_type=vote_type,
        meta=dict(raw.meta),
        project_columns=list(ph),
        vote_columns=list(vh),
    )


def _report(raw: RawFile) -> tuple[list[Problem], list[Problem]]:
    """Errors in line order (those of the whole file first) and warnings in the order found, each list
    cut at :data:`MAX_LISTED` and ended by a note of how many more there were."""
    errors, warnings = validate(raw) if not raw.unreadable else (ProblemList(), ProblemList())
    found = sorted([*raw.problems, *errors], key=_sort_key)
    unlisted = raw.problems.unlisted + errors.unlisted + max(0, len(found) - MAX_LISTED)
    if unlisted:
        found = [*found[:MAX_LISTED], unlisted_note(unlisted)]
    listed: list[Problem] = list(warnings)
    if warnings.unlisted:
        listed.append(unlisted_note(warnings.unlisted, "warnings"))
    return found, listed


def check_pabulib(source: Source, *, max_bytes: int | None = None) -> CheckReport:
    """Validate a pabulib file without counting it. A file over ``max_bytes`` is refused unread."""
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small objects, none cyclic: collection only slows reading
    try:
        raw, _ = read_raw(source, max_bytes=max_bytes)
        errors, warnings = _report(raw)
        return CheckReport(errors=errors, warnings=warnings)
    finally:
        if collecting:
            gc.enable()


def _sort_key(problem: Problem) -> tuple[int, str]:
    return (problem.line if problem.line is not None else 0, problem.message)


def read_pabulib(source: Source, *, strict: bool = True, max_bytes: int | None = None) -> Election:
    """Read a pabulib file (a path, the text itself, or an open text stream) into an :class:`Election`.

    With ``strict`` (the default) any error refuses the whole file with :class:`PabulibError`.
    ``strict=False`` still refuses files that cannot be interpreted at all. A file over ``max_bytes``
    is refused before it is read.
    """
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small objects, none cyclic: collection only slows reading
    try:
        raw, name = read_raw(source, max_bytes=max_bytes)
        problems, _warnings = _report(raw)
        if problems and (strict or raw.unreadable):
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
