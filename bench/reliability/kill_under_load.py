"""Ballots under load while app workers (and, with --kill-postgres, PostgreSQL) are killed with SIGKILL:
every ballot a resident was told was stored is in the database, none twice, none in part.

    .venv/bin/python bench/reliability/kill_under_load.py [--worker-kills 20] [--clients 8]
        [--interval 1.5] [--kill-postgres [--postgres-kills 5]]

Creates a fresh PostgreSQL database (BENCH_DATABASE, default helper_e_kill_under_load), migrates it and
seeds a programme area with online voting open and four eligible projects (the voting tests' `make_box`)
and a batch of voting codes. Starts gunicorn (3 workers). `--clients` threads each take the next resident
and POST their ballot to /api/v1/voting/ballots with the resident's own idempotency key; on a dropped
connection, a 5xx answer or "busy" they send the same ballot with the same key again until told 201
(stored) or 200 (stored earlier). Meanwhile a killer sends SIGKILL to one gunicorn worker every
`--interval` seconds (the master starts a new one), `--worker-kills` times; with --kill-postgres it then
stops PostgreSQL with `pg_ctlcluster 15 main stop -m immediate` (no checkpoint, as a crash) and starts it
again at once, `--postgres-kills` times. Then the clients finish the resident in hand and stop.

Checks: every acknowledged receipt's ballot present once with all its items; ballots = participation rows
= kept idempotency keys (nothing half-written); no resident with two rows; no ballot nobody was told of.
The PostgreSQL part stops the server that everyone on this machine shares: run it alone, briefly.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import harness

DATABASE = os.environ.get("BENCH_DATABASE", "helper_e_kill_under_load")
PORT = 8765
GIVE_UP_S = 120
CLUSTER = os.environ.get("BENCH_PG_CLUSTER", "15 main").split()


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    answers: Counter[str] = field(default_factory=Counter)
    acknowledged: dict[int, str] = field(default_factory=dict)  # resident -> public id
    receipts: dict[int, set[str]] = field(default_factory=dict)
    refused: dict[int, str] = field(default_factory=dict)
    sends: int = 0
    longest_retry_s: float = 0.0

    def count(self, what: str) -> None:
        with self.lock:
            self.answers[what] += 1
            self.sends += 1


def pg_ctl(action: str, *extra: str) -> None:
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", *CLUSTER, action, *extra]
    subprocess.run(  # noqa: S603 - the fixed cluster command
        command,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--worker-kills", type=int, default=20)
    parser.add_argument("--kill-postgres", action="store_true")
    parser.add_argument("--postgres-kills", type=int, default=5)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--interval", type=float, default=1.5, help="seconds between kills")
    parser.add_argument("--codes", type=int, default=20_000, help="voting codes seeded (one per resident)")
    options = parser.parse_args()

    database_url = harness.fresh_database(DATABASE)
    harness.setup_django(database_url)
    from django.db import connection

    from youdecide.voting import services
    from youdecide.voting.models import Ballot, BallotItem, Participation, Submission
    from youdecide.voting.tests.conftest import make_box

    box = make_box()
    slug = box.programme.slug
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, options.codes, "kill")
    references = [p.reference for p in box.proposals]
    connection.close()

    tally = Tally()
    stop = threading.Event()
    next_resident = iter(range(len(codes)))
    take = threading.Lock()
    path = "/api/v1/voting/ballots"
    kills: Counter[str] = Counter()
    pg_restart_s: list[float] = []

    def client(app: harness.App) -> None:
        rng = random.Random()
        while not stop.is_set():
            with take:
                n = next(next_resident, None)
            if n is None:
                return
            choices = {ref: rng.randint(1, 5) for ref in references}
            body = harness.resident_body(slug, codes[n], n, choices)
            headers = {"Idempotency-Key": f"resident-{n}"}
            first = time.monotonic()
            while True:  # this resident's ballot, sent until the answer is final
                if time.monotonic() - first > GIVE_UP_S:
                    with tally.lock:
                        tally.refused[n] = f"no final answer in {GIVE_UP_S} s"
                    break
                try:
                    status, answer = harness.request(app, "POST", path, body, headers, timeout=20)
                except OSError:
                    tally.count("connection dropped")
                    time.sleep(0.1)
                    continue
                what = answer.get("error", "") if isinstance(answer, dict) else ""
                tally.count(f"{status} {what}".strip())
                if status >= 500 or (status == 409 and what == "busy"):
                    time.sleep(0.1)
                    continue
                with tally.lock:
                    if status in (200, 201) and isinstance(answer, dict):
                        tally.acknowledged[n] = answer["public_id"]
                        tally.receipts.setdefault(n, set()).add(answer["receipt"])
                    else:
                        tally.refused[n] = f"{status} {what}"
                    tally.longest_retry_s = max(tally.longest_retry_s, time.monotonic() - first)
                break

    with harness.served(harness.app_environment(database_url), [PORT], workers=3) as apps:
        app = apps[0]
        started = time.monotonic()
        threads = [threading.Thread(target=client, args=(app,)) for _ in range(options.clients)]
        for thread in threads:
            thread.start()
        time.sleep(options.interval)
        rng = random.Random(9)
        while kills["app worker"] < options.worker_kills:
            workers = app.workers()
            if workers:
                try:
                    os.kill(rng.choice(workers), signal.SIGKILL)
                    kills["app worker"] += 1
                except ProcessLookupError:
                    pass
            time.sleep(options.interval)
        if options.kill_postgres:
            for _ in range(options.postgres_kills):
                down = time.monotonic()
                try:
                    pg_ctl("stop", "-m", "immediate")
                finally:  # whatever happened, the shared server is started again at once
                    pg_ctl("start")
                pg_restart_s.append(time.monotonic() - down)
                kills["PostgreSQL"] += 1
                time.sleep(options.interval)
        time.sleep(options.interval)
        stop.set()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        alive = len(app.workers())

    connection.close()
    programme = box.programme
    ballots = Ballot.objects.filter(programme=programme)
    ballot_count = ballots.count()
    participations = Participation.objects.filter(programme=programme).count()
    submissions = Submission.objects.filter(programme=programme).count()
    found: Counter[str] = Counter()
    complete = 0
    acks = list(tally.acknowledged.values())
    from django.db.models import Count

    for start in range(0, len(acks), 2000):
        chunk = acks[start : start + 2000]
        for public_id, items in (
            ballots.filter(public_id__in=chunk).annotate(n=Count("items")).values_list("public_id", "n")
        ):
            found[public_id] += 1
            complete += items == len(references)
    missing = sum(1 for public_id in acks if public_id not in found)
    doubled = sum(1 for n in found.values() if n > 1)
    per_voter = Counter(
        Participation.objects.filter(programme=programme).values_list("person_key", flat=True)
    )
    without_items = (
        ballot_count
        - BallotItem.objects.filter(ballot__programme=programme).values("ballot").distinct().count()
    )
    changed_receipt = sum(1 for r in tally.receipts.values() if len(r) > 1)

    print()
    kill_text = ", ".join(f"{what} x{n}" for what, n in kills.items())
    print(
        f"{options.clients} clients on gunicorn (3 workers) on PostgreSQL for {elapsed:.0f} s; "
        f"SIGKILL: {kill_text}; workers alive at the end: {alive}"
    )
    if pg_restart_s:
        print(
            "PostgreSQL stop -m immediate + start took " + ", ".join(f"{s:.1f}" for s in pg_restart_s) + " s"
        )
    print()
    print(harness.table(["answer", "count"], sorted(tally.answers.items())))
    print()
    rows: list[list[object]] = [
        ["residents told their ballot was stored", len(acks)],
        ["residents refused (final answer not 200/201)", len(tally.refused)],
        ["acknowledged ballots found", f"{len(found)}/{len(acks)}"],
        ["acknowledged ballots missing", missing],
        ["acknowledged ballots stored twice", doubled],
        ["acknowledged ballots with all items", f"{complete}/{len(acks)}"],
        ["ballots in the database", ballot_count],
        ["participation rows", participations],
        ["idempotency keys kept", submissions],
        ["ballots nobody was told of", ballot_count - len(found)],
        ["ballots without items", without_items],
        ["residents with two rows", sum(1 for n in per_voter.values() if n > 1)],
        ["residents given two different receipts", changed_receipt],
        ["sends (with retries)", tally.sends],
        ["longest time to a final answer", f"{tally.longest_retry_s:.1f} s"],
    ]
    print(harness.table(["check", "figure"], rows))
    for n, why in list(tally.refused.items())[:10]:
        print(f"resident {n}: {why}")
    ok = (
        not missing
        and not doubled
        and complete == len(acks) == ballot_count == participations == submissions
        and not without_items
        and not changed_receipt
        and not tally.refused
    )
    print()
    print("PASS" if ok else "FAIL")
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
