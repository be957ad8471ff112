"""Counting an area from the database, and streaming its open data, at 100,000 stored ballots.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/results/count_from_database.py [--ballots 10000 100000] [--projects 40] \
        [--rule greedy equalshares/add1] [--repeat 3]

Each size gets a database of its own (created, migrated, dropped), filled with one area's approval
ballots (each voter approves 1 to 8 of the projects, drawn with a fixed seed). ``run_count`` — load every
counted ballot, count with the rule, store the count with its pabulib file, its audit event — is timed
(median of ``--repeat``). Then each open-data download is read to the end as the page streams it, and the
Python heap's peak while streaming is taken with tracemalloc: the same peak at 10,000 and 100,000 ballots
shows the exports run in constant memory.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import tracemalloc
import uuid
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def _database_url(base: str, name: str) -> str:
    return base.rsplit("/", 1)[0] + "/" + name


def _admin(base: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(base.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(sql)


def measure(size: int, projects: int, rules: list[str], repeat: int) -> dict[str, object]:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from tests import factories
    from youdecide.programmes.models import BallotKind, PhaseKind, VotingRules
    from youdecide.proposals.models import ProposalStatus
    from youdecide.results.open_data import (
        ballots_csv_rows,
        csv_lines,
        pabulib_chunks,
        results_csv_rows,
        results_json_chunks,
    )
    from youdecide.results.services import run_count
    from youdecide.voting.models import Ballot, BallotItem

    programme = factories.ProgrammeFactory.create(name="Bench")
    area = factories.AreaFactory.create(name="Crewe")
    factories.pot(programme, area, 40_000_000)
    factories.open_phase(programme, PhaseKind.ONLINE_VOTING)
    rules_row = VotingRules.objects.create(programme=programme, ballot_kind=BallotKind.APPROVAL, max_picks=8)
    group = factories.CommunityGroupFactory.create()
    rng = random.Random(2026)
    proposals = [
        factories.ProposalFactory.create(
            programme=programme,
            area=area,
            group=group,
            reference=f"YD-B{n:04d}",
            cost_pence=rng.randrange(200_000, 2_500_000, 5_000),
            status=ProposalStatus.ELIGIBLE,
        )
        for n in range(projects)
    ]
    weights = [rng.random() ** 2 for _ in proposals]
    started = time.perf_counter()
    for first in range(0, size, 5_000):
        ballots, items = [], []
        for n in range(first, min(size, first + 5_000)):
            ballot = Ballot(
                id=uuid.uuid4(), programme=programme, area=area, kind="online", public_id=f"B{n:08d}"
            )
            ballots.append(ballot)
            picked = set(rng.choices(proposals, weights, k=rng.randint(1, 8)))
            items += [BallotItem(id=uuid.uuid4(), ballot=ballot, proposal=p, value=1) for p in picked]
        Ballot.objects.bulk_create(ballots)
        BallotItem.objects.bulk_create(items, batch_size=5_000)
    filled = time.perf_counter() - started
    row: dict[str, object] = {"ballots": size, "projects": projects, "fill_s": filled}
    for rule in rules:
        rules_row.counting_rule = rule
        rules_row.save(update_fields=["counting_rule"])
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            run = run_count(None, programme, area)
            times.append(time.perf_counter() - t)
        row[f"count {rule} s"] = statistics.median(times)
    exports: dict[str, Iterable[str | bytes]] = {
        "results.pb": pabulib_chunks(run),
        "ballots.csv": csv_lines(ballots_csv_rows(run)),
        "results.csv": csv_lines(results_csv_rows(run)),
        "results.json": results_json_chunks(run),
    }
    for name, chunks in exports.items():
        tracemalloc.start()
        t = time.perf_counter()
        size_bytes = sum(len(chunk) for chunk in chunks)
        elapsed = time.perf_counter() - t
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        row[f"{name} MB"] = size_bytes / 1e6
        row[f"{name} s"] = elapsed
        row[f"{name} peak MB"] = peak / 1e6
    return row


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--ballots", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--projects", type=int, default=40)
    parser.add_argument("--rule", nargs="+", default=["greedy", "equalshares/add1"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    if args.one is not None:
        print(measure(args.one, args.projects, args.rule, args.repeat))
        return
    import ast
    import subprocess

    rows = []
    for size in args.ballots:
        name = f"youdecide_bench_count_{size}"
        _admin(base, f"DROP DATABASE IF EXISTS {name}")
        _admin(base, f"CREATE DATABASE {name}")
        try:
            env = {**os.environ, "DATABASE_URL": _database_url(base, name), "SECRET_KEY": "bench-only"}
            env.setdefault("DJANGO_SETTINGS_MODULE", "youdecide.settings")
            out = subprocess.run(  # noqa: S603 (this script, this interpreter)
                [
                    sys.executable,
                    __file__,
                    "--one",
                    str(size),
                    "--projects",
                    str(args.projects),
                    "--rule",
                    *args.rule,
                    "--repeat",
                    str(args.repeat),
                ],
                env=env,
                check=True,
                capture_output=True,
                text=True,
                cwd=ROOT,
            ).stdout
            rows.append(ast.literal_eval(out.strip().splitlines()[-1]))
        finally:
            _admin(base, f"DROP DATABASE IF EXISTS {name}")
    keys = list(rows[0])
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for row in rows:
        print(
            "| "
            + " | ".join(f"{row[k]:.2f}" if isinstance(row[k], float) else str(row[k]) for k in keys)
            + " |"
        )


if __name__ == "__main__":
    main()
