from django.urls import reverse
from django.utils import timezone

from conftest import Setting
from tests import factories
from youdecide.consultation.models import BudgetPlan
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


def test_home_links_the_published_budget_consultations_only(client, db) -> None:
    published = BudgetPlan.objects.create(
        slug="budget-2019-22",
        title="Budget 2019/20 to 2021/22",
        base_year=2018,
        first_year=2019,
        year_count=3,
        published_at=timezone.now(),
    )
    BudgetPlan.objects.create(
        slug="draft-plan", title="A draft plan nobody sees yet", base_year=2019, first_year=2020, year_count=3
    )

    response = client.get(reverse("web:home"))

    text = visible_text(response)
    assert "The council's budget: have your say" in text
    assert "Budget 2019/20 to 2021/22" in text
    assert "proposals for 2019/20 to 2021/22, against the 2018/19 budget" in text
    assert "A draft plan nobody sees yet" not in text
    assert reverse("consultation:plan", args=[published.slug]) in response.content.decode()
