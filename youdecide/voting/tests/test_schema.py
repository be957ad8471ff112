"""Every one-person-one-vote rule is a database constraint, and nothing joins a voter to a ballot."""

from __future__ import annotations

import pytest
from django.db import connection, models

from youdecide.voting.models import Ballot, BallotItem, Participation, Submission, VotingCode


def unique_column_sets(model: type[models.Model]) -> set[tuple[str, ...]]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return {tuple(sorted(c["columns"])) for c in found.values() if c["unique"]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "columns", "why"),
    [
        (Participation, ("area_id", "person_key", "programme_id"), "one person, one vote per programme area"),
        (VotingCode, ("digest",), "a code is one card"),
        (Submission, ("key_digest",), "a submission key stores one ballot"),
        (Ballot, ("public_id",), "a receipt finds one ballot"),
        (BallotItem, ("ballot_id", "proposal_id"), "one choice per project on a ballot"),
        (Ballot, ("envelope_tag",), "a participation's envelope opens one ballot"),
    ],
)
def test_rule_is_a_database_constraint(model: type[models.Model], columns: tuple[str, ...], why: str) -> None:
    assert columns in unique_column_sets(model), why


def test_ballots_hold_no_time_and_no_reference_to_a_voter() -> None:
    for model in (Ballot, BallotItem):
        for field in model._meta.get_fields():
            assert not isinstance(field, models.DateField | models.DateTimeField), (model, field.name)
            related = getattr(field, "related_model", None)
            assert related not in (Participation, VotingCode, Submission), (model, field.name)
            label = related._meta.label if related is not None else ""
            assert label != "accounts.User", field
    for field in Participation._meta.get_fields():
        assert getattr(field, "related_model", None) not in (Ballot, BallotItem), field.name
