"""Officers offering a grant for the same project at the same moment: one grant is made, the others are told
it has one already. Each thread on its own connection, released together by a barrier."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from youdecide.delivery.models import Grant, Tranche
from youdecide.delivery.services import create_grant
from youdecide.delivery.tests.conftest import Funded

THREADS = 8


@pytest.mark.django_db(transaction=True)
def test_two_officers_offering_at_once_make_one_grant(funded: Funded) -> None:
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = ["missing"] * THREADS
    start = timezone.localdate()

    def offer(i: int) -> None:
        try:
            barrier.wait()
            create_grant(
                funded.setting.officer,
                funded.proposal,
                starts_on=start,
                ends_on=start + timedelta(days=180),
                tranches=[(start, 600_000)],
            )
            outcomes[i] = "made"
        except (PermissionDenied, ValidationError) as refusal:
            outcomes[i] = "has a grant already" if "has a grant already" in str(refusal) else repr(refusal)
        except Exception as error:  # reported in the assertion
            outcomes[i] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=offer, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Counter(outcomes) == {"made": 1, "has a grant already": THREADS - 1}
    assert Grant.objects.count() == 1 and Tranche.objects.count() == 1
