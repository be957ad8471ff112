"""Hostile pabulib files: other encodings, NUL bytes, binary data, numbers too long for a float, formulas,
duplicate and unknown ids. Each is refused whole with its line, or read as plain data, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from youdecide.counting import PabulibError, check_pabulib, read_pabulib
from youdecide.counting.tests.test_pabulib_reader import SMALL


def refusal(tmp_path: Path, content: bytes) -> list[str]:
    path = tmp_path / "hostile.pb"
    path.write_bytes(content)
    with pytest.raises(PabulibError) as refused:
        read_pabulib(path)
    assert not check_pabulib(path).ok
    return [str(problem) for problem in refused.value.problems]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (SMALL.encode("utf-16"), "line 1: the file is not UTF-8 text (pabulib files are)"),
        (
            SMALL.replace("Alpha", "Álpha").encode("latin-1"),
            "line 16: the file is not UTF-8 text (pabulib files are)",
        ),
        (bytes(range(256)) * 10, "line 2: the file is not UTF-8 text (pabulib files are)"),
        (
            SMALL.replace("Alpha", "Al\x00pha").encode(),
            "line 16: the line holds a NUL byte: the file is not plain text",
        ),
        (
            SMALL.replace("1;a,b\n", "1;a\x00,b\n").encode(),
            "line 21: the line holds a NUL byte: the file is not plain text",
        ),
    ],
    ids=["utf-16", "latin-1", "binary", "nul-in-a-name", "nul-in-a-vote"],
)
def test_a_file_that_is_not_utf8_text_is_refused_at_its_line(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    assert refusal(tmp_path, content) == [problem]


def test_a_utf8_bom_and_windows_line_endings_are_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.pb"
    path.write_bytes(b"\xef\xbb\xbf" + SMALL.replace("\n", "\r\n").encode())

    assert [project.name for project in read_pabulib(path).projects] == [
        "Alpha",
        "Beta; with a semicolon",
        "Gamma",
    ]


@pytest.mark.parametrize("cost", ["9" * 400, "inf", "nan", "1e400"])
def test_a_cost_too_big_for_any_number_is_refused_with_its_line(tmp_path: Path, cost: str) -> None:
    problems = refusal(tmp_path, SMALL.replace("a;600;", f"a;{cost};").encode())

    assert len(problems) == 1 and problems[0].startswith("line 16: project 'a': cost"), problems


def test_duplicate_voters_and_unknown_projects_are_refused_with_their_lines(tmp_path: Path) -> None:
    assert refusal(tmp_path, SMALL.replace("2;a\n", "1;a\n").encode()) == [
        "line 22: voter '1' repeated (first on line 21)"
    ]
    problems = refusal(tmp_path, SMALL.replace("3;a,b,c\n", "3;a,b,zz\n").encode())
    assert any(problem.startswith("line 23:") and "zz" in problem for problem in problems), problems


def test_a_formula_in_a_project_name_is_kept_as_text(tmp_path: Path) -> None:
    path = tmp_path / "formula.pb"
    path.write_bytes(SMALL.replace("Alpha", "=cmd|' /C calc'!A0").encode())

    assert read_pabulib(path).projects[0].name == "=cmd|' /C calc'!A0"
