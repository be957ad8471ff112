"""The voting pages as a resident uses them, through the Django test client."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from tests import factories
from youdecide.accounts.models import Role
from youdecide.programmes.models import BallotKind
from youdecide.voting import services
from youdecide.voting.models import Ballot, BallotStatus, CodeStatus, VotingCode
from youdecide.voting.tests.conftest import Box, make_box

ABOUT = {
    "full_name": "Siân Roberts",
    "date_of_birth": "17/05/1980",
    "postcode": "cw1 2bj",
    "connection": "lives",
}


def text(response: object) -> str:
    return re.sub(r"\s+", " ", response.content.decode())  # type: ignore[attr-defined]


def vote_with_code(client: Client, box: Box, code: str, ballot: dict[str, str]) -> str:
    slug = box.programme.slug
    response = client.post(f"/programmes/{slug}/vote/code/", {"code": code.lower()})
    assert response.status_code == 302 and response["Location"].endswith("/vote/about-you/")
    response = client.post(f"/programmes/{slug}/vote/about-you/", ABOUT)
    assert response.status_code == 302, text(response)
    response = client.post(f"/programmes/{slug}/vote/ballot/", ballot)
    assert response.status_code == 302, text(response)
    review = client.get(f"/programmes/{slug}/vote/review/")
    assert "Check your ballot" in text(review)
    response = client.post(f"/programmes/{slug}/vote/review/")
    assert response.status_code == 302
    page = text(client.get(f"/programmes/{slug}/vote/receipt/"))
    found = re.search(r"data-receipt>([0-9A-Z-]{19})<", page)
    assert found, page
    return found.group(1)


@pytest.mark.django_db
def test_a_resident_votes_with_a_card_changes_and_finds_the_ballot(client: Client, box: Box) -> None:
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 1, "Crewe library")
    ids = box.ids()
    first = vote_with_code(
        client, box, codes[0], {f"p{ids[0]}": "5", f"p{ids[1]}": "3", f"p{ids[2]}": "4", f"p{ids[3]}": "1"}
    )
    assert VotingCode.objects.get().status == CodeStatus.USED
    # back with the same card: the ballot comes filled in, and the new one replaces it
    client.post(f"/programmes/{box.programme.slug}/vote/code/", {"code": codes[0]})
    client.post(f"/programmes/{box.programme.slug}/vote/about-you/", ABOUT)
    page = text(client.get(f"/programmes/{box.programme.slug}/vote/ballot/"))
    assert "You have voted already" in page
    assert re.search(rf'name="p{ids[0]}" value="5"[^>]*checked', page)
    client.post(
        f"/programmes/{box.programme.slug}/vote/ballot/",
        {f"p{ids[0]}": "1", f"p{ids[1]}": "1", f"p{ids[2]}": "1", f"p{ids[3]}": "2"},
    )
    client.post(f"/programmes/{box.programme.slug}/vote/review/")
    page = text(client.get(f"/programmes/{box.programme.slug}/vote/receipt/"))
    assert "Your changed vote is stored" in page
    assert Ballot.objects.filter(status=BallotStatus.COUNTED).count() == 1
    found = text(client.post("/vote/find-my-ballot/", {"receipt": first}))
    assert "It does not count: you changed your vote" in found


@pytest.mark.django_db
def test_ballot_problems_are_shown_and_nothing_is_stored(client: Client, box: Box) -> None:
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 1, "Crewe library")
    client.post(f"/programmes/{box.programme.slug}/vote/code/", {"code": codes[0]})
    client.post(f"/programmes/{box.programme.slug}/vote/about-you/", ABOUT)
    response = client.post(f"/programmes/{box.programme.slug}/vote/ballot/", {f"p{box.ids()[0]}": "5"})
    assert response.status_code == 422
    assert "Score “Walking football”: every project must be scored." in text(response)
    assert Ballot.objects.count() == 0


@pytest.mark.django_db
def test_unknown_codes_and_ineligible_residents_are_told(client: Client, box: Box) -> None:
    response = client.post(f"/programmes/{box.programme.slug}/vote/code/", {"code": "ZZZZ-ZZZZ-ZZZZ"})
    assert response.status_code == 422
    assert "This is not a voting code for You Decide — public health." in text(response)
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 1, "Crewe library")
    client.post(f"/programmes/{box.programme.slug}/vote/code/", {"code": codes[0]})
    response = client.post(
        f"/programmes/{box.programme.slug}/vote/about-you/", {**ABOUT, "date_of_birth": "1/1/2020"}
    )
    assert response.status_code == 422
    assert "You must be 11 or over to vote in You Decide — public health; you are 6." in text(response)
    response = client.post(
        f"/programmes/{box.programme.slug}/vote/about-you/", {**ABOUT, "postcode": "not one"}
    )
    assert "“not one” is not a UK postcode" in text(response)


@pytest.mark.django_db
def test_an_emailed_link_works_once(client: Client, box: Box) -> None:
    box.rules.ballot_kind = BallotKind.KNAPSACK
    box.rules.save()
    response = client.post(
        f"/programmes/{box.programme.slug}/vote/email/",
        {**ABOUT, "area": box.area.pk, "email": "sian@example.org"},
    )
    assert "Check your email" in text(response), text(response)
    assert mail.outbox[0].to == ["sian@example.org"]
    body = str(mail.outbox[0].body)
    link = re.search(r"http://testserver(/vote/link/[^/\s]+/)", body)
    assert link, body
    assert "Continue to my ballot" in text(client.get(link.group(1)))
    response = client.post(link.group(1))
    assert response.status_code == 302
    ids = box.ids()
    page = text(client.get(response["Location"]))
    assert "as long as their costs add up to no more than the pot of £10,000" in page
    response = client.post(
        response["Location"], {f"p{ids[0]}": "on", f"p{ids[1]}": "on", f"p{ids[2]}": "on", f"p{ids[3]}": "on"}
    )
    assert "Your choices cost £11,000, more than the pot of £10,000. Remove a project." in text(response)
    client.post(f"/programmes/{box.programme.slug}/vote/ballot/", {f"p{ids[0]}": "on", f"p{ids[1]}": "on"})
    assert "£6,500" in text(client.get(f"/programmes/{box.programme.slug}/vote/review/"))
    client.post(f"/programmes/{box.programme.slug}/vote/review/")
    assert Ballot.objects.get().items.count() == 2
    again = Client().post(link.group(1))
    assert "This voting link has been used. Ask for a new one to change your vote." in text(again)


@pytest.mark.django_db
def test_officers_make_cards_and_void_a_code(client: Client, box: Box) -> None:
    officer = factories.UserFactory.create(role=Role.OFFICER)
    client.force_login(officer)
    url = f"/office/programmes/{box.programme.slug}/codes/"
    response = client.post(url, {"area": box.area.pk, "size": 3, "label": "Crewe library"})
    page = text(response)
    codes = re.findall(r'class="voting-card-code">([0-9A-Z-]{14})<', page)
    assert len(codes) == 3 and page.count("<svg") == 3
    assert VotingCode.objects.count() == 3
    response = client.post(url + "void/", {"code": codes[0], "reason": "card lost"}, follow=True)
    assert "The code is void" in text(response)
    assert VotingCode.objects.filter(status=CodeStatus.VOID).count() == 1
    resident = factories.UserFactory.create(role=Role.RESIDENT)
    client.force_login(resident)
    assert client.get(url).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "rules", "posted", "stored"),
    [
        ("approval", {"max_picks": 2}, {0: "on", 2: "on"}, {0: 1, 2: 1}),
        ("knapsack", {}, {1: "on", 3: "on"}, {1: 1, 3: 1}),
        ("choose_one", {}, {"choice": 2}, {2: 1}),
        ("points", {"points_total": 10}, {0: "7", 3: "3"}, {0: 7, 3: 3}),
        ("ranking", {"ranking_max": 3}, {2: "1", 0: "2", 1: "3"}, {2: 1, 0: 2, 1: 3}),
        ("scores", {"score_every_project": False}, {1: "4"}, {1: 4}),
    ],
)
def test_every_ballot_kind_from_page_to_database(
    client: Client, kind: str, rules: dict[str, Any], posted: dict[Any, Any], stored: dict[int, int]
) -> None:
    box = make_box(ballot_kind=kind, **rules)
    ids = box.ids()
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 1, "Crewe library")
    client.post(f"/programmes/{box.programme.slug}/vote/code/", {"code": codes[0]})
    client.post(f"/programmes/{box.programme.slug}/vote/about-you/", ABOUT)
    page = text(client.get(f"/programmes/{box.programme.slug}/vote/ballot/"))
    assert "Your ballot: Crewe" in page
    form = {
        ("choice" if key == "choice" else f"p{ids[int(key)]}"): (
            str(ids[int(value)]) if key == "choice" else value
        )
        for key, value in posted.items()
    }
    response = client.post(f"/programmes/{box.programme.slug}/vote/ballot/", form)
    assert response.status_code == 302, text(response)
    client.post(f"/programmes/{box.programme.slug}/vote/review/")
    ballot = Ballot.objects.get()
    assert (ballot.kind, dict(ballot.items.values_list("proposal_id", "value"))) == (
        kind,
        {ids[i]: v for i, v in stored.items()},
    )
