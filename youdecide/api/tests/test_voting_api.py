"""The voting API as a program would use it: JSON in, JSON out, every answer in the OpenAPI document."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import jsonschema
import pytest
from django.test import Client
from django.urls import get_resolver
from django.utils import timezone
from openapi_spec_validator import validate

from tests import factories
from youdecide.accounts.models import Role
from youdecide.api.responses import REFUSAL_STATUS
from youdecide.api.views import document
from youdecide.programmes.models import Phase
from youdecide.results.services import publish_count, run_count
from youdecide.results.tests.test_publish_and_recount import close_voting, vote
from youdecide.voting import services
from youdecide.voting.models import Ballot, BallotStatus
from youdecide.voting.tests.conftest import Box, make_box
from youdecide.voting.throttle import ELIGIBILITY_CHECKS_PER_VOTER, UNKNOWN_CODES_PER_VOTER

DOCUMENTED = document()


def as_json_schema(node: Any) -> Any:
    """OpenAPI 3.0's `nullable` in JSON Schema terms, so responses can be checked with jsonschema."""
    if isinstance(node, dict):
        converted = {key: as_json_schema(value) for key, value in node.items() if key != "nullable"}
        if node.get("nullable") and "type" in node:
            converted["type"] = [node["type"], "null"]
        return converted
    if isinstance(node, list):
        return [as_json_schema(item) for item in node]
    return node


def assert_documented(path: str, method: str, response: Any) -> None:
    """The status is one the document lists for the operation, and a JSON body matches its schema."""
    operation = DOCUMENTED["paths"][path][method]
    answer = operation["responses"].get(str(response.status_code))
    assert answer is not None, (path, response.status_code, response.content)
    schema = answer.get("content", {}).get("application/json", {}).get("schema")
    if schema is not None:
        document = {**as_json_schema(schema), "components": as_json_schema(DOCUMENTED["components"])}
        jsonschema.validate(response.json(), document)


def post(client: Client, path: str, body: Any, **headers: str) -> tuple[int, dict[str, Any]]:
    response = client.post(
        f"/api/v1/{path}", json.dumps(body), content_type="application/json", headers=headers
    )
    assert_documented(f"/{path}", "post", response)
    return response.status_code, response.json()


def ballot_body(box: Box, code: str, **extra: Any) -> dict[str, Any]:
    refs = [p.reference for p in box.proposals]
    return {
        "programme": box.programme.slug,
        "code": code,
        "full_name": "Siân Roberts",
        "date_of_birth": "1980-05-17",
        "postcode": "cw12bj",
        "connection": "lives",
        "choices": dict(zip(refs, [5, 3, 4, 1], strict=True)),
        **extra,
    }


def test_the_document_is_valid_openapi_and_lists_every_endpoint(client: Client) -> None:
    validate(DOCUMENTED)
    served = json.loads(client.get("/api/v1/openapi.json").content)
    assert served == DOCUMENTED
    routes = {f"/{p.pattern}" for p in get_resolver().url_patterns if str(p.pattern) == "api/v1/"}
    assert routes  # the API is mounted
    from youdecide.api import urls

    served_paths = {"/" + re.sub(r"<\w+:(\w+)>", r"{\1}", str(p.pattern)) for p in urls.urlpatterns}
    assert served_paths == set(DOCUMENTED["paths"])
    ballot_responses = DOCUMENTED["paths"]["/voting/ballots"]["post"]["responses"]
    for code, status in REFUSAL_STATUS.items():
        if code.startswith(("code_", "already", "changed", "key_", "busy", "ballot", "not_elig", "voting")):
            assert str(status) in ballot_responses, code


@pytest.mark.django_db
def test_cast_replay_change_and_find(client: Client, box: Box) -> None:
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 1, "Crewe library")
    status, first = post(client, "voting/ballots", ballot_body(box, codes[0]), **{"Idempotency-Key": "a1"})
    assert status == 201 and first["changed"] is False
    status, again = post(client, "voting/ballots", ballot_body(box, codes[0]), **{"Idempotency-Key": "a1"})
    assert (status, again["receipt"]) == (200, first["receipt"])
    status, refused = post(client, "voting/ballots", ballot_body(box, codes[0]), **{"Idempotency-Key": "a2"})
    assert (status, refused["error"]) == (409, "already_voted")
    changed_choices = {p.reference: 1 for p in box.proposals}
    status, changed = post(
        client,
        "voting/ballots",
        ballot_body(box, codes[0], choices=changed_choices, change=True),
        **{"Idempotency-Key": "a3"},
    )
    assert status == 201 and changed["changed"] is True
    assert Ballot.objects.filter(status=BallotStatus.COUNTED).count() == 1
    status, found = post(client, "voting/receipts", {"receipt": changed["receipt"]})
    assert status == 200
    assert found == {
        "public_id": changed["public_id"],
        "programme": box.programme.slug,
        "area": box.area.slug,
        "status": "counted",
        "choices": changed_choices,
    }
    status, old = post(client, "voting/receipts", {"receipt": first["receipt"]})
    assert (status, old["status"]) == (200, "replaced")
    status, missing = post(client, "voting/receipts", {"receipt": "0000-0000-0000-0000"})
    assert (status, missing["error"]) == (404, "receipt_unknown")


