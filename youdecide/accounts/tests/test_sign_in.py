import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from tests import factories
from youdecide.web.tests.reading import page_title, visible_text


@pytest.mark.argon2
def test_a_password_is_stored_with_argon2(db) -> None:
    person = factories.UserFactory.create()

    assert person.password.startswith("argon2$")


def test_signing_in_with_email_and_password(client, db) -> None:
    person = factories.UserFactory.create(username="sam@example.org", display_name="Sam Jones")

    response = client.post(
        reverse("accounts:login"), {"username": "sam@example.org", "password": factories.TEST_PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")
    assert int(client.session[SESSION_KEY]) == person.pk
    assert "Signed in as Sam Jones" in visible_text(client.get(reverse("web:home")))


def test_the_email_address_may_be_typed_in_any_case(client, db) -> None:
    person = factories.UserFactory.create(username="sam@example.org")

    client.post(
        reverse("accounts:login"), {"username": " Sam@Example.org ", "password": factories.TEST_PASSWORD}
    )

    assert int(client.session[SESSION_KEY]) == person.pk


def test_signing_in_goes_back_to_the_page_asked_for(client, db) -> None:
    factories.UserFactory.create(username="sam@example.org")

    response = client.post(
        reverse("accounts:login"),
        {"username": "sam@example.org", "password": factories.TEST_PASSWORD, "next": "/programmes/x/"},
    )

    assert response["Location"] == "/programmes/x/"


def test_a_wrong_password_shows_an_error_summary(client, db) -> None:
    factories.UserFactory.create(username="sam@example.org")

    response = client.post(reverse("accounts:login"), {"username": "sam@example.org", "password": "wrong"})

    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    assert page_title(response).startswith("Error: Sign in")
    text = visible_text(response)
    assert "There is a problem The email address or password is not right. Check them and try again." in text
    assert 'class="error-summary"' in response.content.decode()


def test_empty_fields_are_named_in_the_error_summary(client, db) -> None:
    response = client.post(reverse("accounts:login"), {"username": "", "password": ""})

    content = response.content.decode()
    assert 'href="#id_username"' in content
    assert 'href="#id_password"' in content
    assert 'aria-invalid="true"' in content


def test_the_sign_in_page_has_labelled_fields(client, db) -> None:
    response = client.get(reverse("accounts:login"))

    assert response.status_code == 200
    content = response.content.decode()
    assert '<label class="field-label" for="id_username">Email address</label>' in content
    assert '<label class="field-label" for="id_password">Password</label>' in content


def test_signing_out_needs_a_post(client, db) -> None:
    person = factories.UserFactory.create()
    client.force_login(person)

    assert client.get(reverse("accounts:logout")).status_code == 405
    assert int(client.session[SESSION_KEY]) == person.pk

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    assert "Sign in" in visible_text(client.get(reverse("web:home")))
