"""``youdecide audit verify``: walk the audit log's hash chain and say where it first breaks."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from youdecide.audit.selectors import chain_head, verify_chain


class Command(BaseCommand):
    help = (
        "Check the audit log. 'verify' recomputes every event's digest in order and compares the last with "
        "the chain head; it names the first broken sequence (an edited, deleted or reordered event, or a "
        "log cut short) and exits with status 1 when the chain does not hold."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="verify")
        actions.add_parser("verify", help="walk the hash chain from the first event to the chain head")

    def handle(self, *args: Any, **options: Any) -> None:
        check = verify_chain()
        if not check.ok:
            raise CommandError(
                f"The audit log is broken at #{check.broken_at}: {check.problem}. "
                f"{check.events} events verified before it.",
                returncode=1,
            )
        head = chain_head()
        self.stdout.write(
            f"The audit log holds: {check.events} events, chain head #{head.sequence} {head.digest}."
        )