@pytest.mark.django_db
def test_refusals_name_the_problem(client: Client, box: Box) -> None:
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 1, "Crewe library")
    status, body = post(client, "voting/ballots", ballot_body(box, codes[0]))
    assert (status, body["error"]) == (400, "key_missing")
    bad = ballot_body(box, codes[0], date_of_birth="17th May", choices={"YD-NOPE": 3})
    status, body = post(client, "voting/ballots", bad, **{"Idempotency-Key": "b"})
    assert status == 400 and body["messages"][0].startswith("date_of_birth: ")
    refs = [p.reference for p in box.proposals]
    status, body = post(
        client, "voting/ballots", ballot_body(box, codes[0], choices={refs[0]: 9}), **{"Idempotency-Key": "c"}
    )
    assert (status, body["error"]) == (422, "ballot_invalid")
    assert "The score for “Community allotment” must be from 1 to 5; it was 9." in body["messages"]
    status, body = post(
        client, "voting/ballots", ballot_body(box, "ZZZZ-ZZZZ-ZZZZ"), **{"Idempotency-Key": "d"}
    )
    assert (status, body["error"]) == (404, "code_unknown")
    status, body = post(
        client,
        "voting/ballots",
        ballot_body(box, codes[0], date_of_birth="2018-01-01"),
        **{"Idempotency-Key": "e"},
    )
    assert (status, body["error"]) == (422, "not_eligible")
    assert body["messages"][0].startswith("You must be 11 or over to vote in")
    assert Ballot.objects.count() == 0
    response = client.post("/api/v1/voting/ballots", "not json", content_type="text/plain")
    assert response.status_code == 400 and response.json()["error"] == "bad_request"


@pytest.mark.django_db
def test_eligibility(client: Client, box: Box) -> None:
    body = {k: v for k, v in ballot_body(box, "").items() if k not in ("code", "choices")}
    status, answer = post(client, "voting/eligibility", {**body, "area": box.area.slug})
    assert (status, answer) == (200, {"eligible": True, "reasons": [], "age_band": "45-54"})
    box.rules.minimum_age = 16
    box.rules.works = False
    box.rules.save()
    young = {**body, "area": box.area.slug, "date_of_birth": "2012-01-01", "connection": "works"}
    status, answer = post(client, "voting/eligibility", young)
    assert status == 200 and answer["eligible"] is False
    assert len(answer["reasons"]) == 2 and answer["reasons"][0].startswith("You must be 16 or over")


@pytest.mark.django_db
def test_published_results_as_the_document_describes(client: Client) -> None:
    box = make_box(ballot_kind="points")
    path = "/programmes/{programme}/areas/{area}/results"
    url = f"/api/v1/programmes/{box.programme.slug}/areas/{box.area.slug}/results"
    response = client.get(url)
    assert_documented(path, "get", response)
    assert response.status_code == 404 and response.json()["error"] == "not_published"
    vote(box, "points", 6, seed=4)
    one, two = (factories.UserFactory.create(role=Role.OFFICER) for _ in range(2))
    run = run_count(one, box.programme, box.area)
    close_voting(box)
    run = publish_count(two, run)
    response = client.get(url)
    assert_documented(path, "get", response)
    body = response.json()
    assert body["selected"] == run.selected and body["ballots"] == 6
    assert {p["reference"] for p in body["projects"]} == {p.reference for p in box.proposals}
    assert client.post(url).status_code == 405


@pytest.mark.django_db
def test_programmes_proposals_and_statistics_as_documented(client: Client, box: Box) -> None:
    vote(box, "scores", 3, seed=8)
    calls = [
        ("/programmes", "/api/v1/programmes"),
        ("/programmes/{programme}", f"/api/v1/programmes/{box.programme.slug}"),
        ("/programmes/{programme}/statistics", f"/api/v1/programmes/{box.programme.slug}/statistics"),
        (
            "/programmes/{programme}/areas/{area}/proposals",
            f"/api/v1/programmes/{box.programme.slug}/areas/{box.area.slug}/proposals",
        ),
        ("/programmes/{programme}", "/api/v1/programmes/nowhere"),
    ]
    answers = []
    for path, url in calls:
        response = client.get(url)
        assert_documented(path, "get", response)
        answers.append(response)
    listed, one, statistics, proposals, missing = (r.json() for r in answers)
    assert [p["slug"] for p in listed["programmes"]] == [box.programme.slug]
    assert [a["name"] for a in one["areas"]] == ["Crewe", "Macclesfield"]
    assert statistics["voters"] == 3 and {"label": "Online", "voters": 3} in statistics["by_channel"]
    assert {p["reference"] for p in proposals["proposals"]} == {p.reference for p in box.proposals}
    assert missing["error"] == "not_found"


