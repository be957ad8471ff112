"""``youdecide import-postcodes FILE``: place residents in their ward by postcode (ONS Postcode Directory)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from youdecide.areas.services import PostcodeImportSummary, import_postcodes
from youdecide.areas.ward_files import AreaDataError


class Command(BaseCommand):
    help = (
        "Import postcode → ward rows from an ONS Postcode Directory CSV (columns pcds and osward), "
        "all or nothing, safe to run twice. Rows for other councils' wards and terminated postcodes are "
        "skipped; nothing is written if the file has a problem."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the ONS Postcode Directory CSV (or a council's extract)")
        parser.add_argument(
            "--replace", action="store_true", help="also remove stored postcodes that are not in this file"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            summary = import_postcodes("youdecide import-postcodes", path, replace=options["replace"])
        except AreaDataError as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            count = len(exc.problems)
            raise CommandError(
                ngettext(
                    "Nothing was imported: %(count)s problem in %(file)s.",
                    "Nothing was imported: %(count)s problems in %(file)s.",
                    count,
                )
                % {"count": count, "file": path.name}
            ) from None
        self.write_summary(summary)

    def write_summary(self, summary: PostcodeImportSummary) -> None:
        self.stdout.write(_("Imported %(file)s:") % {"file": summary.file})
        lines = [
            (_("postcodes in our wards"), summary.stored),
            (_("wards with postcodes"), summary.wards),
            (_("new"), summary.created),
            (_("moved to another ward"), summary.updated),
            (_("already up to date"), summary.unchanged),
            (_("removed, not in the file"), summary.removed),
            (_("skipped, in other councils' wards"), summary.other_councils),
            (_("skipped, terminated postcodes"), summary.terminated),
        ]
        for label, count in lines:
            self.stdout.write(f"  {label + ':':<38} {count:>10,}")
