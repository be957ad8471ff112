"""Personal data goes a set time after a programme ends; its ballots, counts and results stay the same."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests import factories
from youdecide.accounts.models import Role
from youdecide.audit.models import AuditEvent
from youdecide.programmes.models import BallotKind, Phase
from youdecide.results.services import run_count
from youdecide.results.tests.test_publish_and_recount import count_and_publish, vote
from youdecide.voting.models import Ballot, BallotItem, Participation, VotingCode
from youdecide.voting.tests.conftest import Box, make_box


def _ended_days_ago(box: Box, days: int) -> None:
    end = timezone.now() - timedelta(days=days)
    Phase.objects.filter(programme=box.programme).update(
        starts_at=end - timedelta(days=30), ends_at=end, opened_at=None, closed_at=None
    )


def _keys(box: Box) -> set[str]:
    return set(Participation.objects.filter(programme=box.programme).values_list("person_key", flat=True))


def _choices() -> list[tuple[str, str, int]]:
    return sorted(BallotItem.objects.values_list("ballot__public_id", "proposal__reference", "value"))


@pytest.mark.django_db
def test_purging_replaces_voters_keys_and_keeps_every_ballot_and_the_count() -> None:
    old, recent = make_box(ballot_kind=BallotKind.APPROVAL), make_box(ballot_kind=BallotKind.APPROVAL)
    for box, seed in ((old, 1), (recent, 2)):
        vote(box, BallotKind.APPROVAL, 12, seed=seed)
    published = count_and_publish(old)
    _ended_days_ago(old, 400)
    keys_before = set(
        Participation.objects.filter(programme=old.programme).values_list("person_key", flat=True)
    )
    recent_keys = _keys(recent)
    choices_before, ballots_before = _choices(), Ballot.objects.count()

    dry = StringIO()
    call_command("purge_personal_data", "--days", "365", "--dry-run", stdout=dry)
    assert "would remove the personal data of 12 participations, 12 used codes" in dry.getvalue()
    assert set(Participation.objects.values_list("person_key", flat=True)) >= keys_before

    out = StringIO()
    call_command("purge_personal_data", "--days", "365", stdout=out)
    assert f"{old.programme.name} (ended" in out.getvalue()
    assert "removed the personal data of 12 participations, 12 used codes" in out.getvalue()
    assert out.getvalue().count("removed the personal data") == 1  # the programme that has not ended is left

    keys_after = set(
        Participation.objects.filter(programme=old.programme).values_list("person_key", flat=True)
    )
    assert not keys_after & keys_before and len(keys_after) == 12
    codes = VotingCode.objects.filter(batch__programme=old.programme).exclude(person_key="")
    assert not set(codes.values_list("person_key", flat=True)) & keys_before
    assert all(code.used_at is None or code.used_at.second == 0 for code in codes)
    # The other programme, which has not ended, keeps its voters' keys.
    assert _keys(recent) == recent_keys
    # Every ballot and choice is as it was, and counting again gives the published result.
    assert _choices() == choices_before and Ballot.objects.count() == ballots_before
    officer = factories.UserFactory.create(role=Role.OFFICER)
    recount = run_count(officer, old.programme, old.area)
    assert recount.selected == published.selected and recount.inputs_digest == published.inputs_digest
    assert AuditEvent.objects.filter(action="voting.personal_data_purged").count() == 1

    again = StringIO()
    call_command("purge_personal_data", "--days", "365", stdout=again)
    assert "removed the personal data of 0 participations, 0 used codes" in again.getvalue()
    assert AuditEvent.objects.filter(action="voting.personal_data_purged").count() == 1
    assert _keys(old) == keys_after


@pytest.mark.django_db
def test_nothing_is_purged_before_the_retention_period_is_over() -> None:
    box = make_box(ballot_kind=BallotKind.APPROVAL)
    vote(box, BallotKind.APPROVAL, 3, seed=3)
    _ended_days_ago(box, 100)
    keys = set(Participation.objects.values_list("person_key", flat=True))
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert out.getvalue().strip() == "No programme ended more than 365 days ago."
    assert set(Participation.objects.values_list("person_key", flat=True)) == keys
