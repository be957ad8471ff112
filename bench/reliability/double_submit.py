"""One resident, many submissions at the same moment, across two app processes: exactly one ballot.

    .venv/bin/python bench/reliability/double_submit.py [--rounds 1000] [--senders 50] [--keys 50]

Creates a fresh PostgreSQL database (BENCH_DATABASE, default helper_e_double_submit), migrates it and
seeds a programme area with online voting open and four eligible projects (the voting tests' `make_box`),
and one voting code per round. Starts two gunicorn masters (two workers each) on two ports. Each round,
`--senders` threads released together by a barrier POST the same resident's ballot with the same code to
/api/v1/voting/ballots, alternately to either process; sender i uses idempotency key i mod `--keys` of the
round (50 keys: fifty devices; 1 key: one device sending fifty times). Afterwards the database must hold
exactly one ballot, one participation row and one submission per round, and every other sender must
have had a JSON answer: a 200 replay of the same receipt, or a refusal with its reason.
"""

from __future__ import annotations

import argparse
import os
import threading
import time
from collections import Counter
from typing import Any

import harness

DATABASE = os.environ.get("BENCH_DATABASE", "helper_e_double_submit")
PORTS = (8761, 8762)
PATH = "/api/v1/voting/ballots"


def one_round(
    apps: list[harness.App], body: dict[str, object], label: str, senders: int, keys: int
) -> list[tuple[int, Any]]:
    """`senders` threads released together, sender i with key i mod `keys`, alternately to either app."""
    barrier = threading.Barrier(senders)
    results: list[tuple[int, Any]] = [(0, None)] * senders

    def send(i: int) -> None:
        barrier.wait()
        headers = {"Idempotency-Key": f"{label}-k{i % keys}"}
        try:
            results[i] = harness.request(apps[i % len(apps)], "POST", PATH, body, headers)
        except OSError as broken:
            results[i] = (-1, repr(broken))

    threads = [threading.Thread(target=send, args=(i,)) for i in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=1000)
    parser.add_argument("--senders", type=int, default=50)
    parser.add_argument("--keys", type=int, default=50, help="distinct idempotency keys among the senders")
    options = parser.parse_args()

    database_url = harness.fresh_database(DATABASE)
    harness.setup_django(database_url)
    from django.db import connection

    from youdecide.voting import services
    from youdecide.voting.models import Ballot, BallotItem, Participation, Submission
    from youdecide.voting.tests.conftest import make_box

    box = make_box()
    slug = box.programme.slug
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, options.rounds, "double")
    choices = {p.reference: value for p, value in zip(box.proposals, (5, 4, 3, 2), strict=True)}
    connection.close()

    answers: Counter[str] = Counter()
    bad_rounds: list[str] = []
    silent = 0
    with harness.served(harness.app_environment(database_url), PORTS) as apps:
        started = time.monotonic()
        for round_, code in enumerate(codes):
            body = harness.resident_body(slug, code, round_, choices)
            results = one_round(apps, body, f"r{round_}", options.senders, options.keys)
            stored = [r for r in results if r[0] == 201]
            receipts = {r[1]["receipt"] for r in results if r[0] in (200, 201) and isinstance(r[1], dict)}
            for status, answer in results:
                told = isinstance(answer, dict) and ("receipt" in answer or answer.get("messages"))
                if not told:
                    silent += 1
                what = answer.get("error", "stored") if isinstance(answer, dict) else "no JSON"
                answers[f"{status} {what}" if status != 200 else "200 replayed"] += 1
            if len(stored) != 1 or len(receipts) != 1:
                bad_rounds.append(f"round {round_}: {len(stored)} stored, {len(receipts)} receipts")
            if (round_ + 1) % 50 == 0:
                print(f"  {round_ + 1} rounds, {time.monotonic() - started:.0f} s", flush=True)
    elapsed = time.monotonic() - started

    ballots = Ballot.objects.filter(programme=box.programme).count()
    participations = Participation.objects.filter(programme=box.programme).count()
    submissions = Submission.objects.filter(programme=box.programme).count()
    per_voter = Counter(
        Participation.objects.filter(programme=box.programme).values_list("person_key", flat=True)
    )
    short = (
        Ballot.objects.filter(programme=box.programme).count()
        - BallotItem.objects.filter(ballot__programme=box.programme).values("ballot").distinct().count()
    )
    print()
    print(
        f"{options.rounds} rounds x {options.senders} senders ({options.keys} keys a round) "
        f"over 2 gunicorn processes x 2 workers on PostgreSQL, {elapsed:.0f} s"
    )
    print()
    print(harness.table(["answer", "count"], sorted(answers.items())))
    print()
    rows: list[list[object]] = [
        [
            "rounds with exactly one 201 and one receipt",
            f"{options.rounds - len(bad_rounds)}/{options.rounds}",
        ],
        ["ballots stored", f"{ballots} (expected {options.rounds})"],
        ["participation rows", f"{participations} (expected {options.rounds})"],
        ["submissions (idempotency keys kept)", f"{submissions} (expected {options.rounds})"],
        ["residents with more than one participation row", sum(1 for n in per_voter.values() if n > 1)],
        ["ballots without items", short],
        ["answers without a receipt or a reason", silent],
    ]
    print(harness.table(["check", "figure"], rows))
    for line in bad_rounds[:10]:
        print(line)
    ok = (
        not bad_rounds
        and ballots == participations == submissions == options.rounds
        and not short
        and not silent
    )
    print()
    print("PASS" if ok else "FAIL")
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
