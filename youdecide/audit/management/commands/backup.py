"""``youdecide backup FILE``: every row of the database, with its counts and audit chain head, in one file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from youdecide.audit.backup import write_backup


class Command(BaseCommand):
    help = (
        "Write the whole database to FILE (a ZIP holding the rows and a manifest of their counts, the "
        "migrations and the audit chain head), from one consistent snapshot. Uploaded files under "
        "MEDIA_ROOT are not included: copy that folder beside it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", type=Path, help="where to write the backup, e.g. youdecide-2026-12-01.zip"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = write_backup(options["file"])
        self.stdout.write(
            f"Backed up {summary.rows} rows from {summary.tables} tables to {summary.path}; "
            f"audit chain head #{summary.chain_sequence} {summary.chain_digest}."
        )
