"""Every page of the seeded demo, walked from the URL patterns: each response carries the security headers,
no page holds what the Content-Security-Policy would block, and no GET changes what the database holds."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import ClassVar

from django.test import Client, TestCase

from tests.demo_snapshot import seeded_demo
from tests.url_walk import changed_rows, row_counts, urls
from youdecide.accounts.models import Role, User
from youdecide.groups.models import CommunityGroup
from youdecide.web.security import CONTENT_SECURITY_POLICY

ROOT = Path(__file__).resolve().parent.parent
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER_ATTRIBUTE = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.IGNORECASE)


class PagesOfTheSeededDemo(TestCase):
    statuses: ClassVar[Counter[int]]

    @classmethod
    def setUpTestData(cls) -> None:
        seeded_demo()

    def walk(self, client: Client, *, count_rows: bool = False) -> Counter[int]:
        statuses: Counter[int] = Counter()
        before = row_counts() if count_rows else {}
        for url in urls():
            response = client.get(url)
            statuses[response.status_code] += 1
            with self.subTest(url=url):
                if count_rows:
                    after = row_counts()
                    changed = changed_rows(before, after)
                    before = after
                    self.assertEqual(changed, {}, "rows changed by a GET")
                self.assertLess(response.status_code, 500)
                self.assertEqual(response.headers.get("Content-Security-Policy"), CONTENT_SECURITY_POLICY)
                self.assertIn("camera=()", response.headers.get("Permissions-Policy", ""))
                self.assertEqual(response.headers.get("X-Content-Type-Options"), "nosniff")
                self.assertEqual(response.headers.get("Referrer-Policy"), "same-origin")
                self.assertEqual(response.headers.get("X-Frame-Options"), "DENY")
                if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                    html = b"".join(response).decode() if response.streaming else response.content.decode()
                    self.assertIsNone(INLINE_SCRIPT.search(html), "inline <script>")
                    self.assertIsNone(HANDLER_ATTRIBUTE.search(html), "on… handler attribute")
                    self.assertIsNone(STYLE_ATTRIBUTE.search(html), "style= attribute")
                    self.assertIsNone(STYLE_ELEMENT.search(html), "<style> element")
        return statuses

    def test_every_public_page_sends_the_security_headers_and_no_get_writes(self) -> None:
        statuses = self.walk(self.client, count_rows=True)
        # The walk reaches the public pages, not only sign-in redirects and missing objects.
        self.assertGreaterEqual(statuses[200], 40, statuses)

    def test_no_get_by_a_signed_in_person_changes_the_database(self) -> None:
        group = CommunityGroup.objects.order_by("pk").first()
        assert group is not None
        membership = group.memberships.order_by("pk").first()
        assert membership is not None
        people = [
            *(
                User.objects.filter(role=role).order_by("pk")[0]
                for role in [Role.OFFICER, Role.ADMINISTRATOR, Role.RESIDENT]
            ),
            membership.user,
        ]
        for person in people:
            client = Client()
            client.force_login(person)
            statuses = self.walk(client, count_rows=True)
            self.assertGreater(statuses[200], 20, f"{person}: {statuses}")


def production_env(tmp_path: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "true",
        "ALLOWED_HOSTS": "youdecide.cheshireeast.gov.uk",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "YOUDECIDE_VAR_DIR": str(tmp_path),
    }


def test_the_deploy_check_is_clean_with_production_settings(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    check = subprocess.run(  # noqa: S603 - the project's own manage.py with a fixed argument list
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "System check identified no issues" in check.stdout


def test_production_cookies_are_secure_http_only_and_same_site(tmp_path: Path) -> None:
    names = [
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SAMESITE",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "TWO_FACTOR_REQUIRED",
    ]
    shown = subprocess.run(  # noqa: S603 - this interpreter with a fixed argument list
        [
            sys.executable,
            "-c",
            f"from django.conf import settings; print(*[getattr(settings, n) for n in {names!r}], sep=',')",
        ],
        env={**production_env(tmp_path), "DJANGO_SETTINGS_MODULE": "youdecide.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout.strip().split(",") == [
        "True",
        "True",
        "True",
        "Lax",
        "Lax",
        "31536000",
        "True",
        "True",
    ]


def test_the_session_cookie_is_http_only_and_same_site(client: Client, db: None) -> None:
    person = User.objects.create_user(username="sam@example.org", password="correct-horse-battery-staple")
    client.post(
        "/accounts/sign-in/", {"username": person.username, "password": "correct-horse-battery-staple"}
    )
    cookie = client.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
