"""A budget plan as a spreadsheet (CSV or XLSX, the same layout): read and checked cell by cell, every
problem named by its cell (e.g. "J9: '0.01' needs three decimals ..."), and written back out.

Layout, one sheet::

    Budget plan | <title>
    Base year   | 2018/19
                                                   (blank row)
    Outcome | Title | What it means | Focus | What success looks like | Key priorities | Challenges and
    opportunities
    1       | Our local communities are strong and supportive | ...
                                                   (blank row)
    Outcome | Theme | Reference | Title | Kind | Service | Background | 2019/20 | 2020/21 | 2021/22
    1       | Changing the way we work | 1 | ... | growth | ... | ... | +0.010 | +0.010 | +0.010

Lists (focus, priorities, ...) are one item a line inside their cell.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from youdecide.consultation.models import BudgetPlan, ProposalKind, year_label
from youdecide.consultation.variations import (
    format_millions,
    millions_from_number,
    parse_millions,
    sign_problem,
)
from youdecide.results.open_data import FORMULA_STARTS, csv_lines, safe_cell

Cell = str | int | float | None

PLAN_HEADING = "Budget plan"
BASE_YEAR_HEADING = "Base year"
OUTCOME_HEADINGS = [
    "Outcome",
    "Title",
    "What it means",
    "Focus",
    "What success looks like",
    "Key priorities",
    "Challenges and opportunities",
]
PROPOSAL_HEADINGS = ["Outcome", "Theme", "Reference", "Title", "Kind", "Service", "Background"]
MAX_ERRORS = 50
MAX_ROWS = 2000
MAX_COLUMNS = 60
_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
TITLE_MAX = 200
REFERENCE_MAX = 20


class PlanFileError(ValueError):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class ParsedProposal:
    reference: str
    title: str
    kind: str
    service: str
    background: str
    variations: dict[int, int]


@dataclass
class ParsedOutcome:
    number: int
    title: str
    what_it_means: str = ""
    focus: str = ""
    success: str = ""
    priorities: str = ""
    challenges: str = ""
    themes: dict[str, list[ParsedProposal]] = field(default_factory=dict)


@dataclass
class ParsedPlan:
    title: str
    base_year: int
    years: list[int]
    outcomes: list[ParsedOutcome]


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_ref(row: int, column: int) -> str:
    """Zero-based row and column -> 'D7'."""
    return f"{column_letter(column)}{row + 1}"


def read_grid(filename: str, content: bytes) -> list[list[Cell]]:
    """The cells of a CSV or XLSX file (its first sheet)."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _xlsx_grid(content)
    if name.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise PlanFileError(
                [
                    _("Line %(line)s is not UTF-8 text (byte %(at)s): save the file as CSV UTF-8.")
                    % {"line": content[: exc.start].count(b"\n") + 1, "at": exc.start + 1}
                ]
            ) from None
        if "\x00" in text:
            line = text.count("\n", 0, text.index("\x00")) + 1
            raise PlanFileError(
                [_("Line %(line)s holds a NUL byte: the file is not plain text.") % {"line": line}]
            )
        reader = csv.reader(io.StringIO(text))
        try:
            return _bounded(reader)
        except csv.Error as exc:
            raise PlanFileError(
                [
                    _("Line %(line)s is not a readable CSV line (%(reason)s).")
                    % {"line": reader.line_num, "reason": exc}
                ]
            ) from None
    raise PlanFileError([_("Upload a .csv or .xlsx file, not %(name)s.") % {"name": filename}])


