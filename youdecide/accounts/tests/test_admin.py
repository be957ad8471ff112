from django.urls import reverse

from tests import factories
from youdecide.accounts.models import Role, User
from youdecide.web.tests.reading import visible_text


def test_administrators_see_users_with_their_role_and_filter_by_it(client, db) -> None:
    admin = factories.UserFactory.create(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    factories.UserFactory.create(username="officer@cheshireeast.example", role=Role.OFFICER)
    client.force_login(admin)

    response = client.get(reverse("admin:accounts_user_changelist"), {"role__exact": Role.OFFICER})

    assert response.status_code == 200
    text = visible_text(response)
    assert "officer@cheshireeast.example" in text
    assert "Council officer" in text
    assert "By role" in text


def test_administrators_add_an_officer(client, db) -> None:
    admin = factories.UserFactory.create(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client.force_login(admin)

    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "new.officer@cheshireeast.example",
            "email": "new.officer@cheshireeast.example",
            "display_name": "New Officer",
            "role": Role.OFFICER,
            "usable_password": "true",
            "password1": "a-long-walk-by-the-canal",
            "password2": "a-long-walk-by-the-canal",
        },
    )

    assert response.status_code == 302
    officer = User.objects.get(username="new.officer@cheshireeast.example")
    assert officer.role == Role.OFFICER
    assert officer.is_officer
