"""Sessions end: anyone's eight hours after sign-in, an officer's after 30 minutes without a request (their
devices, the Decision Day tablets among them, sit in public halls)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import factories
from youdecide.accounts.models import Role
from youdecide.events.tests.conftest import kiosk_post, make_day


def sign_in(client: Client, username: str) -> None:
    client.post(reverse("accounts:login"), {"username": username, "password": factories.TEST_PASSWORD})
    assert SESSION_KEY in client.session


def expires_in(client: Client) -> timedelta:
    return Session.objects.get(session_key=client.session.session_key).expire_date - timezone.now()


def time_passes(client: Client, gone: timedelta) -> None:
    """What waiting `gone` does to the stored session: its expiry comes that much closer."""
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=Session.objects.get(session_key=client.session.session_key).expire_date - gone
    )


def test_a_resident_is_signed_out_eight_hours_after_signing_in(client: Client, db: None) -> None:
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    sign_in(client, factories.UserFactory.create(role=Role.RESIDENT).username)
    left = expires_in(client)
    assert timedelta(hours=8) - timedelta(minutes=1) < left <= timedelta(hours=8)
    time_passes(client, timedelta(hours=8))
    assert "Sign in" in client.get(reverse("web:home")).content.decode()
    assert SESSION_KEY not in client.session


def test_an_officer_is_signed_out_after_thirty_idle_minutes_and_the_tablet_is_told(
    client: Client, db: None
) -> None:
    assert settings.OFFICER_IDLE_TIMEOUT == 30 * 60
    day = make_day()
    sign_in(client, day.officers[0].username)
    client.get(reverse("web:home"))
    assert timedelta(minutes=29) < expires_in(client) <= timedelta(minutes=30)
    time_passes(client, timedelta(minutes=20))
    assert client.get(f"/office/decision-days/{day.event.slug}/").status_code == 200  # still in: renewed
    assert timedelta(minutes=29) < expires_in(client) <= timedelta(minutes=30)
    time_passes(client, timedelta(minutes=30))
    answer = kiosk_post(client, day, "slips", {"slip": "ZZZZ-ZZZZ"})
    assert (answer.status_code, answer.json()["error"]) == (401, "signed_out")
    assert SESSION_KEY not in client.session
