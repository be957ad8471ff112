"""The seeded demo for tests that read it: seeded through the services once per test process, then loaded
from a backup of it (`youdecide backup` / `restore`), which takes seconds rather than most of a minute.

The first call seeds and writes the backup; later calls restore it, checked as every restore is (row
counts, the audit chain and its head). Files the seeding wrote (uploads under MEDIA_ROOT) are still there:
the test run keeps one MEDIA_ROOT (conftest.py). Passwords are hashed with the quick hasher the tests use
(conftest.py), whether the first call comes from a class's set-up or from a test.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.test import override_settings

from youdecide.audit.backup import restore_backup, write_backup
from youdecide.programmes.demo.seeding import seed_demo

QUICK_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
_backup: Path | None = None


def seeded_demo() -> None:
    """The database as `seed_demo` leaves it, in the current test's database."""
    global _backup
    if _backup is not None and _backup.exists():
        restore_backup(_backup, replace=True)
        return
    with override_settings(PASSWORD_HASHERS=QUICK_HASHERS):
        seed_demo()
    _backup = Path(settings.VAR_DIR) / "seeded-demo-backup.zip"
    write_backup(_backup)
