"""Officers set a programme's voting rules; they are fixed once someone has voted."""

from __future__ import annotations

import pytest
from django.test import Client

from tests import factories
from youdecide.accounts.models import Role
from youdecide.audit.models import AuditEvent
from youdecide.programmes.models import BallotKind, VotingRules
from youdecide.voting import services
from youdecide.voting.tests.conftest import make_box


@pytest.mark.django_db
def test_an_officer_sets_the_rules_and_they_lock_after_the_first_vote(client: Client) -> None:
    box = make_box()
    client.force_login(factories.UserFactory.create(role=Role.OFFICER))
    url = f"/office/programmes/{box.programme.slug}/voting-rules/"
    page = client.get(url).content.decode()
    assert "Scores: score each project (e.g. 1 to 5)" in page
    form = {
        "ballot_kind": BallotKind.APPROVAL,
        "minimum_age": 16,
        "lives": "on",
        "works": "on",
        "min_picks": 1,
        "max_picks": 3,
        "min_share_spent_percent": 0,
        "points_total": 10,
        "score_min": 1,
        "score_max": 5,
        "conflict_policy": "no_vote_in_area",
        "in_person_policy": "first_wins",
        "allow_change": "on",
        "counting_rule": "equalshares/add1",
    }
    response = client.post(url, form)
    assert response.status_code == 302
    rules = VotingRules.objects.get(programme=box.programme)
    assert (rules.ballot_kind, rules.minimum_age, rules.max_picks, rules.studies) == (
        "approval",
        16,
        3,
        False,
    )
    event = AuditEvent.objects.filter(action="programme.voting_rules_set").latest("sequence")
    assert event.data["after"]["minimum_age"] == 16
    response = client.post(url, {**form, "score_min": 5, "score_max": 3})
    assert response.status_code == 200
    assert "The highest score must be more than the lowest." in response.content.decode()

    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 1, "Crewe library")
    voter = services.admit_with_code(box.programme, codes[0], box.details)
    services.cast_ballot(voter, {box.ids()[0]: 1}, idempotency_key="k")
    assert "these rules are fixed for this programme" in client.get(url).content.decode()
    response = client.post(url, {**form, "minimum_age": 11})
    assert "People have voted already: the voting rules can no longer change." in response.content.decode()
    assert VotingRules.objects.get(programme=box.programme).minimum_age == 16
    client.force_login(factories.UserFactory.create(role=Role.RESIDENT))
    assert client.get(url).status_code == 403
