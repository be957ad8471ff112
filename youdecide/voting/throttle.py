"""Limits on how often one voter, code, account or session may try: per person or code, never per IP.

Guessing a voting code cannot be limited per code (each guess is another code), and a guesser can state
other details each time; what makes guessing hopeless is the code's length. A code is 60 random bits, so
with 100,000 live codes (about 2^17) one guess finds one with a chance of 2^17 / 2^60, about 1 in 9 million
million; a thousand guesses a second for a year (3.2 x 10^10 guesses) would expect 0.004 hits. The limits
here stop one voter identity from trying many codes, and a used code locks after five wrong voters.

Password sign-in (per email address typed) and Decision Day tablet slips (per officer) are counted here
too. Each try is one INSERT ... ON CONFLICT DO UPDATE ... RETURNING statement (PostgreSQL, SQLite 3.35+).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from youdecide.voting import first_ballot
from youdecide.voting.errors import VotingRefused
from youdecide.voting.models import Throttle
from youdecide.voting.tokens import keyed_digest


def _key(what: str, who: str) -> str:
    return keyed_digest("throttle", f"{what}:{who}")


def over_limit(what: str, who: str, limit: int, window: timedelta, now: datetime | None = None) -> bool:
    """Whether `who` has used up their `limit` tries of `what` in the current window (counts no try)."""
    return blocked_until(what, who, limit, window, now) is not None


def blocked_until(
    what: str, who: str, limit: int, window: timedelta, now: datetime | None = None
) -> datetime | None:
    """When `who` may try `what` again, once their tries of the current window are used up (counts none)."""
    now = now or timezone.now()
    row = (
        Throttle.objects.filter(key=_key(what, who), window_started_at__gt=now - window)
        .values_list("count", "window_started_at")
        .first()
    )
    return row[1] + window if row is not None and row[0] >= limit else None


def allow(what: str, who: str, limit: int, window: timedelta, now: datetime | None = None) -> bool:
    """Count one try of `what` by `who`; False once `limit` tries were made in the current window.

    One statement: the first try makes the row, a try in the window adds one to it, and a try after the
    window starts a new one at 1. The database applies concurrent tries one after another on the row, so a
    burst counts every try.
    """
    now = now or timezone.now()
    return _count_try(_key(what, who), now, now - window) <= limit


def refused_until(
    what: str, who: str, limit: int, window: timedelta, now: datetime | None = None
) -> datetime | None:
    """Count one try, as `allow` does: None when it is allowed, else the moment tries are allowed again."""
    now = now or timezone.now()
    key = _key(what, who)
    if _count_try(key, now, now - window) <= limit:
        return None
    started = Throttle.objects.filter(key=key).values_list("window_started_at", flat=True).first()
    return (started or now) + window


def tries(what: str, who: str, limit: int, window: timedelta, now: datetime) -> first_ballot.Tries:
    """The counter of `what` by `who` for a statement that checks or counts it in the database itself."""
    return first_ballot.Tries(key=_key(what, who), since=now - window, limit=limit)


def forget(what: str, who: str) -> None:
    """Start `who`'s count of `what` again from nothing (after a try that succeeded)."""
    Throttle.objects.filter(key=_key(what, who)).delete()


@cache
def _count_try_sql() -> str:
    """The one statement that counts a try (made once per process: it is on every ballot's path)."""
    # Only names from the model go into the text; every value is a parameter.
    meta, quote = Throttle._meta, connection.ops.quote_name
    table = quote(meta.db_table)
    column = {field.name: quote(field.column) for field in meta.concrete_fields}
    key_, count, started = column["key"], column["count"], column["window_started_at"]
    return (
        f"INSERT INTO {table} ({key_}, {started}, {count}) VALUES (%s, %s, 1) "  # noqa: S608
        f"ON CONFLICT ({key_}) DO UPDATE SET "
        f"{count} = CASE WHEN {table}.{started} <= %s THEN 1 ELSE {table}.{count} + 1 END, "
        f"{started} = CASE WHEN {table}.{started} <= %s THEN excluded.{started} ELSE {table}.{started} END "
        f"RETURNING {count}"
    )


def _count_try(key: str, now: datetime, window_start: datetime) -> int:
    sql = _count_try_sql()
    at, since = (connection.ops.adapt_datetimefield_value(moment) for moment in (now, window_start))
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, at, since, since])
        (counted,) = cursor.fetchone()
    return int(counted)


