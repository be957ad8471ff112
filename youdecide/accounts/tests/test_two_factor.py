"""Officers and administrators sign in with a code from an authenticator app (RFC 6238) or a recovery code."""

from __future__ import annotations

import base64
import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import factories
from youdecide.accounts import totp
from youdecide.accounts.models import RecoveryCode, TwoFactorDevice
from youdecide.accounts.services import (
    MAX_CODE_ATTEMPTS,
    TwoFactorRefused,
    confirm_two_factor,
    verify_second_factor,
)
from youdecide.audit.models import AuditEvent
from youdecide.web.tests.reading import page_title, visible_text

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()


@pytest.mark.parametrize(
    ("seconds", "code"),
    [(59, "287082"), (1111111109, "081804"), (1234567890, "005924"), (2000000000, "279037")],
)
def test_codes_match_the_rfc_6238_test_vectors(seconds: int, code: str) -> None:
    # RFC 6238 appendix B, SHA-1, the last six of its eight digits.
    assert totp.totp(RFC_SECRET, datetime.fromtimestamp(seconds, tz=UTC)) == code


def test_a_code_from_the_next_or_last_step_is_accepted_but_not_two_steps_off() -> None:
    at = datetime.fromtimestamp(1234567890, tz=UTC)
    assert totp.matching_step(RFC_SECRET, totp.totp(RFC_SECRET, at - timedelta(seconds=30)), at) is not None
    assert totp.matching_step(RFC_SECRET, totp.totp(RFC_SECRET, at + timedelta(seconds=30)), at) is not None
    assert totp.matching_step(RFC_SECRET, totp.totp(RFC_SECRET, at - timedelta(seconds=90)), at) is None
    assert totp.matching_step(RFC_SECRET, "12345", at) is None


def test_the_provisioning_address_names_the_issuer_and_the_account() -> None:
    uri = totp.provisioning_uri(RFC_SECRET, "sam@cheshireeast.gov.uk", "You Decide")
    assert uri.startswith("otpauth://totp/You%20Decide%3Asam%40cheshireeast.gov.uk?secret=" + RFC_SECRET)
    assert "issuer=You+Decide" in uri and "digits=6" in uri and "period=30" in uri


