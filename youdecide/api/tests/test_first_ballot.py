"""A first vote through the API: on PostgreSQL one statement from the programme's ballot each process keeps,
storing what the full path stores; every other case, and a ballot changed since it was kept, answered as
before. On SQLite the full path answers every ballot, and these tests hold there too."""

from __future__ import annotations

import os
import threading
from collections import Counter
from typing import Any

import psycopg
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories
from youdecide.accounts.models import Role
from youdecide.api.tests.test_voting_api import ballot_body, post
from youdecide.audit.models import AuditEvent
from youdecide.audit.selectors import verify_chain
from youdecide.programmes.models import PhaseKind
from youdecide.programmes.services import close_phase_now
from youdecide.proposals.models import ProposalStatus
from youdecide.voting import first_ballot, services, tokens
from youdecide.voting.models import Ballot, CodeStatus, Participation, Submission, Throttle, VotingCode
from youdecide.voting.tests.conftest import Box, make_box
from youdecide.voting.throttle import CASTS_PER_VOTER

pytestmark = pytest.mark.django_db


def cast(client: Client, box: Box, code: str, key: str, **extra: Any) -> tuple[int, dict[str, Any]]:
    return post(client, "voting/ballots", ballot_body(box, code, **extra), **{"Idempotency-Key": key})


def test_a_first_ballot_is_one_statement_and_stores_what_the_full_path_stores(
    client: Client, box: Box
) -> None:
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 2, "Crewe library")
    assert cast(client, box, codes[0], "warm", full_name="Ann Lee")[0] == 201  # the chain head is made
    with CaptureQueriesContext(connection) as queries:
        status, answer = cast(client, box, codes[1], "k1")
    assert status == 201 and answer["changed"] is False
    # One statement on PostgreSQL (the function); the full path's reads and writes on SQLite.
    statements = [q for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(statements) == (1 if first_ballot.available() else 18)
    ballot = Ballot.objects.get(public_id=answer["public_id"])
    assert (
        tokens.public_id_for(tokens.normalise(answer["receipt"], tokens.RECEIPT_LENGTH) or "")
        == ballot.public_id
    )
    assert (ballot.programme_id, ballot.area_id, ballot.kind, ballot.status) == (
        box.programme.pk,
        box.area.pk,
        "scores",
        "counted",
    )
    assert dict(ballot.items.values_list("proposal_id", "value")) == box.scores(5, 3, 4, 1)
    person = services.person_key(box.details)
    participation = Participation.objects.get(person_key=person)
    assert (participation.channel, participation.first_channel, participation.changes) == (
        "online",
        "online",
        0,
    )
    assert (participation.connection, participation.age_band) == ("lives", "45-54")
    assert participation.envelope and ballot.envelope_tag == tokens.keyed_digest(
        "envelope", participation.envelope
    )
    code = VotingCode.objects.get(digest=tokens.keyed_digest("code", tokens.normalise(codes[1], 12) or ""))
    assert (code.status, code.person_key) == (CodeStatus.USED, person) and code.used_at is not None
    submission = Submission.objects.get(
        key_digest=tokens.keyed_digest("submission", f"{box.programme.pk}:k1")
    )
    assert submission.receipt == tokens.normalise(answer["receipt"], tokens.RECEIPT_LENGTH)
    event = AuditEvent.objects.get(object_type="voting.participation", object_id=str(participation.pk))
    assert (event.action, event.actor_label, event.data) == (
        "voting.vote_recorded",
        "voter (Online)",
        {"area": box.area.code, "channel": "online"},
    )
    assert verify_chain().ok
    status, found = post(client, "voting/receipts", {"receipt": answer["receipt"]})
    assert (status, found["choices"]) == (
        200,
        {p.reference: v for p, v in zip(box.proposals, [5, 3, 4, 1], strict=True)},
    )


def test_repeats_second_votes_and_used_codes_are_answered_as_before(client: Client, box: Box) -> None:
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 3, "Crewe library")
    status, first = cast(client, box, codes[0], "a1")
    assert status == 201
    status, again = cast(client, box, codes[0], "a1")
    assert (status, again["receipt"]) == (200, first["receipt"])
    status, second = cast(client, box, codes[1], "a2")
    assert (status, second["error"]) == (409, "already_voted")
    status, used = cast(client, box, codes[0], "a3", full_name="Someone Else")
    assert (status, used["error"]) == (409, "code_used")
    status, wrong_area = cast(client, box, "0000-0000-0000", "a4", full_name="Third Person")
    assert (status, wrong_area["error"]) == (404, "code_unknown")
    assert Ballot.objects.count() == 1 and Participation.objects.count() == 1
    assert VotingCode.objects.filter(status=CodeStatus.UNUSED).count() == 2
    assert verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_a_change_to_the_ballot_after_it_was_kept_shows_at_once(client: Client) -> None:
    """Committed for real, as in production: a change moves the page version on when it commits."""
    box = make_box()
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 3, "Crewe library")
    assert cast(client, box, codes[0], "b1")[0] == 201  # the ballot is kept by this process
    withdrawn = box.proposals[3]
    withdrawn.status = ProposalStatus.WITHDRAWN
    withdrawn.save()
    status, refused = cast(client, box, codes[1], "b2", full_name="Ann Lee")
    assert (status, refused["error"]) == (400, "bad_request")
    assert refused["messages"] == [f"choices.{withdrawn.reference}: not a project on this ballot."]
    three = {p.reference: 2 for p in box.proposals[:3]}
    status, stored = cast(client, box, codes[1], "b3", full_name="Ann Lee", choices=three)
    assert status == 201
    ballot = Ballot.objects.get(public_id=stored["public_id"])
    assert sorted(ballot.items.values_list("proposal_id", flat=True)) == sorted(box.ids()[:3])
    officer = factories.UserFactory.create(role=Role.OFFICER)
    close_phase_now(officer, box.programme, PhaseKind.ONLINE_VOTING)
    status, closed = cast(client, box, codes[2], "b4", full_name="Bea Cole", choices=three)
    assert (status, closed["error"]) == (403, "voting_closed")
    assert Ballot.objects.count() == 2


