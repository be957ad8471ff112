"""Checks on a pabulib file, after those of pabulib's own checker (github.com/pabulib/checker).

Errors refuse the file: the structure (sections, headers, row lengths), duplicate ids, votes for
unknown projects or for the same project twice, META counts that do not match the rows, ballot lengths
and points outside META's limits, costs and budget that are not positive whole amounts, unknown vote
types and rule names, PROJECTS ``votes``/``score`` columns that disagree with the ballots, and a
``selected`` column that is not 0/1 or spends more than the budget. Warnings are reported but do not
refuse the file (a project nobody voted for, budget left that would fund a project not selected,
a budget larger than all projects together): pabulib's checker reports them too, and real elections
have them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from itertools import chain
from typing import TYPE_CHECKING

from youdecide.counting.election import (
    CHOOSE_ONE,
    CUMULATIVE,
    ORDINAL,
    POINTED_VOTE_TYPES,
    SCORING,
    VOTE_TYPES,
)
from youdecide.counting.problems import Problem, ProblemList

if TYPE_CHECKING:
    from youdecide.counting.pabulib_reader import RawFile, VoteRows

#: Rule names pabulib uses in META ``rule`` (``unknown`` when the city's rule was not recorded).
PABULIB_RULES = (
    "greedy",
    "greedy-no-skip",
    "greedy-threshold",
    "greedy-exclusive",
    "greedy-custom",
    "equalshares",
    "equalshares/add1",
    "equalshares/add1-comparison",
    "unknown",
)
#: Rules this engine adds to pabulib's names (accepted in META too).
ENGINE_RULES = ("equalshares/add1-exhaustive", "phragmen", "max-welfare")

OBLIGATORY_META = (
    "description",
    "country",
    "unit",
    "instance",
    "num_projects",
    "num_votes",
    "budget",
    "vote_type",
    "rule",
    "date_begin",
    "date_end",
)


def _int(text: str) -> int | None:
    try:
        return int(text.strip())
    except ValueError:
        return None


def _number(text: str) -> float | None:
    try:
        number = float(text.strip())
    except ValueError:
        return None
    # "inf", "nan" or a number too long for a float is not a number a file may give.
    return number if math.isfinite(number) else None


def _check_meta(raw: RawFile, errors: list[Problem], warnings: list[Problem]) -> tuple[str, int | None]:
    meta, lines = raw.meta, raw.meta_lines
    meta_line = raw.section_lines.get("META")
    for key in OBLIGATORY_META:
        if key not in meta:
            errors.append(Problem(meta_line, f"META has no {key!r}"))
    vote_type = meta.get("vote_type", "").strip()
    if "vote_type" in meta and vote_type not in VOTE_TYPES:
        errors.append(
            Problem(
                lines["vote_type"],
                f"unknown vote_type {vote_type!r}; expected one of {', '.join(VOTE_TYPES)}",
            )
        )
    rule = meta.get("rule", "").strip()
    if "rule" in meta and rule not in PABULIB_RULES + ENGINE_RULES:
        errors.append(
            Problem(lines["rule"], f"unknown rule {rule!r}; pabulib's rules are {', '.join(PABULIB_RULES)}")
        )
    budget: int | None = None
    if "budget" in meta:
        text = meta["budget"].strip()
        if "," in text:
            errors.append(
                Problem(lines["budget"], f"budget {text!r} has a comma; use a point or a whole number")
            )
        value = _number(text.replace(",", "."))
        if value is None or value <= 0:
            errors.append(Problem(lines["budget"], f"budget {text!r} is not a positive amount"))
        else:
            budget = int(value)
            if value != budget:
                warnings.append(
                    Problem(
                        lines["budget"], f"budget {text!r} has a fraction of a unit; counting uses {budget:,}"
                    )
                )
    for key in (
        "num_projects",
        "num_votes",
        "min_length",
        "max_length",
        "min_sum_points",
        "max_sum_points",
        "min_points",
        "max_points",
        "min_project_score_threshold",
        "max_sum_cost",
    ):
        if key in meta and _number(meta[key]) is None:
            errors.append(Problem(lines[key], f"META {key} {meta[key]!r} is not a number"))
    return vote_type, budget


def _column_problems(
    header: Sequence[str], required: Sequence[str], line: int | None, section: str
) -> list[Problem]:
    problems = []
    if header and header[0] != required[0]:
        problems.append(Problem(line, f"{section} header must start with {required[0]!r}"))
    for column in required:
        if column not in header:
            problems.append(Problem(line, f"{section} header has no {column!r} column"))
    seen: set[str] = set()
    for column in header:
        if column in seen:
            problems.append(Problem(line, f"{section} header repeats the column {column!r}"))
        seen.add(column)
    return problems


def _check_points(
    ptext: str,
    chosen: Sequence[str],
    voter: str,
    line: int,
    vote_type: str,
    limits: tuple[float | None, float | None, float | None, float | None],
    errors: list[Problem],
    warnings: list[Problem],
) -> list[int] | None:
    min_sum, max_sum, min_points, max_points = limits
    raw_points = [x.strip() for x in ptext.split(",")] if ptext else []
    parsed = [_number(x) for x in raw_points]
    if any(x is None or x != int(x) for x in parsed):
        errors.append(Problem(line, f"voter {voter!r}: points {ptext!r} are not whole numbers"))
        return None
    if len(parsed) != len(chosen):
        errors.append(Problem(line, f"voter {voter!r} has {len(chosen)} projects but {len(parsed)} points"))
        return None
    points = [int(x) for x in parsed if x is not None]
    if any(x < 0 for x in points):
        errors.append(Problem(line, f"voter {voter!r}: negative points {ptext!r}"))
    total = sum(points)
    if vote_type == CUMULATIVE and max_sum is not None and total > max_sum:
        errors.append(Problem(line, f"voter {voter!r} gave {total} points; max_sum_points is {max_sum:g}"))
    if vote_type == CUMULATIVE and min_sum is not None and total < min_sum:
        warnings.append(Problem(line, f"voter {voter!r} gave {total} points; min_sum_points is {min_sum:g}"))
    if vote_type == SCORING:
        if min_points is not None and any(x < min_points for x in points):
            errors.append(Problem(line, f"voter {voter!r}: a score below min_points {min_points:g}"))
        if max_points is not None and any(x > max_points for x in points):
            errors.append(Problem(line, f"voter {voter!r}: a score above max_points {max_points:g}"))
    return points


def _clean_votes(
    rows: VoteRows,
    known: set[str],
    costs: dict[str, int],
    max_length: int | None,
    min_length: int | None,
    max_cost: float | None,
) -> Counter[str] | None:
    """The VOTES rows checked all at once: the votes per project if no row has anything to report (error
    or warning) on its fields, voter, projects or length; else None (the rows are then checked one by
    one). The bulk of every valid file goes this way."""
    if rows.widths:
        return None
    voters = rows.voters
    if len(set(voters)) != len(voters):
        return None
    chosen = rows.chosen
    lengths = list(map(len, chosen))
    if max_length is not None and max(lengths, default=0) > max_length:
        return None
    if min_length is not None and min(lengths, default=min_length) < min_length:
        return None
    votes = Counter(chain.from_iterable(chosen))
    if not known.issuperset(votes):
        return None
    if sum(map(len, map(set, chosen))) != sum(lengths):  # a project twice in one ballot
        return None
    if max_cost is not None:
        cost = costs.get
        if any(sum(cost(p, 0) for p in ballot) > max_cost for ballot in chosen):
            return None
    return votes


def _first_lines(rows: VoteRows, voters: set[str], skipped: set[int]) -> dict[str, int]:
    """The line each of these voters is first on (rows in ``skipped`` left out)."""
    first: dict[str, int] = {}
    for row, voter in enumerate(rows.voters):
        if voter in voters and voter not in first and row not in skipped:
            first[voter] = rows.lines[row]
    return first


def validate(raw: RawFile) -> tuple[ProblemList, ProblemList]:
    """Return ``(errors, warnings)`` for a file split by :func:`pabulib_reader.read_raw`."""
    errors = ProblemList()
    warnings = ProblemList()
    vote_type, budget = _check_meta(raw, errors, warnings)
    meta = raw.meta

    project_header_line = raw.section_lines.get("PROJECTS")
    header_line = project_header_line + 1 if project_header_line else None
    errors += _column_problems(raw.project_header, ("project_id", "cost"), header_line, "PROJECTS")
    vote_section_line = raw.section_lines.get("VOTES")
    vote_header_line = vote_section_line + 1 if vote_section_line else None
    errors += _column_problems(raw.vote_header, ("voter_id", "vote"), vote_header_line, "VOTES")
    if vote_type in POINTED_VOTE_TYPES and raw.vote_header and "points" not in raw.vote_header:
        errors.append(Problem(vote_header_line, f"{vote_type} ballots need a 'points' column in VOTES"))
    if any(p.message.startswith(("PROJECTS header", "VOTES header")) for p in errors):
        raw.unchecked = True
        return errors, warnings

    # PROJECTS
    ph = raw.project_header
    i_id, i_cost = ph.index("project_id"), ph.index("cost")
    i_selected = ph.index("selected") if "selected" in ph else None
    i_votes = ph.index("votes") if "votes" in ph else None
    i_score = ph.index("score") if "score" in ph else None
    project_line: dict[str, int] = {}
    costs: dict[str, int] = {}
    selected: dict[str, int] = {}
    for row in raw.projects:
        if len(row.cells) != len(ph):
            errors.append(
                Problem(row.line, f"PROJECTS row has {len(row.cells)} fields; the header has {len(ph)}")
            )
            if len(row.cells) <= max(i_id, i_cost):
                continue
        pid = row.cells[i_id].strip()
        if not pid:
            errors.append(Problem(row.line, "project with an empty project_id"))
            continue
        if pid in project_line:
            errors.append(Problem(row.line, f"project {pid!r} repeated (first on line {project_line[pid]})"))
            continue
        project_line[pid] = row.line
        cost_text = row.cells[i_cost].strip()
        cost_value = _number(cost_text)
        if cost_value is None or cost_value != int(cost_value) or "," in cost_text:
            errors.append(Problem(row.line, f"project {pid!r}: cost {cost_text!r} is not a whole amount"))
            continue
        cost = int(cost_value)
        if cost <= 0:
            errors.append(Problem(row.line, f"project {pid!r}: cost {cost} must be positive"))
        elif budget is not None and cost > budget:
            warnings.append(
                Problem(row.line, f"project {pid!r}: cost {cost:,} exceeds the whole budget {budget:,}")
            )
        costs[pid] = cost
        if i_selected is not None and i_selected < len(row.cells):
            text = row.cells[i_selected].strip()
            value = _int(text) if text else 0
            if value is None or value < 0:
                errors.append(
                    Problem(row.line, f"project {pid!r}: selected {text!r} is not 0, 1 or a marker 2, 3")
                )
            else:
                selected[pid] = value
                if value > 1 and meta.get("rule", "").strip() != "greedy-custom":
                    warnings.append(
                        Problem(row.line, f"project {pid!r}: selected={value} marks funding outside the rule")
                    )

    num_projects = _int(meta.get("num_projects", ""))
    if num_projects is not None and num_projects != len(raw.projects):
        errors.append(
            Problem(
                raw.meta_lines.get("num_projects"),
                f"META num_projects is {num_projects} but PROJECTS has {len(raw.projects)} rows",
            )
        )
    if budget is not None and selected:
        spent = sum(costs.get(pid, 0) for pid, s in selected.items() if s == 1)
        if spent > budget:
            errors.append(
                Problem(
                    raw.section_lines.get("PROJECTS"),
                    f"the selected projects cost {spent:,}, more than the budget {budget:,}",
                )
            )
        elif meta.get("fully_funded", "").strip() != "1":
            left = budget - spent
            for pid, s in selected.items():
                if s == 0 and costs.get(pid, budget + 1) <= left:
                    warnings.append(
                        Problem(
                            project_line[pid], f"project {pid!r} fits the {left:,} left but is not selected"
                        )
                    )
    if (
        budget is not None
        and costs
        and meta.get("fully_funded", "").strip() != "1"
        and sum(costs.values()) <= budget
    ):
        warnings.append(Problem(raw.meta_lines.get("budget"), "the budget covers every project"))

    # VOTES
    vh = raw.vote_header
    i_voter, i_vote = vh.index("voter_id"), vh.index("vote")
    i_points = vh.index("points") if "points" in vh else None
    min_length = _int(meta.get("min_length", "")) if "min_length" in meta else None
    max_length = _int(meta.get("max_length", "")) if "max_length" in meta else None
    if vote_type == CHOOSE_ONE:
        max_length = 1 if max_length is None else max_length
    min_sum = _number(meta.get("min_sum_points", "")) if "min_sum_points" in meta else None
    max_sum = _number(meta.get("max_sum_points", "")) if "max_sum_points" in meta else None
    min_points = _number(meta.get("min_points", "")) if "min_points" in meta else None
    max_points = _number(meta.get("max_points", "")) if "max_points" in meta else None
    max_cost = _number(meta.get("max_sum_cost", "")) if "max_sum_cost" in meta else None
    limits = (min_sum, max_sum, min_points, max_points)
    counted_votes: dict[str, int] = dict.fromkeys(project_line, 0)
    counted_score: dict[str, int] = dict.fromkeys(project_line, 0)
    width = len(vh)
    known = set(project_line)
    cost_of = costs.get
    rows = raw.votes
    check_points = i_points is not None and (vote_type in POINTED_VOTE_TYPES or vote_type == ORDINAL)
    score_from_rank = vote_type == ORDINAL and not check_points

    def score(at: int, chosen: Sequence[str], voter: str) -> None:
        """Add one ballot's points (or ordinal points by rank) to the projects' counted scores."""
        if check_points:
            ptext = rows.points[at]
            points = _check_points(ptext, chosen, voter, rows.lines[at], vote_type, limits, errors, warnings)
            if points is not None:
                for pid, value in zip(chosen, points, strict=True):
                    if pid in counted_score:
                        counted_score[pid] += value
        else:
            n_chosen = len(chosen)
            for position, pid in enumerate(chosen):
                if pid in counted_score:
                    counted_score[pid] += n_chosen - position

    clean = _clean_votes(rows, known, costs, max_length, min_length, max_cost)
    if clean is not None:  # nothing to report on any at
        votes = clean
        if check_points or score_from_rank:
            for at, (ballot, voter) in enumerate(zip(rows.chosen, rows.voters, strict=True)):
                score(at, ballot, voter)
    else:  # at by at, reporting every problem with its line
        lines, voters, chosen_rows, widths = rows.lines, rows.voters, rows.chosen, rows.widths
        needed = max(i_voter, i_vote, i_points or 0)
        seen: set[str] = set()
        repeated: list[int] = []  # rows whose voter an earlier at has
        skipped: set[int] = set()  # rows without the voter, vote or points cell
        for at in range(len(rows)):
            line = lines[at]
            n_fields = widths.get(at, width)
            if n_fields != width:
                errors.append(Problem(line, f"VOTES row has {n_fields} fields; the header has {width}"))
                if n_fields <= needed:
                    skipped.add(at)
                    continue
            voter = voters[at]
            if voter in seen:
                repeated.append(at)
            else:
                seen.add(voter)
            chosen = chosen_rows[at]
            n_chosen = len(chosen)
            if len(set(chosen)) != n_chosen:
                raw.repeats = True
                errors.append(Problem(line, f"voter {voter!r} lists a project twice: {rows.vote_text(at)}"))
            unknown = [] if known.issuperset(chosen) else [p for p in chosen if p not in known]
            if unknown:
                errors.append(
                    Problem(line, f"voter {voter!r} votes for unknown project(s) {', '.join(unknown)}")
                )
            if max_length is not None and n_chosen > max_length:
                errors.append(
                    Problem(line, f"voter {voter!r} chose {n_chosen} projects; max_length is {max_length}")
                )
            if min_length is not None and n_chosen < min_length:
                warnings.append(
                    Problem(line, f"voter {voter!r} chose {n_chosen} projects; min_length is {min_length}")
                )
            if max_cost is not None and not unknown:
                spent = sum(cost_of(p, 0) for p in chosen)
                if spent > max_cost:
                    warnings.append(
                        Problem(
                            line,
                            f"voter {voter!r} chose projects costing {spent:,}; "
                            f"max_sum_cost is {max_cost:,.0f}",
                        )
                    )
            if check_points or score_from_rank:
                score(at, chosen, voter)
        del seen
        if repeated:
            first = _first_lines(rows, {voters[at] for at in repeated}, skipped)
            for at in repeated:
                voter = voters[at]
                errors.append(Problem(lines[at], f"voter {voter!r} repeated (first on line {first[voter]})"))
        if skipped:
            raw.unchecked = True
        votes = Counter(
            chain.from_iterable(
                (chosen for at, chosen in enumerate(chosen_rows) if at not in skipped)
                if skipped
                else chosen_rows
            )
        )
    for pid, n in votes.items():
        if pid in counted_votes:
            counted_votes[pid] = n

    num_votes = _int(meta.get("num_votes", ""))
    if num_votes is not None and num_votes != len(raw.votes):
        errors.append(
            Problem(
                raw.meta_lines.get("num_votes"),
                f"META num_votes is {num_votes} but VOTES has {len(raw.votes)} rows",
            )
        )
    scored = vote_type in POINTED_VOTE_TYPES or vote_type == ORDINAL
    for row in raw.projects:
        if len(row.cells) != len(ph):
            continue
        pid = row.cells[i_id].strip()
        if project_line.get(pid) != row.line:
            continue
        if i_votes is not None:
            text = row.cells[i_votes].strip()
            value = _int(text) if text else None
            if value is None:
                errors.append(Problem(row.line, f"project {pid!r}: votes {text!r} is not a whole number"))
            elif value != counted_votes[pid]:
                errors.append(
                    Problem(
                        row.line,
                        f"project {pid!r}: votes column says {value} "
                        f"but {counted_votes[pid]} ballots chose it",
                    )
                )
            elif value == 0:
                warnings.append(Problem(row.line, f"project {pid!r} has no votes"))
        if i_score is not None and scored:
            text = row.cells[i_score].strip()
            value = _int(text) if text else None
            if value is None:
                errors.append(Problem(row.line, f"project {pid!r}: score {text!r} is not a whole number"))
            elif value != counted_score[pid]:
                errors.append(
                    Problem(
                        row.line,
                        f"project {pid!r}: score column says {value} "
                        f"but the ballots give {counted_score[pid]}",
                    )
                )
    return errors, warnings
