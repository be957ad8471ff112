"""UK postcodes: the canonical form, and the ONS Postcode Directory's CSV layout (postcode → ward code).

Nothing here touches the database. The ONS file covers the whole UK (about 2.7 million rows), so it is read
as a stream: ``parse_postcode_directory`` yields one row at a time and remembers only the rows its caller
keeps (the wards of our council). Its postcode column is ``pcds`` (or ``pcd``, ``pcd2``, ``postcode``), its
ward column ``osward`` (or a dated ``wdYYcd``, ``ward_code``, ``ward``); rows with a termination date
(``doterm``) are postcodes no longer in use and are passed over.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Collection, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, NamedTuple, cast

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from youdecide.areas.ward_files import AreaDataError, FileProblem

if TYPE_CHECKING:
    from _csv import _reader as _CsvReader

_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
_GIRO = "GIR0AA"
POSTCODE_COLUMNS = ("pcds", "pcd", "pcd2", "postcode")
WARD_COLUMNS = ("osward", "wd25cd", "wd24cd", "wd23cd", "wd22cd", "wd21cd", "ward_code", "ward")
TERMINATED_COLUMN = "doterm"
# A file that is wrong on every line would otherwise fill memory with millions of problems.
MAX_LISTED_PROBLEMS = 1000
_ECHO_MAX = 20

PostcodeSource = str | os.PathLike[str] | IO[str] | IO[bytes]


class InvalidPostcode(ValueError):
    """Text that is not a UK postcode; the message says so in words a resident understands."""


def normalise_postcode(text: str) -> str:
    """'cw1 2bj', ' CW12BJ ' and 'Cw1  2Bj' all become 'CW1 2BJ'; anything else raises InvalidPostcode."""
    squeezed = "".join(text.split()).upper()
    if not squeezed:
        raise InvalidPostcode(_("No postcode was given: it should look like CW1 2BJ or SK10 1AA."))
    if squeezed == _GIRO:
        return "GIR 0AA"
    match = _POSTCODE.match(squeezed)
    if match is None:
        shown = " ".join(text.split())
        if len(shown) > _ECHO_MAX:
            shown = shown[:_ECHO_MAX] + "…"
        raise InvalidPostcode(
            _("“%(text)s” is not a UK postcode: it should look like CW1 2BJ or SK10 1AA.") % {"text": shown}
        )
    return f"{match.group(1)} {match.group(2)}"


class PostcodeRow(NamedTuple):
    """One live postcode of the directory: the line it ends on, its canonical form and its ward's code."""

    line: int
    postcode: str
    ward_code: str


@dataclass
class DirectoryReport:
    """What reading a postcode directory found besides the rows it yielded."""

    file: str = ""
    postcode_column: str = ""
    ward_column: str = ""
    problems: list[FileProblem] = field(default_factory=list)
    unlisted_problems: int = 0
    terminated: int = 0
    other_wards: int = 0
    # The first line of each ward code that was passed over because the caller does not keep it.
    other_ward_lines: dict[str, int] = field(default_factory=dict)

    def add(self, message: str, *, line: int | None = None, field: str = "") -> None:
        if len(self.problems) < MAX_LISTED_PROBLEMS:
            self.problems.append(FileProblem(self.file, message, line=line, field=field))
        else:
            self.unlisted_problems += 1

    def all_problems(self) -> list[FileProblem]:
        """Every problem listed, and a last one saying how many more there were when the list was full."""
        if not self.unlisted_problems:
            return list(self.problems)
        more = ngettext(
            "and %(count)s more problem, not listed",
            "and %(count)s more problems, not listed",
            self.unlisted_problems,
        ) % {"count": f"{self.unlisted_problems:,}"}
        return [*self.problems, FileProblem(self.file, more)]


def _source_name(source: PostcodeSource) -> str:
    if isinstance(source, str | os.PathLike):
        return Path(source).name
    name = getattr(source, "name", None)
    return Path(name).name if isinstance(name, str) and name else _("the postcode file")


class _DecodedLines:
    """A binary file's lines as text, decoded one at a time so that a bad byte is reported at its line."""

    def __init__(self, binary: IO[bytes]) -> None:
        self._lines = iter(binary)
        self.line = 0

    def __iter__(self) -> _DecodedLines:
        return self

    def __next__(self) -> str:
        raw = next(self._lines)
        self.line += 1
        return raw.decode("utf-8-sig" if self.line == 1 else "utf-8")


def _lines(source: PostcodeSource, stack: ExitStack) -> Iterator[str]:
    if isinstance(source, str | os.PathLike):
        return _DecodedLines(stack.enter_context(Path(source).open("rb")))
    if isinstance(source, io.TextIOBase):
        return iter(cast(IO[str], source))
    # A binary file, e.g. an upload: read it as it is, and leave it open for its owner.
    return _DecodedLines(cast(IO[bytes], source))


