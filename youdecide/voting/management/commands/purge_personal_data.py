"""``youdecide purge-personal-data [--days 365] [--dry-run]``: remove voters' personal data from programmes
that ended more than the given number of days ago, keeping the anonymous ballots, counts and results."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from youdecide.voting.retention import programmes_to_purge, purge_programme


class Command(BaseCommand):
    help = (
        "For every programme whose last phase ended more than --days ago, replace the keyed hashes that "
        "identify its voters (participations, used codes, Decision Day check-ins) by random ones, cut the "
        "times they voted to the day and delete emailed voting links. Ballots, counts and results stay as "
        "they are. Safe to run again: a second run changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=365, help="retention period in days (default 365)")
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would be removed, change nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["days"] < 0:
            self.stderr.write("--days must be 0 or more.")
            raise SystemExit(2)
        found = programmes_to_purge(options["days"])
        if not found:
            self.stdout.write(f"No programme ended more than {options['days']} days ago.")
            return
        verb = "would remove" if options["dry_run"] else "removed"
        for programme, ended in found:
            purge = purge_programme("youdecide purge-personal-data", programme, ended, options["dry_run"])
            self.stdout.write(
                f"{programme.name} (ended {ended:%d %B %Y}): {verb} the personal data of "
                f"{purge.participations} participations, {purge.codes} used codes, {purge.check_ins} "
                f"check-ins and {purge.email_links} emailed links."
            )
