"""A try is counted in one SQL statement, and a burst of tries at the same moment loses none of them.

Runs on whichever database the suite runs on (SQLite and PostgreSQL in CI), each thread on its own
connection, all released together by a barrier.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from youdecide.voting.models import Throttle
from youdecide.voting.throttle import allow

WINDOW = timedelta(minutes=15)
THREADS = 30


@pytest.mark.django_db
def test_each_try_is_one_statement_whether_it_starts_continues_or_renews_a_window() -> None:
    now = timezone.now()
    seen = []
    for at in (now, now + timedelta(minutes=1), now + WINDOW + timedelta(minutes=2)):
        with CaptureQueriesContext(connection) as statements:
            allowed = allow("sign_in", "sian@example.org", 1, WINDOW, at)
        assert len(statements) == 1, [q["sql"] for q in statements.captured_queries]
        seen.append((Throttle.objects.values_list("count", flat=True).get(), allowed))
    assert seen == [(1, True), (2, False), (1, True)]
    started = Throttle.objects.values_list("window_started_at", flat=True).get()
    assert started == now + WINDOW + timedelta(minutes=2)


@pytest.mark.django_db
def test_a_try_on_the_last_moment_of_a_window_starts_a_new_one() -> None:
    now = timezone.now()
    assert allow("sign_in", "gareth@example.org", 1, WINDOW, now)
    assert not allow("sign_in", "gareth@example.org", 1, WINDOW, now + WINDOW - timedelta(microseconds=1))
    assert allow("sign_in", "gareth@example.org", 1, WINDOW, now + WINDOW)
    assert Throttle.objects.values_list("count", "window_started_at").get() == (1, now + WINDOW)


@pytest.mark.django_db(transaction=True)
def test_tries_at_the_same_moment_are_all_counted() -> None:
    barrier = threading.Barrier(THREADS)
    answers: list[bool | str] = ["missing"] * THREADS
    now = timezone.now()

    def run(i: int) -> None:
        try:
            barrier.wait()
            answers[i] = allow("sign_in", "burst@example.org", 5, WINDOW, now)
        except Exception as error:  # reported in the assertion
            answers[i] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers, key=str) == [False] * (THREADS - 5) + [True] * 5
    assert Throttle.objects.values_list("count", flat=True).get() == THREADS