def test_every_submission_counts_once_against_the_voter_limit(client: Client, box: Box) -> None:
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 1, "Crewe library")
    answers = [cast(client, box, codes[0], "same")[0] for _ in range(CASTS_PER_VOTER + 1)]
    assert answers == [201] + [200] * (CASTS_PER_VOTER - 1) + [429]
    counts = list(Throttle.objects.values_list("count", flat=True))
    assert CASTS_PER_VOTER + 1 in counts
    assert Ballot.objects.count() == 1


THREADS = CASTS_PER_VOTER  # one voter may send this many in the window


def all_at_once(bodies: list[tuple[dict[str, Any], str]]) -> list[tuple[int, dict[str, Any]]]:
    """POST each ballot from its own thread (its own connection), all released together."""
    barrier = threading.Barrier(len(bodies))
    answers: list[tuple[int, dict[str, Any]]] = [(0, {})] * len(bodies)

    def run(i: int) -> None:
        body, key = bodies[i]
        try:
            barrier.wait()
            answers[i] = post(Client(), "voting/ballots", body, **{"Idempotency-Key": key})
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@pytest.mark.django_db(transaction=True)
def test_one_resident_sending_at_once_on_many_devices_gets_one_ballot() -> None:
    box = make_box()
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, THREADS + 2, "Crewe library")
    assert cast(Client(), box, codes[-1], "warm", full_name="Ann Lee")[0] == 201
    many_codes = all_at_once([(ballot_body(box, codes[i]), f"device-{i}") for i in range(THREADS)])
    assert Counter(status for status, _ in many_codes) == {201: 1, 409: THREADS - 1}
    assert {answer["error"] for status, answer in many_codes if status == 409} == {"already_voted"}
    one_key = all_at_once(
        [(ballot_body(box, codes[THREADS], full_name="Bea Cole"), "same") for _ in range(THREADS)]
    )
    statuses = Counter(status for status, _ in one_key)
    assert statuses[201] == 1 and statuses[201] + statuses[200] == THREADS, statuses
    assert len({answer["receipt"] for _, answer in one_key}) == 1
    assert Ballot.objects.count() == Participation.objects.count() == 3
    assert Submission.objects.count() == 3
    assert verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_a_kept_connection_the_server_has_ended_is_replaced_and_the_ballot_stored_once() -> None:
    box = make_box()
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 2, "Crewe library")
    client = Client()
    assert cast(client, box, codes[0], "warm", full_name="Ann Lee")[0] == 201
    ended = backend()
    if connection.vendor == "postgresql":  # the server ends it, as a restart or failover does
        with psycopg.connect(**connection.get_connection_params()) as other:
            other.execute("SELECT pg_terminate_backend(%s)", [ended])
    else:  # SQLite has no server: the connection is simply gone
        connection.close()
    status, answer = cast(client, box, codes[1], "k-after")
    assert status == 201, answer
    if connection.vendor == "postgresql":
        assert backend() != ended
    assert Ballot.objects.filter(public_id=answer["public_id"]).count() == 1
    assert Participation.objects.count() == Submission.objects.count() == 2
    assert verify_chain().ok


def backend() -> int:
    """PostgreSQL: the server process of this connection (SQLite: this process)."""
    if connection.vendor != "postgresql":
        return os.getpid()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    return int(pid)
