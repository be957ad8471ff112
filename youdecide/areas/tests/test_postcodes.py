"""The postcode → ward lookup, loaded from the ONS Postcode Directory's CSV layout."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from youdecide.areas.models import Area, PostcodeArea
from youdecide.areas.postcodes import (
    DirectoryReport,
    InvalidPostcode,
    PostcodeRow,
    normalise_postcode,
    parse_postcode_directory,
)
from youdecide.areas.selectors import area_for_postcode, local_authority, postcode_lookup_loaded
from youdecide.areas.services import import_postcodes, import_wards
from youdecide.areas.ward_files import AreaDataError
from youdecide.audit.models import AuditEvent

SAMPLE = Path(__file__).parent / "fixtures" / "onspd_cheshire_east_sample.csv"
# What the sample file places where: its live rows for Cheshire East's wards.
SAMPLE_LOOKUP = {
    "CW1 2BJ": "Crewe Central",
    "CW1 2DA": "Crewe East",
    "CW1 3AB": "Crewe North",
    "SK10 1EA": "Macclesfield Central",
    "SK11 6AB": "Macclesfield South",
}
CREWE_CENTRAL, CREWE_EAST, MACCLESFIELD_CENTRAL = "E05008620", "E05008621", "E05008634"
WESTMINSTER_WEST_END = "E05000650"


def lookup() -> dict[str, str]:
    """What the database holds: postcode → ward name."""
    return dict(PostcodeArea.objects.values_list("postcode", "area__name"))


def problems_of(path: Path) -> list[str]:
    with pytest.raises(AreaDataError) as refused:
        import_postcodes("officer", path)
    return [str(problem) for problem in refused.value.problems]


def write(tmp_path: Path, text: str, name: str = "onspd.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def cheshire_east(db: None) -> Area:
    """The packaged Cheshire East wards, as `youdecide import-areas` loads them."""
    import_wards()
    authority = local_authority("E06000049")
    assert authority is not None
    return authority


# --- the canonical form --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("cw1 2bj", "CW1 2BJ"),
        (" CW12BJ ", "CW1 2BJ"),
        ("Cw1  2Bj", "CW1 2BJ"),
        ("CW1\t2BJ\n", "CW1 2BJ"),
        ("cw1\u00a02bj", "CW1 2BJ"),
        ("sk101ea", "SK10 1EA"),
        ("SK10 1EA", "SK10 1EA"),
        ("M1 1AE", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("W1A0AX", "W1A 0AX"),
        ("gir 0aa", "GIR 0AA"),
    ],
)
def test_postcodes_are_put_in_the_canonical_form(typed: str, canonical: str) -> None:
    assert normalise_postcode(typed) == canonical


@pytest.mark.parametrize(
    "typed",
    ["CW1", "12345", "CW1 2B", "CWW1 2BJ", "CW1 2BJX", "C 2BJ", "1W1 2BJ", "CW1 BJ2", "CW1-2BJ", "GIR 0AB"],
)
def test_text_that_is_not_a_postcode_is_refused_with_what_was_typed(typed: str) -> None:
    with pytest.raises(InvalidPostcode) as refused:
        normalise_postcode(typed)
    assert str(refused.value) == (f"“{typed}” is not a UK postcode: it should look like CW1 2BJ or SK10 1AA.")


def test_an_empty_postcode_and_a_very_long_one_get_a_clear_message() -> None:
    with pytest.raises(InvalidPostcode, match="No postcode was given"):
        normalise_postcode("   ")
    with pytest.raises(InvalidPostcode) as refused:
        normalise_postcode("x" * 500)
    assert str(refused.value).startswith(f"“{'x' * 20}…” is not a UK postcode")


# --- reading the ONS layout (no database) ---------------------------------------------------------------


def test_the_sample_is_read_as_live_rows_with_their_line_numbers() -> None:
    report = DirectoryReport()
    rows = list(parse_postcode_directory(SAMPLE, report))
    assert rows == [
        PostcodeRow(2, "CW1 2BJ", CREWE_CENTRAL),
        PostcodeRow(3, "CW1 2DA", CREWE_EAST),
        PostcodeRow(4, "CW1 3AB", "E05008622"),
        PostcodeRow(6, "SK10 1EA", MACCLESFIELD_CENTRAL),
        PostcodeRow(7, "SK11 6AB", "E05008637"),
        PostcodeRow(8, "W1B 1AA", WESTMINSTER_WEST_END),
    ]
    assert (report.file, report.postcode_column, report.ward_column) == (SAMPLE.name, "pcds", "osward")
    assert report.terminated == 1 and report.problems == []


def test_rows_of_other_wards_are_counted_not_yielded() -> None:
    report = DirectoryReport()
    rows = list(parse_postcode_directory(SAMPLE, report, ward_codes={CREWE_CENTRAL, MACCLESFIELD_CENTRAL}))
    assert [row.postcode for row in rows] == ["CW1 2BJ", "SK10 1EA"]
    assert report.other_wards == 4
    assert report.other_ward_lines[WESTMINSTER_WEST_END] == 8


@pytest.mark.parametrize(
    ("header", "row"),
    [
        ("PCD,OSWARD", "CW1 2BJ,E05008620"),
        ("pcd2,wd24cd", "CW1  2BJ,E05008620"),
        ("Postcode,Ward_Code", "cw12bj,E05008620"),
        ("\ufeffpcds,ward,doterm", "CW1 2BJ,E05008620,"),
        ("pcd,pcds,wd22cd,osward", "CW1 2BJ,CW1 2BJ,E05000000,E05008620"),
    ],
)
def test_the_ons_column_names_are_recognised(header: str, row: str) -> None:
    rows = list(parse_postcode_directory(StringIO(f"{header}\n{row}\n")))
    assert rows == [PostcodeRow(2, "CW1 2BJ", CREWE_CENTRAL)]


def test_a_binary_upload_is_read_and_left_open() -> None:
    upload = io.BytesIO(SAMPLE.read_bytes())
    rows = list(parse_postcode_directory(upload))
    assert len(rows) == 6 and not upload.closed


def test_without_a_report_every_problem_is_raised_once_the_file_is_read() -> None:
    source = StringIO("pcds,osward\nCW1 2BJ,E05008620\nnot a postcode,E05008620\nCW1 2DA,\n")
    with pytest.raises(AreaDataError) as refused:
        list(parse_postcode_directory(source))
    assert [str(problem) for problem in refused.value.problems] == [
        "the postcode file, line 3, pcds: “not a postcode” is not a UK postcode: it should look like "
        "CW1 2BJ or SK10 1AA.",
        "the postcode file, line 4, osward: the ward code is empty",
    ]


# --- importing -----------------------------------------------------------------------------------------


def test_the_import_stores_the_live_postcodes_of_our_wards(cheshire_east: Area) -> None:
    summary = import_postcodes("officer", SAMPLE)

    assert lookup() == SAMPLE_LOOKUP
    assert (summary.stored, summary.wards, summary.created, summary.updated, summary.unchanged) == (
        5,
        5,
        5,
        0,
        0,
    )
    assert (summary.other_councils, summary.terminated, summary.removed) == (1, 1, 0)
    event = AuditEvent.objects.get(action="areas.postcodes_imported")
    assert (event.object_type, event.object_id, event.actor_label) == (
        "areas.area",
        str(cheshire_east.pk),
        "officer",
    )
    assert event.data["postcodes"] == 5 and event.data["other_councils"] == 1
    assert event.data["terminated"] == 1


def test_a_resident_is_placed_in_their_ward_by_postcode(cheshire_east: Area) -> None:
    assert not postcode_lookup_loaded()
    assert area_for_postcode("CW1 2BJ") is None

    import_postcodes("officer", SAMPLE)

    assert postcode_lookup_loaded()
    for typed in ["cw1 2bj", " CW12BJ ", "Cw1  2Bj"]:
        ward = area_for_postcode(typed)
        assert ward is not None and (ward.code, ward.name) == (CREWE_CENTRAL, "Crewe Central")
    macclesfield = area_for_postcode("sk101ea")
    assert macclesfield is not None and macclesfield.name == "Macclesfield Central"
    assert macclesfield.parent is not None and macclesfield.parent.parent == cheshire_east
    assert area_for_postcode("CW1 9ZZ") is None  # terminated in December 2004
    assert area_for_postcode("W1B 1AA") is None  # Westminster's West End ward
    assert area_for_postcode("CW9 9ZZ") is None  # not in the file
    assert area_for_postcode("not a postcode") is None


def test_importing_the_same_file_again_changes_nothing(cheshire_east: Area) -> None:
    import_postcodes("officer", SAMPLE)
    ids = dict(PostcodeArea.objects.values_list("postcode", "pk"))

    again = import_postcodes("officer", SAMPLE)

    assert (again.stored, again.created, again.updated, again.unchanged) == (5, 0, 0, 5)
    assert dict(PostcodeArea.objects.values_list("postcode", "pk")) == ids
    assert lookup() == SAMPLE_LOOKUP
    assert AuditEvent.objects.filter(action="areas.postcodes_imported").count() == 1


def test_a_new_edition_moves_postcodes_and_replace_removes_the_ones_it_lacks(
    cheshire_east: Area, tmp_path: Path
) -> None:
    import_postcodes("officer", SAMPLE)
    edition = write(
        tmp_path,
        "pcd,pcds,doterm,osward\n"
        "CW1 2BJ,CW1 2BJ,,E05008621\n"  # moved from Crewe Central to Crewe East
        "CW1 2DA,CW1 2DA,,E05008621\n"
        "CW1 5XY,CW1 5XY,,E05008620\n",  # new
    )

    kept = import_postcodes("officer", edition)

    assert (kept.created, kept.updated, kept.unchanged, kept.removed) == (1, 1, 1, 0)
    assert lookup() == {**SAMPLE_LOOKUP, "CW1 2BJ": "Crewe East", "CW1 5XY": "Crewe Central"}

    replaced = import_postcodes("officer", edition, replace=True)

    assert (replaced.created, replaced.updated, replaced.unchanged, replaced.removed) == (0, 0, 3, 3)
    assert lookup() == {"CW1 2BJ": "Crewe East", "CW1 2DA": "Crewe East", "CW1 5XY": "Crewe Central"}
    events = AuditEvent.objects.filter(action="areas.postcodes_imported").order_by("sequence")
    assert [(event.data["updated"], event.data["removed"]) for event in events] == [(0, 0), (1, 0), (0, 3)]


def test_a_bad_file_names_each_line_and_field_and_stores_nothing(cheshire_east: Area, tmp_path: Path) -> None:
    bad = write(
        tmp_path,
        "pcd,pcds,doterm,osward\n"
        "CW1 2BJ,CW1 2BJ,,E05008620\n"  # good
        "CW1 XYZ,CW1 XYZ,,E05008620\n"
        "CW1 2DA,CW1 2DA,,\n"
        "SK10 1EA,SK10 1EA,,E05008634\n"  # good
        "CW12BJ,CW1 2BJ,,E05008621\n"
        ",,,E05008620\n"
        "CW1 3AB,CW1 3AB,E05008622\n"
        "ZZ9 9ZZ,ZZ9 9ZZ,200101,\n",  # terminated: not checked
    )

    assert problems_of(bad) == [
        "onspd.csv, line 3, pcds: “CW1 XYZ” is not a UK postcode: it should look like CW1 2BJ or SK10 1AA.",
        "onspd.csv, line 4, osward: the ward code is empty",
        "onspd.csv, line 6, pcds: CW1 2BJ is in ward E05008621 here but in ward E05008620 on line 2",
        "onspd.csv, line 7, pcds: the postcode is empty",
        "onspd.csv, line 8: 3 values where the header has 4 columns",
    ]
    assert PostcodeArea.objects.count() == 0
    assert not AuditEvent.objects.filter(action="areas.postcodes_imported").exists()


def test_a_bad_file_leaves_the_lookup_already_loaded_as_it_was(cheshire_east: Area, tmp_path: Path) -> None:
    import_postcodes("officer", SAMPLE)
    bad = write(tmp_path, "pcds,osward\nCW1 2BJ,E05008621\nCW1 2DA,E05008620\nCW1,E05008620\n")

    assert problems_of(bad) == [
        "onspd.csv, line 4, pcds: “CW1” is not a UK postcode: it should look like CW1 2BJ or SK10 1AA."
    ]
    with pytest.raises(AreaDataError):
        import_postcodes("officer", bad, replace=True)
    assert lookup() == SAMPLE_LOOKUP


def test_a_header_without_the_ons_columns_is_refused(cheshire_east: Area, tmp_path: Path) -> None:
    assert problems_of(write(tmp_path, "postcode_district,laua\nCW1,E06000049\n", "a.csv")) == [
        "a.csv, line 1: the header has no postcode column: it needs one of pcds, pcd, pcd2, postcode",
        "a.csv, line 1: the header has no ward column: it needs one of osward, wd25cd, wd24cd, wd23cd, "
        "wd22cd, wd21cd, ward_code, ward",
    ]
    assert problems_of(write(tmp_path, "", "empty.csv")) == [
        "empty.csv, line 1: the file is empty: it needs a header line"
    ]
    assert problems_of(write(tmp_path, "pcds,osward\n", "header-only.csv")) == [
        "header-only.csv: the file has no live postcode rows"
    ]
    assert PostcodeArea.objects.count() == 0


def test_files_that_cannot_be_read_are_refused(cheshire_east: Area, tmp_path: Path) -> None:
    assert problems_of(tmp_path / "missing.csv") == ["missing.csv: the file does not exist"]
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes(
        "pcds,osward,parish\nCW1 2BJ,E05008620,\nCW1 2DA,E05008621,Bárthomley\n".encode("latin-1")
    )
    assert problems_of(latin1) == ["latin1.csv, line 3: the file is not UTF-8 text"]
    assert PostcodeArea.objects.count() == 0


def test_other_councils_rows_are_skipped_when_some_rows_are_ours(cheshire_east: Area, tmp_path: Path) -> None:
    mixed = write(
        tmp_path,
        "pcds,osward\nCH1 1AA,E05012176\nW1B 1AA,E05000650\nCW1 2BJ,E05008620\nW1B 1AB,E05000650\n",
    )

    summary = import_postcodes("officer", mixed)

    assert (summary.stored, summary.other_councils) == (1, 3)
    assert lookup() == {"CW1 2BJ": "Crewe Central"}


def test_a_file_with_not_one_of_our_wards_is_refused_naming_each_unknown_ward(
    cheshire_east: Area, tmp_path: Path
) -> None:
    elsewhere = write(
        tmp_path,
        "pcds,osward\nW1B 1AA,E05000650\nCH1 1AA,E05012176\nW1B 1AB,E05000650\n",
        "westminster.csv",
    )

    assert problems_of(elsewhere) == [
        "westminster.csv: not one row is for a ward we hold: import the wards first (youdecide "
        "import-areas), or check that this file's ward codes are those of our wards",
        "westminster.csv, line 2, osward: ward E05000650 is not one of our wards",
        "westminster.csv, line 3, osward: ward E05012176 is not one of our wards",
    ]
    assert PostcodeArea.objects.count() == 0


def test_before_the_wards_are_imported_the_postcodes_are_refused(db: None) -> None:
    problems = problems_of(SAMPLE)

    assert problems[0].startswith(f"{SAMPLE.name}: not one row is for a ward we hold: import the wards first")
    assert f"{SAMPLE.name}, line 2, osward: ward E05008620 is not one of our wards" in problems
    assert len(problems) == 1 + 6  # the six ward codes of the live rows
    assert PostcodeArea.objects.count() == 0


# --- the command -----------------------------------------------------------------------------------------


def test_the_command_prints_the_counts(cheshire_east: Area) -> None:
    out = StringIO()
    call_command("import_postcodes", str(SAMPLE), stdout=out)

    lines = [" ".join(line.split()) for line in out.getvalue().splitlines()]
    assert lines == [
        f"Imported {SAMPLE.name}:",
        "postcodes in our wards: 5",
        "wards with postcodes: 5",
        "new: 5",
        "moved to another ward: 0",
        "already up to date: 0",
        "removed, not in the file: 0",
        "skipped, in other councils' wards: 1",
        "skipped, terminated postcodes: 1",
    ]
    assert lookup() == SAMPLE_LOOKUP


def test_the_command_lists_every_problem_and_fails(cheshire_east: Area, tmp_path: Path) -> None:
    bad = write(tmp_path, "pcds,osward\nXX,E05008620\nCW1 2BJ,E05008620\nCW1 2DA,\n", "bad.csv")
    err = StringIO()

    with pytest.raises(CommandError) as failed:
        call_command("import_postcodes", str(bad), stdout=StringIO(), stderr=err)

    assert failed.value.returncode != 0
    assert str(failed.value) == "Nothing was imported: 2 problems in bad.csv."
    assert err.getvalue().splitlines() == [
        "bad.csv, line 2, pcds: “XX” is not a UK postcode: it should look like CW1 2BJ or SK10 1AA.",
        "bad.csv, line 4, osward: the ward code is empty",
    ]
    assert PostcodeArea.objects.count() == 0


def test_youdecide_import_postcodes_exits_non_zero_on_a_bad_file(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "SECRET_KEY": "import-postcodes-test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "DEBUG": "false",
    }
    bad = write(tmp_path, "pcds,doterm,osward\nCW1 2BJ,,E05008620\nCW1 2B,,E05008620\n", "bad.csv")

    def youdecide(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - runs this project's own command line
            [sys.executable, "-m", "youdecide.cli", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )

    assert youdecide("migrate", "-v", "0").returncode == 0
    assert youdecide("import-areas").returncode == 0
    finished = youdecide("import-postcodes", str(bad))

    assert finished.returncode == 1
    assert "bad.csv, line 3, pcds: “CW1 2B” is not a UK postcode" in finished.stderr
    assert "Nothing was imported: 1 problem in bad.csv." in finished.stderr
    loaded = youdecide("import-postcodes", str(SAMPLE))
    assert loaded.returncode == 0
    assert "skipped, terminated postcodes:" in loaded.stdout
