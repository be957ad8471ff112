"""Who took part, counted from participations: in-person voters are never missing."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from youdecide.events import services as events
from youdecide.events.tests.conftest import make_day
from youdecide.results import statistics as stats
from youdecide.voting import services
from youdecide.voting.identity import VoterDetails


def person(n: int, born: date) -> VoterDetails:
    return VoterDetails(f"Person {n}", born, "CW1 2BJ", "lives")


@pytest.mark.django_db
def test_turnout_by_channel_event_age_and_area(client: Client) -> None:
    day = make_day()
    box, officer = day.box, day.officers[0]
    box.area.population = 1000
    box.area.save()
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 3, "cards")
    for n, code in enumerate(codes):
        voter = services.admit_with_code(box.programme, code, person(n, date(1990, 1, 1)))
        services.cast_ballot(voter, box.scores(1, 2, 3, 4), idempotency_key=f"o{n}")
    tablet = events.check_in_attendee(officer, day.event, person(10, date(2009, 1, 1))).check_in
    slip = events.issue_tablet_ballot(officer, tablet)
    events.cast_tablet_ballot(officer, day.event, slip, box.scores(5, 5, 5, 5), "t")
    paper = events.check_in_attendee(officer, day.event, person(11, date(1950, 1, 1))).check_in
    events.issue_paper_ballot(officer, paper)  # not keyed yet: still counted as taking part

    assert [(b.label, b.value) for b in stats.by_channel(box.programme)] == [
        ("Online", 3),
        ("Tablet at a Decision Day", 1),
        ("Paper at a Decision Day", 1),
    ]
    assert [(b.label, b.value) for b in stats.by_event(box.programme)] == [("Crewe Decision Day", 2)]
    ages = {b.label: b.value for b in stats.by_age_band(box.programme)}
    assert (ages["35-44"], ages["16-17"], ages["75+"]) == (3, 1, 1)
    crewe = next(b for b in stats.turnout_by_area(box.programme) if b.label == "Crewe")
    assert (crewe.value, crewe.note) == (5, "0.5%")
    assert sum(b.value for b in stats.by_day(box.programme)) == 5

    page = re.sub(r"\s+", " ", client.get(f"/programmes/{box.programme.slug}/statistics/").content.decode())
    assert "5 residents have voted so far" in page
    assert page.count('<svg class="chart" role="img"') == 5
    assert '<title id="channels-title">Voters by way of voting</title>' in page
    assert '<th scope="row">Paper at a Decision Day</th><td class="num">1</td>' in page
    by_area = client.get(f"/api/v1/programmes/{box.programme.slug}/statistics").json()["by_area"]
    assert {"label": "Crewe", "voters": 5, "population": 1000, "share_of_population": 0.5} in by_area
