"""Five password tries per email address in 15 minutes, counted by the address typed: the sixth is refused,
even with the right password, and the answer is the same whether the address has an account or not."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import factories
from youdecide.accounts.services import (
    MAX_PASSWORD_TRIES,
    PASSWORD_TRY_WINDOW,
    SignInRefused,
    count_sign_in_try,
)
from youdecide.voting.models import Throttle
from youdecide.web.tests.reading import visible_text

WRONG = "The email address or password is not right. Check them and try again."
REFUSED = "Too many tries to sign in with this email address. Wait until"


def sign_in(client: Client, username: str, password: str) -> str:
    return visible_text(client.post(reverse("accounts:login"), {"username": username, "password": password}))


@pytest.mark.django_db
def test_the_sixth_try_is_refused_even_with_the_right_password(client: Client) -> None:
    factories.UserFactory.create(username="sam@example.org")
    for _ in range(MAX_PASSWORD_TRIES):
        assert WRONG in sign_in(client, "sam@example.org", "wrong")
    started = Throttle.objects.get().window_started_at
    until = timezone.localtime(started + PASSWORD_TRY_WINDOW).strftime("%H:%M")
    refused = sign_in(Client(), "Sam@Example.org", factories.TEST_PASSWORD)  # another browser, any case
    assert f"{REFUSED} {until} and try again" in refused
    assert WRONG not in refused
    assert SESSION_KEY not in client.session
    assert Throttle.objects.get().count == MAX_PASSWORD_TRIES + 1
    other = Client()  # another person's account is not affected
    factories.UserFactory.create(username="gareth@example.org")
    sign_in(other, "gareth@example.org", factories.TEST_PASSWORD)
    assert SESSION_KEY in other.session


@pytest.mark.django_db
def test_an_address_with_no_account_is_answered_the_same(client: Client) -> None:
    for _ in range(MAX_PASSWORD_TRIES):
        assert WRONG in sign_in(client, "nobody@example.org", "wrong")
    assert REFUSED in sign_in(client, "nobody@example.org", "wrong")
    assert not Throttle.objects.filter(key__icontains="example").exists()


@pytest.mark.django_db
def test_the_tries_start_again_after_fifteen_minutes_or_a_right_password(client: Client) -> None:
    now = timezone.now()
    for _ in range(MAX_PASSWORD_TRIES):
        count_sign_in_try("sam@example.org", now)
    with pytest.raises(SignInRefused):
        count_sign_in_try("sam@example.org", now + PASSWORD_TRY_WINDOW - timedelta(seconds=1))
    count_sign_in_try("sam@example.org", now + PASSWORD_TRY_WINDOW)  # a new window

    person = factories.UserFactory.create(username="gareth@example.org")
    for _ in range(MAX_PASSWORD_TRIES - 1):
        sign_in(client, "gareth@example.org", "wrong")
    sign_in(client, "gareth@example.org", factories.TEST_PASSWORD)
    assert int(client.session[SESSION_KEY]) == person.pk
    assert Throttle.objects.count() == 1  # Sam's: Gareth's count went with the right password
    client.logout()
    for _ in range(MAX_PASSWORD_TRIES - 1):
        assert WRONG in sign_in(client, "gareth@example.org", "wrong")  # four more, still not refused
    assert WRONG in sign_in(client, "gareth@example.org", "wrong")
