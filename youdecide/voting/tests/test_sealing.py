"""Sealing at close: after it, no row of any table joins who took part to what they chose.

A vote of every way in (a card, a changed vote, an emailed link, a tablet, a paper, an online vote
replaced by one in person, a browser left half-way through changing a vote) is sealed; then every row of
every table is read, and none may hold both something of a voter and something of a ballot.
"""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from youdecide.audit.models import AuditEvent
from youdecide.events import services as events
from youdecide.events.models import PaperBallot
from youdecide.events.tests.conftest import Day, make_day
from youdecide.programmes.models import Phase
from youdecide.voting import services, tokens
from youdecide.voting.identity import Voter, VoterDetails
from youdecide.voting.models import (
    Ballot,
    BallotItem,
    BallotStatus,
    Channel,
    EmailLink,
    Participation,
    Submission,
    VotingCode,
)
from youdecide.voting.services import _request_digest
from youdecide.voting.tests.test_pages import ABOUT, text

OFFICER = "officer@cheshireeast.example"


def person(n: int) -> VoterDetails:
    return VoterDetails(f"Resident {n}", date(1960 + n, 1 + n % 12, 1 + n % 28), "CW1 2BJ", "lives")


def every_way_of_voting(day: Day, client: Client) -> list[str]:
    """Votes of every kind; returns every receipt handed out."""
    box, officer, checker = day.box, day.officers[0], day.officers[1]
    programme = box.programme
    _batch, codes = services.generate_code_batch(None, programme, box.area, 3, "Crewe library")
    receipts = []
    changer = services.admit_with_code(programme, codes[0], person(1))
    receipts.append(services.cast_ballot(changer, box.scores(5, 4, 3, 2), idempotency_key="c1").receipt)
    receipts.append(
        services.cast_ballot(changer, box.scores(1, 2, 3, 4), idempotency_key="c2", change_of=0).receipt
    )
    online_then_paper = services.admit_with_code(programme, codes[1], person(2))
    receipts.append(
        services.cast_ballot(online_then_paper, box.scores(2, 2, 2, 2), idempotency_key="p1").receipt
    )
    events.issue_paper_ballot(officer, events.check_in_attendee(officer, day.event, person(2)).check_in)
    for who in (officer, checker):
        events.key_paper_ballot(who, day.event, 1, box.scores(3, 3, 3, 3))
    tablet = events.check_in_attendee(officer, day.event, person(3)).check_in
    slip = events.issue_tablet_ballot(officer, tablet)
    receipts.append(events.cast_tablet_ballot(officer, day.event, slip, box.scores(4, 4, 4, 4), "t1").receipt)
    link = services.request_email_link(programme, box.area, person(4), "r4@example.org", "https://x/")
    token = tokens.new_link_token()
    EmailLink.objects.filter(pk=link.pk).update(token_digest=tokens.keyed_digest("link", token))
    receipts.append(
        services.cast_ballot(
            services.admit_with_link(token), box.scores(5, 5, 1, 1), idempotency_key="l1"
        ).receipt
    )
    # a resident comes back to change their vote and leaves with the ballot filled in
    slug = programme.slug
    client.post(f"/programmes/{slug}/vote/code/", {"code": codes[2]})
    client.post(f"/programmes/{slug}/vote/about-you/", ABOUT)
    client.post(f"/programmes/{slug}/vote/ballot/", {f"p{pid}": "3" for pid in box.ids()})
    client.post(f"/programmes/{slug}/vote/review/")
    client.post(f"/programmes/{slug}/vote/code/", {"code": codes[2]})
    client.post(f"/programmes/{slug}/vote/about-you/", ABOUT)
    assert client.get(f"/programmes/{slug}/vote/ballot/").status_code == 200
    return receipts


def ballot_side_tokens(receipts: list[str]) -> set[str]:
    found = set()
    for ballot_id, public_id, tag in Ballot.objects.values_list("id", "public_id", "envelope_tag"):
        found |= {str(ballot_id), ballot_id.hex, public_id} | ({tag} if tag else set())
    for item_id in BallotItem.objects.values_list("id", flat=True):
        found |= {str(item_id), item_id.hex}
    return found | set(receipts) | {tokens.grouped(r) for r in receipts}


def voter_side_tokens() -> set[str]:
    """What a voter's rows hold, and what anyone with the voter key can work out from them: the tag of
    an envelope, and the digest a submission of theirs would carry for any stored ballot's choices."""
    participations = list(Participation.objects.all())
    found = {p.person_key for p in participations}
    found |= {e for p in participations if (e := p.envelope)} | {
        tokens.keyed_digest("envelope", e) for p in participations if (e := p.envelope)
    }
    found |= set(VotingCode.objects.values_list("digest", flat=True))
    found |= set(EmailLink.objects.values_list("token_digest", flat=True))
    for ballot in Ballot.objects.prefetch_related("items"):
        choices = {item.proposal_id: item.value for item in ballot.items.all()}
        for p in participations:
            voter = Voter(p.programme_id, p.area_id, p.person_key, p.age_band, p.connection, "code")
            for channel in (Channel.ONLINE, Channel.TABLET):
                for change_of in (None, *range(p.changes + 1)):
                    found.add(_request_digest(voter, choices, channel, change_of))
    return found


def joining(rows: list[tuple[str, str]], ballot_tokens: set[str], voter_tokens: set[str]) -> set[str]:
    """The tables with a row that holds something of a ballot and something of a voter."""
    return {
        table
        for table, row in rows
        if any(b in row for b in ballot_tokens) and any(v in row for v in voter_tokens)
    }


