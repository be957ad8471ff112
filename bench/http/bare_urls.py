"""The product's URLs plus /bench/bare-ballot: parse the same JSON body as /api/v1/voting/ballots, then
insert the ballot and its items in one SQL statement. No eligibility, code, idempotency, participation,
audit event or receipt: the floor the real path is measured against."""

from __future__ import annotations

import json
import uuid
from functools import cache
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from youdecide.programmes.models import Programme
from youdecide.proposals.models import Proposal
from youdecide.voting import tokens
from youdecide.voting.models import Ballot, BallotItem


@cache
def _ballot_of(programme_slug: str) -> tuple[int, int, dict[str, int]]:
    """The programme, its one area and its proposals by reference, read once per process."""
    programme = Programme.objects.get(slug=programme_slug)
    proposals = list(Proposal.objects.filter(programme=programme).values_list("reference", "pk", "area_id"))
    area_id = proposals[0][2]
    return programme.pk, area_id, {reference: pk for reference, pk, _area in proposals}


@csrf_exempt
def bare_ballot(request: HttpRequest) -> HttpResponse:
    body = json.loads(request.body)
    programme_id, area_id, by_reference = _ballot_of(str(body["programme"]))
    items = sorted((by_reference[ref], int(value)) for ref, value in body["choices"].items())
    public_id = tokens.public_id_for(tokens.new_receipt())
    ballot_id = uuid.uuid4()
    values = ", ".join(["(%s::uuid, %s::bigint, %s::integer)"] * len(items))
    params: list[Any] = [ballot_id, programme_id, area_id, "scores", public_id, "counted"]
    for proposal_id, value in items:
        params += [uuid.uuid4(), proposal_id, value]
    # Table names come from the models and every value is a parameter.
    ballot, item = Ballot._meta.db_table, BallotItem._meta.db_table
    sql = (
        f"WITH b AS (INSERT INTO {ballot} (id, programme_id, area_id, kind, public_id, status)"  # noqa: S608
        " VALUES (%s, %s, %s, %s, %s, %s) RETURNING id)"
        f" INSERT INTO {item} (id, ballot_id, proposal_id, value)"
        f" SELECT v.id, b.id, v.proposal_id, v.value FROM b, (VALUES {values}) AS v(id, proposal_id, value)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    return JsonResponse({"public_id": public_id}, status=201)


urlpatterns = [
    path("bench/bare-ballot", bare_ballot),
    path("", include("youdecide.urls")),
]
