"""MES, Phragmén and max-welfare beside pabutools 1.2.3 on the shared elections up to a number of voters.

    .venv/bin/python bench/counting/pabutools_shared.py [--max-voters 1500] [--dir /work/shared/pabulib]

The same comparison as ``test_shared_collection.py`` (which runs it on CI up to
``PABUTOOLS_SHARED_MAX_VOTERS``, default 400): every approval, choose-1, cumulative, ordinal and
scoring file with at most ``--max-voters`` voters is counted with ``equalshares/add1-exhaustive``
(pabutools' +1 completion; rankings as approval of the ranked projects), with sequential Phragmén
(approval and choose-1) and with maximal utilitarian welfare (judged by the welfare of the selected
set and by its fitting the budget; no rankings, whose pabutools points are not the engine's). Prints
one line per file as it goes, then a Markdown table: files, and per comparison how many agree and
differ, by ballot kind. Exits 1 if any comparison differs.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

from youdecide.counting.tests.pabutools_bridge import compare_file, shared_instances

CHECKS = ("mes-add1", "phragmen", "max-welfare")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", default="/work/shared/pabulib")
    parser.add_argument("--max-voters", type=int, default=1500, help="the largest election to compare")
    args = parser.parse_args()
    files = shared_instances(Path(args.dir), args.max_voters)
    print(f"{len(files)} files with at most {args.max_voters:,} voters", flush=True)
    files_by_kind: collections.Counter[str] = collections.Counter()
    tally: collections.Counter[tuple[str, str, bool]] = collections.Counter()
    differences = []
    start = time.perf_counter()
    for path in files:
        began = time.perf_counter()
        election, results = compare_file(path)
        files_by_kind[election.vote_type] += 1
        for check, detail in results.items():
            tally[(election.vote_type, check, detail is None)] += 1
            if detail is not None:
                differences.append(f"{path.name} {check}: {detail}")
        verdict = ", ".join(f"{check} {'agrees' if d is None else 'DIFFERS'}" for check, d in results.items())
        print(
            f"{path.name}: {len(election.ballots):,} voters, {len(election.projects)} projects, "
            f"{election.vote_type}: {verdict} ({time.perf_counter() - began:.1f} s)",
            flush=True,
        )
    seconds = time.perf_counter() - start
    print(f"\n{len(files)} files compared in {seconds:.0f} s\n")
    header = " | ".join(f"{check} agree | {check} differ" for check in CHECKS)
    print(f"| ballots | files | {header} |")
    print("| --- | ---: |" + " ---: |" * (2 * len(CHECKS)))
    for kind in [*sorted(files_by_kind), "all"]:
        kinds = list(files_by_kind) if kind == "all" else [kind]
        cells = [str(sum(files_by_kind[k] for k in kinds))]
        for check in CHECKS:
            agree = sum(tally[(k, check, True)] for k in kinds)
            differ = sum(tally[(k, check, False)] for k in kinds)
            compared = agree + differ
            cells += [str(agree), str(differ)] if compared else ["-", "-"]
        print(f"| {kind} | " + " | ".join(cells) + " |")
    for line in differences:
        print(line)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
