"""Where the time of one cast ballot goes: queries per ballot and a cProfile of the view, in-process.

    .venv/bin/python bench/http/profile_cast.py [--ballots 300] [--top 25]

Uses its own fresh database (BENCH_DATABASE, default helper_d_bench_profile), seeded as cast_ballots.py
seeds, and Django's test client against the production settings (DEBUG off).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import tempfile
import time
from collections import Counter
from pathlib import Path

import cast_ballots
import load

DATABASE = os.environ.get("BENCH_DATABASE", "helper_d_bench_profile")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--ballots", type=int, default=300)
    parser.add_argument("--top", type=int, default=25)
    options = parser.parse_args()
    load.setup_django(load.fresh_database(DATABASE))
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    slug, references = cast_ballots.seed()
    with tempfile.TemporaryDirectory() as tmp:
        lines = cast_ballots.ballot_file(slug, references, options.ballots + 1, "profile", Path(tmp))
        ballots = [line.split("\t", 1) for line in lines.read_text().splitlines()]
    client = Client(SERVER_NAME="127.0.0.1")

    def cast(key: str, body: str) -> None:
        response = client.post(
            "/api/v1/voting/ballots", body, content_type="application/json", headers={"Idempotency-Key": key}
        )
        assert response.status_code == 201, response.content

    cast(*ballots[0])  # warm: imports, first queries
    with CaptureQueriesContext(connection) as queries:
        cast(*ballots[1])
    kinds = Counter(q["sql"].split()[0] for q in queries.captured_queries)
    print(f"queries for one ballot: {len(queries.captured_queries)} ({dict(kinds)})")
    for q in queries.captured_queries:
        print(f"  {q['time']}s  {q['sql'][:150]}")
    half = len(ballots) // 2
    started, cpu_started = time.perf_counter(), time.process_time()
    for key, body in ballots[2:half]:
        cast(key, body)
    took, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    count = half - 2
    print(
        f"\n{count} ballots without the profiler: {1000 * took / count:.1f} ms per ballot "
        f"({1000 * cpu / count:.1f} ms of this process's CPU, the rest waiting for PostgreSQL)"
    )
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    for key, body in ballots[half:]:
        cast(key, body)
    profile.disable()
    took = time.perf_counter() - started
    count = len(ballots) - half
    print(f"{count} ballots under cProfile in {took:.2f} s: {1000 * took / count:.1f} ms per ballot\n")
    pstats.Stats(profile).sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(options.top)


if __name__ == "__main__":
    main()
