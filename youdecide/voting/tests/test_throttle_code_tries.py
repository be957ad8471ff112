"""Voting codes are 60 random bits; a voter may type five codes that are no code, a browser five, and a used
code locks after five other people tried it: the sixth try is refused, on the pages and in the API."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from youdecide.api.tests.test_voting_api import ballot_body, post
from youdecide.events.services import SLIP_RANDOM_LENGTH
from youdecide.voting import services, tokens
from youdecide.voting.models import Ballot, CodeStatus, VotingCode
from youdecide.voting.services import MAX_CODE_ATTEMPTS
from youdecide.voting.tests.conftest import Box
from youdecide.voting.tests.test_pages import ABOUT, text
from youdecide.voting.throttle import UNKNOWN_CODES_PER_VOTER
from youdecide.voting.views import MAX_UNKNOWN_CODES

LOCKED = "This code is locked after too many tries. Ask the council for a new one."
USED = "This code has been used already."
TOO_MANY_CODES = (
    "You have typed several codes that are not voting codes in the last hour. Check the code on your card "
    "and try again in an hour, or ask the council or a Decision Day officer."
)
STRANGER = {**ABOUT, "full_name": "Dafydd Evans", "date_of_birth": "03/03/1975"}


def test_codes_have_at_least_forty_random_bits_and_five_tries() -> None:
    assert max(UNKNOWN_CODES_PER_VOTER, MAX_UNKNOWN_CODES, MAX_CODE_ATTEMPTS) <= 5
    assert tokens.CODE_LENGTH * 5 == 60  # Crockford base32: five bits a character
    assert len(tokens.ALPHABET) == 32 and len(set(tokens.ALPHABET)) == 32
    assert tokens.RECEIPT_LENGTH * 5 == 80
    assert len(tokens.new_link_token()) >= 43  # 32 random bytes: 256 bits
    assert SLIP_RANDOM_LENGTH * 5 == 40  # a tablet slip, after its area's letter on a day of several areas


def api_cast(client: Client, box: Box, code: str, key: str, **details: Any) -> tuple[int, dict[str, Any]]:
    return post(client, "voting/ballots", ballot_body(box, code, **details), **{"Idempotency-Key": key})


@pytest.mark.django_db
def test_a_voter_s_sixth_code_after_five_unknown_ones_is_refused_in_the_api(client: Client, box: Box) -> None:
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 1, "Crewe library")
    for n in range(UNKNOWN_CODES_PER_VOTER):
        status, body = api_cast(client, box, f"ZZZZ-ZZZZ-ZZZ{n}", f"k{n}")
        assert (status, body["error"]) == (404, "code_unknown")
    status, body = api_cast(client, box, codes[0], "right")  # even the right code, now
    assert (status, body) == (429, {"error": "too_many", "messages": [TOO_MANY_CODES]})
    assert Ballot.objects.count() == 0
    assert VotingCode.objects.get().status == CodeStatus.UNUSED


@pytest.mark.django_db
def test_a_used_code_locks_after_five_other_people_in_the_api(client: Client, box: Box) -> None:
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 1, "Crewe library")
    assert api_cast(client, box, codes[0], "owner")[0] == 201
    for n in range(MAX_CODE_ATTEMPTS):
        status, body = api_cast(client, box, codes[0], f"s{n}", full_name=f"Stranger {n}")
        assert (status, body["messages"]) == (409, [USED])
    status, body = api_cast(client, box, codes[0], "owner-again", change=True)
    assert (status, body) == (429, {"error": "code_locked", "messages": [LOCKED]})
    assert VotingCode.objects.get().failed_attempts == MAX_CODE_ATTEMPTS
    assert Ballot.objects.count() == 1


@pytest.mark.django_db
def test_a_used_code_locks_after_five_other_people_on_the_pages(client: Client, box: Box) -> None:
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 1, "Crewe library")
    voter = services.admit_with_code(box.programme, codes[0], box.details)
    services.cast_ballot(voter, box.scores(5, 3, 4, 1), idempotency_key="owner")
    slug = box.programme.slug
    for _ in range(MAX_CODE_ATTEMPTS):
        stranger = Client()
        stranger.post(f"/programmes/{slug}/vote/code/", {"code": codes[0]})
        assert USED in text(stranger.post(f"/programmes/{slug}/vote/about-you/", STRANGER))
    client.post(f"/programmes/{slug}/vote/code/", {"code": codes[0]})
    refused = client.post(f"/programmes/{slug}/vote/about-you/", ABOUT)  # the card's owner, too
    assert refused.status_code == 422
    assert LOCKED in text(refused)
    assert "voter" not in client.session
    assert VotingCode.objects.get().failed_attempts == MAX_CODE_ATTEMPTS
