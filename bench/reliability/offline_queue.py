"""A Decision Day tablet's offline queue sent again and again: every ballot stored exactly once.

    .venv/bin/python bench/reliability/offline_queue.py [--ballots 500] [--replays 3] [--tablets 8]

Creates a fresh PostgreSQL database (BENCH_DATABASE, default helper_e_offline_queue), migrates it and
seeds an open Decision Day (the events tests' `make_day`) with `--ballots` attendees checked in and a
tablet ballot slip issued to each, and a signed-in officer's session. Starts two gunicorn processes. The
queue (one ballot per slip, each with its idempotency key) is sent `--replays` times, all sends shuffled
together and spread over `--tablets` threads and both processes, as tablets coming back online at once
would; a tablet sends a ballot again when told "busy" (the same key is being stored at that moment) or
when its connection drops. Afterwards the database must hold exactly `--ballots` ballots, tablet
participation rows and used slips.
"""

from __future__ import annotations

import argparse
import os
import queue
import random
import threading
import time
from collections import Counter
from datetime import date

import harness

DATABASE = os.environ.get("BENCH_DATABASE", "helper_e_offline_queue")
PORTS = (8763, 8764)
CSRF_TOKEN = "reliabilitybenchcsrftoken0123456"  # noqa: S105 - 32 letters and digits, sent as cookie and header


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--ballots", type=int, default=500)
    parser.add_argument("--replays", type=int, default=3)
    parser.add_argument("--tablets", type=int, default=8)
    options = parser.parse_args()

    database_url = harness.fresh_database(DATABASE)
    harness.setup_django(database_url)
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from youdecide.events import services
    from youdecide.events.models import CheckIn
    from youdecide.events.tests.conftest import make_day
    from youdecide.voting.identity import VoterDetails
    from youdecide.voting.models import Ballot, BallotItem, Participation, Submission

    day = make_day()
    officer = day.officers[0]
    rng = random.Random(2026)
    sends: list[tuple[str, dict[str, object]]] = []
    for n in range(options.ballots):
        details = VoterDetails(
            f"Attendee {n}", date(1940 + n % 60, 1 + n % 12, 1 + n % 28), "CW1 2BJ", "lives"
        )
        check_in = services.check_in_attendee(officer, day.event, details).check_in
        slip = services.issue_tablet_ballot(officer, check_in)
        fields = {f"kiosk-p{p.pk}": str(rng.randint(1, 5)) for p in day.box.proposals}
        sends.append((f"tablet-{n % options.tablets}:{n}", {"slip": slip, "ballot": fields}))
    signed_in = Client()
    signed_in.force_login(officer)
    cookie = "; ".join(
        [
            f"{settings.SESSION_COOKIE_NAME}={signed_in.cookies[settings.SESSION_COOKIE_NAME].value}",
            f"{settings.CSRF_COOKIE_NAME}={CSRF_TOKEN}",
        ]
    )
    csrf_header = settings.CSRF_HEADER_NAME.removeprefix("HTTP_").replace("_", "-").title()
    path = f"/office/decision-days/{day.event.slug}/kiosk/ballots"
    connection.close()

    work: queue.Queue[tuple[str, dict[str, object]]] = queue.Queue()
    everything = sends * options.replays
    rng.shuffle(everything)
    for item in everything:
        work.put(item)
    answers: Counter[str] = Counter()
    lock = threading.Lock()

    def tablet(number: int, apps: list[harness.App]) -> None:
        headers_base = {"Cookie": cookie, csrf_header: CSRF_TOKEN}
        sent = 0
        while True:
            try:
                key, body = work.get_nowait()
            except queue.Empty:
                return
            while True:
                sent += 1
                app = apps[(number + sent) % len(apps)]
                try:
                    status, answer = harness.request(
                        app, "POST", path, body, {**headers_base, "Idempotency-Key": key}
                    )
                except OSError:
                    with lock:
                        answers["connection dropped (sent again)"] += 1
                    continue
                what = answer.get("error", "") if isinstance(answer, dict) else "no JSON"
                with lock:
                    answers[f"{status} {what}".strip()] += 1
                if status == 409 and what == "busy":
                    time.sleep(0.05)
                    continue
                break

    with harness.served(harness.app_environment(database_url), PORTS) as apps:
        started = time.monotonic()
        threads = [threading.Thread(target=tablet, args=(i, apps)) for i in range(options.tablets)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started

    programme = day.box.programme
    ballots = Ballot.objects.filter(programme=programme).count()
    tablet_rows = Participation.objects.filter(programme=programme, channel="tablet").count()
    all_rows = Participation.objects.filter(programme=programme).count()
    used_slips = CheckIn.objects.filter(event=day.event, tablet_slip_used_at__isnull=False).count()
    submissions = Submission.objects.filter(programme=programme).count()
    with_items = BallotItem.objects.filter(ballot__programme=programme).values("ballot").distinct().count()
    print()
    print(
        f"{options.ballots} queued tablet ballots sent {options.replays} times, shuffled, by "
        f"{options.tablets} tablets over 2 gunicorn processes x 2 workers on PostgreSQL, {elapsed:.1f} s"
    )
    print()
    print(harness.table(["answer", "count"], sorted(answers.items())))
    print()
    expected = options.ballots
    repeats = expected * (options.replays - 1)
    rows: list[list[object]] = [
        ["first sends stored (201)", f"{answers['201']} (expected {expected})"],
        [
            "repeats answered as repeats (200)",
            f"{answers['200']} (expected {repeats})",
        ],
        ["ballots stored", f"{ballots} (expected {expected})"],
        ["ballots with their items", f"{with_items} (expected {expected})"],
        ["tablet participation rows", f"{tablet_rows} (all channels {all_rows})"],
        ["slips marked used", used_slips],
        ["idempotency keys kept", submissions],
    ]
    print(harness.table(["check", "figure"], rows))
    ok = (
        ballots == with_items == tablet_rows == all_rows == used_slips == submissions == expected
        and answers["201"] == expected
        and answers["200"] == expected * (options.replays - 1)
    )
    print()
    print("PASS" if ok else "FAIL")
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
