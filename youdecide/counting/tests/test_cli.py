"""``youdecide count`` / ``youdecide check`` and ``python -m youdecide.counting``."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from youdecide.counting.cli import main
from youdecide.counting.tests.conftest import fixture


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_count_json_has_the_documented_shape() -> None:
    code, out, _ = _run("count", str(fixture("Netherlands_Assen_2024.pb")), "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"rule", "budget", "spent", "selected", "projects", "ties"}
    assert data["rule"] == "equalshares/add1"
    assert data["selected"] == ["3", "9", "2", "11", "13", "14", "5", "6", "12"]
    assert data["projects"]["8"]["selected"] is False
    assert data["projects"]["3"]["explanation"].startswith("funded 1st by equal shares")
    assert data["spent"] <= data["budget"]


def test_count_with_rule_and_tie_break() -> None:
    code, out, _ = _run(
        "count",
        str(fixture("Netherlands_Assen_2024.pb")),
        "--rule",
        "greedy",
        "--tie-break",
        "id-order",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["rule"] == "greedy"
    assert data["ties"][0]["how"] == "id-order"


def test_count_prints_a_readable_report() -> None:
    code, out, _ = _run("count", str(fixture("UK_Decision_Day_scores.pb")))
    assert code == 0
    assert "Budget: £10,000   spent: £10,000" in out
    assert "lights: 3rd by points (17); £1,000 left, costs £3,000" in out


def test_bad_file_exits_non_zero_with_line_numbers(tmp_path: Path) -> None:
    text = (
        fixture("Netherlands_Assen_2024.pb")
        .read_text(encoding="utf-8")
        .replace("num_votes;84", "num_votes;85")
    )
    bad = tmp_path / "bad.pb"
    bad.write_text(text, encoding="utf-8")
    code, _, err = _run("count", str(bad))
    assert code == 1
    assert "line 8: META num_votes is 85 but VOTES has 84 rows" in err
    code, _, err = _run("check", str(bad))
    assert code == 1 and "refused" in err


def test_check_valid_file() -> None:
    code, out, _ = _run("check", str(fixture("Poland_Warszawa_2018_Sadul.pb")))
    assert code == 0 and "valid" in out


def test_rule_that_cannot_take_the_ballot_kind_is_refused() -> None:
    code, _, err = _run(
        "count", str(fixture("Poland_Czestochowa_2024_Stare_Miasto.pb")), "--rule", "phragmen"
    )
    assert code == 1
    assert "phragmen cannot count cumulative ballots" in err


def test_file_without_a_rule_asks_for_one() -> None:
    code, _, err = _run("count", str(fixture("US_Seattle_2019_District_6_rankings.pb")))
    assert code == 1 and "--rule" in err


def test_missing_file_and_bad_arguments() -> None:
    assert _run("count", "/nonexistent.pb")[0] == 1
    assert _run("count")[0] == 2
    assert _run("frobnicate")[0] == 2


def test_python_dash_m_works() -> None:
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [
            sys.executable,
            "-m",
            "youdecide.counting",
            "count",
            str(fixture("Poland_Warszawa_2018_Sadul.pb")),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rule"] == "greedy-threshold"
