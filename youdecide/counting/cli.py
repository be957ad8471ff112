"""``youdecide count FILE.pb`` and ``youdecide check FILE.pb``.

``main(argv)`` takes the subcommand first: ``["count", "file.pb", "--json"]``. It returns the exit
status: 0 counted or valid, 1 the file was refused (its errors are printed), 2 the command was wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from youdecide.counting.explain import money_format
from youdecide.counting.pabulib_reader import check_pabulib, read_pabulib
from youdecide.counting.pabulib_writer import tie_break_of
from youdecide.counting.problems import PabulibError, RuleError
from youdecide.counting.rules import RULES, count
from youdecide.counting.ties import TIE_BREAKS

#: Files larger than this many megabytes are refused before they are read (``--max-mb`` changes it).
DEFAULT_MAX_MB = 100


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="youdecide", description="Count or check pabulib (.pb) elections.")
    sub = parser.add_subparsers(dest="command", required=True)
    counting = sub.add_parser("count", help="count an election (by default with the rule its META names)")
    counting.add_argument("file", help="a pabulib .pb file")
    counting.add_argument("--rule", choices=sorted(RULES), help="rule to use instead of META rule")
    counting.add_argument(
        "--tie-break",
        choices=TIE_BREAKS,
        help="default: the one the file's META comment names (#1: tie-break: ...), else file-order",
    )
    counting.add_argument("--partial", action="store_true", help="give what is left to the next project")
    counting.add_argument("--json", action="store_true", help="print the outcome as JSON")
    checking = sub.add_parser("check", help="validate a pabulib file without counting it")
    checking.add_argument("file", help="a pabulib .pb file")
    for command in (counting, checking):
        command.add_argument(
            "--max-mb",
            type=_megabytes,
            default=DEFAULT_MAX_MB,
            help=f"refuse a file larger than this many megabytes (default {DEFAULT_MAX_MB})",
        )
    return parser


def _megabytes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0
    if not 0 < value < 2**40:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of megabytes")
    return value


def _print_problems(error: PabulibError, err: TextIO) -> None:
    print(f"{error.source or 'file'}: refused, {len(error.problems)} error(s):", file=err)
    for problem in error.problems:
        print(f"  {problem}", file=err)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) else 2
    if args.command == "check":
        try:
            report = check_pabulib(args.file, max_bytes=int(args.max_mb * 2**20))
        except OSError as exc:
            print(f"{args.file}: cannot read: {exc}", file=err)
            return 1
        for warning in report.warnings:
            print(f"warning: {warning}", file=err)
        if not report.ok:
            _print_problems(PabulibError(report.errors, args.file), err)
            return 1
        print(f"{args.file}: valid ({len(report.warnings)} warning(s))", file=out)
        return 0
    try:
        election = read_pabulib(args.file, max_bytes=int(args.max_mb * 2**20))
        args.tie_break = args.tie_break or tie_break_of(election.meta) or "file-order"
        outcome = count(election, rule=args.rule, tie_break=args.tie_break, partial=args.partial)
    except PabulibError as exc:
        _print_problems(exc, err)
        return 1
    except RuleError as exc:
        print(f"{args.file}: {exc}", file=err)
        return 1
    except OSError as exc:
        print(f"{args.file}: cannot read: {exc}", file=err)
        return 1
    if args.json:
        json.dump(outcome.as_dict(), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    money = money_format(election.currency)
    print(f"Rule: {outcome.rule}   tie-break: {args.tie_break}", file=out)
    print(f"Budget: {money(outcome.budget)}   spent: {money(outcome.spent)}", file=out)
    print(f"Funded ({len(outcome.selected)}), in selection order:", file=out)
    names = {p.id: p.name for p in election.projects}
    for pid in outcome.selected:
        print(f"  {pid}  {names.get(pid, '')}".rstrip(), file=out)
    print("Every project:", file=out)
    for pid, text in outcome.explanations.items():
        print(f"  {pid}: {text}", file=out)
    print(f"Ties ({len(outcome.ties)}):", file=out)
    for tie in outcome.ties:
        print(f"  {tie}", file=out)
    return 0
