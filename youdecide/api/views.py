"""The JSON API: thin views that parse, call the same services as the pages, and answer in JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, overload

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from youdecide.api.responses import BadRequest, error, form_messages, json_body, refusal
from youdecide.areas.models import Area
from youdecide.programmes.models import Programme
from youdecide.proposals.models import Proposal
from youdecide.results.open_data import results_json
from youdecide.results.selectors import published_count
from youdecide.voting import first_ballot, services
from youdecide.voting.ballot_cache import ProgrammeBallot, programme_ballot, renewed
from youdecide.voting.eligibility import check_eligibility
from youdecide.voting.errors import VotingRefused
from youdecide.voting.forms import CheckedDetails
from youdecide.voting.identity import person_key
from youdecide.voting.selectors import ballot_for_receipt, ballot_proposals, code_for, current_vote
from youdecide.voting.throttle import check_cast_rate, check_eligibility_rate

OPENAPI = Path(__file__).with_name("openapi.json")
View = Callable[..., HttpResponse]


def api_view(view: View) -> View:
    """CSRF-free (no cookies are used), JSON in and out, refusals and bad input as JSON errors."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except BadRequest as bad:
            return error("bad_request", bad.messages, 400)
        except VotingRefused as refused:
            return refusal(refused)

    return wrapped


def _programme_area(body: dict[str, Any]) -> tuple[Programme, Area]:
    programme = Programme.objects.filter(slug=str(body.get("programme", "")), is_published=True).first()
    if programme is None:
        raise BadRequest("programme: no published programme has this slug.")
    area = Area.objects.filter(slug=str(body.get("area", "")), pots__programme=programme).first()
    if area is None:
        raise BadRequest("area: not an area of this programme (give its slug).")
    return programme, area


@overload
def _details_form(body: dict[str, Any], proposals: list[Proposal]) -> CheckedDetails: ...
@overload
def _details_form(
    body: dict[str, Any], proposals: list[Proposal], *, raising: bool
) -> CheckedDetails | None: ...
def _details_form(
    body: dict[str, Any], proposals: list[Proposal], *, raising: bool = True
) -> CheckedDetails | None:
    """The voter's details checked; invalid: BadRequest naming each field (None when not `raising`)."""
    groups = {p.group for p in proposals}
    data = {key: body.get(key) for key in ("full_name", "date_of_birth", "postcode", "connection")}
    data["member_of"] = body.get("member_of") or []
    form = CheckedDetails(data, groups)
    if form.is_valid():
        return form
    if raising:
        raise BadRequest(*form_messages(form))
    return None


def _choices(body: dict[str, Any], proposals: list[Proposal]) -> dict[int, int]:
    raw = body.get("choices")
    if not isinstance(raw, dict):
        raise BadRequest('choices: give an object of proposal reference to value, e.g. {"YD-00030": 5}.')
    by_reference = {p.reference: p.pk for p in proposals}
    choices: dict[int, int] = {}
    problems: list[str] = []
    for reference, value in raw.items():
        if reference not in by_reference:
            problems.append(f"choices.{reference}: not a project on this ballot.")
        elif not isinstance(value, int) or isinstance(value, bool):
            problems.append(f"choices.{reference}: must be a whole number.")
        else:
            choices[by_reference[reference]] = value
    if problems:
        raise BadRequest(*problems)
    return choices


def _first_ballot(body: dict[str, Any], key: str) -> services.Receipt | None:
    """A first vote with a live code, sent once, stored in one database round trip from the programme's
    ballot this process keeps; None, with nothing stored, for anything else."""
    if body.get("change") is True or not first_ballot.available():
        return None
    slug = str(body.get("programme", ""))
    ballot = programme_ballot(slug)
    for _try in range(2):
        if ballot is None:
            return None
        receipt = _first_ballot_from(ballot, body, key)
        if receipt is not None:
            return receipt
        ballot = renewed(slug, ballot)  # refused: again only if the ballot changed since it was read
    return None