CASTS_PER_VOTER = 10
CAST_WINDOW = timedelta(minutes=10)


def check_cast_rate(person_key: str, now: datetime | None = None) -> None:
    """At most 10 ballot submissions by one voter in 10 minutes (repeats with the same key included)."""
    if not allow("cast", person_key, CASTS_PER_VOTER, CAST_WINDOW, now):
        raise VotingRefused(
            "too_many", _("You have sent your ballot many times in the last few minutes. Wait ten minutes.")
        )


UNKNOWN_CODES_PER_VOTER = 5
UNKNOWN_CODE_WINDOW = timedelta(hours=1)


def cast_tries(person_key: str, now: datetime) -> first_ballot.Tries:
    return tries("cast", person_key, CASTS_PER_VOTER, CAST_WINDOW, now)


def check_code_tries(person_key: str, now: datetime | None = None) -> None:
    """Refuse a voter who has typed five codes that are no code of the programme in the last hour."""
    if over_limit("unknown_code", person_key, UNKNOWN_CODES_PER_VOTER, UNKNOWN_CODE_WINDOW, now):
        raise _too_many_codes()


def code_tries(person_key: str, now: datetime) -> first_ballot.Tries:
    return tries("unknown_code", person_key, UNKNOWN_CODES_PER_VOTER, UNKNOWN_CODE_WINDOW, now)


def count_unknown_code(person_key: str, now: datetime | None = None) -> None:
    """Count a code that matched nothing against the voter who typed it; refuse once over the limit."""
    if not allow("unknown_code", person_key, UNKNOWN_CODES_PER_VOTER, UNKNOWN_CODE_WINDOW, now):
        raise _too_many_codes()


def _too_many_codes() -> VotingRefused:
    return VotingRefused(
        "too_many",
        _(
            "You have typed several codes that are not voting codes in the last hour. Check the code on "
            "your card and try again in an hour, or ask the council or a Decision Day officer."
        ),
    )


LINKS_PER_ADDRESS = 3
LINKS_PER_VOTER = 3
LINK_WINDOW = timedelta(hours=1)


def check_link_rate(email: str, person_key: str, now: datetime | None = None) -> None:
    """At most three emailed links an hour to one address, and three to one voter whatever the address."""
    address_ok = allow("link_address", email.strip().casefold(), LINKS_PER_ADDRESS, LINK_WINDOW, now)
    voter_ok = allow("link_voter", person_key, LINKS_PER_VOTER, LINK_WINDOW, now)  # counted either way
    if not (address_ok and voter_ok):
        raise VotingRefused(
            "too_many",
            _("We have sent several voting links in the last hour. Use the latest one, or ask again later."),
        )


ELIGIBILITY_CHECKS_PER_VOTER = 20
ELIGIBILITY_WINDOW = timedelta(minutes=10)


def check_eligibility_rate(person_key: str, now: datetime | None = None) -> None:
    """At most twenty eligibility checks of one voter's details in ten minutes."""
    if not allow("eligibility", person_key, ELIGIBILITY_CHECKS_PER_VOTER, ELIGIBILITY_WINDOW, now):
        raise VotingRefused(
            "too_many",
            _("These details have been checked many times in the last few minutes. Wait ten minutes."),
        )


SLIP_TRIES_PER_OFFICER = 5
SLIP_WINDOW = timedelta(minutes=15)


def check_slip_tries(officer_id: str, now: datetime | None = None) -> None:
    """Refuse any slip from an officer whose tablets had five slips that are no slip of the day in 15 minutes,
    before the slip is looked up: a guesser learns nothing more."""
    until = blocked_until("slip_unknown", officer_id, SLIP_TRIES_PER_OFFICER, SLIP_WINDOW, now)
    if until is not None:
        raise VotingRefused(
            "too_many",
            _(
                "Five slips typed on this officer's tablets in the last 15 minutes were not ballot slips of "
                "this day. Check the slip and try again after %(time)s."
            )
            % {"time": timezone.localtime(until).strftime("%H:%M")},
        )


def count_unknown_slip(officer_id: str, now: datetime | None = None) -> None:
    """Count a slip that matched no attendee of the day against the officer whose tablet sent it."""
    allow("slip_unknown", officer_id, SLIP_TRIES_PER_OFFICER, SLIP_WINDOW, now)
