"""The lines of a pabulib file, read in pieces so that a big file is never held whole.

A path is read a megabyte at a time, each piece cut at a line break, checked as UTF-8 text without NUL
bytes and split into lines (LF, CRLF or CR endings; a BOM at the start is dropped). An open stream is
taken line by line, and text given as a string is split the same way. A file that is not text, is over
the size limit or has a line too long to be a pabulib line stops the reading with :class:`Refusal`: the
file is refused whole, with that one problem.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

Source = str | os.PathLike[str] | TextIO

#: The most characters a line may have (a vote row, a project's description): a longer line is refused.
MAX_LINE = 2**20
_PIECE = 2**20


class Refusal(Exception):
    """A file refused whole while its lines are read: the line concerned (None: the whole file), and why."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


def megabytes(size: int) -> str:
    return f"{size / 2**20:,.0f} MB" if size >= 2**20 else f"{size / 2**20:,.2f} MB"


def too_big(size: int, max_bytes: int) -> Refusal:
    return Refusal(
        None, f"the file is {megabytes(size)}; the limit is {megabytes(max_bytes)}, larger files are refused"
    )


def source_name(source: Source) -> str:
    if isinstance(source, io.TextIOBase) or hasattr(source, "read"):
        return str(getattr(source, "name", "<stream>"))
    if _is_text(source):
        return "<text>"
    return str(Path(source))


def _is_text(source: object) -> bool:
    return isinstance(source, str) and (
        "\n" in source or "\r" in source or source.lstrip("\ufeff").startswith("META")
    )


def lines_of(source: Source, max_bytes: int | None = None) -> Iterator[str]:
    """The file's lines without their line breaks (the first without a BOM)."""
    if isinstance(source, io.TextIOBase) or hasattr(source, "read"):
        return _stream_lines(source, max_bytes)  # type: ignore[arg-type]
    if _is_text(source):
        assert isinstance(source, str)
        if max_bytes is not None and len(source) > max_bytes:
            raise too_big(len(source), max_bytes)
        return _stream_lines(io.StringIO(source, newline=None), None)
    path = Path(source)
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise too_big(size, max_bytes)
    return _path_lines(path.open("rb"))


def _stream_lines(lines: Iterable[str], max_bytes: int | None) -> Iterator[str]:
    read = 0
    for number, line in enumerate(lines, start=1):
        text = line.rstrip("\r\n")
        if number == 1:
            text = text.lstrip("\ufeff")
        read += len(line)
        if max_bytes is not None and read > max_bytes:
            raise Refusal(
                None, f"the file is over the limit of {megabytes(max_bytes)}, larger files are refused"
            )
        if len(text) > MAX_LINE:
            raise _long_line(number)
        yield text


def _long_line(number: int) -> Refusal:
    return Refusal(number, f"the line is longer than {megabytes(MAX_LINE)}: not a pabulib line")


def _not_utf8(line: int) -> Refusal:
    return Refusal(line, "the file is not UTF-8 text (pabulib files are)")


def _path_lines(handle: io.BufferedReader) -> Iterator[str]:
    """Lines of a file read in pieces. A problem with the bytes is reported on its line counted by LF
    breaks only; a byte that is not UTF-8 anywhere in the file is reported before a NUL byte."""
    with handle:
        breaks = 0  # LF bytes before the current piece
        lines = 0  # lines given so far (CR counts as a break too)
        carry = b""
        nul: int | None = None  # line of the first NUL byte: the rest is only checked as UTF-8
        while True:
            block = handle.read(_PIECE)
            data = carry + block if carry else block
            if not data:
                break
            end = len(data) if not block else data.rfind(b"\n") + 1
            if end == 0:  # no LF in the piece: cut at a CR not at its very end (a CRLF may be split)
                end = data.rfind(b"\r", 0, len(data) - 1) + 1
                if end == 0:
                    if len(data) > MAX_LINE:
                        raise _long_line(lines + 1)
                    carry = data
                    continue
            piece, carry = data[:end], data[end:]
            try:
                text = piece.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise _not_utf8(breaks + piece.count(b"\n", 0, exc.start) + 1) from None
            if nul is None and "\x00" in text:
                nul = breaks + text.count("\n", 0, text.index("\x00")) + 1
            breaks += piece.count(b"\n")
            if nul is not None:
                continue
            if "\r" in text:
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            split = text.split("\n")
            if split[-1] == "":
                split.pop()
            if lines == 0 and split:
                split[0] = split[0].lstrip("\ufeff")
            if max(map(len, split), default=0) > MAX_LINE:
                at = next(i for i, line in enumerate(split) if len(line) > MAX_LINE)
                raise _long_line(lines + at + 1)
            lines += len(split)
            yield from split
        if nul is not None:
            raise Refusal(nul, "the line holds a NUL byte: the file is not plain text")
