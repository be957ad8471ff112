"""Hostile postcode files (other encodings, NUL bytes, formulas, huge fields, a million rows): refused with
the line and field, or imported safely; a refused file leaves the lookup exactly as it was."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from youdecide.areas.models import Area, PostcodeArea
from youdecide.areas.selectors import local_authority
from youdecide.areas.services import import_postcodes, import_wards
from youdecide.areas.ward_files import AreaDataError
from youdecide.audit.models import AuditEvent

CREWE_CENTRAL, CREWE_EAST = "E05008620", "E05008621"
LOADED = {"CW1 2BJ": "Crewe Central", "CW1 2DA": "Crewe East"}


@pytest.fixture
def loaded(db: None, tmp_path: Path) -> None:
    """Cheshire East's wards, and a lookup already holding two postcodes."""
    import_wards()
    assert local_authority("E06000049") is not None
    first = tmp_path / "first.csv"
    first.write_text(f"pcds,osward\nCW1 2BJ,{CREWE_CENTRAL}\nCW1 2DA,{CREWE_EAST}\n", encoding="utf-8")
    import_postcodes("officer", first)


def lookup() -> dict[str, str]:
    return dict(PostcodeArea.objects.values_list("postcode", "area__name"))


def refused(tmp_path: Path, content: bytes, name: str = "onspd.csv") -> list[str]:
    path = tmp_path / name
    path.write_bytes(content)
    audits = AuditEvent.objects.count()
    with pytest.raises(AreaDataError) as refusal:
        import_postcodes("officer", path, replace=True)
    assert lookup() == LOADED
    assert AuditEvent.objects.count() == audits
    return [str(problem) for problem in refusal.value.problems]


def test_a_utf16_file_is_refused_at_its_first_line(loaded: None, tmp_path: Path) -> None:
    content = f"pcds,osward\nCW1 3AB,{CREWE_CENTRAL}\n".encode("utf-16")
    assert refused(tmp_path, content) == ["onspd.csv, line 1: the file is not UTF-8 text"]


def test_a_latin1_byte_deep_in_the_file_refuses_the_whole_file(loaded: None, tmp_path: Path) -> None:
    good = "".join(f"CW1 3A{letter},{CREWE_CENTRAL}\n" for letter in "BDEFGH")
    content = b"pcds,osward\n" + good.encode() + f"CW1 4AB,{CREWE_EAST}\n".encode() + b"CW1 4AD,Cr\xe9we\n"
    assert refused(tmp_path, content) == ["onspd.csv, line 9: the file is not UTF-8 text"]


def test_a_utf8_byte_order_mark_is_read_as_text(loaded: None, tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfpcds,osward\r\n" + f"CW1 3AB,{CREWE_CENTRAL}\r\n".encode())

    summary = import_postcodes("officer", path)

    assert (summary.created, summary.unchanged) == (1, 0)
    assert lookup() == {**LOADED, "CW1 3AB": "Crewe Central"}


def test_a_nul_byte_is_refused_with_its_line(loaded: None, tmp_path: Path) -> None:
    content = f"pcds,osward\nCW1 3AB,{CREWE_CENTRAL}\x00\nCW1 2BJ,{CREWE_EAST}\nCW1\x003AD,{CREWE_EAST}\n"
    assert refused(tmp_path, content.encode()) == [
        "onspd.csv, line 2: the line holds a NUL byte: the file is not plain text",
        "onspd.csv, line 4: the line holds a NUL byte: the file is not plain text",
    ]


def test_spreadsheet_formulas_are_refused_as_postcodes_and_echoed_short(loaded: None, tmp_path: Path) -> None:
    content = (
        'pcds,osward\n"=HYPERLINK(""http://evil.example/"",""click"")",'
        f"{CREWE_CENTRAL}\n@SUM(A1:A9),{CREWE_CENTRAL}\n-CW1 3AB,{CREWE_CENTRAL}\n"
    )
    assert refused(tmp_path, content.encode()) == [
        'onspd.csv, line 2, pcds: “=HYPERLINK("http://e…” is not a UK postcode: '
        "it should look like CW1 2BJ or SK10 1AA.",
        "onspd.csv, line 3, pcds: “@SUM(A1:A9)” is not a UK postcode: "
        "it should look like CW1 2BJ or SK10 1AA.",
        "onspd.csv, line 4, pcds: “-CW1 3AB” is not a UK postcode: it should look like CW1 2BJ or SK10 1AA.",
    ]


def test_a_huge_field_and_an_unclosed_quote_are_refused_with_their_lines(
    loaded: None, tmp_path: Path
) -> None:
    huge = b'pcds,osward\nCW1 3AB,E05008620\n"' + b"A" * 200_000 + b'",E05008620\n'
    assert refused(tmp_path, huge) == [
        "onspd.csv, line 3: this is not a readable CSV line (field larger than field limit (131072))"
    ]
    unclosed = f'pcds,osward\n"CW1 3AB,{CREWE_CENTRAL}\nCW1 3AD,{CREWE_EAST}\n'.encode()
    assert refused(tmp_path, unclosed) == ["onspd.csv, line 3: 1 values where the header has 2 columns"]


def test_a_postcode_given_to_two_wards_and_an_unknown_ward_alone_are_refused(
    loaded: None, tmp_path: Path
) -> None:
    twice = f"pcds,osward\nCW1 3AB,{CREWE_CENTRAL}\ncw13ab,{CREWE_EAST}\n".encode()
    assert refused(tmp_path, twice) == [
        "onspd.csv, line 3, pcds: CW1 3AB is in ward E05008621 here but in ward E05008620 on line 2"
    ]
    unknown = refused(tmp_path, b"pcds,osward\nCW1 3AB,E05999999\n")
    assert unknown[-1] == "onspd.csv, line 2, osward: ward E05999999 is not one of our wards"


def test_a_file_wrong_on_every_line_lists_a_thousand_problems_and_counts_the_rest(
    loaded: None, tmp_path: Path
) -> None:
    path = tmp_path / "wrong.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("pcds,osward\n")
        out.writelines(f"X{n},{CREWE_CENTRAL}\n" for n in range(200_000))
    started = time.perf_counter()

    with pytest.raises(AreaDataError) as refusal:
        import_postcodes("officer", path)

    assert time.perf_counter() - started < 20
    problems = [str(problem) for problem in refusal.value.problems]
    assert len(problems) == 1001
    assert problems[0].startswith("wrong.csv, line 2, pcds: “X0” is not a UK postcode")
    assert problems[-1] == "wrong.csv: and 199,000 more problems, not listed"
    assert lookup() == LOADED


def test_a_million_rows_of_other_councils_import_only_ours(loaded: None, tmp_path: Path) -> None:
    path = tmp_path / "uk.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("pcds,osward\n")
        out.writelines(
            f"W1{chr(65 + n // 26000 % 26)} {n % 10}{chr(65 + n // 10 % 26)}{chr(65 + n % 26)},E05000650\n"
            for n in range(1_000_000)
        )
        out.write(f"CW1 3AB,{CREWE_CENTRAL}\n")

    summary = import_postcodes("officer", path)

    assert (summary.created, summary.other_councils) == (1, 1_000_000)
    assert lookup() == {**LOADED, "CW1 3AB": "Crewe Central"}
    assert Area.objects.filter(code=CREWE_CENTRAL).exists()
