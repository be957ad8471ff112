import pytest
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests import factories
from youdecide.accounts.models import Role, User
from youdecide.accounts.services import register_resident
from youdecide.web.tests.reading import visible_text

GOOD_PASSWORD = "a-long-walk-by-the-canal"


def register(client, **changes: str):
    data = {
        "name": "Priya Shah",
        "email": "Priya.Shah@Example.org",
        "password": GOOD_PASSWORD,
        "password_confirm": GOOD_PASSWORD,
    }
    return client.post(reverse("accounts:register"), {**data, **changes})


@pytest.mark.argon2
def test_a_resident_creates_an_account_and_is_signed_in(client, db) -> None:
    response = register(client)

    assert response.status_code == 302
    person = User.objects.get()
    assert person.username == "priya.shah@example.org"
    assert person.email == "priya.shah@example.org"
    assert person.display_name == "Priya Shah"
    assert person.role == Role.RESIDENT
    assert person.password.startswith("argon2$")
    assert person.check_password(GOOD_PASSWORD)
    assert int(client.session[SESSION_KEY]) == person.pk
    text = visible_text(client.get(response["Location"]))
    assert "Your account is ready and you are signed in." in text
    assert "Signed in as Priya Shah" in text


def test_the_new_account_signs_in_with_its_email_address(client, db) -> None:
    register(client)
    client.post(reverse("accounts:logout"))

    client.post(reverse("accounts:login"), {"username": "priya.shah@example.org", "password": GOOD_PASSWORD})

    assert int(client.session[SESSION_KEY]) == User.objects.get().pk


def test_passwords_that_do_not_match_are_rejected(client, db) -> None:
    response = register(client, password_confirm="a-long-walk-by-the-river")

    assert response.status_code == 200
    assert not User.objects.exists()
    text = visible_text(response)
    assert "There is a problem The passwords do not match. Type the same password twice." in text


def test_a_weak_password_is_rejected_with_the_reasons(client, db) -> None:
    response = register(client, password="12345678", password_confirm="12345678")

    assert response.status_code == 200
    assert not User.objects.exists()
    text = visible_text(response)
    assert "This password is too short. It must contain at least 10 characters." in text
    assert "This password is too common." in text
    assert "This password is entirely numeric." in text
    assert 'href="#id_password"' in response.content.decode()


def test_an_email_address_already_registered_is_rejected(client, db) -> None:
    factories.UserFactory.create(username="priya.shah@example.org")

    response = register(client)

    assert response.status_code == 200
    assert User.objects.filter(username="priya.shah@example.org").count() == 1
    assert "There is already an account with this email address. Sign in instead." in visible_text(response)


def test_missing_details_are_each_named(client, db) -> None:
    response = register(client, name="", email="not-an-email")

    text = visible_text(response)
    assert "Enter your name." in text
    assert "Enter an email address in the right format, like name@example.com." in text
    assert not User.objects.exists()


def test_the_service_checks_the_password_as_well_as_the_form(db) -> None:
    with pytest.raises(ValidationError) as raised:
        register_resident(name="Priya Shah", email="priya@example.org", password="password123")

    assert raised.value.message_dict["password"] == ["This password is too common."]
    assert not User.objects.exists()


def test_the_service_keeps_one_account_per_email_address(db) -> None:
    register_resident(name="Priya Shah", email="priya@example.org", password=GOOD_PASSWORD)

    with pytest.raises(ValidationError) as raised:
        register_resident(name="Someone Else", email="PRIYA@example.org", password=GOOD_PASSWORD)

    assert raised.value.message_dict["email"] == [
        "There is already an account with this email address. Sign in instead."
    ]
    assert User.objects.count() == 1


def test_every_problem_is_shown_at_once(client, db) -> None:
    response = register(client, email="priya@example", password="12345678", password_confirm="1234567")

    text = visible_text(response)
    assert "Enter an email address in the right format, like name@example.com." in text
    assert "This password is too short. It must contain at least 10 characters." in text
    assert "The passwords do not match. Type the same password twice." in text
    assert not User.objects.exists()
