"""The pabulib reader, its checks (each problem with its line) and the writer's round trip."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from youdecide.counting import (
    CUMULATIVE,
    ORDINAL,
    SCORING,
    PabulibError,
    check_pabulib,
    format_pabulib,
    read_pabulib,
)
from youdecide.counting.tests.conftest import FIXTURES, fixture

SMALL = """META
key;value
description;test
country;UK
unit;Town
instance;2025
num_projects;3
num_votes;4
budget;1000
vote_type;approval
rule;greedy
date_begin;2025
date_end;2025
PROJECTS
project_id;cost;votes;name;selected
a;600;3;Alpha;1
b;500;2;"Beta; with a semicolon";0
c;400;1;Gamma;1
VOTES
voter_id;vote
1;a,b
2;a
3;a,b,c
4;
"""


def test_every_fixture_reads_and_passes_the_checks() -> None:
    files = sorted(FIXTURES.glob("*.pb"))
    assert len(files) >= 12
    for path in files:
        report = check_pabulib(path)
        assert report.ok, (path.name, report.errors)
        election = read_pabulib(path)
        assert len(election.ballots) == int(election.meta["num_votes"])
        assert len(election.projects) == int(election.meta["num_projects"])


def test_vote_kinds_are_read_with_points() -> None:
    cumulative = read_pabulib(fixture("Poland_Czestochowa_2024_Stare_Miasto.pb"))
    assert cumulative.vote_type == CUMULATIVE
    assert all(b.points is not None and len(b.points) == len(b.projects) for b in cumulative.ballots)
    scores = read_pabulib(fixture("UK_Decision_Day_scores.pb"))
    assert scores.vote_type == SCORING
    assert scores.scores() == [24, 21, 17, 12]
    ordinal = read_pabulib(fixture("Poland_Krakow_2018_Lagiewniki-Borek_Falecki.pb"))
    assert ordinal.vote_type == ORDINAL
    # A ranking of length k gives k, k-1, ..., 1 points: the file's score column agrees (checked on read).
    assert sum(ordinal.scores()) == sum(int(p.fields["score"]) for p in ordinal.projects)


def test_quoted_field_with_semicolon_and_empty_ballot() -> None:
    election = read_pabulib(SMALL)
    assert election.projects[1].name == "Beta; with a semicolon"
    assert election.ballots[3].projects == ()
    assert election.budget == 1000


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_endings(newline: str) -> None:
    election = read_pabulib(io.StringIO(SMALL.replace("\n", newline), newline=None))
    assert [p.id for p in election.projects] == ["a", "b", "c"]
    assert len(election.ballots) == 4


def test_bom_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bom.pb"
    path.write_bytes(("\ufeff" + SMALL).encode("utf-8"))
    assert read_pabulib(path).budget == 1000


def _problems(text: str) -> list[str]:
    with pytest.raises(PabulibError) as caught:
        read_pabulib(text)
    return [str(p) for p in caught.value.problems]


def test_duplicate_project_is_refused_with_both_lines() -> None:
    bad = SMALL.replace("c;400;1;Gamma;1", "a;400;1;Gamma;1")
    assert any("line 18: project 'a' repeated (first on line 16)" in p for p in _problems(bad))


def test_vote_for_unknown_project_names_line() -> None:
    bad = SMALL.replace("2;a\n", "2;a,zz\n")
    assert any(p.startswith("line 22:") and "unknown project(s) zz" in p for p in _problems(bad))


def test_project_twice_in_one_vote_is_refused() -> None:
    bad = SMALL.replace("2;a\n", "2;a,a\n")
    assert any("lists a project twice" in p for p in _problems(bad))


def test_meta_counts_must_match() -> None:
    problems = _problems(SMALL.replace("num_votes;4", "num_votes;5"))
    assert any("line 8: META num_votes is 5 but VOTES has 4 rows" in p for p in problems)


def test_votes_column_must_match_ballots() -> None:
    problems = _problems(SMALL.replace("a;600;3;Alpha;1", "a;600;7;Alpha;1"))
    assert any("votes column says 7 but 3 ballots chose it" in p for p in problems)


def test_bad_cost_budget_rule_and_vote_type() -> None:
    problems = _problems(
        SMALL.replace("a;600;3", "a;six hundred;3")
        .replace("budget;1000", "budget;-5")
        .replace("rule;greedy", "rule;greediest")
        .replace("vote_type;approval", "vote_type;plurality")
    )
    text = "\n".join(problems)
    assert "cost 'six hundred' is not a whole amount" in text
    assert "budget '-5' is not a positive amount" in text
    assert "unknown rule 'greediest'" in text
    assert "unknown vote_type 'plurality'" in text


def test_selected_projects_over_budget_are_refused() -> None:
    problems = _problems(SMALL.replace('b;500;2;"Beta; with a semicolon";0', "b;500;2;Beta;1"))
    assert any("the selected projects cost 1,500, more than the budget 1,000" in p for p in problems)


def test_sections_out_of_order_and_missing() -> None:
    head, _votes = SMALL.split("VOTES\n")
    problems = _problems(head)
    assert "section VOTES is missing" in problems


def test_points_must_match_projects() -> None:
    text = (
        SMALL.replace("vote_type;approval", "vote_type;cumulative")
        .replace("voter_id;vote\n", "voter_id;vote;points\n")
        .replace("1;a,b\n", "1;a,b;3\n")
        .replace("2;a\n", "2;a;1\n")
        .replace("3;a,b,c\n", "3;a,b,c;1,1,1\n")
        .replace("4;\n", "4;;\n")
        .replace("project_id;cost;votes;name;selected", "project_id;cost;name;selected")
        .replace(";3;Alpha", ";Alpha")
        .replace(';2;"Beta', ';"Beta')
        .replace(";1;Gamma", ";Gamma")
    )
    assert any("line 21: voter '1' has 2 projects but 1 points" in p for p in _problems(text))


def test_too_many_projects_for_max_length() -> None:
    text = SMALL.replace("date_end;2025\n", "date_end;2025\nmax_length;2\n")
    assert any("chose 3 projects; max_length is 2" in p for p in _problems(text))


def test_a_bad_file_is_refused_whole_but_can_be_read_leniently() -> None:
    bad = SMALL.replace("2;a\n", "2;a,a\n")
    with pytest.raises(PabulibError):
        read_pabulib(bad)
    election = read_pabulib(bad, strict=False)
    assert election.ballots[1].projects == ("a",)


def test_warnings_do_not_refuse() -> None:
    report = check_pabulib(
        SMALL.replace("num_votes;4", "num_votes;4").replace("budget;1000", "budget;1000.5")
    )
    assert report.ok
    assert any("fraction of a unit" in w.message for w in report.warnings)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.pb")))
def test_writer_round_trips(name: str) -> None:
    election = read_pabulib(fixture(name))
    text = format_pabulib(election)
    again = read_pabulib(text)
    assert again.meta == election.meta
    assert again.projects == election.projects
    assert [p.fields for p in again.projects] == [p.fields for p in election.projects]
    assert [tuple(b) for b in again.ballots] == [tuple(b) for b in election.ballots]
    assert format_pabulib(again) == text


def test_writer_sets_selected_column() -> None:
    election = read_pabulib(SMALL)
    again = read_pabulib(format_pabulib(election, selected=["a", "c"]), strict=False)
    assert [p.fields["selected"] for p in again.projects] == ["1", "0", "1"]
