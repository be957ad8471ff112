"""A resident's first online ballot stored in one database round trip, on PostgreSQL.

The function `youdecide_first_online_ballot` (migration voting 0005) writes what the full path of
`cast_ballot` writes for a first online vote: the submission, the participation, the ballot and its choices,
the code or link marked used, and the audit event, chained to the one before. It refuses with SQLSTATE YD001,
writing nothing, whenever the vote is not that plain case (a used, void or locked code, a second vote, a
repeated key, voting closed, too many tries, the ballot changed since the caller read it); a unique
constraint refuses a second vote or key sent at the same moment. Either way the caller then takes the full
path, which stores the ballot or tells the resident why not. On SQLite there is no function: the full path
is the only one.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg
from django.db import DatabaseError, connection, transaction

from youdecide.audit.services import canonical_pieces
from youdecide.voting import tokens

REFUSED = frozenset({"YD001", "23505"})  # the function's refusal; a unique constraint broken
ACTION = "voting.vote_recorded"
OBJECT_TYPE = "voting.participation"
SQL = (
    "SELECT youdecide_first_online_ballot("
    + ", ".join(["%s"] * 26)
    + ", %s::uuid[], %s::bigint[], %s::integer[], %s, %s, %s, %s::jsonb, %s::text[])"
)


@dataclass(frozen=True)
class Tries:
    """A limit the database checks in the same statement: the counter's key, its window's start, the limit."""

    key: str
    since: datetime
    limit: int


@dataclass(frozen=True)
class FirstBallot:
    """Everything the function writes, worked out by the caller."""

    programme_id: int
    area_id: int
    area_code: str
    person_key: str
    age_band: str
    connection: str
    kind: str
    key_digest: str
    request_digest: str
    choices: dict[int, int]
    actor_label: str
    code_id: int | None = None
    code_digest: str | None = None
    code_attempts_limit: int = 0
    link_id: int | None = None
    version: int | None = None  # the page version the ballot was read at; None: read in this request
    code_tries: Tries | None = None  # refuse when used up (counts nothing)
    cast_tries: Tries | None = None  # count one try, refuse over the limit


def available() -> bool:
    return connection.vendor == "postgresql"


def store(ballot: FirstBallot, now: datetime) -> str | None:
    """Store the ballot and return its receipt, or None with nothing stored (take the full path)."""
    data = {"area": ballot.area_code, "channel": "online"}
    pieces = canonical_pieces(now, ballot.actor_label, ACTION, OBJECT_TYPE, data)
    if pieces is None:
        return None
    receipt = tokens.new_receipt()
    envelope = tokens.new_envelope()
    items = sorted(ballot.choices.items())
    code_tries, cast_tries = ballot.code_tries, ballot.cast_tries
    params: list[Any] = [
        ballot.version,
        now,
        ballot.programme_id,
        ballot.area_id,
        ballot.code_id,
        ballot.code_digest,
        ballot.link_id,
        ballot.code_attempts_limit,
        ballot.person_key,
        ballot.age_band,
        ballot.connection,
        code_tries.key if code_tries else None,
        code_tries.since if code_tries else None,
        code_tries.limit if code_tries else None,
        cast_tries.key if cast_tries else None,
        cast_tries.since if cast_tries else None,
        cast_tries.limit if cast_tries else None,
        uuid.uuid4(),
        ballot.key_digest,
        ballot.request_digest,
        receipt,
        envelope,
        uuid.uuid4(),
        ballot.kind,
        tokens.public_id_for(receipt),
        tokens.keyed_digest("envelope", envelope),
        [uuid.uuid4() for _item in items],
        [proposal_id for proposal_id, _value in items],
        [value for _proposal_id, value in items],
        ballot.actor_label,
        ACTION,
        OBJECT_TYPE,
        json.dumps(data),
        pieces,
    ]
    try:
        if connection.in_atomic_block:
            with (
                transaction.atomic()
            ):  # a savepoint, so that a refusal leaves the caller's transaction usable
                _call(params)
        else:
            _call(params)  # one statement: its own transaction, committed by the database
    except DatabaseError as error:
        if getattr(error.__cause__, "sqlstate", None) in REFUSED:
            return None
        raise
    return receipt


def _call(params: list[Any]) -> None:
    """Send the call. A connection kept from an earlier request is not checked first with Django's health
    check (a SELECT 1, a round trip of its own): the call is the check. If the connection turns out to be
    broken, the call is sent once more on a new one; a ballot the database stored before the connection
    broke has taken its key, so the repeat is refused and the full path gives the voter that receipt."""
    kept = connection.connection is not None and not connection.in_atomic_block
    if kept:
        connection.health_check_done = True  # type: ignore[attr-defined]  # set by Django per request
    try:
        _send(params)
    except DatabaseError:
        if not kept or connection.connection is None or not connection.connection.broken:
            raise
        connection.close()
        _send(params)


def _send(params: list[Any]) -> None:
    with connection.cursor() as cursor:  # Django's error wrapping and query log, as ever
        # The values are sent apart from the statement (server-side binding), so that psycopg prepares the
        # call once per connection after a few ballots: no quoting of 35 values here, no parsing there.
        cursor.cursor.close()
        cursor.cursor = psycopg.Cursor(connection.connection)
        cursor.execute(SQL, params)
