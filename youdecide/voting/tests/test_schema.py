"""Every one-person-one-vote rule is a database constraint, and nothing joins a voter to a ballot."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, models
from django.db.models.fields import AutoFieldMixin

from youdecide.events.models import CheckIn, PaperBallot
from youdecide.voting.models import (
    Ballot,
    BallotItem,
    EmailLink,
    Participation,
    Submission,
    Throttle,
    VotingCode,
)

#: The tables of what was chosen, and the columns each may have: a column added here must be checked for
#: anything that could join it to a voter (a time, a counter, a reference).
BALLOT_SIDE: dict[type[models.Model], set[str]] = {
    Ballot: {"id", "programme", "area", "kind", "public_id", "status", "envelope_tag"},
    BallotItem: {"id", "ballot", "proposal", "value"},
}
#: The tables of who took part (or what lets them in), which no ballot-side row may point to.
VOTER_SIDE = (Participation, VotingCode, EmailLink, Submission, Throttle, CheckIn)


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
        (Participation, ("envelope",), "an envelope belongs to one participation"),
        (EmailLink, ("token_digest",), "an emailed link is one voter's"),
        (CheckIn, ("event_id", "person_key"), "one check-in per person at a Decision Day"),
        (CheckIn, ("tablet_slip_digest",), "a tablet slip unlocks one attendee's ballot"),
        (PaperBallot, ("event_id", "number"), "one numbered paper is one ballot"),
        (PaperBallot, ("ballot_id",), "a paper is stored as one ballot"),
    ],
)
def test_rule_is_a_database_constraint(model: type[models.Model], columns: tuple[str, ...], why: str) -> None:
    assert columns in unique_column_sets(model), why


@pytest.mark.django_db
def test_a_used_code_names_its_voter_by_database_constraint() -> None:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, VotingCode._meta.db_table)
    assert found.get("used_code_has_voter", {}).get("check"), "a used code lets back in only its voter"


def database_columns(model: type[models.Model]) -> dict[str, str]:
    """Each column of the model's table as the database describes it: name -> Django field type."""
    with connection.cursor() as cursor:
        described = connection.introspection.get_table_description(cursor, model._meta.db_table)
        return {
            column.name: connection.introspection.get_field_type(column.type_code, column)
            for column in described
        }


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(BALLOT_SIDE), ids=lambda m: m.__name__)
def test_ballot_side_tables_have_random_keys_no_time_and_no_voter(model: type[models.Model]) -> None:
    fields = {f.name: f for f in model._meta.concrete_fields}
    assert set(fields) == BALLOT_SIDE[model], "a new ballot-side column: check it cannot join to a voter"
    assert isinstance(model._meta.pk, models.UUIDField), "an auto-increment key numbers ballots in order"
    for name, field in fields.items():
        assert not isinstance(field, models.DateField | models.TimeField | models.DurationField), name
        assert not isinstance(field, AutoFieldMixin), name
        assert field.related_model not in (*VOTER_SIDE, get_user_model()), name
    columns = database_columns(model)
    assert set(columns) == {f.column for f in fields.values()}
    assert columns[model._meta.pk.column] in ("UUIDField", "CharField"), columns  # SQLite keeps it as text
    assert not {t for t in columns.values() if "Date" in t or "Time" in t or "Auto" in t}, columns


def test_no_table_points_both_to_a_ballot_and_to_a_voter() -> None:
    for model in apps.get_models():
        related = {getattr(f, "related_model", None) for f in model._meta.concrete_fields}
        if related & set(BALLOT_SIDE):
            assert not related & set(VOTER_SIDE), model
    for model in VOTER_SIDE:
        related = {getattr(f, "related_model", None) for f in model._meta.get_fields()}
        assert not related & set(BALLOT_SIDE), model


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
