"""Big hostile files through the importers: time and peak memory of each, each read in its own process.

    SECRET_KEY=x .venv/bin/python bench/reliability/hostile_files.py [--mb 100]

Writes, in a temporary folder, a postcode directory of about MB megabytes (every row another council's, the
whole-UK case) and the same with a bad postcode on every line, and a pabulib file of about MB megabytes of
approval votes; then reads each in a child process and prints its rows, seconds and peak resident memory
(ru_maxrss). Nothing touches a database: the postcode reader and the pabulib reader are what an import runs
before it writes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, os, resource, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "youdecide.settings")
import django
django.setup()
kind, path = sys.argv[1], sys.argv[2]
started = time.perf_counter()
if kind == "pabulib":
    from youdecide.counting import PabulibError, read_pabulib
    try:
        rows, outcome = len(read_pabulib(path).ballots), "read"
    except PabulibError as exc:
        rows, outcome = len(exc.problems), "refused"
else:
    from youdecide.areas.postcodes import DirectoryReport, parse_postcode_directory
    report = DirectoryReport()
    rows = sum(1 for _ in parse_postcode_directory(path, report, ward_codes={"E05008620"}))
    problems = len(report.problems) + report.unlisted_problems
    outcome = f"{rows} ours, {report.other_wards} others, {problems} problems"
print(json.dumps({"outcome": outcome, "seconds": time.perf_counter() - started,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def write_postcodes(path: Path, size: int, *, bad: bool) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("pcds,osward\n")
        n = 0
        while out.tell() < size:
            postcode = (
                f"X{n}"
                if bad
                else f"W1{chr(65 + n // 2600 % 26)} {n % 10}{chr(65 + n // 10 % 26)}{chr(65 + n % 26)}"
            )
            out.write(f"{postcode},E05000650\n")
            n += 1


def write_pabulib(path: Path, size: int) -> None:
    projects = 50
    line = ",".join(str(p) for p in range(1, 11))
    votes = max(1, size // (len(line) + 10))
    with path.open("w", encoding="utf-8") as out:
        out.write("META\nkey;value\ndescription;bench\ncountry;UK\nunit;Town\ninstance;2026\n")
        out.write(f"num_projects;{projects}\nnum_votes;{votes}\nbudget;1000000\nvote_type;approval\n")
        out.write("rule;greedy\ndate_begin;2026\ndate_end;2026\nPROJECTS\nproject_id;cost;votes\n")
        for p in range(1, projects + 1):
            out.write(f"{p};10000;{votes if p <= 10 else 0}\n")
        out.write("VOTES\nvoter_id;vote\n")
        out.writelines(f"{v};{line}\n" for v in range(votes))


def measure(kind: str, path: Path) -> dict[str, object]:
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "SECRET_KEY": os.environ.get("SECRET_KEY", "x")}
    done = subprocess.run(  # noqa: S603 - this interpreter, our own script
        [sys.executable, "-c", CHILD, kind, str(path)], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=100, help="size of each postcode file in megabytes")
    parser.add_argument(
        "--pabulib-mb",
        type=int,
        default=10,
        help="size of the pabulib file (it is read whole, with every ballot)",
    )
    arguments = parser.parse_args()
    size, pabulib_size = arguments.mb * 1024 * 1024, arguments.pabulib_mb * 1024 * 1024
    with tempfile.TemporaryDirectory() as folder:
        files = [
            (
                "postcodes",
                "other councils",
                Path(folder) / "uk.csv",
                lambda p: write_postcodes(p, size, bad=False),
            ),
            (
                "postcodes",
                "bad on every line",
                Path(folder) / "bad.csv",
                lambda p: write_postcodes(p, size, bad=True),
            ),
            ("pabulib", "approval votes", Path(folder) / "big.pb", lambda p: write_pabulib(p, pabulib_size)),
        ]
        print(f"{'file':<32} {'MB':>6} {'seconds':>8} {'peak MB':>8}  outcome")
        for kind, label, path, write in files:
            write(path)
            result = measure(kind, path)
            megabytes = path.stat().st_size / 1024 / 1024
            figures = f"{megabytes:>6.0f} {result['seconds']:>8.1f} {result['peak_mb']:>8.0f}"
            print(f"{kind + ', ' + label:<32} {figures}  {result['outcome']}")
            path.unlink()


if __name__ == "__main__":
    main()
