"""The postcode → ward lookup from the ONS Postcode Directory's CSV layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests import factories
from youdecide.areas.models import AreaKind, PostcodeArea
from youdecide.areas.postcodes import InvalidPostcode, normalise_postcode
from youdecide.areas.selectors import area_for_postcode, postcode_lookup_loaded
from youdecide.areas.services import import_postcodes
from youdecide.areas.ward_files import AreaDataError
from youdecide.audit.models import AuditEvent

SAMPLE = Path(__file__).parent / "fixtures" / "onspd_cheshire_east_sample.csv"
WARDS = {
    "E05008620": "Crewe Central",
    "E05008621": "Crewe East",
    "E05008622": "Crewe North",
    "E05008634": "Macclesfield Central",
    "E05008637": "Macclesfield South",
}


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("cw1 2bj", "CW1 2BJ"),
        (" CW12BJ ", "CW1 2BJ"),
        ("Cw1  2Bj", "CW1 2BJ"),
        ("sk101aa", "SK10 1AA"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("W1A0AX", "W1A 0AX"),
        ("gir 0aa", "GIR 0AA"),
    ],
)
def test_postcodes_are_normalised(typed: str, canonical: str) -> None:
    assert normalise_postcode(typed) == canonical


@pytest.mark.parametrize("typed", ["", "CW1", "12345", "CW1 2B", "CWW1 2BJ", "CW1 2BJX", "C 2BJ"])
def test_non_postcodes_are_refused(typed: str) -> None:
    with pytest.raises(InvalidPostcode, match="is not a UK postcode"):
        normalise_postcode(typed)


@pytest.fixture
def wards(db: None) -> None:
    for code, name in WARDS.items():
        factories.AreaFactory.create(code=code, name=name, kind=AreaKind.WARD)


def test_import_stores_live_postcodes_of_our_wards(wards: None) -> None:
    assert not postcode_lookup_loaded()
    summary = import_postcodes("officer", SAMPLE)
    assert (summary.stored, summary.other_councils, summary.wards) == (5, 1, 5)
    assert postcode_lookup_loaded()
    found = area_for_postcode("sk10 1aa")
    assert found is not None and found.name == "Macclesfield Central"
    assert area_for_postcode("CW1 9ZZ") is None  # terminated in 2004
    assert area_for_postcode("CH1 1AA") is None  # Cheshire West and Chester
    assert area_for_postcode("nonsense") is None
    event = AuditEvent.objects.get(action="areas.postcodes_imported")
    assert event.data["postcodes"] == 5
    again = import_postcodes("officer", SAMPLE)  # idempotent
    assert again.stored == 5 and PostcodeArea.objects.count() == 5


def test_a_bad_file_stores_nothing_and_says_where(wards: None, tmp_path: Path) -> None:
    bad = tmp_path / "onspd.csv"
    bad.write_text(
        "pcds,doterm,osward\nCW1 2BJ,,E05008620\nCW1 XYZ,,E05008620\nCW1 2DA,,\nCW1 2BJ,,E05008621\n",
        encoding="utf-8",
    )
    with pytest.raises(AreaDataError) as caught:
        import_postcodes("officer", bad)
    assert [str(p) for p in caught.value.problems] == [
        "onspd.csv, line 3, pcds: “CW1 XYZ” is not a UK postcode: it should look like CW1 2BJ or SK10 1AA.",
        "onspd.csv, line 4, osward: the ward code is empty",
        "onspd.csv, line 5: CW1 2BJ is in ward E05008620 on line 2 and in E05008621 here",
    ]
    assert PostcodeArea.objects.count() == 0


def test_headers_and_foreign_files_are_refused(wards: None, tmp_path: Path) -> None:
    no_ward = tmp_path / "a.csv"
    no_ward.write_text("pcds,laua\nCW1 2BJ,E06000049\n", encoding="utf-8")
    with pytest.raises(AreaDataError) as caught:
        import_postcodes("officer", no_ward)
    assert str(caught.value.problems[0]) == "a.csv, line 1: the header has no a ward column (osward)"
    elsewhere = tmp_path / "b.csv"
    elsewhere.write_text("pcds,osward\nCH1 1AA,E05012176\n", encoding="utf-8")
    with pytest.raises(AreaDataError) as caught:
        import_postcodes("officer", elsewhere)
    assert str(caught.value.problems[0]) == "b.csv: no row is for a ward we hold: import the wards first"


def test_the_command(wards: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("import_postcodes", str(SAMPLE))
    assert (
        "5 postcodes in 5 wards stored; 1 rows for other councils' wards skipped." in capsys.readouterr().out
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("pcds,osward\nXX,E05008620\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_postcodes", str(bad))
    assert "bad.csv, line 2, pcds" in capsys.readouterr().err
    assert PostcodeArea.objects.count() == 5
