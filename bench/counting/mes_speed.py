"""MES with +1 completion on the large shared elections: the engine beside pabutools 1.2.3.

    .venv/bin/python bench/counting/mes_speed.py [--pabutools NAME ...] [--dir /work/shared/pabulib]

Each measurement runs in its own process (parse included) so its peak memory (max RSS) is its own.
The engine runs ``equalshares/add1-exhaustive`` (pabutools' completion: +1 per voter until the outcome
is exhaustive) and ``equalshares/add1`` (pabulib's: +1 while the outcome fits); pabutools runs
``method_of_equal_shares(..., sat_class=Cost_Sat, voter_budget_increment=1)`` on the multiprofile
(identical ballots grouped), for the files named with ``--pabutools``.
"""

from __future__ import annotations

import argparse
import json
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", default="/work/shared/pabulib")
    parser.add_argument("--pabutools", nargs="*", default=[], help="files to run pabutools on too")
    parser.add_argument("--timeout", type=float, default=1200)
    args = parser.parse_args()
    header = f"{'file':40} {'engine add1-exh':>16} {'runs':>5} {'MB':>5} {'engine add1':>12} {'runs':>5}"
    print(f"{header} {'pabutools':>10}")
    for name in FILES:
        path = str(Path(args.dir) / name)
        exhaustive = measure(ENGINE, path, "equalshares/add1-exhaustive", timeout=args.timeout)
        pabulib = measure(ENGINE, path, "equalshares/add1", timeout=args.timeout)
        theirs: dict[str, object] = {}
        if name in args.pabutools:
            theirs = measure(PABUTOOLS, path, timeout=args.timeout)
        same = ""
        if "selected" in theirs and "selected" in exhaustive:
            same = "same outcome" if theirs["selected"] == exhaustive["selected"] else "DIFFERENT outcome"
            speedup = float(theirs["seconds"]) / float(exhaustive["seconds"])  # type: ignore[arg-type]
            same += f", {speedup:.0f}x faster, pabutools {float(theirs['rss_mb']):.0f} MB"  # type: ignore[arg-type]
        their_time = f"{theirs['seconds']:.1f} s" if "seconds" in theirs else theirs.get("error", "-")
        print(
            f"{name:40} {exhaustive.get('seconds', 0):>14.2f} s {exhaustive.get('runs', '-')!s:>5} "
            f"{exhaustive.get('rss_mb', 0):>5.0f} {pabulib.get('seconds', 0):>10.2f} s "
            f"{pabulib.get('runs', '-')!s:>5} "
            f"{their_time!s:>10} {same}",
            flush=True,
        )


if __name__ == "__main__":
    main()
