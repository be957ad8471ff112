"""``youdecide backup`` and ``youdecide restore``: the seeded demo comes back with the same rows, the same
tally and the same audit chain head; a restore refuses what it should and keeps nothing when it fails."""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path
from typing import Any, ClassVar

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase

from tests.demo_snapshot import seeded_demo
from youdecide.audit.backup import DATA, empty_database, row_counts
from youdecide.audit.models import AuditEvent
from youdecide.audit.selectors import chain_head, verify_chain
from youdecide.counting import count
from youdecide.events.models import PaperBallot
from youdecide.money import format_pence
from youdecide.results.ballots import area_election, election_digest
from youdecide.results.models import CountRun
from youdecide.voting.models import Ballot
from youdecide.voting.selectors import ballot_proposals


def tallies() -> dict[int, tuple[str, list[str]]]:
    """Each stored count recomputed from the ballots in the database: their digest and what is funded."""
    recomputed = {}
    for run in CountRun.objects.select_related("programme", "area"):
        election = area_election(run.programme, run.area, ballot_proposals(run.programme, run.area))
        outcome = count(election, rule=run.rule, tie_break=run.tie_break, partial=False, money=format_pence)
        recomputed[run.pk] = (election_digest(election), list(outcome.selected))
    return recomputed


def rewrite(source: Path, target: Path, **changes: Any) -> None:
    """A copy of a backup with its manifest changed, or its data when ``data`` is given."""
    with zipfile.ZipFile(source) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        data = archive.read(DATA)
    manifest.update(changes.pop("manifest", {}))
    data = changes.pop("data", data)
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr(DATA, data)


def delete_online_ballots(how_many: int) -> None:
    """Delete some online ballots: a keyed paper protects its own ballot from deletion."""
    papers = PaperBallot.objects.filter(ballot__isnull=False).values("ballot")
    online = Ballot.objects.exclude(pk__in=papers)
    Ballot.objects.filter(pk__in=online.order_by("pk").values("pk")[:how_many]).delete()


class BackupAndRestore(TestCase):
    backup: ClassVar[Path]  # the seeded demo's backup: every test starts from that same demo

    @classmethod
    def setUpTestData(cls) -> None:
        seeded_demo()
        cls.backup = Path(cls.enterClassContext(tempfile.TemporaryDirectory())) / "demo.zip"
        call_command("backup", str(cls.backup))

    def setUp(self) -> None:
        self.folder = Path(self.enterContext(tempfile.TemporaryDirectory()))
        self.file = self.folder / "backup.zip"

    def test_a_round_trip_gives_the_same_rows_tally_and_chain_head(self) -> None:
        counts, head, tally = row_counts(), chain_head(), tallies()
        self.assertTrue(tally, "the demo has counts")
        self.assertTrue(
            all(digest == CountRun.objects.get(pk=pk).inputs_digest for pk, (digest, _) in tally.items())
        )
        call_command("backup", str(self.file), stdout=(out := io.StringIO()))
        self.assertIn(f"audit chain head #{head.sequence} {head.digest}", out.getvalue())

        empty_database()
        self.assertEqual(sum(row_counts().values()), 0)
        call_command("restore", str(self.file), stdout=(out := io.StringIO()))

        self.assertEqual(row_counts(), counts)
        restored = chain_head()
        self.assertEqual((restored.sequence, restored.digest), (head.sequence, head.digest))
        self.assertTrue(verify_chain().ok)
        self.assertEqual(tallies(), tally)
        self.assertIn(f"verifies to chain head #{head.sequence}", out.getvalue())

    def test_a_database_that_holds_rows_is_refused_without_replace(self) -> None:
        counts = row_counts()
        with pytest.raises(CommandError, match=r"This database is not empty .* add --replace"):
            call_command("restore", str(self.backup))
        self.assertEqual(row_counts(), counts)

    def test_replace_swaps_everything_for_the_backup(self) -> None:
        counts, head = row_counts(), chain_head()
        delete_online_ballots(5)
        AuditEvent.objects.filter(sequence=head.sequence).update(action="edited")
        call_command("restore", str(self.backup), "--replace")
        self.assertEqual(row_counts(), counts)
        self.assertTrue(verify_chain().ok)

    def test_a_damaged_file_is_refused_before_anything_is_touched(self) -> None:
        damaged = self.folder / "damaged.zip"
        with zipfile.ZipFile(self.backup) as archive:
            data = archive.read(DATA).replace(
                b'<field name="action" type="CharField">', b'<field name="action" type="CharField">x', 1
            )
        rewrite(self.backup, damaged, data=data)
        counts = row_counts()
        with pytest.raises(CommandError, match="does not match the checksum"):
            call_command("restore", str(damaged), "--replace")
        self.assertEqual(row_counts(), counts)

    def test_a_load_that_does_not_match_its_manifest_keeps_nothing(self) -> None:
        with zipfile.ZipFile(self.backup) as archive:
            manifest = json.loads(archive.read("manifest.json"))
        wrong = self.folder / "wrong.zip"
        manifest["counts"]["voting.Ballot"] += 1
        rewrite(self.backup, wrong, manifest={"counts": manifest["counts"]})
        delete_online_ballots(3)
        counts = row_counts()
        with pytest.raises(CommandError, match=r"row counts differ from the backup's .*voting\.Ballot"):
            call_command("restore", str(wrong), "--replace")
        self.assertEqual(row_counts(), counts)

    def test_a_backup_from_other_migrations_or_not_a_backup_is_refused(self) -> None:
        older = self.folder / "older.zip"
        rewrite(self.backup, older, manifest={"migrations": {"audit": ["0001_initial"]}})
        with pytest.raises(CommandError, match="written at other migrations"):
            call_command("restore", str(older), "--replace")
        other = self.folder / "notes.zip"
        with zipfile.ZipFile(other, "w") as archive:
            archive.writestr("notes.txt", "hello")
        with pytest.raises(CommandError, match="is not a You Decide backup"):
            call_command("restore", str(other))
        (self.folder / "plain.txt").write_text("hello")
        with pytest.raises(CommandError, match="cannot be opened as a backup"):
            call_command("restore", str(self.folder / "plain.txt"))
