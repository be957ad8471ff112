"""``youdecide seal-ballots SLUG``: after voting closes, erase what tied online ballots to voters."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from youdecide.programmes.models import Programme
from youdecide.voting.errors import VotingRefused
from youdecide.voting.services import seal_ballots


class Command(BaseCommand):
    help = (
        "When online voting and the Decision Days have closed, erase everything that joins a voter to a "
        "ballot: the envelopes that let a changed vote or a vote in person replace an online ballot, the "
        "stored receipts, the ballots that no longer count and the votes kept in browser sessions; then "
        "write the ballots again in random order. Publishing a result does it too. Safe to run again: a "
        "second run changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("programme", help="the programme's slug")

    def handle(self, *args: Any, **options: Any) -> None:
        programme = Programme.objects.filter(slug=options["programme"]).first()
        if programme is None:
            raise CommandError(f"No programme has the slug {options['programme']!r}.")
        try:
            sealed = seal_ballots("youdecide seal-ballots", programme)
        except VotingRefused as refused:
            raise CommandError(" ".join(refused.messages)) from None
        self.stdout.write(
            f"{programme.name}: {sealed} online votes sealed; nothing now joins a voter to a ballot."
        )
