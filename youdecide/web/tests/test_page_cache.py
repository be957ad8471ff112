"""Public pages: cached for anonymous readers, a change shows at once, and the number of SQL queries a page
makes does not grow with the data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories
from youdecide.accounts.models import Role
from youdecide.programmes.models import BallotKind, PhaseKind, Programme
from youdecide.programmes.services import update_programme
from youdecide.proposals.models import ProposalStatus
from youdecide.proposals.services import mark_eligible
from youdecide.results.tests.test_publish_and_recount import count_and_publish, vote
from youdecide.voting.tests.conftest import Box, make_box


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _add_proposals(box: Box, count: int) -> None:
    for n in range(count):
        factories.ProposalFactory.create(
            programme=box.programme,
            area=box.area,
            title=f"Chair-based exercise {n}",
            status=ProposalStatus.ELIGIBLE,
            reference=f"YD-Q{box.programme.pk:03d}{n:03d}",
        )


def _pages(box: Box) -> list[str]:
    slug, area = box.programme.slug, box.area.slug
    return [
        "/",
        f"/programmes/{slug}/",
        f"/programmes/{slug}/areas/{area}/",
        f"/programmes/{slug}/proposals/{box.proposals[0].reference}/",
        f"/programmes/{slug}/areas/{area}/results/",
        f"/programmes/{slug}/statistics/",
        f"/areas/{area}/",
    ]


@pytest.mark.django_db
def test_public_pages_make_as_many_queries_with_sixty_proposals_as_with_four(client: Client) -> None:
    small, large = make_box(ballot_kind=BallotKind.APPROVAL), make_box(ballot_kind=BallotKind.APPROVAL)
    _add_proposals(large, 56)
    for box, voters in ((small, 5), (large, 40)):
        vote(box, BallotKind.APPROVAL, voters, seed=box.programme.pk)
        count_and_publish(box)
    for small_url, large_url in zip(_pages(small), _pages(large), strict=True):
        few, many = _queries(client, small_url), _queries(client, large_url)
        assert many <= few, f"{large_url} made {many} queries with 60 proposals, {few} with 4"
        assert many <= 30, f"{large_url} made {many} queries"
    assert "Chair-based exercise 55" in client.get(_pages(large)[2]).content.decode()


def _officer() -> object:
    return factories.UserFactory.create(role=Role.OFFICER)


@pytest.mark.page_cache
@pytest.mark.django_db(transaction=True)
def test_a_cached_page_costs_one_query_and_a_change_shows_at_once(client: Client) -> None:
    box = make_box()
    waiting = factories.ProposalFactory.create(
        programme=box.programme,
        area=box.area,
        title="Tea dance at the Lyceum",
        status=ProposalStatus.SUBMITTED,
    )
    url = f"/programmes/{box.programme.slug}/proposals/{waiting.reference}/"
    first = client.get(url).content.decode()
    assert "Submitted, awaiting review" in first
    assert _queries(client, url) == 1  # the page version, nothing else
    assert client.get(url).content.decode() == first

    factories.open_phase(box.programme, PhaseKind.REVIEW)
    mark_eligible(_officer(), waiting)  # a service's write, committed

    page = client.get(url).content.decode()
    assert "Submitted, awaiting review" not in page
    assert "Eligible" in page


@pytest.mark.page_cache
@pytest.mark.django_db(transaction=True)
def test_a_change_through_a_conditional_update_shows_at_once(client: Client) -> None:
    box = make_box()
    assert box.programme.name in client.get("/").content.decode()
    update_programme(_officer(), box.programme, name="You Decide — winter warmth")
    home = client.get("/").content.decode()
    assert "You Decide — winter warmth" in home
    Programme.objects.filter(pk=box.programme.pk).update(name="Renamed without a trace")
    # A bare UPDATE outside the services leaves no signal and no audit event: the page stays as it was
    # until something that public pages show changes through a service.
    assert "Renamed without a trace" not in client.get("/").content.decode()


@pytest.mark.page_cache
@pytest.mark.django_db(transaction=True)
def test_signed_in_people_and_pages_with_a_form_token_are_never_served_from_the_store(client: Client) -> None:
    box = make_box()
    officer = _officer()
    area_url = _pages(box)[2]
    client.get(area_url)
    client.force_login(officer)  # type: ignore[arg-type]
    assert _queries(client, area_url) > 1
    assert "Signed in as" in client.get(area_url).content.decode()
    client.logout()
    assert "Signed in as" not in client.get(area_url).content.decode()