def _xlsx_grid(content: bytes) -> list[list[Cell]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise PlanFileError([_("The file is not a readable XLSX workbook.")]) from None
    sheet = workbook.worksheets[0]
    try:
        return _bounded(
            [value if isinstance(value, str | int | float) or value is None else str(value) for value in row]
            for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
        )
    finally:
        workbook.close()


def _bounded(rows: Iterable[Sequence[Cell]]) -> list[list[Cell]]:
    """The rows, or PlanFileError when there are more than a plan could need (a plan of a council's
    whole budget has a few hundred)."""
    grid: list[list[Cell]] = []
    for row in rows:
        if len(grid) == MAX_ROWS:
            raise PlanFileError(
                [_("The file has more than %(n)s rows: is it the right file?") % {"n": MAX_ROWS}]
            )
        grid.append(list(row[:MAX_COLUMNS]))
    return grid


def _text(value: Cell) -> str:
    """A text cell as typed: trimmed, with the ' that export puts before a formula-like start taken off."""
    if value is None:
        return ""
    text = str(value).strip()
    if text.startswith("'") and text[1:2] and text[1:2] in FORMULA_STARTS:
        return text[1:]
    return text


def _blank(row: list[Cell]) -> bool:
    return all(_text(value) == "" for value in row)


def _parse_year(text: str) -> int | None:
    match = _YEAR.match(text)
    if match is None:
        return None
    start = int(match.group(1))
    return start if int(match.group(2)) == (start + 1) % 100 else None


class _Reader:
    def __init__(self, grid: list[list[Cell]]) -> None:
        self.grid = grid
        self.errors: list[str] = []

    def cell(self, row: int, column: int) -> Cell:
        cells = self.grid[row] if row < len(self.grid) else []
        return cells[column] if column < len(cells) else None

    def text(self, row: int, column: int) -> str:
        return _text(self.cell(row, column))

    def error(self, row: int, column: int, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(f"{cell_ref(row, column)}: {message}")

    def required(self, row: int, column: int, what: str, longest: int) -> str:
        value = self.text(row, column)
        if not value:
            self.error(row, column, _("%(what)s is missing") % {"what": what})
        elif len(value) > longest:
            self.error(
                row, column, _("%(what)s is longer than %(n)s characters") % {"what": what, "n": longest}
            )
        return value

    def headings(self, row: int, expected: list[str]) -> bool:
        ok = True
        for column, heading in enumerate(expected):
            if self.text(row, column).lower() != heading.lower():
                self.error(row, column, _("the heading here should be '%(heading)s'") % {"heading": heading})
                ok = False
        return ok

    def block_end(self, start: int) -> int:
        row = start
        while row < len(self.grid) and not _blank(self.grid[row]):
            row += 1
        return row


def parse_plan(grid: list[list[Cell]]) -> ParsedPlan:
    """The plan in the grid, or PlanFileError listing every problem with its cell."""
    reader = _Reader(grid)
    if reader.text(0, 0).lower() != PLAN_HEADING.lower():
        reader.error(0, 0, _("the file should start with '%(heading)s'") % {"heading": PLAN_HEADING})
    title = reader.required(0, 1, _("The plan's title"), TITLE_MAX)
    if reader.text(1, 0).lower() != BASE_YEAR_HEADING.lower():
        reader.error(1, 0, _("the heading here should be '%(heading)s'") % {"heading": BASE_YEAR_HEADING})
    base_text = reader.text(1, 1)
    base_year = _parse_year(base_text)
    if base_year is None:
        reader.error(1, 1, _("'%(text)s' is not a financial year such as 2018/19") % {"text": base_text})
    if reader.errors:
        raise PlanFileError(reader.errors)
    assert base_year is not None

    row = 2
    while row < len(grid) and _blank(grid[row]):
        row += 1
    outcomes = _outcomes(reader, row)
    row = reader.block_end(row)
    while row < len(grid) and _blank(grid[row]):
        row += 1
    if row >= len(grid):
        reader.error(row, 0, _("the table of proposals is missing (after a blank row below the outcomes)"))
        raise PlanFileError(reader.errors)
    years = _years(reader, row, base_year)
    _proposals(reader, row, years, outcomes)
    if reader.errors:
        raise PlanFileError(reader.errors)
    return ParsedPlan(title, base_year, years, list(outcomes.values()))


def _outcomes(reader: _Reader, start: int) -> dict[int, ParsedOutcome]:
    outcomes: dict[int, ParsedOutcome] = {}
    rows: dict[int, int] = {}
    if not reader.headings(start, OUTCOME_HEADINGS):
        return outcomes
    end = reader.block_end(start)
    for row in range(start + 1, end):
        number = _number(reader, row, 0)
        title = reader.required(row, 1, _("The outcome's title"), TITLE_MAX)
        if number is None:
            continue
        if number in outcomes:
            reader.error(
                row, 0, _("outcome %(n)s is already on row %(row)s") % {"n": number, "row": rows[number]}
            )
            continue
        rows[number] = row + 1
        texts = [reader.text(row, column) for column in range(2, 7)]
        outcomes[number] = ParsedOutcome(number, title, texts[0], texts[1], texts[2], texts[3], texts[4])
    if end == start + 1:
        reader.error(start + 1, 0, _("there are no outcomes under these headings"))
    return outcomes


def _number(reader: _Reader, row: int, column: int) -> int | None:
    value = reader.cell(row, column)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _text(value)
    if not text.isdigit() or int(text) < 1:
        reader.error(row, column, _("'%(text)s' is not an outcome number such as 1") % {"text": text})
        return None
    return int(text)


def _years(reader: _Reader, row: int, base_year: int) -> list[int]:
    reader.headings(row, PROPOSAL_HEADINGS)
    years: list[int] = []
    column = len(PROPOSAL_HEADINGS)
    while reader.text(row, column):
        text = reader.text(row, column)
        year = _parse_year(text)
        expected = base_year + 1 + len(years)
        if year is None:
            reader.error(
                row, column, _("'%(text)s' is not a financial year such as 2019/20") % {"text": text}
            )
        elif year != expected:
            reader.error(
                row,
                column,
                _("'%(text)s' should be %(expected)s: the years follow the base year %(base)s one by one")
                % {"text": text, "expected": year_label(expected), "base": year_label(base_year)},
            )
        years.append(expected)
        column += 1
    if not years:
        reader.error(
            row,
            column,
            _("a column for each year covered is missing, such as %(year)s")
            % {"year": year_label(base_year + 1)},
        )
    return years


def _proposals(reader: _Reader, start: int, years: list[int], outcomes: dict[int, ParsedOutcome]) -> None:
    seen: dict[str, int] = {}
    end = len(reader.grid)
    while end > start + 1 and _blank(reader.grid[end - 1]):
        end -= 1
    if end == start + 1:
        reader.error(start + 1, 0, _("there are no proposals under these headings"))
    kinds = {str(choice.value): str(choice.value) for choice in ProposalKind}
    kinds.update({str(choice.label).lower(): str(choice.value) for choice in ProposalKind})
    for row in range(start + 1, end):
        if _blank(reader.grid[row]):
            reader.error(row, 0, _("a blank row inside the table of proposals"))
            continue
        number = _number(reader, row, 0)
        outcome = outcomes.get(number) if number is not None else None
        if number is not None and outcome is None:
            reader.error(row, 0, _("outcome %(n)s is not in the table of outcomes") % {"n": number})
        theme = reader.required(row, 1, _("The theme"), TITLE_MAX)
        reference = reader.required(row, 2, _("The reference"), REFERENCE_MAX)
        if reference in seen:
            reader.error(
                row,
                2,
                _("reference %(ref)s is already on row %(row)s") % {"ref": reference, "row": seen[reference]},
            )
        seen.setdefault(reference, row + 1)
        title = reader.required(row, 3, _("The proposal's title"), TITLE_MAX)
        kind_text = reader.text(row, 4)
        kind = kinds.get(kind_text.lower(), "")
        if not kind:
            reader.error(
                row,
                4,
                _("'%(text)s' is not a kind of proposal: saving, growth, income or revenue investment")
                % {"text": kind_text},
            )
        service = reader.required(row, 5, _("The service budget"), TITLE_MAX)
        variations = {}
        for offset, year in enumerate(years):
            column = len(PROPOSAL_HEADINGS) + offset
            thousands = _variation(reader, row, column)
            if thousands is None:
                continue
            problem = sign_problem(kind, thousands) if kind else ""
            if problem:
                reader.error(row, column, problem)
            variations[year] = thousands
        if outcome is not None and theme and kind:
            outcome.themes.setdefault(theme, []).append(
                ParsedProposal(reference, title, kind, service, reader.text(row, 6), variations)
            )


def _variation(reader: _Reader, row: int, column: int) -> int | None:
    value = reader.cell(row, column)
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return millions_from_number(value)
        text = _text(value)
        if not text:
            reader.error(row, column, _("the variation is missing: write 0.000 for no change"))
            return None
        return parse_millions(text)
    except ValueError as exc:
        reader.error(row, column, str(exc))
        return None


def plan_rows(plan: BudgetPlan) -> Iterator[list[Any]]:
    """The plan in the file layout; variations as figures in thousands of pounds (int)."""
    yield [PLAN_HEADING, plan.title]
    yield [BASE_YEAR_HEADING, plan.base_year_label]
    yield []
    yield list(OUTCOME_HEADINGS)
    outcomes = list(plan.outcomes.prefetch_related("themes__proposals__variations"))
    for outcome in outcomes:
        yield [
            outcome.number,
            outcome.title,
            outcome.what_it_means,
            outcome.focus,
            outcome.success,
            outcome.priorities,
            outcome.challenges,
        ]
    yield []
    yield [*PROPOSAL_HEADINGS, *plan.year_labels]
    for outcome in outcomes:
        for theme in outcome.themes.all():
            for proposal in theme.proposals.all():
                amounts = {
                    variation.year: variation.amount_thousands for variation in proposal.variations.all()
                }
                yield [
                    outcome.number,
                    theme.title,
                    proposal.reference,
                    proposal.title,
                    proposal.kind,
                    proposal.service,
                    proposal.background,
                    *(_Figure(amounts.get(year, 0)) for year in plan.years),
                ]


class _Figure(int):
    """A variation (thousands of pounds) in an exported row, told apart from text cells."""


def plan_csv(plan: BudgetPlan) -> str:
    def cells(row: Iterable[Any]) -> list[str]:
        return [format_millions(value) if isinstance(value, _Figure) else safe_cell(value) for value in row]

    return "".join(csv_lines(cells(row) for row in plan_rows(plan)))


def plan_xlsx(plan: BudgetPlan) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Budget plan")[:31]
    for row_number, row in enumerate(plan_rows(plan), start=1):
        for column, value in enumerate(row, start=1):
            if isinstance(value, _Figure):
                cell = sheet.cell(row=row_number, column=column, value=Decimal(int(value)).scaleb(-3))
                cell.number_format = "+0.000;-0.000;0.000"
            else:
                cell = sheet.cell(row=row_number, column=column, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text is never run as a formula
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
