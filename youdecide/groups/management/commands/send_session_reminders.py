"""youdecide send-session-reminders: email whoever booked a group's place at a support session that starts
within a day.

Safe to run as often as wanted (e.g. hourly from cron): each booking gets at most one reminder."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from youdecide.groups.services import send_session_reminders


class Command(BaseCommand):
    help = "Email a reminder for each place booked at a support session starting within a day."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_session_reminders()
        self.stdout.write(f"{sent} reminder{'s' if sent != 1 else ''} sent.")
