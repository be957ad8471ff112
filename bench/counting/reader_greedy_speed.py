"""The pabulib reader and greedy on the whole shared collection: parse, validate and count every file.

    .venv/bin/python bench/counting/reader_greedy_speed.py [--dir /work/shared/pabulib]

Files are read with their checks (files the checks refuse are read again leniently, as the proof does)
and counted with the greedy rule their META names (``greedy`` where META says ``unknown`` or a
rule outside the greedy family).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from youdecide.counting import PabulibError, count, read_pabulib

GREEDY = ("greedy", "greedy-no-skip", "greedy-threshold", "greedy-exclusive", "greedy-custom")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", default="/work/shared/pabulib")
    args = parser.parse_args()
    files = sorted(Path(args.dir).glob("*.pb"))
    start = time.perf_counter()
    slowest: list[tuple[float, str]] = []
    refused = 0
    for path in files:
        t = time.perf_counter()
        try:
            election = read_pabulib(path)
        except PabulibError:
            refused += 1
            election = read_pabulib(path, strict=False)
        rule = election.rule if election.rule in GREEDY else "greedy"
        count(election, rule=rule)
        slowest.append((time.perf_counter() - t, path.name))
    total = time.perf_counter() - start
    print(
        f"{len(files)} files parsed, validated and counted with greedy in {total:.1f} s ({refused} refused)"
    )
    for seconds, name in sorted(slowest, reverse=True)[:5]:
        print(f"  {seconds:6.2f} s  {name}")


if __name__ == "__main__":
    main()
