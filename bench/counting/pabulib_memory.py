"""Peak memory and time of reading big pabulib files, each read in its own process.

    .venv/bin/python bench/counting/pabulib_memory.py [--mb 10 100] [--kinds valid unknown-project]

For each size, writes in a temporary folder an approval election of about that many megabytes, five
choices on every ballot out of 200 projects, voters with age, sex, voting method and neighbourhood columns
(about 100 bytes a row: a million voters in 100 MB; voter ids are 40 characters, as anonymised
ids often are), and reads it with ``read_pabulib``:

* ``valid``: the file passes every check and is read into an election;
* ``unknown-project``: every ballot names a project that does not exist, so the file is refused with one
  problem per row (each with its line);
* ``bad-width``: every row has a field too many, refused the same way;
* ``short-rows``: the most rows a megabyte can hold, one choice each and no other column (about 11 bytes a
  row), the case that costs most memory per megabyte; beyond the reader's limit on ballots it is refused.

Each read runs twice in a fresh interpreter: once for the time and the peak resident memory of the whole
process (``ru_maxrss``, the interpreter itself included), once under tracemalloc for the peak of Python's
own allocations (slower, so not timed). Prints a table with both peaks as megabytes and as multiples of the
file's size.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECTS = 200
CHOICES = 5
NEIGHBOURHOODS = [f"{side} ward number {n:02d} of the town" for side in ("North", "South") for n in range(10)]
ROW_BYTES = 100  # about what one row below takes

CHILD = r"""
import json, resource, sys, time, tracemalloc
from youdecide.counting import PabulibError, read_pabulib
path, traced = sys.argv[1], sys.argv[2] == "traced"
if traced:
    tracemalloc.start()
started = time.perf_counter()
try:
    outcome = f"read, {len(read_pabulib(path).ballots):,} ballots"
except PabulibError as exc:
    outcome = f"refused, {len(exc.problems):,} problems, first {exc.problems[0]}"[:90]
seconds = time.perf_counter() - started
found = {"outcome": outcome, "seconds": seconds,
         "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
if traced:
    found["traced_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
print(json.dumps(found))
"""


def write_election(path: Path, size: int, kind: str) -> int:
    """Write an election of about ``size`` bytes; return its number of voters."""
    if kind == "short-rows":
        return write_short_rows(path, size)
    voters = max(1, size // ROW_BYTES)
    pick = random.Random(2026)
    with path.open("w", encoding="utf-8") as out:
        out.write("META\nkey;value\ndescription;memory bench\ncountry;UK\nunit;Town\ninstance;2026\n")
        out.write(f"num_projects;{PROJECTS}\nnum_votes;{voters}\nbudget;5000000\nvote_type;approval\n")
        out.write(f"max_length;{CHOICES}\nrule;greedy\ndate_begin;2026\ndate_end;2026\n")
        out.write("PROJECTS\nproject_id;cost;name\n")
        for p in range(1, PROJECTS + 1):
            out.write(f"{p};{10000 + 37 * p};Project number {p}\n")
        out.write("VOTES\nvoter_id;vote;age;sex;voting_method;neighbourhood\n")
        extra = ";x" if kind == "bad-width" else ""
        for v in range(voters):
            chosen = pick.sample(range(1, PROJECTS + 1), CHOICES)
            if kind == "unknown-project":
                chosen[-1] = PROJECTS + 1 + v % 1000
            vote = ",".join(map(str, chosen))
            method = "internet" if v % 3 else "paper"
            out.write(
                f"{v:08d}{pick.getrandbits(128):032x};{vote};{16 + v % 75};{'MF'[v % 2]};{method};"
                f"{NEIGHBOURHOODS[v % 20]}{extra}\n"
            )
    return voters


def write_short_rows(path: Path, size: int) -> int:
    voters = max(1, size // 11)
    with path.open("w", encoding="utf-8") as out:
        out.write("META\nkey;value\ndescription;memory bench\ncountry;UK\nunit;Town\ninstance;2026\n")
        out.write(f"num_projects;{PROJECTS}\nnum_votes;{voters}\nbudget;5000000\nvote_type;choose-1\n")
        out.write("rule;greedy\ndate_begin;2026\ndate_end;2026\nPROJECTS\nproject_id;cost\n")
        out.writelines(f"{p};{10000 + 37 * p}\n" for p in range(1, PROJECTS + 1))
        out.write("VOTES\nvoter_id;vote\n")
        out.writelines(f"{v};{1 + v % PROJECTS}\n" for v in range(voters))
    return voters


def measure(path: Path, how: str) -> dict[str, object]:
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(  # noqa: S603 - this interpreter, our own script
        [sys.executable, "-c", CHILD, str(path), how],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, nargs="+", default=[10, 100], help="file sizes in megabytes")
    parser.add_argument(
        "--kinds",
        nargs="+",
        default=["valid", "unknown-project"],
        choices=["valid", "unknown-project", "bad-width", "short-rows"],
    )
    arguments = parser.parse_args()
    print("| file | MB | voters | seconds | peak RSS MB | x file | traced peak MB | x file | outcome |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in arguments.mb:
            for kind in arguments.kinds:
                path = Path(folder) / f"{kind}-{megabytes}.pb"
                voters = write_election(path, megabytes * 2**20, kind)
                size = path.stat().st_size / 2**20
                timed, traced = measure(path, "timed"), measure(path, "traced")
                rss, peak = float(timed["rss_mb"]), float(traced["traced_mb"])  # type: ignore[arg-type]
                print(
                    f"| {kind} | {size:.0f} | {voters:,} | {timed['seconds']:.1f} | {rss:.0f} | "
                    f"{rss / size:.1f} | {peak:.0f} | {peak / size:.1f} | {timed['outcome']} |",
                    flush=True,
                )
                path.unlink()


if __name__ == "__main__":
    main()