def _first_ballot_from(ballot: ProgrammeBallot, body: dict[str, Any], key: str) -> services.Receipt | None:
    raw = body.get("choices")
    if not isinstance(raw, dict) or not raw:
        return None
    found = [ballot.by_reference.get(str(reference)) for reference in raw]
    areas = {proposal.area_id for proposal in found if proposal is not None}
    values = list(raw.values())
    if None in found or len(areas) != 1:
        return None
    if any(not isinstance(value, int) or isinstance(value, bool) for value in values):
        return None
    (area_id,) = areas
    form = _details_form(body, ballot.proposals[area_id], raising=False)
    if form is None:
        return None
    return services.cast_first_ballot(
        ballot,
        ballot.areas[area_id],
        str(body.get("code", "")),
        form.details(),
        {proposal.pk: value for proposal, value in zip(found, values, strict=True) if proposal is not None},
        idempotency_key=key,
    )


@require_GET
def openapi(request: HttpRequest) -> HttpResponse:
    return HttpResponse(OPENAPI.read_bytes(), content_type="application/json")


@require_POST
@api_view
def eligibility(request: HttpRequest) -> HttpResponse:
    body = json_body(request)
    programme, area = _programme_area(body)
    details = _details_form(body, ballot_proposals(programme, area)).details()
    check_eligibility_rate(person_key(details))
    result = check_eligibility(programme, area, details, timezone.localdate())
    return JsonResponse({"eligible": result.eligible, "reasons": result.reasons, "age_band": result.age_band})


@require_POST
@api_view
def cast(request: HttpRequest) -> HttpResponse:
    body = json_body(request)
    key = request.headers.get("Idempotency-Key", "")
    first = _first_ballot(body, key)
    if first is not None:
        return JsonResponse(
            {"receipt": first.printed, "public_id": first.public_id, "changed": False}, status=201
        )
    # Anything but a plain first vote, or a first vote refused: the full path, which says why.
    # The programme, its rules, the code's area and its proposals are each read once here and handed on.
    programme = (
        Programme.objects.select_related("voting_rules")
        .prefetch_related("phases", "area_pots")
        .filter(slug=str(body.get("programme", "")), is_published=True)
        .first()
    )
    if programme is None:
        return error("code_unknown", ["programme: no published programme has this slug."], 404)
    code = code_for(programme, str(body.get("code", "")))
    area = code.batch.area if code else None
    proposals = ballot_proposals(programme, area) if area else []
    voter = services.admit_with_code(
        programme, str(body.get("code", "")), _details_form(body, proposals).details(), code=code
    )
    if area is None or area.pk != voter.area_id:
        area = Area.objects.get(pk=voter.area_id)
        proposals = ballot_proposals(programme, area)
    change_of = None
    if body.get("change") is True:
        current = current_vote(voter)
        change_of = current[1] if current else None
    check_cast_rate(voter.person_key)
    receipt = services.cast_ballot(
        voter,
        _choices(body, proposals),
        idempotency_key=key,
        change_of=change_of,
        programme=programme,
        area=area,
        proposals=proposals,
    )
    payload = {"receipt": receipt.printed, "public_id": receipt.public_id, "changed": receipt.changed}
    return JsonResponse(payload, status=200 if receipt.replayed else 201)


@require_POST
@api_view
def receipt(request: HttpRequest) -> HttpResponse:
    body = json_body(request)
    ballot = ballot_for_receipt(str(body.get("receipt", "")))
    if ballot is None:
        return error(
            "receipt_unknown", ["No ballot has this receipt. Check it against what you were given."], 404
        )
    return JsonResponse(
        {
            "public_id": ballot.public_id,
            "programme": ballot.programme.slug,
            "area": ballot.area.slug,
            "status": ballot.status,
            "choices": {item.proposal.reference: item.value for item in ballot.items.all()},
        }
    )


def document() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(OPENAPI.read_text())
    return data


@require_GET
def area_results(request: HttpRequest, programme: str, area: str) -> HttpResponse:
    found = Programme.objects.filter(slug=programme, is_published=True).first()
    place = Area.objects.filter(slug=area, pots__programme=found).first() if found else None
    run = published_count(found, place) if found and place else None
    if run is None:
        return error("not_published", ["No published result for this programme and area."], 404)
    return JsonResponse(results_json(run))


@api_view
def not_found(request: HttpRequest) -> HttpResponse:
    """Any other address under the API, including a path parameter that is not a slug: a JSON 404."""
    return error("not_found", ["There is no such address in this API: see /api/v1/openapi.json."], 404)
