"""MES with +1 completion on the large shared elections: the engine beside pabutools 1.2.3.

    .venv/bin/python bench/counting/mes_speed.py [--repeat 3] [--pabutools NAME ...] [--pabutools-repeat 1]
                                                 [--dir /work/shared/pabulib]

Each measurement runs in its own process (parse included) so its peak memory (max RSS) is its own;
the table shows the median time of ``--repeat`` processes (pabutools: of ``--pabutools-repeat``),
taken in turn with pabutools' so that a busy spell weighs on both, and the largest peak memory. The
engine runs ``equalshares/add1-exhaustive`` (pabutools' completion: +1 per voter until the outcome is
exhaustive) and ``equalshares/add1`` (pabulib's: +1 while the outcome fits); pabutools runs
``method_of_equal_shares(..., sat_class=Cost_Sat, voter_budget_increment=1)`` on the multiprofile
(identical ballots grouped), for the files named with ``--pabutools``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

FILES = [
    "Poland_Wieliczka_2023_Green_Budget.pb",
    "Poland_Lodz_2022.pb",
    "Poland_Krakow_2024.pb",
    "Poland_Wroclaw_2020.pb",
    "Poland_Warszawa_2023_Mokotow.pb",
    "Poland_Warszawa_2026.pb",
]

ENGINE = """
import json, resource, sys, time
t = time.perf_counter()
from youdecide.counting import count, read_pabulib
election = read_pabulib(sys.argv[1], strict=False)
parsed = time.perf_counter() - t
outcome = count(election, rule=sys.argv[2], tie_break="id-order")
total = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": total, "parse": parsed, "rss_mb": rss, "runs": outcome.details.get("runs"),
                  "selected": sorted(outcome.selected)}))
"""

PABUTOOLS = """
import json, resource, sys, time
t = time.perf_counter()
from pabutools.election import Cost_Sat, parse_pabulib
from pabutools.rules import method_of_equal_shares
instance, profile = parse_pabulib(sys.argv[1])
profile = profile.as_multiprofile()
result = method_of_equal_shares(instance, profile, sat_class=Cost_Sat, voter_budget_increment=1)
total = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": total, "rss_mb": rss, "selected": sorted(p.name for p in result)}))
"""


def measure(code: str, *args: str, timeout: float) -> dict[str, object]:
    """One process: its JSON line, or ``{"error": ...}``."""
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter
            [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    if done.returncode != 0:  # the error's last line, so a failure shows in the table
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1][:200]}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def summarize(results: list[dict[str, object]]) -> dict[str, object]:
    """Several processes of one measurement: the median time, every time, the largest peak memory."""
    failed = [r for r in results if "error" in r]
    if failed:
        return failed[0]
    times = sorted(float(r["seconds"]) for r in results)  # type: ignore[arg-type]
    outcomes = {json.dumps(r["selected"]) for r in results}
    if len(outcomes) != 1:
        return {"error": "the outcome differs between processes"}
    return {
        **results[0],
        "seconds": statistics.median(times),
        "times": times,
        "rss_mb": max(float(r["rss_mb"]) for r in results),  # type: ignore[arg-type]
    }


def median_of(code: str, *args: str, repeat: int, timeout: float) -> dict[str, object]:
    """``repeat`` processes of one measurement, summarized."""
    return summarize([measure(code, *args, timeout=timeout) for _ in range(max(repeat, 1))])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", default="/work/shared/pabulib")
    parser.add_argument("--repeat", type=int, default=3, help="processes per engine measurement")
    parser.add_argument("--pabutools", nargs="*", default=[], help="files to run pabutools on too")
    parser.add_argument("--pabutools-repeat", type=int, default=1, help="processes per pabutools measurement")
    parser.add_argument("--timeout", type=float, default=1200)
    args = parser.parse_args()
    print(f"median of {args.repeat} processes (pabutools: {args.pabutools_repeat}); peak memory: the largest")
    header = f"{'file':40} {'engine add1-exh':>16} {'runs':>5} {'MB':>5} {'engine add1':>12} {'runs':>5}"
    print(f"{header} {'pabutools':>10}")
    for name in FILES:
        path = str(Path(args.dir) / name)
        # Interleaved (engine, engine, pabutools, engine, ...) so that a busy spell on the machine
        # weighs on both sides of the comparison.
        runs: dict[str, list[dict[str, object]]] = {"exhaustive": [], "pabulib": [], "pabutools": []}
        with_pabutools = name in args.pabutools
        for turn in range(max(args.repeat, args.pabutools_repeat if with_pabutools else 0)):
            if turn < args.repeat:
                runs["exhaustive"].append(
                    measure(ENGINE, path, "equalshares/add1-exhaustive", timeout=args.timeout)
                )
                runs["pabulib"].append(measure(ENGINE, path, "equalshares/add1", timeout=args.timeout))
            if with_pabutools and turn < args.pabutools_repeat:
                runs["pabutools"].append(measure(PABUTOOLS, path, timeout=args.timeout))
        exhaustive = summarize(runs["exhaustive"])
        pabulib = summarize(runs["pabulib"])
        theirs: dict[str, object] = summarize(runs["pabutools"]) if with_pabutools else {}
        same = ""
        if "selected" in theirs and "selected" in exhaustive:
            same = "same outcome" if theirs["selected"] == exhaustive["selected"] else "DIFFERENT outcome"
            speedup = float(theirs["seconds"]) / float(exhaustive["seconds"])  # type: ignore[arg-type]
            same += f", {speedup:.0f}x faster, pabutools {float(theirs['rss_mb']):.0f} MB"  # type: ignore[arg-type]
            same += " (" + ", ".join(f"{t:.1f}" for t in theirs["times"]) + " s)"  # type: ignore[attr-defined]
        their_time = f"{theirs['seconds']:.1f} s" if "seconds" in theirs else theirs.get("error", "-")
        print(
            f"{name:40} {exhaustive.get('seconds', 0):>14.2f} s {exhaustive.get('runs', '-')!s:>5} "
            f"{exhaustive.get('rss_mb', 0):>5.0f} {pabulib.get('seconds', 0):>10.2f} s "
            f"{pabulib.get('runs', '-')!s:>5} "
            f"{their_time!s:>10} {same}",
            flush=True,
        )
        for label, result in (("add1-exhaustive", exhaustive), ("add1", pabulib)):
            if "error" in result:
                print(f"  engine {label} FAILED: {result['error']}")
            else:
                print(f"  engine {label}: " + ", ".join(f"{t:.2f}" for t in result["times"]) + " s")  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
