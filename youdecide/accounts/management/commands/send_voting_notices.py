"""youdecide send-voting-notices: tell residents who asked that voting has opened in a published programme,
when a voting phase (online voting or Decision Days) opens by its dates.

Safe to run as often as wanted (e.g. every quarter of an hour from cron): each phase is announced once,
whether an officer opened it early (which announces it at once) or its start time came round."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from youdecide.accounts.notifications import send_voting_notices


class Command(BaseCommand):
    help = "Email residents who asked when a programme's voting opens by its dates."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_voting_notices()
        self.stdout.write(f"{sent} email{'s' if sent != 1 else ''} sent.")
