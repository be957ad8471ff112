"""Shared fixtures: a published programme with one area, its pot, an open proposals phase and a group."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.management.sql import emit_post_migrate_signal
from django.db import connections, transaction
from django.test import TransactionTestCase

from tests import factories
from tests.demo_snapshot import QUICK_HASHERS
from youdecide.accounts.models import Role, User
from youdecide.areas.models import Area
from youdecide.groups.models import CommunityGroup
from youdecide.programmes.models import Outcome, Programme
from youdecide.voting import ballot_cache
from youdecide.web.front_cache import finished_pages
from youdecide.web.page_cache import pages


@dataclass
class Setting:
    programme: Programme
    area: Area
    other_area: Area
    outcome: Outcome
    group: CommunityGroup
    lead: User
    officer: User


# The test files that take longest (PostgreSQL, two workers), longest first. pytest-xdist hands out whole
# files (--dist loadfile) in collection order: started first, none of them is left running on one worker
# at the end while the other has nothing to do.
LONGEST_FILES = (
    "youdecide/audit/tests/test_backup.py",
    "tests/test_security_headers.py",
    "tests/test_authorisation_matrix.py",
    "tests/browser/test_voting.py",
    "youdecide/counting/tests/test_against_pabutools.py",
    "tests/browser/test_decision_day.py",
    "youdecide/programmes/tests/test_seed_demo.py",
    "youdecide/counting/tests/test_shared_collection.py",
    "youdecide/voting/tests/test_concurrency.py",
    "tests/browser/test_resident_and_group_journeys.py",
    "tests/browser/test_delivery.py",
    "tests/browser/test_consultation.py",
)


_flush = TransactionTestCase.__dict__["_fixture_teardown"]


def _empty_tables_with_rows(case: TransactionTestCase) -> None:
    """After a test with real commits, the PostgreSQL test database is emptied with a DELETE of each table
    that holds rows rather than Django's flush, a TRUNCATE of every table (half a second each time); the
    content types and permissions come back through post_migrate, as after a flush."""
    names = case._databases_names(include_mirrors=False)  # type: ignore[attr-defined]
    if case.available_apps is not None or case.serialized_rollback:
        _flush(case)
        return
    for name in names:
        database = connections[name]
        if database.vendor != "postgresql":
            _flush(case)
            return
    for name in names:
        database = connections[name]
        tables = database.introspection.django_table_names(only_existing=True, include_views=False)
        quoted = [database.ops.quote_name(table) for table in tables]
        with transaction.atomic(using=name), database.cursor() as cursor:
            cursor.execute(
                " UNION ALL ".join(
                    f"SELECT {index}, EXISTS (SELECT 1 FROM {table})"  # noqa: S608 - the models' tables
                    for index, table in enumerate(quoted)
                )
            )
            for index, held in cursor.fetchall():
                if held:
                    cursor.execute(f"DELETE FROM {quoted[index]}")  # noqa: S608 - a model's table
        emit_post_migrate_signal(verbosity=0, interactive=False, db=name)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "two_factor: staff must sign in with a second factor in this test")
    config.addinivalue_line("markers", "page_cache: public pages are cached as in production in this test")
    """The SQLite test database is a file under var/ (see youdecide.config.read_database): make the folder."""
    for database in django_settings.DATABASES.values():
        name = str(database.get("TEST", {}).get("NAME") or "")
        if name:
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        if database.get("ENGINE") == "django.db.backends.postgresql":
            # The test database only: a commit returns before its WAL record reaches the disk. A crash
            # could lose the last commits of a database that is thrown away anyway; what other
            # connections see, and when, is unchanged. Never for a real database.
            options = database.setdefault("OPTIONS", {})
            options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()
            TransactionTestCase._fixture_teardown = _empty_tables_with_rows  # type: ignore[attr-defined]
    # Files in the order pytest_collection_modifyitems leaves them, not by their number of tests.
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False
    # Files the product writes under var/ (the demo's voting codes, uploaded photos) go to a folder of
    # the test run's own.
    django_settings.VAR_DIR = Path(tempfile.mkdtemp(prefix="youdecide-var-"))
    django_settings.MEDIA_ROOT = django_settings.VAR_DIR / "media"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In a pytest-xdist worker, whose collection the controller hands out, the longest files first;
    each file's tests keep their order. A run in one process keeps pytest-django's order."""
    if not hasattr(config, "workerinput"):
        return
    rank = {path: place for place, path in enumerate(LONGEST_FILES)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))


@pytest.fixture(autouse=True)
def plain_static_storage(settings: Any) -> None:
    """Pages render without a prior collectstatic: the hashed-name manifest is a deployment step."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def password_only_staff_sign_in(request: pytest.FixtureRequest, settings: Any) -> None:
    """Staff sign in with a password alone, as with TWO_FACTOR_REQUIRED=false, unless a test is about
    two-factor sign-in (marked two_factor)."""
    if request.node.get_closest_marker("two_factor") is None:
        settings.TWO_FACTOR_REQUIRED = False


@pytest.fixture(autouse=True)
def fresh_page_cache(request: pytest.FixtureRequest, settings: Any) -> None:
    """Most tests change data inside a transaction that never commits, so the page version never moves:
    public pages are served uncached, as with PAGE_CACHE_SECONDS=0, unless a test is about the page cache
    (marked page_cache). Each test starts with an empty store, and no programme's ballot kept."""
    pages.clear()
    finished_pages.clear()
    ballot_cache.forget()
    if request.node.get_closest_marker("page_cache") is None:
        settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def quick_password_hashing(request: pytest.FixtureRequest, settings: Any) -> None:
    """Argon2 is slow by design; tests that are not about password storage use a quick hasher."""
    if request.node.get_closest_marker("argon2") is None:
        settings.PASSWORD_HASHERS = QUICK_HASHERS


@pytest.fixture
def setting(db: None) -> Setting:
    programme = factories.ProgrammeFactory.create(total_pot_pence=5_000_000, grant_cap_pence=1_000_000)
    area = factories.AreaFactory.create(name="Crewe")
    other_area = factories.AreaFactory.create(name="Macclesfield")
    factories.pot(programme, area, 3_000_000)
    factories.pot(programme, other_area, 2_000_000)
    factories.open_phase(programme)
    outcome = factories.OutcomeFactory.create(slug="more-physical-activity", name="More physical activity")
    programme.outcomes.add(outcome)
    group = factories.CommunityGroupFactory.create()
    lead = factories.member(group, role="lead")
    officer = factories.UserFactory.create(role=Role.OFFICER, username="officer@cheshireeast.example")
    return Setting(programme, area, other_area, outcome, group, lead, officer)
