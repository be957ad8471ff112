"""The seeded demo for tests that read it: seeded through the services once per test process, then put
back from a copy of every table's rows taken straight after, which takes well under a second rather than
most of a minute.

The first call seeds and copies each table as the database stores it (PostgreSQL's COPY, every column of
every row on SQLite); later calls delete every row and load the copy back, content types and permissions
included, so every key is the one the seeding left, and then check each table's row count and the audit
chain against the seeding's. Sequences are moved past the loaded keys, as a restore of a backup does.
Restoring a real backup (`youdecide backup` / `restore`) is tested on its own in
`youdecide/audit/tests/test_backup.py`. Files the seeding wrote (uploads under MEDIA_ROOT) are still there:
the test run keeps one MEDIA_ROOT (conftest.py). Passwords are hashed with the quick hasher the tests use
(conftest.py), whether the first call comes from a class's set-up or from a test.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Model
from django.test import override_settings

from tests.url_walk import table_counts
from youdecide.audit.selectors import chain_head, verify_chain
from youdecide.programmes.demo.seeding import DemoSummary, seed_demo

QUICK_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass(frozen=True)
class TableCopy:
    table: str
    columns: list[str]
    rows: list[tuple[Any, ...]]  # SQLite: each row's values as stored
    copied: bytes  # PostgreSQL: the table in COPY's text format
    count: int


@dataclass(frozen=True)
class Snapshot:
    summary: DemoSummary
    tables: list[TableCopy]
    chain: tuple[int, str]


_snapshot: Snapshot | None = None


def seeded_demo() -> DemoSummary:
    """The database as `seed_demo` leaves it, in the current test's database; what that seeding returned."""
    global _snapshot
    if _snapshot is not None:
        _restore(_snapshot)
        return _snapshot.summary
    with override_settings(PASSWORD_HASHERS=QUICK_HASHERS):
        summary = seed_demo()
    head = chain_head()
    _snapshot = Snapshot(summary, [_copy(table) for table in _tables()], (head.sequence, head.digest))
    return summary


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def _models() -> list[type[Model]]:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def _quoted(table: str) -> str:
    return connection.ops.quote_name(table)


def _copy(table: str) -> TableCopy:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {_quoted(table)} TO STDOUT") as copy:
                copied = b"".join(bytes(block) for block in copy)
            cursor.execute(f"SELECT COUNT(*) FROM {_quoted(table)}")  # noqa: S608 - a model's table
            (count,) = cursor.fetchone()
            return TableCopy(table, [], [], copied, count)
        cursor.execute(f"SELECT * FROM {_quoted(table)}")  # noqa: S608 - a model's table
        rows = [tuple(row) for row in cursor.fetchall()]
        columns = [column[0] for column in cursor.description]
        return TableCopy(table, columns, rows, b"", len(rows))


def _restore(snapshot: Snapshot) -> None:
    tables = [copy.table for copy in snapshot.tables]
    with transaction.atomic(), connection.cursor() as cursor:
        # Foreign keys are checked at the end of the transaction (or of the test), so the order of the
        # deletes and loads does not matter.
        for table, count in table_counts(tables).items():
            if count:
                cursor.execute(f"DELETE FROM {_quoted(table)}")  # noqa: S608 - a model's table
        for copy in snapshot.tables:
            if not copy.count:
                continue
            if connection.vendor == "postgresql":
                with cursor.copy(f"COPY {_quoted(copy.table)} FROM STDIN") as load:
                    load.write(copy.copied)
            else:
                names = ", ".join(_quoted(column) for column in copy.columns)
                marks = ", ".join(["%s"] * len(copy.columns))
                cursor.executemany(
                    f"INSERT INTO {_quoted(copy.table)} ({names}) VALUES ({marks})",  # noqa: S608 - as above
                    copy.rows,
                )
        for statement in connection.ops.sequence_reset_sql(no_style(), _models()):
            cursor.execute(statement)
        loaded = table_counts(tables)
        expected = {copy.table: copy.count for copy in snapshot.tables}
        assert loaded == expected, f"the seeded demo came back with other row counts: {loaded} != {expected}"
        head = chain_head()
        assert (head.sequence, head.digest) == snapshot.chain, (
            "the seeded demo came back with another chain head"
        )
        check = verify_chain()
        assert check.ok, f"the seeded demo's audit log does not verify: {check.problem}"
    # Content types came back with the seeding's keys: forget the ones cached since.
    ContentType.objects.clear_cache()
