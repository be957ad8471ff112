"""Count every shared pabulib file with its own rule and print the proof table (Markdown).

    .venv/bin/python bench/counting/proof_report.py [--dir /work/shared/pabulib] > /tmp/proof.md

The table goes into docs/counting-proof.md.
"""

from __future__ import annotations

import argparse
import collections
import time
from pathlib import Path

from youdecide.counting.published import check_file


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", default="/work/shared/pabulib")
    args = parser.parse_args()
    start = time.perf_counter()
    results = [check_file(path) for path in sorted(Path(args.dir).glob("*.pb"))]
    seconds = time.perf_counter() - start
    tally: collections.Counter[tuple[str, str]] = collections.Counter((r.rule, r.status) for r in results)
    print(f"{len(results)} files, counted in {seconds:.1f} s.\n")
    print("| rule | files | reproduced | partly defined | differs | no published outcome | no rule |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for rule in sorted({r.rule for r in results}):
        cells = [
            tally[(rule, s)]
            for s in ("reproduced", "partly defined", "differs", "no published outcome", "no rule")
        ]
        print(f"| `{rule}` | {sum(cells)} | " + " | ".join(str(c) for c in cells) + " |")
    notes = [
        r
        for r in results
        if r.status in ("differs", "partly defined") or r.refused or r.detail.startswith("selected")
    ]
    if notes:
        print("\nFiles with something to say:\n")
        for r in notes:
            parts = [f"**{r.status}**"]
            if r.detail:
                parts.append(r.detail)
            if r.refused:
                parts.append("refused by the checks (counted leniently): " + "; ".join(r.refused))
            print(f"- `{r.name}` ({r.rule}, {r.vote_type}): " + " ".join(parts))


if __name__ == "__main__":
    main()
