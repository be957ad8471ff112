"""A Decision Day through its services: check-in, tablet and paper ballots, keying, reconciliation, count."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from youdecide.audit.models import AuditEvent
from youdecide.events import services
from youdecide.events.models import BallotIssued, DecisionDay, PaperStatus
from youdecide.events.selectors import reconciliation
from youdecide.events.tests.conftest import Day, make_day, person
from youdecide.programmes.models import InPersonPolicy
from youdecide.results.services import confirm_count, run_count
from youdecide.voting import services as voting
from youdecide.voting.errors import VotingRefused
from youdecide.voting.models import Ballot, BallotStatus, Participation


def test_the_running_order_gives_each_project_a_time(day: Day) -> None:
    slots = list(day.event.slots.select_related("proposal"))
    assert [s.proposal.title for s in slots] == [p.title for p in day.box.proposals]
    gap = slots[1].starts_at - slots[0].starts_at
    assert gap.total_seconds() == (day.event.pitch_minutes + 2) * 60
    with pytest.raises(ValidationError, match="A project can have only one slot"):
        services.set_running_order(day.officers[0], day.event, [day.box.proposals[0]] * 2)


def test_tablet_ballot_stored_once_however_often_it_is_sent(day: Day) -> None:
    officer = day.officers[0]
    check_in = services.check_in_attendee(officer, day.event, person(1)).check_in
    slip = services.issue_tablet_ballot(officer, check_in)
    choices = day.box.scores(5, 4, 3, 2)
    receipts = {
        services.cast_tablet_ballot(officer, day.event, slip, choices, "tablet-7:1").receipt for _ in range(3)
    }
    assert len(receipts) == 1
    assert Ballot.objects.filter(status=BallotStatus.COUNTED).count() == 1
    with pytest.raises(VotingRefused) as caught:
        services.cast_tablet_ballot(officer, day.event, slip.lower(), choices, "tablet-7:2")
    assert caught.value.messages == ["This ballot slip has been used."]
    with pytest.raises(VotingRefused) as caught:
        services.cast_tablet_ballot(officer, day.event, "AAAA-AAAA", choices, "tablet-7:3")
    assert caught.value.code == "slip_unknown"


def test_an_online_voter_is_overridden_or_refused_as_the_programme_says(day: Day) -> None:
    _batch, codes = voting.generate_code_batch(None, day.box.programme, day.box.area, 1, "library")
    online = voting.admit_with_code(day.box.programme, codes[0], person(2))
    voting.cast_ballot(online, day.box.scores(1, 1, 1, 1), idempotency_key="web")
    result = services.check_in_attendee(day.officers[0], day.event, person(2))
    assert result.note == "This person voted online. Their vote here replaces the online one."
    services.issue_paper_ballot(day.officers[0], result.check_in)
    assert Ballot.objects.get().status == BallotStatus.OVERRIDDEN
    assert Participation.objects.get().channel == "paper"
    with pytest.raises(VotingRefused) as caught:  # and cannot check in again anywhere
        services.check_in_attendee(day.officers[1], day.event, person(2))
    assert caught.value.messages == ["This person has already voted in person in Crewe."]

    strict = make_day(in_person_policy=InPersonPolicy.FIRST_WINS)
    _batch, codes = voting.generate_code_batch(None, strict.box.programme, strict.box.area, 1, "library")
    online = voting.admit_with_code(strict.box.programme, codes[0], person(3))
    voting.cast_ballot(online, strict.box.scores(1, 1, 1, 1), idempotency_key="web-2")
    with pytest.raises(VotingRefused) as caught:
        services.check_in_attendee(strict.officers[0], strict.event, person(3))
    assert caught.value.messages == [
        "This person has already voted online; in this programme the first vote counts."
    ]
    assert Ballot.objects.filter(programme=strict.box.programme, status=BallotStatus.COUNTED).count() == 1


def test_one_person_cannot_check_in_at_two_events(day: Day) -> None:
    other = services.create_decision_day(
        day.officers[0],
        day.box.programme,
        [day.box.area],
        name="Crewe Decision Day, evening",
        venue="Crewe Library",
        starts_at=day.event.starts_at,
        ends_at=day.event.ends_at,
    )
    other = services.open_decision_day(day.officers[0], other)
    services.check_in_attendee(day.officers[0], day.event, person(4))
    with pytest.raises(VotingRefused) as caught:
        services.check_in_attendee(day.officers[1], other, person(4))
    assert caught.value.messages[0].startswith("This person checked in at Crewe Decision Day at ")


def test_paper_keyed_twice_mismatch_reconciled_and_reconciliation_table(day: Day) -> None:
    one, two, three = day.officers
    for n in range(5):
        check_in = services.check_in_attendee(one, day.event, person(10 + n)).check_in
        services.issue_paper_ballot(one, check_in)
        assert check_in.__class__.objects.get(pk=check_in.pk).issued == BallotIssued.PAPER
    agreed = day.box.scores(5, 3, 4, 1)
    services.key_paper_ballot(one, day.event, 1, agreed)
    with pytest.raises(VotingRefused, match="needs keying by a second officer"):
        services.key_paper_ballot(one, day.event, 1, agreed)
    assert services.key_paper_ballot(two, day.event, 1, agreed).status == PaperStatus.ACCEPTED
    services.key_paper_ballot(one, day.event, 2, day.box.scores(2, 2, 2, 2))
    paper = services.key_paper_ballot(two, day.event, 2, day.box.scores(2, 2, 3, 2))
    assert paper.status == PaperStatus.MISMATCH
    with pytest.raises(VotingRefused, match="A third officer"):
        services.reconcile_paper_ballot(two, day.event, 2, day.box.scores(2, 2, 2, 2))
    assert (
        services.reconcile_paper_ballot(three, day.event, 2, day.box.scores(2, 2, 2, 2)).status == "accepted"
    )
    services.key_paper_ballot(one, day.event, 3, day.box.scores(1, 1, 1, 1))
    services.spoil_paper_ballot(two, day.event, 4, "two marks for every project")
    with pytest.raises(VotingRefused) as caught:
        services.key_paper_ballot(one, day.event, 5, {day.box.ids()[0]: 3})
    assert caught.value.code == "ballot_invalid"
    assert reconciliation(DecisionDay.objects.get(pk=day.event.pk)) == {
        "issued": 5,
        "returned": 4,
        "not_returned": 1,
        "spoiled": 1,
        "keyed_once": 1,
        "keyed_twice": 2,
        "mismatches_open": 0,
        "accepted": 2,
    }
    counted = [
        dict(b.items.values_list("proposal_id", "value")) for b in Ballot.objects.order_by("public_id")
    ]
    assert sorted(map(sorted, (c.items() for c in counted))) == sorted(
        map(sorted, (agreed.items(), day.box.scores(2, 2, 2, 2).items()))
    )
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"events.paper_keyed", "events.paper_reconciled", "events.paper_spoiled"} <= actions


def test_close_count_and_confirm(day: Day) -> None:
    officer = day.officers[0]
    for n, scores in enumerate([(5, 1, 4, 2), (4, 2, 5, 1), (5, 1, 3, 3)]):
        check_in = services.check_in_attendee(officer, day.event, person(30 + n)).check_in
        slip = services.issue_tablet_ballot(officer, check_in)
        services.cast_tablet_ballot(officer, day.event, slip, day.box.scores(*scores), f"k{n}")
    services.close_decision_day(officer, day.event)
    with pytest.raises(VotingRefused, match="has closed: voting in the hall is over"):
        services.check_in_attendee(officer, DecisionDay.objects.get(pk=day.event.pk), person(40))
    run = run_count(officer, day.box.programme, day.box.area)
    refs = [p.reference for p in day.box.proposals]
    assert run.scores == {refs[0]: 14, refs[1]: 4, refs[2]: 12, refs[3]: 6}
    # Pot £10,000: allotment £2,500 (14), cookery £3,000 (12), men's shed £1,500 (6), football £4,000 (4)
    assert run.selected == [refs[0], refs[2], refs[3]]
    assert run.spent_pence == 700_000 and run.ballots == 3
    assert "£" in run.explanations[refs[1]]
    again = run_count(officer, day.box.programme, day.box.area)
    assert (again.inputs_digest, again.selected) == (run.inputs_digest, run.selected)
    assert confirm_count(day.officers[1], run).confirmed_at is not None
