"""The JSON API fuzzed from its own OpenAPI document: whatever a program sends, no server error, and every
answer is one the document lists, with a body that matches its schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from youdecide.voting.tests.conftest import Box, make_box

DOCUMENT = Path(__file__).resolve().parent.parent / "youdecide" / "api" / "openapi.json"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES_PER_OPERATION = 25

schema = schemathesis.openapi.from_path(DOCUMENT)
schema.app = get_wsgi_application()


@pytest.fixture
def seeded(db: None) -> Iterator[Box]:
    """A small programme open for voting in one area, with four eligible proposals.

    Requests go through the real WSGI application, which closes the database connection after each one;
    inside a test's transaction it must stay open, as Django's own test client keeps it.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield make_box()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_every_generated_request_as_documented(case: Any, seeded: Box) -> None:
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "parameters"),
    [
        ("/programmes/{programme}", ("programme",)),
        ("/programmes/{programme}/statistics", ("programme",)),
        ("/programmes/{programme}/areas/{area}/proposals", ("programme", "area")),
        ("/programmes/{programme}/areas/{area}/results", ("programme", "area")),
    ],
)
def test_the_seeded_programme_and_area_are_answered_as_documented(
    seeded: Box, path: str, parameters: tuple[str, ...]
) -> None:
    slugs = {"programme": seeded.programme.slug, "area": seeded.area.slug}
    operation = schema[path]["GET"]
    case = operation.Case(path_parameters={name: slugs[name] for name in parameters})

    response = case.call_and_validate(checks=CHECKS)

    assert response.status_code in {200, 404}


@pytest.mark.django_db
def test_an_address_the_api_does_not_have_is_answered_in_json(client: Client) -> None:
    for url in (
        "/api/v1/programmes/Your%20receipt",
        "/api/v1/programmes/a/areas/b%2Fc/proposals",
        "/api/v1/x",
    ):
        response = client.get(url)

        assert (response.status_code, response["Content-Type"]) == (404, "application/json"), url
        assert response.json()["error"] == "not_found"


@pytest.mark.django_db
def test_a_ballot_for_a_programme_that_does_not_exist_is_refused_in_json(client: Client) -> None:
    response = client.post(
        "/api/v1/voting/ballots",
        {"programme": "no-such-programme", "code": "7KQM-3XR9-PT4D"},
        "application/json",
    )

    assert (response.status_code, response["Content-Type"]) == (404, "application/json")
    assert response.json() == {
        "error": "code_unknown",
        "messages": ["programme: no published programme has this slug."],
    }
