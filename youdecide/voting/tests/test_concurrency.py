"""Many submissions at the same moment: exactly one ballot counts, every other sender is told why.

Runs on whichever database the suite runs on (SQLite and PostgreSQL in CI), each thread on its own
connection, all released together by a barrier.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from datetime import date

import pytest
from django.db import connection

from youdecide.programmes.models import InPersonPolicy
from youdecide.voting import services
from youdecide.voting.errors import VotingRefused
from youdecide.voting.identity import VoterDetails
from youdecide.voting.models import Ballot, BallotStatus, Channel, Participation
from youdecide.voting.tests.conftest import Box, make_box

THREADS = 50
ROUNDS = 5
FEW_ROUNDS = 3  # fifty people or fifty channels at once: enough rounds to meet both orders
OFFICER = "officer@cheshireeast.example"


def all_at_once(count: int, work: Callable[[int], services.Receipt]) -> list[tuple[str, str]]:
    """Run work(i) in `count` threads released together: ("stored", receipt) or ("refused", code) each."""
    barrier = threading.Barrier(count)
    results: list[tuple[str, str]] = [("missing", "")] * count

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = ("stored", work(i).receipt)
        except VotingRefused as refusal:
            results[i] = ("refused", refusal.code)
        except Exception as error:  # reported in the assertion
            results[i] = ("error", repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def resident(n: int) -> VoterDetails:
    return VoterDetails(f"Resident {n}", date(1970 + n % 30, 1 + n % 12, 1 + n % 28), "CW1 2BJ", "lives")


def counted_in(box: Box) -> int:
    return Ballot.objects.filter(area=box.area, status=BallotStatus.COUNTED).count()


@pytest.mark.django_db(transaction=True)
def test_one_voter_fifty_submissions_at_once() -> None:
    box = make_box()
    for round_ in range(ROUNDS):
        one_voter_many_keys(box, round_)


def one_voter_many_keys(box: Box, round_: int) -> None:
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 1, f"round {round_}")
    voter = services.admit_with_code(box.programme, codes[0], resident(round_))
    results = all_at_once(
        THREADS,
        lambda i: services.cast_ballot(voter, box.scores(5, 4, 3, 2), idempotency_key=f"{round_}-{i}"),
    )
    assert Counter(kind for kind, _ in results) == {"stored": 1, "refused": THREADS - 1}, results
    assert {code for kind, code in results if kind == "refused"} == {"already_voted"}
    assert counted_in(box) == round_ + 1
    assert Participation.objects.filter(area=box.area).count() == round_ + 1


@pytest.mark.django_db(transaction=True)
def test_one_submission_sent_fifty_times_at_once_is_stored_once() -> None:
    box = make_box()
    for round_ in range(ROUNDS):
        one_key_many_times(box, round_)


def one_key_many_times(box: Box, round_: int) -> None:
    voter = services.admit_in_person(OFFICER, box.programme, box.area, resident(round_))
    results = all_at_once(
        THREADS,
        lambda i: services.cast_ballot(
            voter, box.scores(1, 2, 3, 4), idempotency_key=f"tablet-{round_}", channel=Channel.TABLET
        ),
    )
    assert {kind for kind, _ in results} == {"stored"}, results
    assert len({receipt for _, receipt in results}) == 1
    assert counted_in(box) == round_ + 1


@pytest.mark.django_db(transaction=True)
def test_one_code_on_fifty_devices_at_once() -> None:
    box = make_box()
    for round_ in range(FEW_ROUNDS):
        one_code_many_people(box, round_)


def one_code_many_people(box: Box, round_: int) -> None:
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 1, f"round {round_}")
    people = [
        services.admit_with_code(box.programme, codes[0], resident(1000 + THREADS * round_ + i))
        for i in range(THREADS)
    ]
    results = all_at_once(
        THREADS,
        lambda i: services.cast_ballot(people[i], box.scores(5, 5, 5, 5), idempotency_key=f"{round_}-{i}"),
    )
    assert Counter(kind for kind, _ in results) == {"stored": 1, "refused": THREADS - 1}, results
    assert {code for kind, code in results if kind == "refused"} == {"code_used"}
    assert counted_in(box) == round_ + 1
    assert Participation.objects.filter(area=box.area).count() == round_ + 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("policy", [InPersonPolicy.IN_PERSON_OVERRIDES, InPersonPolicy.FIRST_WINS])
def test_in_person_and_online_at_once(policy: str) -> None:
    box = make_box(in_person_policy=policy)
    for round_ in range(FEW_ROUNDS):
        in_person_meets_online(box, round_, policy)


def in_person_meets_online(box: Box, round_: int, policy: str) -> None:
    """Half the threads send the voter's online ballot (each with its own key), half their tablet ballot."""
    details = resident(200 + round_)
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 1, f"round {round_}")
    online = services.admit_with_code(box.programme, codes[0], details)
    desk = services.admit_in_person(OFFICER, box.programme, box.area, details)

    def send(i: int) -> services.Receipt:
        if i % 2:
            return services.cast_ballot(
                desk, box.scores(5, 5, 5, 5), idempotency_key=f"desk-{round_}-{i}", channel=Channel.TABLET
            )
        return services.cast_ballot(online, box.scores(1, 1, 1, 1), idempotency_key=f"web-{round_}-{i}")

    results = all_at_once(THREADS, send)
    assert {kind for kind, _ in results} <= {"stored", "refused"}, results
    assert {code for kind, code in results if kind == "refused"} == {"already_voted"}, results
    assert counted_in(box) == round_ + 1, results
    assert Participation.objects.filter(area=box.area).count() == round_ + 1
    stored = [(i, receipt) for i, (kind, receipt) in enumerate(results) if kind == "stored"]
    in_person = [receipt for i, receipt in stored if i % 2]
    if policy == InPersonPolicy.IN_PERSON_OVERRIDES:
        # whichever came first, exactly one vote in person is stored and it is the one that counts
        assert len(in_person) == 1 and len(stored) <= 2, results
        newest = Ballot.objects.get(public_id=services.tokens.public_id_for(in_person[0]))
        assert newest.status == BallotStatus.COUNTED
    else:
        assert len(stored) == 1, results
