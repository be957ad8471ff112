from django.urls import reverse

from conftest import Setting
from tests import factories
from youdecide.web.tests.reading import visible_text


def test_home_lists_published_programmes_with_pot_and_current_phase(client, setting: Setting) -> None:
    response = client.get(reverse("web:home"))

    assert response.status_code == 200
    text = visible_text(response)
    assert "You Decide is how Cheshire East Council shares out money for local projects" in text
    assert setting.programme.name in text
    assert "£50,000" in text
    assert "Proposals, until" in text


def test_home_does_not_list_unpublished_programmes(client, setting: Setting) -> None:
    hidden = factories.ProgrammeFactory.create(name="Secret draft programme", is_published=False)

    text = visible_text(client.get(reverse("web:home")))

    assert hidden.name not in text


def test_home_says_when_nothing_is_open(client, db) -> None:
    text = visible_text(client.get(reverse("web:home")))

    assert "There are no programmes open at the moment" in text