def every_row() -> list[tuple[str, str]]:
    """(table, the row as text) for every row of every table, browser sessions decoded."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                rows.append((table, " ".join(str(value) for value in row)))
    for session in Session.objects.all():
        rows.append(("django_session (decoded)", json.dumps(session.get_decoded())))
    return rows


def physical_order(table: str) -> list[Any]:
    position = "rowid" if connection.vendor == "sqlite" else "ctid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {connection.ops.quote_name(table)} ORDER BY {position}")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


def fresh_ballot_table() -> None:
    """Start the ballot table with no free space left by earlier tests' deleted rows (which PostgreSQL would
    fill first, in no order), as a new programme's table is: the order the rows lie in is then the order
    they were written in. Inside the test's transaction, so it is undone with it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {connection.ops.quote_name(Ballot._meta.db_table)} CASCADE")


def close_voting(day: Day) -> None:
    Phase.objects.filter(programme=day.box.programme).update(ends_at=timezone.now() - timedelta(minutes=1))


@pytest.mark.django_db
def test_after_sealing_no_row_joins_a_voter_to_a_ballot(client: Client, monkeypatch: Any) -> None:
    monkeypatch.setattr(services, "REWRITE_BATCH", 2)  # ballots rewritten a few at a time
    fresh_ballot_table()
    day = make_day()
    receipts = every_way_of_voting(day, client)
    ballot_tokens = ballot_side_tokens(receipts)
    voter_tokens = voter_side_tokens()
    # the check finds what joins while voting is open
    assert joining(every_row(), ballot_tokens, voter_tokens) == {"voting_ballot", "voting_submission"}
    counted_before = sorted(
        sorted(b.items.values_list("proposal_id", "value"))
        for b in Ballot.objects.filter(status=BallotStatus.COUNTED)
    )
    close_voting(day)
    expiry = dict(Session.objects.values_list("session_key", "expire_date"))

    assert services.seal_ballots(OFFICER, day.box.programme) == 3

    assert joining(every_row(), ballot_tokens, voter_tokens) == set()
    for session in Session.objects.all():
        assert not set(session.get_decoded()) & {"voter", "pending", "receipt"}, session.get_decoded()
    assert dict(Session.objects.values_list("session_key", "expire_date")) == expiry  # none brought back
    assert not Participation.objects.exclude(envelope=None).exists()
    assert not Ballot.objects.exclude(envelope_tag=None).exists()
    assert not Submission.objects.exists()
    assert set(Ballot.objects.values_list("status", flat=True)) == {BallotStatus.COUNTED}
    counted_after = sorted(sorted(b.items.values_list("proposal_id", "value")) for b in Ballot.objects.all())
    assert counted_after == counted_before
    paper = PaperBallot.objects.get()
    assert paper.ballot is not None and paper.ballot.items.count() == 4
    # the rows lie in the order of their random public ids, not in the order the votes came in
    assert physical_order(Ballot._meta.db_table) == [
        ballot_id if connection.vendor == "postgresql" else ballot_id.hex
        for ballot_id in Ballot.objects.order_by("public_id").values_list("id", flat=True)
    ]
    event = AuditEvent.objects.get(action="voting.ballots_sealed")
    assert event.data == {"participations": 3, "uncounted_ballots": 2, "submissions": 6}


@pytest.mark.django_db
def test_sealing_again_changes_nothing_and_costs_little(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    day = make_day()
    every_way_of_voting(day, client)
    close_voting(day)
    services.seal_ballots(OFFICER, day.box.programme)
    rows = sorted(every_row())
    with django_assert_max_num_queries(8):
        assert services.seal_ballots(OFFICER, day.box.programme) == 0
    assert sorted(every_row()) == rows
    assert AuditEvent.objects.filter(action="voting.ballots_sealed").count() == 1


def test_the_submission_digest_needs_the_voter_key(settings: Any) -> None:
    voter = Voter(1, 2, "person", "45-54", "lives", "code")
    settings.VOTER_KEY = "one key"
    first = _request_digest(voter, {1: 5}, "online", None)
    assert first == _request_digest(voter, {1: 5}, "online", None)
    settings.VOTER_KEY = "another key"
    assert _request_digest(voter, {1: 5}, "online", None) != first


@pytest.mark.django_db
def test_the_seal_ballots_command(client: Client) -> None:
    day = make_day()
    every_way_of_voting(day, client)
    with pytest.raises(CommandError, match="Voting is still open"):
        call_command("seal_ballots", day.box.programme.slug)
    close_voting(day)
    out = io.StringIO()
    call_command("seal_ballots", day.box.programme.slug, stdout=out)
    assert out.getvalue() == (
        "You Decide — public health: 3 online votes sealed; nothing now joins a voter to a ballot.\n"
    )
    assert not Submission.objects.exists()
    with pytest.raises(CommandError, match="No programme has the slug 'nowhere'"):
        call_command("seal_ballots", "nowhere")


@pytest.mark.django_db
def test_after_sealing_a_counted_receipt_finds_its_ballot_a_replaced_one_nothing(client: Client) -> None:
    day = make_day()
    replaced, counted, *_rest = every_way_of_voting(day, client)
    close_voting(day)
    services.seal_ballots(OFFICER, day.box.programme)
    found = text(client.post("/vote/find-my-ballot/", {"receipt": counted}))
    assert "It counts." in found
    gone = client.post("/vote/find-my-ballot/", {"receipt": replaced})
    assert gone.status_code == 422
    page = text(gone)
    assert "No ballot has this receipt." in page
    assert "a ballot that no longer counts (replaced by a changed vote or by a vote in person) is" in page
