"""``youdecide restore FILE [--replace]``: load a backup, all or nothing, and check it came back whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from youdecide.audit.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Load a backup written by `youdecide backup` into this database, in one transaction. Refuses a "
        "database that holds anything unless --replace; checks the file's checksum and migrations before, "
        "and the row counts, audit chain and chain head after; on any difference nothing is kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="a backup file written by `youdecide backup`")
        parser.add_argument(
            "--replace", action="store_true", help="delete everything in this database and load the backup"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = restore_backup(options["file"], replace=options["replace"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Restored {summary.rows} rows into {summary.tables} tables from {summary.path}; the audit log "
            f"verifies to chain head #{summary.chain_sequence} {summary.chain_digest}."
        )
