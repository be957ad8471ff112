"""The transparency report of a programme: the money, the decisions with reasons, the votes, the winners."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests import factories
from youdecide.programmes.models import BallotKind
from youdecide.proposals.models import ProposalStatus
from youdecide.results.tests.test_publish_and_recount import count_and_publish, vote
from youdecide.voting.tests.conftest import make_box


@pytest.mark.django_db
def test_the_report_shows_money_decisions_votes_and_winners(client: Client) -> None:
    box = make_box()
    factories.ProposalFactory.create(
        programme=box.programme,
        area=box.area,
        title="Fireworks night",
        status=ProposalStatus.INELIGIBLE,
        ineligible_reason="A one-off event does not meet the programme's health outcomes.",
    )
    vote(box, BallotKind.SCORES, 6, seed=7)
    run = count_and_publish(box)
    page = re.sub(r"\s+", " ", client.get(f"/programmes/{box.programme.slug}/transparency/").content.decode())
    assert "Transparency report" in page
    assert "Fireworks night" in page and "does not meet the programme&#x27;s health outcomes" in page
    assert "Online: 6" in page
    for proposal in box.proposals:
        if proposal.reference in run.selected:
            assert proposal.title.replace("'", "&#x27;") in page.split("Funded projects")[1]
    awarded = f"£{run.spent_pence // 100:,}"
    assert (
        '<td class="num">£10,000</td><td class="num">5</td><td class="num">4</td><td class="num">6</td> '
        f'<td class="num">{awarded}</td></tr>' in page
    )
    assert '<th scope="col" class="num">Awarded</th></tr>' in page and "Spent to date" not in page
    assert "Grant payments are not recorded here yet, so spend to date is not shown" in page
    document = client.get(f"/programmes/{box.programme.slug}/transparency.pdf")
    assert document["Content-Type"] == "application/pdf" and document.content.startswith(b"%PDF")
    assert b"Fireworks night" in document.content and b"Transparency report" in document.content
