"""UK postcodes: the canonical form, and the ONS Postcode Directory's CSV layout (postcode → ward code).

The ONS file covers the whole UK (about 2.7 million rows); it is read as a stream. Its postcode column is
`pcds` (or `pcd`, `pcd2`, `postcode`), its ward column `osward` (or a dated `wdYYcd`, `ward_code`, `ward`);
rows with a termination date (`doterm`) are postcodes no longer in use and are skipped.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from youdecide.areas.ward_files import AreaDataError, FileProblem

_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
POSTCODE_COLUMNS = ("pcds", "pcd", "pcd2", "postcode")
WARD_COLUMNS = ("osward", "wd25cd", "wd24cd", "wd23cd", "wd22cd", "wd21cd", "ward_code", "ward")


class InvalidPostcode(ValueError):
    pass


def normalise_postcode(text: str) -> str:
    """'cw1 2bj', ' CW12BJ ' and 'Cw1  2Bj' all become 'CW1 2BJ'."""
    squeezed = "".join(text.split()).upper()
    if squeezed == "GIR0AA":
        return "GIR 0AA"
    match = _POSTCODE.match(squeezed)
    if match is None:
        raise InvalidPostcode(
            f"“{text.strip()}” is not a UK postcode: it should look like CW1 2BJ or SK10 1AA."
        )
    return f"{match.group(1)} {match.group(2)}"


@dataclass(frozen=True)
class PostcodeRow:
    line: int
    postcode: str
    ward_code: str


def read_postcode_directory(path: Path) -> Iterator[PostcodeRow | FileProblem]:
    """Each live row as a PostcodeRow, each problem as a FileProblem naming the line and column."""
    name = path.name
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        yield FileProblem(name, f"cannot be read: {exc.strerror}")
        return
    with handle:
        reader = csv.reader(handle)
        header = [column.strip().lower() for column in next(reader, [])]
        postcode_column = next((c for c in POSTCODE_COLUMNS if c in header), None)
        ward_column = next((c for c in WARD_COLUMNS if c in header), None)
        if postcode_column is None or ward_column is None:
            missing = [
                what
                for what, column in (
                    ("a postcode column (pcds)", postcode_column),
                    ("a ward column (osward)", ward_column),
                )
                if column is None
            ]
            yield FileProblem(name, f"the header has no {' and no '.join(missing)}", line=1)
            return
        at_postcode, at_ward = header.index(postcode_column), header.index(ward_column)
        at_doterm = header.index("doterm") if "doterm" in header else None
        for line, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) < len(header):
                yield FileProblem(name, f"has {len(row)} columns; the header has {len(header)}", line=line)
                continue
            if at_doterm is not None and row[at_doterm].strip():
                continue
            ward = row[at_ward].strip()
            try:
                postcode = normalise_postcode(row[at_postcode])
            except InvalidPostcode as exc:
                yield FileProblem(name, str(exc), line=line, field=postcode_column)
                continue
            if not ward:
                yield FileProblem(name, "the ward code is empty", line=line, field=ward_column)
                continue
            yield PostcodeRow(line, postcode, ward)


__all__ = ["AreaDataError", "InvalidPostcode", "PostcodeRow", "normalise_postcode", "read_postcode_directory"]
