"""Publishing a count: only once voting has closed (a count before then is provisional), only if the ballots
are those counted, sealing the ballots first, and leaving an audit event that names the count replaced."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tests import factories
from youdecide.accounts.models import Role
from youdecide.audit.models import AuditEvent
from youdecide.events import services as events
from youdecide.events.tests.conftest import make_day
from youdecide.programmes.models import AreaPot, BallotKind, PhaseKind
from youdecide.programmes.services import close_phase_now
from youdecide.results.models import CountRun
from youdecide.results.rules import can_publish
from youdecide.results.services import publish_count, run_count
from youdecide.results.tests.test_publish_and_recount import close_voting, count_and_publish, vote
from youdecide.voting.models import Ballot, BallotItem, Participation, Submission
from youdecide.voting.tests.conftest import make_box

PROVISIONAL = " This count is provisional: a result is published only once voting has closed."


@pytest.mark.django_db
def test_publishing_waits_for_voting_to_close_and_seals_the_ballots() -> None:
    day = make_day()
    box, (counter, checker, third) = day.box, day.officers
    vote(box, BallotKind.SCORES, 3, seed=21)
    check_in = events.check_in_attendee(counter, day.event, box.details).check_in
    events.cast_tablet_ballot(
        counter, day.event, events.issue_tablet_ballot(counter, check_in), box.scores(5, 4, 3, 2), "t-1"
    )
    run = run_count(counter, box.programme, box.area)  # counting is allowed while voting is open
    assert run.ballots == 4

    steps = [
        (lambda: None, "Voting is still open (Online voting)."),
        (
            lambda: close_phase_now(third, box.programme, PhaseKind.ONLINE_VOTING),
            "Voting is still open (Decision Days).",
        ),
        (
            lambda: close_phase_now(third, box.programme, PhaseKind.DECISION_DAYS),
            "The Decision Day “Crewe Decision Day” is still open.",
        ),
    ]
    for step, reason in steps:
        step()
        assert can_publish(run) == (False, reason + PROVISIONAL)
        with pytest.raises(ValidationError) as refused:
            publish_count(checker, run)
        assert refused.value.messages == [reason + PROVISIONAL]
    assert not CountRun.objects.filter(published_at__isnull=False).exists()

    events.close_decision_day(third, day.event)
    assert can_publish(run) == (True, "")
    assert Participation.objects.filter(programme=box.programme, envelope__isnull=False).count() == 3
    assert Submission.objects.filter(programme=box.programme).exists()
    publish_count(checker, run)
    assert not Participation.objects.filter(programme=box.programme, envelope__isnull=False).exists()
    assert not Ballot.objects.filter(programme=box.programme, envelope_tag__isnull=False).exists()
    assert not Submission.objects.filter(programme=box.programme).exists()
    actions = list(AuditEvent.objects.order_by("sequence").values_list("action", flat=True))
    assert actions[-2:] == ["voting.ballots_sealed", "results.published"]
    assert can_publish(CountRun.objects.get(pk=run.pk)) == (False, "This count is published already.")


@pytest.mark.django_db
def test_ballots_or_pot_changed_since_the_count_are_refused() -> None:
    box = make_box()
    vote(box, BallotKind.SCORES, 4, seed=22)
    counter, checker = (factories.UserFactory.create(role=Role.OFFICER) for _ in range(2))
    run = run_count(counter, box.programme, box.area)
    close_voting(box)
    late = Ballot.objects.create(
        programme=box.programme, area=box.area, kind="scores", public_id="LATEPAPER02"
    )
    BallotItem.objects.bulk_create(BallotItem(ballot=late, proposal=p, value=3) for p in box.proposals)
    changed = "Ballots, projects or the pot have changed since this count: count again before publishing."
    with pytest.raises(ValidationError) as refused:
        publish_count(checker, run)
    assert refused.value.messages == [changed]
    again = run_count(counter, box.programme, box.area)
    assert again.ballots == 5
    AreaPot.objects.filter(programme=box.programme, area=box.area).update(amount_pence=900_000)
    with pytest.raises(ValidationError) as refused:
        publish_count(checker, again)
    assert refused.value.messages == [changed]
    assert CountRun.objects.filter(published_at__isnull=False).count() == 0


@pytest.mark.django_db
def test_the_audit_event_names_the_count_a_publish_replaced() -> None:
    box = make_box()
    vote(box, BallotKind.SCORES, 4, seed=23)
    first = count_and_publish(box)
    counter, checker = (factories.UserFactory.create(role=Role.OFFICER) for _ in range(2))
    second = publish_count(
        checker, run_count(counter, box.programme, box.area), reason="Recounted after a keying check."
    )
    published = AuditEvent.objects.filter(action="results.published").order_by("sequence")
    assert [event.object_id for event in published] == [str(first.pk), str(second.pk)]
    assert published[0].data["supersedes"] is None
    assert published[1].data == {
        "area": box.area.code,
        "inputs": second.inputs_digest,
        "file_sha256": second.snapshot_sha256,
        "supersedes": first.pk,
        "supersedes_inputs": first.inputs_digest,
        "reason": "Recounted after a keying check.",
    }


@pytest.mark.django_db
def test_a_count_made_before_counts_kept_their_files(client: Client) -> None:
    box = make_box()
    vote(box, BallotKind.SCORES, 4, seed=24)
    run = count_and_publish(box)
    CountRun.objects.filter(pk=run.pk).update(snapshot=None, snapshot_sha256="", projects=[])
    legacy = CountRun.objects.get(pk=run.pk)
    url = f"/programmes/{box.programme.slug}/areas/{box.area.slug}/results/"
    page = re.sub(r"\s+", " ", client.get(url).content.decode())
    assert "its open data files are not available" in page
    for proposal in box.proposals:
        assert proposal.title.replace("'", "&#x27;") in page
    assert client.get(url + "results.pb").status_code == 404
    unpublished = run_count(factories.UserFactory.create(role=Role.OFFICER), box.programme, box.area)
    CountRun.objects.filter(pk=unpublished.pk).update(snapshot=None, snapshot_sha256="")
    assert can_publish(CountRun.objects.get(pk=unpublished.pk)) == (
        False,
        "This count was made before counts kept their own copy of what they counted: count again to publish.",
    )
    assert legacy.has_snapshot is False
