"""Throughput of the real cast-ballot path against a bare insert view, under the same server, same run.

    .venv/bin/python bench/http/cast_ballots.py [--seconds 10] [--repeats 1] [--clients 32 128]
        [--servers gunicorn-sync granian-wsgi]

Creates a fresh PostgreSQL database (helper name below, on BENCH_POSTGRES, default the local server),
migrates it and seeds one programme with one area of ten eligible proposals, online voting open, and a
fresh batch of voting codes for every run (through the product's services). For each server it starts the
app on a local port (DEBUG off, as in production) and drives it from wrk: every request POSTs a ballot for
a new resident with a new code and idempotency key to /api/v1/voting/ballots (eligibility, code, ballot
rules, idempotency, one-person-one-vote row, audit event, receipt), then to /bench/bare-ballot, which
inserts the same ballot and items in one SQL statement and nothing else (bench/http/bare_urls.py).
Afterwards it looks up every acknowledged (201) ballot in the database and prints the table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
from dataclasses import dataclass
from pathlib import Path

import load

DATABASE = os.environ.get("BENCH_DATABASE", "helper_d_bench_cast")
PROPOSALS = 10
PATHS = (("cast", "/api/v1/voting/ballots"), ("bare", "/bench/bare-ballot"))


@dataclass
class Checked:
    acknowledged: int
    found: int
    duplicates: int


def seed() -> tuple[str, list[str]]:
    """One programme, one area, ten eligible proposals, online voting open. Returns slug and references."""

    from tests import factories
    from youdecide.proposals.models import ProposalStatus

    programme, area = load.seed_programme(voting_open=True)
    proposals = [
        factories.ProposalFactory.create(
            programme=programme,
            area=area,
            status=ProposalStatus.ELIGIBLE,
            reference=f"YD-B{i:04d}",
            cost_pence=100_000 + 50_000 * i,
        )
        for i in range(PROPOSALS)
    ]
    return programme.slug, [p.reference for p in proposals]


def ballot_file(slug: str, references: list[str], size: int, label: str, into: Path) -> Path:
    """A fresh batch of `size` codes, and one line per code: idempotency key, tab, the JSON body."""
    from youdecide.programmes.models import Programme
    from youdecide.voting import services

    programme = Programme.objects.get(slug=slug)
    area = programme.area_pots.get().area
    _batch, codes = services.generate_code_batch(None, programme, area, size, label)
    rng = random.Random(label)
    path = into / f"{label}.txt"
    with path.open("w") as out:
        for i, code in enumerate(codes):
            body = {
                "programme": slug,
                "code": code,
                "full_name": f"Resident {label} {i}",
                "date_of_birth": "1980-05-17",
                "postcode": "cw12bj",
                "connection": "lives",
                "choices": {ref: rng.randint(1, 5) for ref in references},
            }
            out.write(f"{label}-{i}\t{json.dumps(body)}\n")
    return path


def check(acks_file: Path) -> Checked:
    """Every acknowledged public id must be one ballot in the database, with its items, exactly once."""
    from django.db.models import Count

    from youdecide.voting.models import Ballot

    acks = acks_file.read_text().split()
    found = 0
    for start in range(0, len(acks), 2000):
        chunk = acks[start : start + 2000]
        found += (
            Ballot.objects.filter(public_id__in=chunk)
            .annotate(item_count=Count("items"))
            .filter(item_count=PROPOSALS)
            .count()
        )
    return Checked(acknowledged=len(acks), found=found, duplicates=len(acks) - len(set(acks)))


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=1, help="runs per cell; the median is shown")
    parser.add_argument("--clients", type=int, nargs="+", default=[32, 128])
    parser.add_argument("--servers", nargs="+", default=load.available_servers())
    parser.add_argument("--codes", type=int, default=15_000, help="codes per run (one per request)")
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument(
        "--warmup", type=int, default=3, help="seconds of each path at 32 clients before the measured runs"
    )
    options = parser.parse_args()

    database_url = load.fresh_database(DATABASE)
    load.setup_django(database_url)
    from django.db import connection

    from youdecide.voting.models import Participation

    slug, references = seed()
    env = load.app_environment(database_url)
    rows: list[list[object]] = []
    rates: dict[tuple[str, str, int], float] = {}
    cpu: dict[tuple[str, str, int], float] = {}  # app and PostgreSQL CPU ms per request
    verdicts: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-http-") as tmp:
        work = Path(tmp)
        number = 0
        warmed = 0  # participation rows the warm-up runs left
        for server in options.servers:
            with load.served(server, env, options.port) as served:
                # Every worker has served both paths (its first connection, the ballot it keeps, the
                # statements psycopg has seen) before anything is measured; these ballots are not counted.
                for _path, url in PATHS if options.warmup else ():
                    number += 1
                    bodies = ballot_file(slug, references, options.codes, f"warm{number}", work)
                    connection.close()
                    warm_env = {**os.environ, "BENCH_ACKS": str(work / f"warm{number}.txt")}
                    before = Participation.objects.count()
                    args = [str(bodies), "2"]
                    load.wrk(served.base + url, "ballots.lua", args, 32, options.warmup, warm_env)
                    warmed += Participation.objects.count() - before
                for clients in options.clients:
                    for path, url in PATHS:
                        runs, checks = [], []
                        for _ in range(options.repeats):
                            number += 1
                            bodies = ballot_file(slug, references, options.codes, f"run{number}", work)
                            connection.close()
                            acks = work / f"acks{number}.txt"
                            run_env = {**os.environ, "BENCH_ACKS": str(acks)}
                            run = load.wrk(
                                served.base + url,
                                "ballots.lua",
                                [str(bodies), str(min(2, clients))],
                                clients,
                                options.seconds,
                                run_env,
                                server=served.pid,
                            )
                            runs.append(run)
                            checks.append(check(acks))
                        run = load.median_run(runs)
                        acknowledged = sum(c.acknowledged for c in checks)
                        found = sum(c.found for c in checks)
                        duplicates = sum(c.duplicates for c in checks)
                        rates[(server, path, clients)] = run.per_second
                        cpu[(server, path, clients)] = (run.app_cpu_ms or 0.0) + (run.db_cpu_ms or 0.0)
                        statuses = ", ".join(f"{k}:{v}" for k, v in sorted(run.statuses.items()))
                        rows.append(
                            [
                                server,
                                path,
                                clients,
                                f"{run.per_second:.0f}",
                                f"{run.p50_ms:.1f}",
                                f"{run.p95_ms:.1f}",
                                f"{run.p99_ms:.1f}",
                                _ms(run.app_cpu_ms),
                                _ms(run.db_cpu_ms),
                                run.errors,
                                f"{found}/{acknowledged} ({100 * found / max(1, acknowledged):.1f}%)",
                                duplicates,
                                statuses + (f" ran out {run.ran_out}" if run.ran_out else ""),
                            ]
                        )
                        if path == "cast" and clients == 32:
                            p99 = run.p99_ms
                            verdicts.append(f"{server}: cast p99, 32 clients {p99:.0f} ms <100: {p99 < 100}")
                        if clients == 128:
                            verdicts.append(
                                f"{server}: {path} errors at 128 clients {run.errors}, none: {not run.errors}"
                            )
    participations = Participation.objects.count() - warmed
    print()
    header = ["server", "path", "clients", "req/s", "p50 ms", "p95 ms", "p99 ms", "app CPU ms", "PG CPU ms"]
    header += ["errors"]
    header += ["acknowledged found", "dupes", "statuses"]
    print(load.table(header, rows))
    print()
    ratio_rows = []
    for server in options.servers:
        for clients in options.clients:
            cast, bare = rates[(server, "cast", clients)], rates[(server, "bare", clients)]
            cpu_share = cpu[(server, "bare", clients)] / max(cpu[(server, "cast", clients)], 1e-9)
            shares = [f"{100 * cast / bare:.0f}%", f"{cpu_share:.0%}"]
            ratio_rows.append([server, clients, f"{cast:.0f}", f"{bare:.0f}", *shares])
            share = cast / bare
            verdicts.append(f"{server}: cast/bare at {clients} clients {share:.0%}, >= 60%: {share >= 0.6}")
    header = ["server", "clients", "cast req/s", "bare req/s", "cast/bare", "bare CPU / cast CPU"]
    print(load.table(header, ratio_rows))
    print()
    print(f"participation rows of the measured runs (one per acknowledged cast ballot): {participations}")
    for verdict in verdicts:
        print(verdict)


if __name__ == "__main__":
    main()
