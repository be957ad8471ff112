"""``youdecide import-postcodes FILE``: place residents in their ward by postcode (ONS directory)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from youdecide.areas.services import import_postcodes
from youdecide.areas.ward_files import AreaDataError


class Command(BaseCommand):
    help = (
        "Import postcode → ward rows from an ONS Postcode Directory CSV (columns pcds and osward). "
        "Rows for other councils' wards are skipped; nothing is written if the file has a problem."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the ONS Postcode Directory CSV (or a council's extract)")
        parser.add_argument("--replace", action="store_true", help="remove postcodes not in this file")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = import_postcodes(
                "youdecide import-postcodes", options["file"], replace=options["replace"]
            )
        except AreaDataError as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"Nothing was imported: {exc}.") from None
        self.stdout.write(
            f"{summary.stored:,} postcodes in {summary.wards} wards stored; "
            f"{summary.other_councils:,} rows for other councils' wards skipped."
        )
