"""Big and hostile pabulib files: read in pieces with every problem still on its line, refused whole when
over the size limit, with a line too long or too many projects, and reports cut at a number of problems."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from youdecide.counting import PabulibError, check_pabulib, read_pabulib
from youdecide.counting.cli import main
from youdecide.counting.pabulib_reader import MAX_META_KEYS, MAX_PROJECTS
from youdecide.counting.problems import MAX_LISTED

HEAD = """META
key;value
description;big
country;UK
unit;Town
instance;2026
num_projects;3
num_votes;{votes}
budget;1000
vote_type;approval
rule;greedy
date_begin;2026
date_end;2026
PROJECTS
project_id;cost;name
a;600;Alpha
b;500;Beta
c;400;Gamma
VOTES
voter_id;vote;age
"""
FIRST_VOTE_LINE = HEAD.count("\n") + 1  # 21
BALLOTS = ["a,b", "c", "b,a,c", "a"]


def big_file(votes: int, *, newline: str = "\n", edits: dict[int, str] | None = None) -> str:
    """An election of ``votes`` rows (a few megabytes: several of the pieces a file is read in), with
    ``edits`` replacing the rows on those lines."""
    edits = edits or {}
    rows = [
        edits.get(FIRST_VOTE_LINE + v, f"voter-{v:07d};{BALLOTS[v % 4]};{20 + v % 50}") for v in range(votes)
    ]
    return (HEAD.format(votes=votes) + "\n".join(rows) + "\n").replace("\n", newline)


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "big.pb"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_a_big_file_is_read_whole_whatever_its_line_endings(tmp_path: Path, newline: str) -> None:
    path = write(tmp_path, big_file(150_000, newline=newline))
    assert path.stat().st_size > 2 * 2**20

    election = read_pabulib(path)

    assert len(election.ballots) == 150_000
    last = election.ballots[-1]
    assert (last.voter_id, last.projects, dict(last.fields)) == (
        "voter-0149999",
        ("a",),
        {"age": "69"},
    )


def test_problems_deep_in_a_big_file_are_reported_with_their_lines(tmp_path: Path) -> None:
    far = FIRST_VOTE_LINE + 140_000
    path = write(
        tmp_path,
        big_file(
            150_000,
            edits={
                far: "voter-0000007;a;30",
                far + 1: "voter-x;a,zz;30",
                far + 2: "voter-y;a;30;extra",
                far + 3: "voter-z;c,c;30",
            },
        ),
    )

    with pytest.raises(PabulibError) as refused:
        read_pabulib(path)

    assert [str(problem) for problem in refused.value.problems] == [
        f"line {far}: voter 'voter-0000007' repeated (first on line {FIRST_VOTE_LINE + 7})",
        f"line {far + 1}: voter 'voter-x' votes for unknown project(s) zz",
        f"line {far + 2}: VOTES row has 4 fields; the header has 3",
        f"line {far + 3}: voter 'voter-z' lists a project twice: c,c",
    ]
    assert [str(problem) for problem in check_pabulib(path).errors] == [
        str(problem) for problem in refused.value.problems
    ]


def test_a_byte_that_is_not_utf8_deep_in_a_big_file_is_refused_at_its_line(tmp_path: Path) -> None:
    far = FIRST_VOTE_LINE + 120_000
    text = big_file(150_000, edits={far: "voter-\udcff;a;30", far + 10: "voter-nul\x00;a;30"})
    path = write(tmp_path, text.encode("utf-8", "surrogateescape"))

    assert [str(problem) for problem in check_pabulib(path).errors] == [
        f"line {far}: the file is not UTF-8 text (pabulib files are)"
    ]
    path = write(tmp_path, text.replace("\udcff", "").encode())
    assert [str(problem) for problem in check_pabulib(path).errors] == [
        f"line {far + 10}: the line holds a NUL byte: the file is not plain text"
    ]


def test_a_report_lists_the_first_problems_and_counts_the_others(tmp_path: Path) -> None:
    votes = 4 * (MAX_LISTED + 500)
    path = write(tmp_path, big_file(votes).replace(";a,b;", ";a,zz;"))
    bad_rows = sum(1 for v in range(votes) if v % 4 == 0)

    errors = check_pabulib(path).errors

    assert len(errors) == MAX_LISTED + 1
    assert str(errors[0]) == f"line {FIRST_VOTE_LINE}: voter 'voter-0000000' votes for unknown project(s) zz"
    assert (
        str(errors[-1]) == f"{bad_rows - MAX_LISTED:,} more errors not listed (a report lists at most 10,000)"
    )


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, big_file(150_000))

    with pytest.raises(PabulibError) as refused:
        read_pabulib(path, max_bytes=2**20)
    assert [str(problem) for problem in refused.value.problems] == [
        "the file is 3 MB; the limit is 1 MB, larger files are refused"
    ]
    with path.open(encoding="utf-8") as stream:
        assert [str(problem) for problem in check_pabulib(stream, max_bytes=2**20).errors] == [
            "the file is over the limit of 1 MB, larger files are refused"
        ]
    assert len(read_pabulib(path, max_bytes=5 * 2**20).ballots) == 150_000


def test_the_command_line_refuses_a_file_over_its_limit(tmp_path: Path) -> None:
    path = write(tmp_path, big_file(150_000))
    out, err = io.StringIO(), io.StringIO()

    assert main(["check", str(path), "--max-mb", "2"], out=out, err=err) == 1
    assert "the file is 3 MB; the limit is 2 MB, larger files are refused" in err.getvalue()
    assert main(["count", str(path), "--max-mb", "2"], out=out, err=err) == 1
    assert main(["check", str(path)], out=out, err=err) == 0
    assert main(["check", str(path), "--max-mb", "none"], out=out, err=err) == 2


def test_a_line_too_long_too_many_projects_or_meta_keys_refuse_the_file(tmp_path: Path) -> None:
    long_row = "voter-x;" + ",".join(["a"] * 600_000) + ";30"
    path = write(tmp_path, big_file(10, edits={FIRST_VOTE_LINE + 5: long_row}))
    assert [str(problem) for problem in check_pabulib(path).errors] == [
        f"line {FIRST_VOTE_LINE + 5}: the line is longer than 1 MB: not a pabulib line"
    ]

    projects = "".join(f"p{p};10;Project {p}\n" for p in range(MAX_PROJECTS + 1))
    path = write(tmp_path, big_file(10).replace("a;600;Alpha\n", "a;600;Alpha\n" + projects))
    with pytest.raises(PabulibError) as refused:
        read_pabulib(path, strict=False)
    assert [str(problem) for problem in refused.value.problems] == [
        f"line {16 + MAX_PROJECTS}: PROJECTS has more than {MAX_PROJECTS:,} rows: too many to count"
    ]

    keys = "".join(f"key{k};{k}\n" for k in range(MAX_META_KEYS))
    path = write(tmp_path, big_file(10).replace("key;value\n", "key;value\n" + keys))
    assert [str(problem) for problem in check_pabulib(path).errors] == [
        f"line {3 + MAX_META_KEYS}: META has more than {MAX_META_KEYS:,} keys: too many for a pabulib file"
    ]
