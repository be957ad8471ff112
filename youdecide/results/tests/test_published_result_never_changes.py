"""A published result is what was counted: a late ballot, a changed pot or an edited or withdrawn proposal
leaves every published file and page as it was."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from youdecide.programmes.models import AreaPot, BallotKind
from youdecide.proposals.models import ProposalStatus
from youdecide.results.models import CountRun
from youdecide.results.tests.test_publish_and_recount import count_and_publish, download, vote
from youdecide.voting.models import Ballot, BallotItem
from youdecide.voting.tests.conftest import Box, make_box

FILES = ("results.pb", "ballots.csv", "results.csv", "results.json")


def published(client: Client, box: Box) -> tuple[str, dict[str, bytes], object]:
    page = client.get(f"/programmes/{box.programme.slug}/areas/{box.area.slug}/results/").content.decode()
    main = re.search(r"<main.*</main>", page, re.S)
    assert main is not None
    api = client.get(f"/api/v1/programmes/{box.programme.slug}/areas/{box.area.slug}/results").json()
    return main.group(0), {name: download(client, box, name) for name in FILES}, api


@pytest.mark.django_db
def test_nothing_after_the_count_changes_what_was_published(client: Client) -> None:
    box = make_box()
    vote(box, BallotKind.SCORES, 7, seed=11)
    run = count_and_publish(box)
    page, files, api = published(client, box)
    first = box.proposals[0]
    assert first.title in page.replace("&#x27;", "'") and "£2,500" in page

    late = Ballot.objects.create(
        programme=box.programme, area=box.area, kind="scores", public_id="LATEPAPER01"
    )
    BallotItem.objects.bulk_create(BallotItem(ballot=late, proposal=p, value=5) for p in box.proposals)
    AreaPot.objects.filter(programme=box.programme, area=box.area).update(amount_pence=2_000_000)
    first.title, first.cost_pence = "Allotment (renamed)", 390_000
    first.save()
    withdrawn = box.proposals[1]
    withdrawn.status, withdrawn.ineligible_reason = ProposalStatus.INELIGIBLE, "Withdrawn by the group."
    withdrawn.save()

    assert published(client, box) == (page, files, api)
    assert "Allotment (renamed)" not in page and withdrawn.title in page.replace("&#x27;", "'")
    assert CountRun.objects.get(pk=run.pk).ballots == 7
