"""JSON responses of the API: one shape for errors, a status for each kind of refusal."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, JsonResponse

from youdecide.voting.errors import VotingRefused

# Which HTTP status each refusal gets; every code here is listed in the OpenAPI document.
REFUSAL_STATUS = {
    "not_eligible": 422,
    "ballot_invalid": 422,
    "batch_size": 422,
    "batch_label": 422,
    "voting_closed": 403,
    "code_unknown": 404,
    "code_void": 410,
    "code_locked": 429,
    "code_used": 409,
    "link_invalid": 404,
    "link_used": 409,
    "link_expired": 410,
    "already_voted": 409,
    "changed_already": 409,
    "key_reused": 409,
    "key_missing": 400,
    "busy": 503,
    "too_many": 429,
    "slip_unknown": 404,
    "slip_used": 409,
}


class BadRequest(Exception):
    def __init__(self, *messages: str) -> None:
        super().__init__(" ".join(messages))
        self.messages = list(messages)


def error(code: str, messages: list[str], status: int) -> JsonResponse:
    return JsonResponse({"error": code, "messages": messages}, status=status)


def refusal(refused: VotingRefused) -> JsonResponse:
    return error(refused.code, refused.messages, REFUSAL_STATUS.get(refused.code, 409))


def json_body(request: HttpRequest) -> dict[str, Any]:
    if request.content_type != "application/json":
        raise BadRequest("Send the request body as JSON (Content-Type: application/json).")
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadRequest(f"The body is not valid JSON: {exc}.") from None
    if not isinstance(body, dict):
        raise BadRequest("The body must be a JSON object.")
    return body


def form_messages(form: Any) -> list[str]:
    """Every form error as "field: message", so a program's author sees where the problem is."""
    return [f"{field}: {message}" for field, messages in form.errors.items() for message in messages]