def error_statuses(path: str) -> set[str]:
    responses = DOCUMENTED["paths"][path]["post"]["responses"]
    return {status for status in responses if status.startswith(("4", "5")) and status != "405"}


@pytest.mark.django_db
def test_every_documented_error_of_the_voting_endpoints_is_answered_as_documented(
    client: Client, box: Box
) -> None:
    seen: dict[str, set[str]] = {
        "voting/eligibility": set(),
        "voting/ballots": set(),
        "voting/receipts": set(),
    }

    def call(path: str, body: Any, **headers: str) -> dict[str, Any]:
        status, answer = post(client, path, body, **headers)  # checked against the document
        seen[path].add(str(status))
        return answer

    details = {k: v for k, v in ballot_body(box, "").items() if k not in ("code", "choices")}
    assert call("voting/eligibility", {**details, "area": "nowhere"})["error"] == "bad_request"
    for _ in range(ELIGIBILITY_CHECKS_PER_VOTER):
        assert call("voting/eligibility", {**details, "area": box.area.slug})["eligible"] is True
    assert call("voting/eligibility", {**details, "area": box.area.slug})["error"] == "too_many"
    other = {**details, "full_name": "Gareth Roberts", "area": box.area.slug}
    assert call("voting/eligibility", other)["eligible"] is True  # another voter, same address

    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 3, "Crewe library")
    key = iter(f"key-{n}" for n in range(100))
    assert call("voting/ballots", ballot_body(box, codes[0]))["error"] == "key_missing"
    bad_choice = ballot_body(box, codes[0], choices={box.proposals[0].reference: 9})
    assert call("voting/ballots", bad_choice, **{"Idempotency-Key": next(key)})["error"] == "ballot_invalid"
    assert "receipt" in call("voting/ballots", ballot_body(box, codes[0]), **{"Idempotency-Key": next(key)})
    again = call("voting/ballots", ballot_body(box, codes[0]), **{"Idempotency-Key": next(key)})
    assert again["error"] == "already_voted"
    services.void_code(None, box.programme, codes[1], "card lost")
    assert call("voting/ballots", ballot_body(box, codes[1]), **{"Idempotency-Key": next(key)})["error"] == (
        "code_void"
    )
    guesser = {"full_name": "Mallory Jones"}
    for n in range(UNKNOWN_CODES_PER_VOTER):
        body = ballot_body(box, f"ZZZZ-ZZZZ-ZZZ{n}", **guesser)
        assert call("voting/ballots", body, **{"Idempotency-Key": next(key)})["error"] == "code_unknown"
    locked_out = call(
        "voting/ballots", ballot_body(box, codes[2], **guesser), **{"Idempotency-Key": next(key)}
    )
    assert locked_out["error"] == "too_many"
    assert Ballot.objects.count() == 1
    Phase.objects.filter(programme=box.programme).update(ends_at=timezone.now() - timedelta(minutes=1))
    closed = call("voting/ballots", ballot_body(box, codes[2]), **{"Idempotency-Key": next(key)})
    assert closed["error"] == "voting_closed"

    assert call("voting/receipts", {"receipt": "0000-0000-0000-0000"})["error"] == "receipt_unknown"
    response = client.post("/api/v1/voting/receipts", "[1]", content_type="application/json")
    assert_documented("/voting/receipts", "post", response)
    seen["voting/receipts"].add(str(response.status_code))

    assert seen["voting/eligibility"] - {"200"} == error_statuses("/voting/eligibility")
    # 503 (busy) needs two requests to collide inside the database: the concurrency tests meet it
    assert seen["voting/ballots"] - {"200", "201"} == error_statuses("/voting/ballots") - {"503"}
    assert seen["voting/receipts"] - {"200"} == error_statuses("/voting/receipts")
    for path in seen:
        assert {"400", "429"} <= error_statuses(f"/{path}") or path == "voting/receipts", path


@pytest.mark.django_db
def test_a_cast_ballot_costs_a_bounded_number_of_queries(
    client: Client, box: Box, django_assert_max_num_queries: Any
) -> None:
    """The programme, code, area, proposals and pots are each read once; the writes are the submission,
    the participation row, the ballot and its items in one statement, the code, and the audit event."""
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 2, "Crewe library")
    post(client, "voting/ballots", ballot_body(box, codes[0]), **{"Idempotency-Key": "warm"})
    with django_assert_max_num_queries(25):
        status, cast = post(
            client,
            "voting/ballots",
            ballot_body(box, codes[1], full_name="Gareth Hughes", date_of_birth="1975-02-03"),
            **{"Idempotency-Key": "q1"},
        )
    assert status == 201
    ballot = Ballot.objects.get(public_id=cast["public_id"])
    assert sorted(ballot.items.values_list("value", flat=True)) == [1, 3, 4, 5]
