"""MES with +1 completion on every shared election, each count in its own process (parse included).

    .venv/bin/python bench/counting/mes_all_instances.py [--repeat 1] [--slowest N] [--dir DIR]

Every pabulib file whose ballots MES takes (approval, choose-1, cumulative, scoring, ordinal: all of
them) is counted with ``equalshares/add1-exhaustive`` (pabutools' completion) and ``equalshares/add1``
(pabulib's). Prints a table sorted by time, slowest first (every count, or the ``--slowest`` N), with
each count's median time over ``--repeat`` processes, its reruns and its peak memory (max RSS); then
the largest time, how many counts took over 5 s, and the largest peak memory.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from mes_speed import ENGINE, median_of  # the same measurement, in its own process

RULES = ("equalshares/add1-exhaustive", "equalshares/add1")
VOTE_TYPES = ("approval", "choose-1", "cumulative", "ordinal", "scoring")
TARGET = 5.0  # seconds


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
    parser.add_argument("--repeat", type=int, default=1, help="processes per count (the median is shown)")
    parser.add_argument("--slowest", type=int, default=0, help="show only the N slowest counts (0: all)")
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    files = [path for path in sorted(Path(args.dir).glob("*.pb")) if vote_type(path) in VOTE_TYPES]
    started = time.perf_counter()
    rows: list[tuple[float, str, str, object, float]] = []
    failures: list[str] = []
    for path in files:
        for rule in RULES:
            result = median_of(ENGINE, str(path), rule, repeat=args.repeat, timeout=args.timeout)
            if "error" in result:
                failures.append(f"{path.name} {rule}: {result['error']}")
                continue
            seconds = float(result["seconds"])  # type: ignore[arg-type]
            rss = float(result["rss_mb"])  # type: ignore[arg-type]
            rows.append((seconds, path.name, rule, result.get("runs"), rss))
    wall = time.perf_counter() - started
    rows.sort(key=lambda row: (-row[0], row[1], row[2]))
    shown = rows[: args.slowest] if args.slowest else rows
    width = max((len(row[1]) for row in shown), default=4)
    print(f"{'file':{width}} {'rule':28} {'seconds':>8} {'runs':>5} {'peak MB':>8}")
    for seconds, name, rule, runs, rss in shown:
        print(f"{name:{width}} {rule:28} {seconds:>8.2f} {runs!s:>5} {rss:>8.0f}")
    print(
        f"\n{len(files)} files x {len(RULES)} completions = {len(rows)} counts "
        f"(median of {args.repeat} process(es) each) in {wall:.0f} s"
    )
    if rows:
        over = sum(row[0] > TARGET for row in rows)
        print(f"largest time: {rows[0][0]:.2f} s ({rows[0][1]}, {rows[0][2]}); over {TARGET:.0f} s: {over}")
        heaviest = max(rows, key=lambda row: row[4])
        print(f"largest peak memory: {heaviest[4]:.0f} MB ({heaviest[1]}, {heaviest[2]})")
    for failure in failures:
        print(f"FAILED {failure}")


if __name__ == "__main__":
    main()
