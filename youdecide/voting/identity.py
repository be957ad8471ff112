"""Who a voter is, as far as voting needs: a keyed hash of name, date of birth and postcode, an age band."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

from youdecide.voting.tokens import keyed_digest

AGE_BANDS: list[tuple[int, int | None]] = [
    (0, 10),
    (11, 15),
    (16, 17),
    (18, 24),
    (25, 34),
    (35, 44),
    (45, 54),
    (55, 64),
    (65, 74),
    (75, None),
]


@dataclass(frozen=True)
class VoterDetails:
    """What a resident states to vote. Never stored as it is: only its hash and age band are kept."""

    full_name: str
    date_of_birth: date
    postcode: str
    connection: str
    member_of: frozenset[int] = field(default_factory=frozenset)


def normalise_name(name: str) -> str:
    """'  Siân  O'Brien-Jones ' and 'sian obrien jones' are the same person's name."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    kept = "".join(ch if ch.isalnum() else (" " if ch.isspace() else "") for ch in letters.casefold())
    return " ".join(kept.split())


def person_key(details: VoterDetails) -> str:
    """The same person gives the same key on every channel; the key reveals nothing without the server key."""
    joined = "|".join(
        [
            normalise_name(details.full_name),
            details.date_of_birth.isoformat(),
            details.postcode.replace(" ", ""),
        ]
    )
    return keyed_digest("person", joined)


def age_on(date_of_birth: date, day: date) -> int:
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def age_band(age: int) -> str:
    for low, high in AGE_BANDS:
        if high is None or age <= high:
            return f"{low}+" if high is None else f"{low}-{high}"
    raise AssertionError("unreachable: the last band has no upper end")


@dataclass(frozen=True)
class Voter:
    """A resident let in to vote in one programme area, by a code, an emailed link or an officer."""

    programme_id: int
    area_id: int
    person_key: str
    age_band: str
    connection: str
    way_in: str  # "code", "link" or "in_person"
    way_in_id: int | None = None
    member_of: frozenset[int] = field(default_factory=frozenset)
