"""Casting, changing and replaying a ballot: what the database holds and what the voter is told."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests import factories
from youdecide.audit.models import AuditEvent
from youdecide.programmes.models import ConflictPolicy, InPersonPolicy, Phase, PhaseKind
from youdecide.voting import services
from youdecide.voting.errors import VotingRefused
from youdecide.voting.identity import Voter, VoterDetails
from youdecide.voting.models import Ballot, BallotItem, BallotStatus, Channel, Participation, Submission
from youdecide.voting.selectors import ballot_for_receipt, current_vote
from youdecide.voting.tests.conftest import Box

OFFICER = "officer@cheshireeast.example"


def code_voter(box: Box, details: VoterDetails | None = None) -> Voter:
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 1, "Crewe library")
    return services.admit_with_code(box.programme, codes[0], details or box.details)


def counted(box: Box) -> list[dict[int, int]]:
    return [
        dict(ballot.items.values_list("proposal_id", "value"))
        for ballot in Ballot.objects.filter(area=box.area, status=BallotStatus.COUNTED)
    ]


def test_a_ballot_is_stored_apart_from_who_cast_it(box: Box) -> None:
    receipt = services.cast_ballot(code_voter(box), box.scores(5, 3, 4, 1), idempotency_key="k1")
    assert counted(box) == [box.scores(5, 3, 4, 1)]
    participation = Participation.objects.get()
    assert (participation.channel, participation.age_band, participation.connection) == (
        "online",
        "45-54",
        "lives",
    )
    assert "Siân" not in participation.person_key and len(participation.person_key) == 64
    ballot = Ballot.objects.get()
    assert ballot.public_id == receipt.public_id
    found = ballot_for_receipt(receipt.printed.lower())
    assert found is not None and found.pk == ballot.pk
    assert ballot_for_receipt("AAAA-AAAA-AAAA-AAAA") is None
    event = AuditEvent.objects.filter(action="voting.vote_recorded").get()
    assert event.data == {"area": box.area.code, "channel": "online"}


def test_a_repeat_with_the_same_key_returns_the_same_receipt(box: Box) -> None:
    voter = code_voter(box)
    first = services.cast_ballot(voter, box.scores(5, 3, 4, 1), idempotency_key="same")
    again = services.cast_ballot(voter, box.scores(5, 3, 4, 1), idempotency_key="same")
    assert (again.receipt, again.replayed) == (first.receipt, True)
    assert Ballot.objects.count() == 1 and Participation.objects.count() == 1
    with pytest.raises(VotingRefused) as caught:
        services.cast_ballot(voter, box.scores(1, 1, 1, 1), idempotency_key="same")
    assert caught.value.code == "key_reused"


def test_a_second_ballot_is_refused_and_nothing_is_added(box: Box) -> None:
    voter = code_voter(box)
    services.cast_ballot(voter, box.scores(5, 3, 4, 1), idempotency_key="one")
    with pytest.raises(VotingRefused) as caught:
        services.cast_ballot(voter, box.scores(1, 1, 1, 1), idempotency_key="two")
    assert caught.value.code == "already_voted"
    assert caught.value.messages == [
        "You have already voted in Crewe.",
        "You can change it with “Change my vote”.",
    ]
    assert counted(box) == [box.scores(5, 3, 4, 1)]
    assert Submission.objects.count() == 1


def test_changing_a_vote_replaces_the_old_ballot(box: Box) -> None:
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 1, "Crewe library")
    voter = services.admit_with_code(box.programme, codes[0], box.details)
    first = services.cast_ballot(voter, box.scores(5, 3, 4, 1), idempotency_key="one")
    again = services.admit_with_code(box.programme, codes[0], box.details)  # back later with the same card
    seen = current_vote(again)
    assert seen == (box.scores(5, 3, 4, 1), 0)
    second = services.cast_ballot(again, box.scores(1, 2, 3, 4), idempotency_key="two", change_of=0)
    assert second.changed and second.receipt != first.receipt
    assert counted(box) == [box.scores(1, 2, 3, 4)]
    old = ballot_for_receipt(first.receipt)
    assert old is not None and old.status == BallotStatus.REPLACED
    assert Participation.objects.get().changes == 1
    with pytest.raises(VotingRefused) as caught:  # a second change from a stale page
        services.cast_ballot(again, box.scores(2, 2, 2, 2), idempotency_key="three", change_of=0)
    assert caught.value.code == "changed_already"
    assert counted(box) == [box.scores(1, 2, 3, 4)]


def test_no_change_when_the_programme_forbids_it(box: Box) -> None:
    box.rules.allow_change = False
    box.rules.save()
    voter = code_voter(box)
    services.cast_ballot(voter, box.scores(5, 3, 4, 1), idempotency_key="one")
    with pytest.raises(VotingRefused) as caught:
        services.cast_ballot(voter, box.scores(1, 2, 3, 4), idempotency_key="two", change_of=0)
    assert caught.value.messages == ["You have already voted in Crewe."]


def test_a_code_lets_back_in_only_the_person_who_used_it(box: Box) -> None:
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 1, "Crewe library")
    voter = services.admit_with_code(box.programme, codes[0], box.details)
    services.cast_ballot(voter, box.scores(5, 3, 4, 1), idempotency_key="one")
    assert services.admit_with_code(box.programme, codes[0], box.details).person_key == voter.person_key
    stranger = VoterDetails("Dafydd Evans", date(1975, 3, 3), "CW1 2BJ", "lives")
    for attempt in range(5):
        with pytest.raises(VotingRefused) as caught:
            services.admit_with_code(box.programme, codes[0], stranger)
        assert caught.value.code == "code_used", attempt
    with pytest.raises(VotingRefused) as caught:
        services.admit_with_code(box.programme, codes[0], box.details)
    assert caught.value.code == "code_locked"


def test_a_voided_or_unknown_code_is_refused(box: Box) -> None:
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 2, "Crewe library")
    services.void_code(None, box.programme, codes[0], "card lost")
    with pytest.raises(VotingRefused) as caught:
        services.admit_with_code(box.programme, codes[0], box.details)
    assert caught.value.code == "code_void"
    with pytest.raises(VotingRefused) as caught:
        services.admit_with_code(box.programme, "ZZZZ-ZZZZ-ZZZZ", box.details)
    assert caught.value.code == "code_unknown"
    assert "is not a voting code for You Decide — public health" in caught.value.messages[0]


def test_in_person_overrides_an_online_vote(box: Box) -> None:
    online = services.cast_ballot(code_voter(box), box.scores(5, 3, 4, 1), idempotency_key="online")
    voter = services.admit_in_person(OFFICER, box.programme, box.area, box.details)
    services.cast_ballot(
        voter, box.scores(2, 2, 2, 2), idempotency_key="tablet", channel=Channel.TABLET, actor=OFFICER
    )
    assert counted(box) == [box.scores(2, 2, 2, 2)]
    earlier = ballot_for_receipt(online.receipt)
    assert earlier is not None and earlier.status == BallotStatus.OVERRIDDEN
    participation = Participation.objects.get()
    assert (participation.channel, participation.first_channel, participation.envelope) == (
        "tablet",
        "online",
        None,
    )
    with pytest.raises(VotingRefused) as caught:  # and now online is refused
        services.cast_ballot(code_voter(box), box.scores(1, 1, 1, 1), idempotency_key="online-2", change_of=0)
    assert caught.value.messages == ["You have already voted in person in Crewe; that vote counts."]
    with pytest.raises(VotingRefused) as caught:  # and a second in-person vote too
        services.cast_ballot(voter, box.scores(1, 1, 1, 1), idempotency_key="paper", channel=Channel.PAPER)
    assert caught.value.messages == ["This person has already voted in person in Crewe."]


def test_first_vote_wins_when_the_programme_says_so(box: Box) -> None:
    box.rules.in_person_policy = InPersonPolicy.FIRST_WINS
    box.rules.save()
    services.cast_ballot(code_voter(box), box.scores(5, 3, 4, 1), idempotency_key="online")
    voter = services.admit_in_person(OFFICER, box.programme, box.area, box.details)
    with pytest.raises(VotingRefused) as caught:
        services.cast_ballot(voter, box.scores(2, 2, 2, 2), idempotency_key="tablet", channel=Channel.TABLET)
    assert caught.value.code == "already_voted"
    assert "in this programme the first vote counts" in caught.value.messages[0]
    assert counted(box) == [box.scores(5, 3, 4, 1)]


def test_a_group_member_does_not_score_their_own_project(box: Box) -> None:
    member = dataclasses.replace(box.details, member_of=frozenset({box.group.pk}))
    voter = code_voter(box, member)
    services.cast_ballot(voter, box.scores(5, 3, 4, 1), idempotency_key="k")
    own = box.proposals[0].pk
    assert counted(box) == [{pid: v for pid, v in box.scores(5, 3, 4, 1).items() if pid != own}]
    assert not BallotItem.objects.filter(proposal_id=own).exists()


def test_or_may_not_vote_in_that_area_at_all(box: Box) -> None:
    box.rules.conflict_policy = ConflictPolicy.NO_VOTE_IN_AREA
    box.rules.save()
    member = dataclasses.replace(box.details, member_of=frozenset({box.group.pk}))
    with pytest.raises(VotingRefused) as caught:
        code_voter(box, member)
    assert caught.value.messages == [
        "Members of a group with a project in Crewe may not vote in Crewe (a rule of this programme)."
    ]


def test_voting_closed_refuses_and_sealing_unlinks(box: Box) -> None:
    voter = code_voter(box)
    services.cast_ballot(voter, box.scores(5, 3, 4, 1), idempotency_key="k")
    with pytest.raises(VotingRefused) as caught:
        services.seal_ballots(OFFICER, box.programme)
    assert caught.value.code == "voting_open"
    Phase.objects.filter(programme=box.programme).update(ends_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(VotingRefused) as caught:
        services.cast_ballot(voter, box.scores(1, 1, 1, 1), idempotency_key="late", change_of=0)
    assert caught.value.messages == ["Online voting in You Decide — public health is not open."]
    assert services.seal_ballots(OFFICER, box.programme) == 1
    assert Participation.objects.filter(envelope__isnull=False).count() == 0
    assert Ballot.objects.filter(envelope_tag__isnull=False).count() == 0
    assert Submission.objects.count() == 0
    assert counted(box) == [box.scores(5, 3, 4, 1)]
    assert AuditEvent.objects.filter(action="voting.ballots_sealed").count() == 1


def test_phase_guards_each_channel(box: Box) -> None:
    Phase.objects.filter(programme=box.programme, kind=PhaseKind.DECISION_DAYS).delete()
    with pytest.raises(VotingRefused) as caught:
        services.admit_in_person(OFFICER, box.programme, box.area, box.details)
    assert caught.value.messages == [
        "Voting in person in You Decide — public health happens during the Decision Days phase."
    ]
    factories.open_phase(box.programme, PhaseKind.DECISION_DAYS)
    assert services.admit_in_person(OFFICER, box.programme, box.area, box.details).way_in == "in_person"
