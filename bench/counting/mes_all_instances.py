"""MES with +1 completion on every shared election it can count, each in its own process (parse included).

    .venv/bin/python bench/counting/mes_all_instances.py [--dir /work/shared/pabulib] [--slowest 15]

Prints the slowest files, the total, the largest time and the largest peak memory, for
``equalshares/add1-exhaustive`` (pabutools' completion) and ``equalshares/add1`` (pabulib's).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from mes_speed import ENGINE, measure  # the same measurement, in its own process

RULES = ("equalshares/add1-exhaustive", "equalshares/add1")
VOTE_TYPES = ("approval", "choose-1", "cumulative", "ordinal", "scoring")


def vote_type(path: Path) -> str:
    with path.open(encoding="utf-8-sig") as handle:
        for line in handle:
            if line.startswith("PROJECTS"):
                break
            if line.lower().startswith("vote_type;"):
                return line.split(";", 1)[1].strip()
    return ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", default="/work/shared/pabulib")
    parser.add_argument("--slowest", type=int, default=15)
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    files = [path for path in sorted(Path(args.dir).glob("*.pb")) if vote_type(path) in VOTE_TYPES]
    started = time.perf_counter()
    rows: list[tuple[float, str, str, object, float]] = []
    failures: list[str] = []
    for path in files:
        for rule in RULES:
            result = measure(ENGINE, str(path), rule, timeout=args.timeout)
            if "error" in result:
                failures.append(f"{path.name} {rule}: {result['error']}")
                continue
            seconds = float(result["seconds"])  # type: ignore[arg-type]
            rss = float(result["rss_mb"])  # type: ignore[arg-type]
            rows.append((seconds, path.name, rule, result.get("runs"), rss))
    wall = time.perf_counter() - started
    rows.sort(reverse=True)
    print(f"{'file':48} {'rule':30} {'seconds':>8} {'runs':>5} {'peak MB':>8}")
    for seconds, name, rule, runs, rss in rows[: args.slowest]:
        print(f"{name:48} {rule:30} {seconds:>8.2f} {runs!s:>5} {rss:>8.0f}")
    print(f"\n{len(files)} files x {len(RULES)} completions = {len(rows)} counts in {wall:.0f} s")
    if rows:
        over = sum(row[0] > 5 for row in rows)
        print(f"slowest: {rows[0][0]:.2f} s ({rows[0][1]}, {rows[0][2]}); over 5 s: {over}")
        print(f"largest peak memory: {max(r[4] for r in rows):.0f} MB")
    for failure in failures:
        print(f"FAILED {failure}")


if __name__ == "__main__":
    main()
