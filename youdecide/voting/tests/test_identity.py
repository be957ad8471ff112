"""One person gives one key, however they type their details; the key is not their details."""

from __future__ import annotations

from datetime import date

import pytest

from youdecide.voting import tokens
from youdecide.voting.identity import VoterDetails, age_band, age_on, normalise_name, person_key


def test_the_same_person_typed_differently_has_one_key() -> None:
    one = VoterDetails("Siân O'Brien-Jones", date(1980, 5, 17), "CW1 2BJ", "lives")
    two = VoterDetails("  sian  obrienjones ", date(1980, 5, 17), "CW1 2BJ", "works")
    assert normalise_name(one.full_name) == "sian obrienjones"
    assert person_key(one) == person_key(two)
    assert "sian" not in person_key(one)
    assert person_key(one) != person_key(
        VoterDetails("Sian O'Brien-Jones", date(1980, 5, 18), "CW1 2BJ", "lives")
    )


def test_the_key_depends_on_the_server_key(settings: pytest.FixtureRequest) -> None:
    details = VoterDetails("Sam Jones", date(1990, 1, 1), "SK11 6AA", "lives")
    before = person_key(details)
    settings.VOTER_KEY = "another-council-key"  # type: ignore[attr-defined]
    assert person_key(details) != before


@pytest.mark.parametrize(
    ("born", "day", "age", "band"),
    [
        (date(2010, 6, 1), date(2026, 5, 31), 15, "11-15"),
        (date(2010, 6, 1), date(2026, 6, 1), 16, "16-17"),
        (date(1950, 2, 28), date(2026, 11, 22), 76, "75+"),
        (date(2020, 1, 1), date(2026, 1, 1), 6, "0-10"),
    ],
)
def test_age_and_band(born: date, day: date, age: int, band: str) -> None:
    assert age_on(born, day) == age
    assert age_band(age) == band


def test_codes_are_forgiving_and_long_enough() -> None:
    code = tokens.new_code()
    assert len(code) * 5 >= 40
    assert tokens.normalise(tokens.grouped(code).lower(), tokens.CODE_LENGTH) == code
    assert tokens.normalise("ABCD-EFGH-JKMO", tokens.CODE_LENGTH) == "ABCDEFGHJKM0"
    assert tokens.normalise("ABCD-EFGH-JKM", tokens.CODE_LENGTH) is None
    assert tokens.normalise("ABCD-EFGH-JKM!", tokens.CODE_LENGTH) is None
    assert len({tokens.new_code() for _ in range(2000)}) == 2000
    assert len(tokens.public_id_for(tokens.new_receipt())) == 16
