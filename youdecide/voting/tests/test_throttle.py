"""Rate limits count per voter, in the database, so every app process sees the same count."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from youdecide.voting.errors import VotingRefused
from youdecide.voting.models import Throttle
from youdecide.voting.throttle import CASTS_PER_VOTER, allow, check_cast_rate


@pytest.mark.django_db
def test_the_limit_applies_per_voter_and_resets_after_the_window() -> None:
    now = timezone.now()
    assert all(allow("cast", "voter-a", 3, timedelta(minutes=10), now) for _ in range(3))
    assert not allow("cast", "voter-a", 3, timedelta(minutes=10), now)
    assert allow("cast", "voter-b", 3, timedelta(minutes=10), now)  # another voter in the same hall
    assert allow("cast", "voter-a", 3, timedelta(minutes=10), now + timedelta(minutes=11))
    assert Throttle.objects.count() == 2
    assert "voter-a" not in "".join(Throttle.objects.values_list("key", flat=True))


@pytest.mark.django_db
def test_too_many_ballots_from_one_voter_are_refused() -> None:
    for _ in range(CASTS_PER_VOTER):
        check_cast_rate("voter-c")
    with pytest.raises(VotingRefused) as caught:
        check_cast_rate("voter-c")
    assert caught.value.code == "too_many"
