"""The API's voter details check (CheckedDetails) accepts, cleans and refuses exactly as the voting page's
form does, while sharing its fields between requests."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.factories import CommunityGroupFactory
from youdecide.api.responses import form_messages
from youdecide.voting.forms import CheckedDetails, VoterDetailsForm

pytestmark = pytest.mark.django_db

VALID = {
    "full_name": "Ada Resident",
    "date_of_birth": "17/05/1980",
    "postcode": "cw12bj",
    "connection": "lives",
}


def both(data: dict[str, Any], groups: list[Any]) -> tuple[VoterDetailsForm, CheckedDetails]:
    return VoterDetailsForm(data=data, groups=groups), CheckedDetails(data, groups)


def test_valid_details_clean_the_same() -> None:
    walkers, gardeners = (
        CommunityGroupFactory.create(name="Walkers"),
        CommunityGroupFactory.create(name="Gardeners"),
    )
    page, checked = both({**VALID, "member_of": [str(walkers.pk)]}, [walkers, gardeners])

    assert page.is_valid() and checked.is_valid()
    assert checked.details() == page.details()
    details = checked.details()
    assert (details.postcode, details.date_of_birth, details.member_of) == (
        "CW1 2BJ",
        date(1980, 5, 17),
        frozenset({walkers.pk}),
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"postcode": "not a postcode"}, "postcode"),
        ({"full_name": ""}, "full_name"),
        ({"date_of_birth": "31/02/1980"}, "date_of_birth"),
        ({"connection": "visits"}, "connection"),
        ({"member_of": ["999999"]}, "member_of"),
    ],
)
def test_bad_details_are_refused_with_the_same_messages(change: dict[str, Any], field: str) -> None:
    group = CommunityGroupFactory.create(name="Walkers")
    page, checked = both({**VALID, **change}, [group])

    assert not page.is_valid() and not checked.is_valid()
    assert list(checked.errors) == [field]
    assert form_messages(checked) == form_messages(page)


def test_a_refusal_leaves_the_shared_fields_as_they_were() -> None:
    group = CommunityGroupFactory.create(name="Walkers")
    refused = CheckedDetails({**VALID, "postcode": "nowhere"}, [group])
    assert not refused.is_valid()

    accepted = CheckedDetails(VALID, [group])
    assert accepted.fields is refused.fields  # made once for these groups, not copied per request
    assert accepted.is_valid(), accepted.errors
    assert all("aria-describedby" not in field.widget.attrs for field in accepted.fields.values())
    # The page's form, rendered after both, is its own copy.
    page = VoterDetailsForm(data={**VALID, "postcode": "nowhere"}, groups=[group])
    assert not page.is_valid()
    assert page.fields["postcode"].widget.attrs["aria-describedby"] == "id_postcode_error"


def test_without_groups_the_membership_question_is_not_asked() -> None:
    checked = CheckedDetails({**VALID, "member_of": ["1"]})
    assert checked.is_valid()
    assert "member_of" not in checked.fields
    assert checked.details().member_of == frozenset()