def _find_column(header: list[str], wanted: tuple[str, ...]) -> int | None:
    for name in wanted:
        if name in header:
            return header.index(name)
    return None


def parse_postcode_directory(
    path_or_file: PostcodeSource,
    report: DirectoryReport | None = None,
    *,
    ward_codes: Collection[str] | None = None,
) -> Iterator[PostcodeRow]:
    """Stream the live rows of an ONS Postcode Directory CSV as (line, postcode, ward code).

    Problems (missing header columns, a bad postcode, an empty ward code, the same postcode in two wards)
    are collected in ``report`` with the file name, line and column; without a report, they are raised
    together as ``AreaDataError`` once the whole file has been read. Terminated rows are counted, not
    yielded. With ``ward_codes``, only rows for those wards are yielded (and remembered, to find a postcode
    given twice); the others are counted, so the whole-UK file can be read for one council.
    """
    own_report = report is None
    report = report if report is not None else DirectoryReport()
    report.file = _source_name(path_or_file)
    try:
        with ExitStack() as stack:
            yield from _rows(_lines(path_or_file, stack), report, ward_codes)
    except FileNotFoundError:
        report.add(_("the file does not exist"))
    except OSError as exc:
        report.add(_("the file cannot be read (%(reason)s)") % {"reason": exc.strerror or exc})
    if own_report and (report.problems or report.unlisted_problems):
        raise AreaDataError(report.all_problems())


def _rows(
    lines: Iterator[str], report: DirectoryReport, ward_codes: Collection[str] | None
) -> Iterator[PostcodeRow]:
    reader = csv.reader(lines)
    try:
        yield from _records(reader, report, ward_codes)
    except UnicodeDecodeError:
        line = lines.line if isinstance(lines, _DecodedLines) else reader.line_num + 1
        report.add(_("the file is not UTF-8 text"), line=line)
    except csv.Error as exc:
        report.add(_("this is not a readable CSV line (%(reason)s)") % {"reason": exc}, line=reader.line_num)


def _records(
    reader: _CsvReader, report: DirectoryReport, ward_codes: Collection[str] | None
) -> Iterator[PostcodeRow]:
    first = next(reader, None)
    if first is None:
        report.add(_("the file is empty: it needs a header line"), line=1)
        return
    header = [column.strip().lstrip("\ufeff").lower() for column in first]
    at_postcode = _find_column(header, POSTCODE_COLUMNS)
    at_ward = _find_column(header, WARD_COLUMNS)
    at_terminated = _find_column(header, (TERMINATED_COLUMN,))
    if at_postcode is None:
        report.add(
            _("the header has no postcode column: it needs one of %(columns)s")
            % {"columns": ", ".join(POSTCODE_COLUMNS)},
            line=1,
        )
    if at_ward is None:
        report.add(
            _("the header has no ward column: it needs one of %(columns)s")
            % {"columns": ", ".join(WARD_COLUMNS)},
            line=1,
        )
    if at_postcode is None or at_ward is None:
        return
    report.postcode_column, report.ward_column = header[at_postcode], header[at_ward]
    seen: dict[str, tuple[int, str]] = {}
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if any("\x00" in cell for cell in record):
            report.add(_("the line holds a NUL byte: the file is not plain text"), line=line)
            continue
        if len(record) != len(header):
            report.add(
                _("%(values)s values where the header has %(columns)s columns")
                % {"values": len(record), "columns": len(header)},
                line=line,
            )
            continue
        if at_terminated is not None and record[at_terminated].strip():
            report.terminated += 1
            continue
        ward = record[at_ward].strip()
        raw_postcode = record[at_postcode]
        postcode = ""
        if not raw_postcode.strip():
            report.add(_("the postcode is empty"), line=line, field=report.postcode_column)
        else:
            try:
                postcode = normalise_postcode(raw_postcode)
            except InvalidPostcode as exc:
                report.add(str(exc), line=line, field=report.postcode_column)
        if not ward:
            report.add(_("the ward code is empty"), line=line, field=report.ward_column)
        if not postcode or not ward:
            continue
        if ward_codes is not None and ward not in ward_codes:
            report.other_wards += 1
            report.other_ward_lines.setdefault(ward, line)
            continue
        earlier = seen.get(postcode)
        if earlier is None:
            seen[postcode] = (line, ward)
            yield PostcodeRow(line, postcode, ward)
        elif earlier[1] != ward:
            report.add(
                _("%(postcode)s is in ward %(ward)s here but in ward %(earlier)s on line %(line)s")
                % {"postcode": postcode, "ward": ward, "earlier": earlier[1], "line": earlier[0]},
                line=line,
                field=report.postcode_column,
            )


__all__ = [
    "MAX_LISTED_PROBLEMS",
    "POSTCODE_COLUMNS",
    "WARD_COLUMNS",
    "DirectoryReport",
    "InvalidPostcode",
    "PostcodeRow",
    "normalise_postcode",
    "parse_postcode_directory",
]
