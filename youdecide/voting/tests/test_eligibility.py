"""Who may vote: age, connection to the area, the postcode lookup, and group members."""

from __future__ import annotations

import dataclasses
from datetime import date

from tests import factories
from youdecide.areas.models import AreaKind, PostcodeArea
from youdecide.programmes.models import ConflictPolicy
from youdecide.voting.eligibility import check_eligibility
from youdecide.voting.tests.conftest import Box

DAY = date(2026, 11, 22)


def test_age_and_connection(box: Box) -> None:
    box.rules.minimum_age = 16
    box.rules.volunteers = False
    box.rules.save()
    assert check_eligibility(box.programme, box.area, box.details, DAY).eligible
    young = dataclasses.replace(box.details, date_of_birth=date(2011, 1, 1), connection="volunteers")
    result = check_eligibility(box.programme, box.area, young, DAY)
    assert result.reasons == [
        "You must be 16 or over to vote in You Decide — public health; you are 15.",
        "In You Decide — public health, you may vote in an area if you live there or work there "
        "or study there.",
    ]
    assert result.age_band == "11-15"
    sixteen_today = dataclasses.replace(box.details, date_of_birth=date(2010, 11, 22))
    assert check_eligibility(box.programme, box.area, sixteen_today, DAY).eligible


def test_an_area_without_a_pot(box: Box) -> None:
    nowhere = factories.AreaFactory.create(name="Chester")
    result = check_eligibility(box.programme, nowhere, box.details, DAY)
    assert result.reasons == ["Chester is not an area of You Decide — public health."]


def test_the_postcode_must_be_in_the_area_for_residents(box: Box) -> None:
    ward = factories.AreaFactory.create(name="Crewe Central", kind=AreaKind.WARD, parent=box.area)
    other = factories.AreaFactory.create(
        name="Macclesfield Central", kind=AreaKind.WARD, parent=box.other_area
    )
    PostcodeArea.objects.create(postcode="CW1 2BJ", area=ward)
    PostcodeArea.objects.create(postcode="SK10 1AA", area=other)
    assert check_eligibility(box.programme, box.area, box.details, DAY).eligible
    from_maccl = dataclasses.replace(box.details, postcode="SK10 1AA")
    assert check_eligibility(box.programme, box.area, from_maccl, DAY).reasons == [
        "Postcode SK10 1AA is in Macclesfield Central, which is not in Crewe."
    ]
    assert check_eligibility(
        box.programme, box.area, dataclasses.replace(from_maccl, connection="works"), DAY
    ).eligible
    unknown = dataclasses.replace(box.details, postcode="CH1 1AA")
    assert check_eligibility(box.programme, box.area, unknown, DAY).reasons == [
        "Postcode CH1 1AA is not in Crewe. If you work, study or volunteer there, say so."
    ]


def test_group_members_under_each_conflict_rule(box: Box) -> None:
    member = dataclasses.replace(box.details, member_of=frozenset({box.group.pk}))
    assert check_eligibility(
        box.programme, box.area, member, DAY
    ).eligible  # their project is left out instead
    box.rules.conflict_policy = ConflictPolicy.NO_VOTE_IN_AREA
    box.rules.save()
    assert not check_eligibility(box.programme, box.area, member, DAY).eligible
    assert check_eligibility(box.programme, box.other_area, member, DAY).eligible
