"""youdecide send-return-reminders: email groups whose monitoring return is due within 7 days or late.

Safe to run as often as wanted (e.g. daily from cron): each return gets at most one reminder while due
and one once late."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from youdecide.delivery.services import send_return_reminders


class Command(BaseCommand):
    help = "Email the lead contact of each group whose monitoring return is due within 7 days, or late."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_return_reminders()
        self.stdout.write(f"{sent} reminder{'s' if sent != 1 else ''} sent.")