def sign_in(client, username: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": factories.TEST_PASSWORD})


@pytest.mark.two_factor
def test_an_officer_sets_up_the_app_at_first_sign_in_and_is_then_signed_in(client, db) -> None:
    officer = factories.UserFactory.create(username="ola@cheshireeast.gov.uk", role="officer")

    response = sign_in(client, officer.username)
    assert response["Location"] == reverse("accounts:two_factor_setup")
    assert SESSION_KEY not in client.session
    assert client.get(reverse("web:home")).context["user"].is_anonymous

    page = client.get(reverse("accounts:two_factor_setup"))
    secret = totp_key_shown(page)
    assert not TwoFactorDevice.objects.filter(user=officer).exists()
    assert page_title(page).startswith("Set up two-factor sign-in")
    assert totp.grouped(secret) in visible_text(page)
    assert 'src="data:image/svg+xml' in page.content.decode()

    wrong = client.post(reverse("accounts:two_factor_setup"), {"code": "000000"})
    assert "That code is not right" in visible_text(wrong)
    assert SESSION_KEY not in client.session

    done = client.post(reverse("accounts:two_factor_setup"), {"code": totp.totp(secret, timezone.now())})
    text = visible_text(done)
    assert "Two-factor sign-in is on" in text
    codes = re.findall(r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}", text)
    assert len(set(codes)) == 10
    assert int(client.session[SESSION_KEY]) == officer.pk
    assert TwoFactorDevice.objects.get(user=officer).secret == secret
    assert AuditEvent.objects.filter(action="account.two_factor_enabled", object_id=str(officer.pk)).exists()
    # Only digests are kept: no recovery code is stored as typed.
    stored = list(RecoveryCode.objects.filter(user=officer).values_list("code_digest", flat=True))
    assert len(stored) == 10 and not set(codes) & set(stored)


def totp_key_shown(page) -> str:
    match = re.search(r"Key\s*((?:[A-Z2-7]{4}\s?){8})", visible_text(page))
    assert match is not None
    return "".join(match.group(1).split())


def confirmed_officer(role: str = "officer"):
    officer = factories.UserFactory.create(role=role)
    secret = totp.new_secret()
    earlier = timezone.now() - timedelta(minutes=2)
    codes = confirm_two_factor(officer, secret, totp.totp(secret, earlier), now=earlier)
    return officer, TwoFactorDevice.objects.get(user=officer), codes


@pytest.mark.two_factor
def test_signing_in_asks_for_the_code_and_refuses_it_twice(client, db) -> None:
    officer, device, _ = confirmed_officer("administrator")

    assert sign_in(client, officer.username)["Location"] == reverse("accounts:two_factor")
    page = client.get(reverse("accounts:two_factor"))
    assert page_title(page) == "Enter your sign-in code — You Decide"
    code = totp.totp(device.secret, timezone.now())
    response = client.post(reverse("accounts:two_factor"), {"code": code})
    assert response.status_code == 302
    assert int(client.session[SESSION_KEY]) == officer.pk

    other = Client()
    sign_in(other, officer.username)
    replay = other.post(reverse("accounts:two_factor"), {"code": code})
    assert "That code is not right" in visible_text(replay)
    assert SESSION_KEY not in other.session


@pytest.mark.two_factor
def test_five_wrong_codes_lock_sign_in_even_with_the_right_code(client, db) -> None:
    officer, device, codes = confirmed_officer()
    sign_in(client, officer.username)
    for _ in range(MAX_CODE_ATTEMPTS):
        client.post(reverse("accounts:two_factor"), {"code": "000000"})
    locked = client.post(reverse("accounts:two_factor"), {"code": totp.totp(device.secret, timezone.now())})
    assert "Too many wrong codes. Wait until" in visible_text(locked)
    assert SESSION_KEY not in client.session
    refused = client.post(reverse("accounts:two_factor"), {"code": codes[0]})
    assert "Too many wrong codes" in visible_text(refused)
    assert RecoveryCode.objects.filter(user=officer, used_at__isnull=True).count() == 10


def test_the_lock_lifts_after_fifteen_minutes(db) -> None:
    officer, device, _ = confirmed_officer()
    now = timezone.now()
    for _ in range(MAX_CODE_ATTEMPTS):
        with pytest.raises(TwoFactorRefused):
            verify_second_factor(officer, "000000", now=now)
    later = now + timedelta(minutes=10)
    with pytest.raises(TwoFactorRefused, match="Too many wrong codes"):
        verify_second_factor(officer, totp.totp(device.secret, later), now=later)
    after = now + timedelta(minutes=16)
    verify_second_factor(officer, totp.totp(device.secret, after), now=after)
    assert TwoFactorDevice.objects.get(pk=device.pk).locked_until is None


@pytest.mark.two_factor
def test_a_recovery_code_signs_in_once(client, db) -> None:
    officer, _, codes = confirmed_officer()
    sign_in(client, officer.username)
    client.post(reverse("accounts:two_factor"), {"code": codes[3].lower().replace("-", " ")})
    assert int(client.session[SESSION_KEY]) == officer.pk

    other = Client()
    sign_in(other, officer.username)
    again = other.post(reverse("accounts:two_factor"), {"code": codes[3]})
    assert "That code is not right" in visible_text(again)
    assert RecoveryCode.objects.filter(user=officer, used_at__isnull=False).count() == 1


@pytest.mark.two_factor
def test_residents_and_group_members_sign_in_with_a_password_alone(client, db) -> None:
    resident = factories.UserFactory.create(role="resident")
    assert sign_in(client, resident.username)["Location"] == reverse("web:home")
    assert int(client.session[SESSION_KEY]) == resident.pk


def test_when_not_required_staff_without_an_app_sign_in_and_with_one_are_asked(client, db) -> None:
    plain = factories.UserFactory.create(role="officer")
    assert sign_in(client, plain.username)["Location"] == reverse("web:home")
    officer, _, _ = confirmed_officer()
    other = Client()
    assert sign_in(other, officer.username)["Location"] == reverse("accounts:two_factor")


def test_a_signed_in_officer_can_set_up_the_app_later(client, db) -> None:
    officer = factories.UserFactory.create(role="officer")
    client.force_login(officer)
    page = client.get(reverse("accounts:two_factor_setup"))
    assert page.status_code == 200
    secret = totp_key_shown(page)
    assert client.get(reverse("accounts:two_factor_setup")).status_code == 200
    assert totp_key_shown(client.get(reverse("accounts:two_factor_setup"))) == secret
    client.post(reverse("accounts:two_factor_setup"), {"code": totp.totp(secret, timezone.now())})
    assert TwoFactorDevice.objects.get(user=officer).confirmed_at is not None


def test_a_resident_cannot_switch_on_two_factor(db) -> None:
    resident = factories.UserFactory.create(role="resident")
    secret = totp.new_secret()
    with pytest.raises(TwoFactorRefused, match="for council staff"):
        confirm_two_factor(resident, secret, totp.totp(secret, timezone.now()))
    assert not TwoFactorDevice.objects.exists()


def test_the_code_page_without_a_password_first_goes_back_to_sign_in(client, db) -> None:
    assert client.get(reverse("accounts:two_factor"))["Location"] == reverse("accounts:login")
    assert client.post(reverse("accounts:two_factor"), {"code": "123456"})["Location"] == reverse(
        "accounts:login"
    )


def test_the_admin_signs_in_through_the_site_sign_in(client, db) -> None:
    response = client.get("/admin/login/?next=/admin/audit/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=/admin/audit/"


@pytest.mark.parametrize(
    ("env", "expected"),
    [({"DEBUG": "true"}, "False"), ({}, "True"), ({"DEBUG": "true", "TWO_FACTOR_REQUIRED": "yes"}, "True")],
)
def test_two_factor_is_required_by_default_in_production_and_off_in_the_demo(env, expected) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.TWO_FACTOR_REQUIRED)"],
        env={
            "PATH": os.environ.get("PATH", ""),
            "SECRET_KEY": "x",
            "DJANGO_SETTINGS_MODULE": "youdecide.settings",
            **env,
        },
        cwd=Path(__file__).resolve().parents[3],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == expected


def test_a_bad_value_stops_start_up_naming_the_variable() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; settings.DEBUG"],
        env={
            "PATH": os.environ.get("PATH", ""),
            "SECRET_KEY": "x",
            "DJANGO_SETTINGS_MODULE": "youdecide.settings",
            "TWO_FACTOR_REQUIRED": "maybe",
        },
        cwd=Path(__file__).resolve().parents[3],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "TWO_FACTOR_REQUIRED must be one of true/false" in result.stderr
