"""The public result of an area, its downloads, and the officers' publishing page."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client

from tests import factories
from youdecide.accounts.models import Role
from youdecide.counting import count, read_pabulib
from youdecide.programmes.models import BallotKind
from youdecide.results.models import CountRun
from youdecide.results.tests.test_publish_and_recount import close_voting, download, vote
from youdecide.voting.tests.conftest import make_box


def text(response: object) -> str:
    return re.sub(r"\s+", " ", response.content.decode())  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_count_publish_read_and_recount(client: Client) -> None:
    box = make_box()
    vote(box, BallotKind.SCORES, 8, seed=3)
    counter, checker = (factories.UserFactory.create(role=Role.OFFICER) for _ in range(2))
    results_url = f"/programmes/{box.programme.slug}/areas/{box.area.slug}/results/"
    assert "The result is not published yet" in text(client.get(results_url))
    assert client.get(results_url + "results.pb").status_code == 404

    client.force_login(counter)
    office = f"/office/programmes/{box.programme.slug}/results/"
    page = text(client.post(f"{office}{box.area.slug}/", {"action": "count"}, follow=True))
    run = CountRun.objects.get()
    assert "Voting is still open (Online voting). A count made now is provisional" in page
    assert "Latest count:" in page and "Provisional" in page
    assert "Publish this count" not in page
    page = text(client.post(f"{office}{box.area.slug}/", {"action": "publish", "run": run.pk}, follow=True))
    assert "This count is provisional: a result is published only once voting has closed." in page
    close_voting(box)
    page = text(client.get(office))
    assert "provisional" not in page and "Publish this count" in page
    page = text(client.post(f"{office}{box.area.slug}/", {"action": "publish", "run": run.pk}, follow=True))
    assert "Another officer must check and publish a count: you ran this one." in page
    client.force_login(checker)
    page = text(client.post(f"{office}{box.area.slug}/", {"action": "publish", "run": run.pk}, follow=True))
    assert "The result of Crewe is published." in page

    client.logout()
    page = text(client.get(results_url))
    assert "Results: Crewe" in page and "Ballots counted" in page and run.inputs_digest in page
    for proposal in box.proposals:
        assert proposal.title.replace("'", "&#x27;") in page
    assert client.get(results_url + "results.pb")["Content-Disposition"].endswith('.pb"')
    election = read_pabulib(io.StringIO(download(client, box, "results.pb").decode()))
    assert count(election, tie_break="id-order").selected == run.selected
    assert download(client, box, "ballots.csv").decode().count("\n") == 9
    assert client.get(results_url + "nothing.txt").status_code == 404
    area_page = text(client.get(f"/programmes/{box.programme.slug}/areas/{box.area.slug}/"))
    assert "The result is published" in area_page
