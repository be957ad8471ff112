"""Backing up the whole database to one file and restoring it, checked end to end.

A backup is a ZIP file holding ``data.xml`` (Django's XML serialisation of every row, with natural keys
for content types so it loads into any freshly migrated database; XML because Django's JSON encoder cuts
times to milliseconds, which would change the audit log's digests) and ``manifest.json``: the format and
version, the migrations the data was written under, each table's row count, the audit chain head and the
SHA-256 of ``data.xml``. A restore checks all of these before and after loading, inside one transaction:
a file that does not match, a database at other migrations, or a load that does not give the same counts
and the same verified chain leaves the database as it was.

Uploaded files (return photos) live under MEDIA_ROOT, not in the database: back that folder up beside it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.core.management.commands import loaddata
from django.core.serializers.base import DeserializedObject
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from youdecide.audit.selectors import chain_head, verify_chain

FORMAT = "youdecide-backup"
VERSION = 1
DATA = "data.xml"
# Rebuilt by migrate in every database (content types, permissions) or short-lived (sessions).
NOT_BACKED_UP = ("contenttypes.ContentType", "auth.Permission", "sessions.Session")


class BackupError(Exception):
    """The backup file or the database is not fit for the restore asked for; the message says why."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    rows: int
    tables: int
    chain_sequence: int
    chain_digest: str


class _InsertingLoad(loaddata.Command):
    """Django's loaddata for a database emptied first: every row is new, so each is inserted at once, not
    after the UPDATE Django otherwise tries for a row that comes with its primary key."""

    def save_obj(self, obj: DeserializedObject) -> bool:
        obj.save = functools.partial(obj.save, force_insert=True)  # type: ignore[method-assign]
        saved: bool = super().save_obj(obj)
        return saved


def row_counts() -> dict[str, int]:
    """Each backed-up model's row count, by label."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label not in NOT_BACKED_UP and model._meta.managed
    }


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_backup(path: Path) -> BackupSummary:
    """Write every row to ``path`` from one consistent snapshot of the database."""
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data.xml"
        snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
        with transaction.atomic():
            if snapshot:
                # Every table read as of one moment, while the site keeps taking ballots.
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            counts = row_counts()
            head = chain_head()
            call_command(
                "dumpdata",
                *[f"--exclude={label}" for label in NOT_BACKED_UP],
                natural_foreign=True,
                format="xml",
                output=str(data),
                verbosity=0,
            )
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "migrations": applied_migrations(),
            "counts": counts,
            "chain_head": {"sequence": head.sequence, "digest": head.digest},
            "data_sha256": _sha256(data),
        }
        partial = path.with_name(path.name + ".partial")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", json.dumps(manifest, indent=2, sort_keys=True))
            archive.write(data, DATA)
        partial.replace(path)
    return BackupSummary(path, sum(counts.values()), len(counts), head.sequence, head.digest)


def read_manifest(archive: zipfile.ZipFile, path: Path) -> dict[str, Any]:
    names = set(archive.namelist())
    if names != {"manifest.json", DATA}:
        raise BackupError(f"{path} is not a You Decide backup: it should hold manifest.json and {DATA} only.")
    try:
        manifest: dict[str, Any] = json.loads(archive.read("manifest.json"))
    except ValueError as exc:
        raise BackupError(f"{path}: manifest.json cannot be read ({exc}).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a You Decide backup (its format is {manifest.get('format')!r}).")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"{path} is a version {manifest.get('version')} backup; this release restores version {VERSION}."
        )
    return manifest


def empty_database() -> None:
    """Delete every row, inside the caller's transaction, leaving content types and permissions rebuilt."""
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        # TRUNCATE refuses tables with foreign-key checks still pending in this transaction: run them now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if postgresql:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def restore_backup(path: Path, *, replace: bool = False) -> BackupSummary:
    """Load a backup into this database, all or nothing.

    Refuses a database that holds any row unless ``replace``, a file whose data does not match its
    checksum, and a database whose migrations differ from the backup's; after loading, the row counts,
    the audit chain and its head must equal the backup's, or nothing is kept.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BackupError(f"{path} cannot be opened as a backup: {exc}") from None
    with archive, tempfile.TemporaryDirectory() as folder:
        manifest = read_manifest(archive, path)
        data = Path(archive.extract(DATA, folder))
        if _sha256(data) != manifest.get("data_sha256"):
            raise BackupError(f"{path}: {DATA} does not match the checksum in its manifest; it is damaged.")
        if manifest.get("migrations") != applied_migrations():
            raise BackupError(
                f"{path} was written at other migrations than this database has: run `youdecide migrate` "
                "with the release that wrote it, or restore into a database migrated to match."
            )
        with transaction.atomic():
            held = {label: rows for label, rows in row_counts().items() if rows}
            if held and not replace:
                raise BackupError(
                    f"This database is not empty ({sum(held.values())} rows, e.g. "
                    f"{', '.join(sorted(held)[:3])}): restore into an empty database, or add --replace to "
                    "replace everything in it."
                )
            if held:
                empty_database()
            call_command(_InsertingLoad(), str(data), verbosity=0)
            _check_restored(manifest, path)
    head = manifest["chain_head"]
    counts = manifest["counts"]
    return BackupSummary(path, sum(counts.values()), len(counts), head["sequence"], head["digest"])


def _check_restored(manifest: dict[str, Any], path: Path) -> None:
    counts = row_counts()
    expected: dict[str, int] = manifest["counts"]
    differ = {
        label: (expected.get(label, 0), rows)
        for label, rows in counts.items()
        if rows != expected.get(label, 0)
    }
    if differ:
        raise BackupError(
            f"{path}: after loading, row counts differ from the backup's (backup, loaded): {differ}"
        )
    check = verify_chain()
    if not check.ok:
        raise BackupError(f"{path}: the restored audit log does not verify: {check.problem}")
    head = chain_head()
    if {"sequence": head.sequence, "digest": head.digest} != manifest["chain_head"]:
        raise BackupError(f"{path}: the restored audit chain head differs from the backup's")
