"""Anonymous readers on the five public pages: home, a programme, an area with 60 proposals, its published
results and one proposal, under the same servers as cast_ballots.py, with the page cache as configured
(PAGE_CACHE_SECONDS, default) and with it off (PAGE_CACHE_SECONDS=0).

    .venv/bin/python bench/http/public_pages.py [--seconds 10] [--repeats 1] [--clients 8 32]
        [--servers gunicorn-sync granian-wsgi] [--page-cache on off]

Creates a fresh PostgreSQL database (helper_d_bench_pages), seeds a programme whose online vote has
closed: one area with 60 eligible proposals, 200 ballots cast through the product's services while
voting was open, counted, confirmed and published by two officers.
"""

from __future__ import annotations

import argparse
import os
import random
from datetime import date, timedelta

import load

DATABASE = os.environ.get("BENCH_DATABASE", "helper_d_bench_pages")
PROPOSALS = 60
BALLOTS = 200


def seed() -> list[str]:
    """The published programme; returns the five page paths."""
    from django.utils import timezone

    from tests import factories
    from youdecide.accounts.models import Role
    from youdecide.proposals.models import ProposalStatus
    from youdecide.results import services as results
    from youdecide.voting import services as voting
    from youdecide.voting.identity import VoterDetails

    programme, area = load.seed_programme(voting_open=False)
    now = timezone.now()
    proposals = [
        factories.ProposalFactory.create(
            programme=programme,
            area=area,
            status=ProposalStatus.ELIGIBLE,
            reference=f"YD-P{i:04d}",
            cost_pence=100_000 + 10_000 * (i % 30),
        )
        for i in range(PROPOSALS)
    ]
    voted_at = now - timedelta(days=5)
    _batch, codes = voting.generate_code_batch(None, programme, area, BALLOTS, "Crewe library")
    rng = random.Random(1)
    for i, code in enumerate(codes):
        details = VoterDetails(f"Resident {i}", date(1980, 5, 17), "CW1 2BJ", "lives")
        voter = voting.admit_with_code(programme, code, details, now=voted_at)
        choices = {p.pk: rng.randint(1, 5) for p in proposals}
        voting.cast_ballot(voter, choices, idempotency_key=f"seed-{i}", now=voted_at)
    counter = factories.UserFactory.create(role=Role.OFFICER)
    publisher = factories.UserFactory.create(role=Role.OFFICER)
    run = results.run_count(counter, programme, area)
    results.confirm_count(counter, run)
    results.publish_count(publisher, run)
    base = f"/programmes/{programme.slug}"
    return [
        "/",
        f"{base}/",
        f"{base}/areas/{area.slug}/",
        f"{base}/areas/{area.slug}/results/",
        f"{base}/proposals/{proposals[0].reference}/",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=1, help="runs per cell; the median is shown")
    parser.add_argument("--clients", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--servers", nargs="+", default=load.available_servers())
    parser.add_argument("--port", type=int, default=8732)
    parser.add_argument(
        "--page-cache",
        nargs="+",
        choices=["on", "off"],
        default=["on", "off"],
        help="on: as configured; off: 0",
    )
    options = parser.parse_args()

    database_url = load.fresh_database(DATABASE)
    load.setup_django(database_url)
    from django.db import connection

    paths = seed()
    connection.close()
    configured = os.environ.get("PAGE_CACHE_SECONDS", "") or "default"
    caches = [value for value, name in ((configured, "on"), ("0", "off")) if name in options.page_cache]
    rows: list[list[object]] = []
    for server in options.servers:
        for cache in caches:
            extra = {} if cache == "default" else {"PAGE_CACHE_SECONDS": cache}
            env = load.app_environment(database_url, **extra)
            with load.served(server, env, options.port) as served:
                for page in [*paths, "all five"]:
                    for clients in options.clients:
                        targets = paths if page == "all five" else [page]
                        runs = [
                            load.wrk(served.base, "pages.lua", targets, clients, options.seconds)
                            for _ in range(options.repeats)
                        ]
                        run = load.median_run(runs)
                        statuses = ", ".join(f"{k}:{v}" for k, v in sorted(run.statuses.items()))
                        rows.append(
                            [
                                server,
                                "off" if cache == "0" else f"on ({cache})",
                                page,
                                clients,
                                f"{run.per_second:.0f}",
                                f"{run.p50_ms:.1f}",
                                f"{run.p95_ms:.1f}",
                                f"{run.p99_ms:.1f}",
                                run.errors,
                                statuses,
                            ]
                        )
    header = ["server", "page cache", "page", "clients", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"]
    print()
    print(load.table([*header, "statuses"], rows))


if __name__ == "__main__":
    main()
