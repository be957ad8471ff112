"""The optional equality monitoring survey: anonymous, apart from ballots, summarised with the statistics."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from youdecide.programmes.models import BallotKind
from youdecide.results.models import EqualityResponse
from youdecide.results.tests.test_publish_and_recount import vote
from youdecide.voting.models import Participation
from youdecide.voting.tests.conftest import make_box


def text(response: object) -> str:
    return re.sub(r"\s+", " ", response.content.decode())  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_answers_are_stored_apart_and_summarised(client: Client) -> None:
    box = make_box()
    url = f"/programmes/{box.programme.slug}/equality-survey/"
    for answers in (
        {"age_band": "25-34", "sex": "woman", "ethnic_group": "white", "disabled": "no"},
        {"age_band": "75+", "sex": "man", "ethnic_group": "asian", "disabled": "a_lot"},
        {"sex": "prefer_not_to_say"},
    ):
        response = client.post(url, {"area": box.area.pk, **answers})
        assert "Thank you" in response.content.decode()
    assert EqualityResponse.objects.count() == 3
    names = {f.name for f in EqualityResponse._meta.get_fields()}
    assert not names & {"ballot", "participation", "person_key", "created_at", "receipt"}
    page = re.sub(r"\s+", " ", client.get(f"/programmes/{box.programme.slug}/statistics/").content.decode())
    assert '<th scope="row">A woman</th><td class="num">1</td><td class="num">33%</td>' in page
    assert '<th scope="row">Yes, a lot</th><td class="num">1</td>' in page


@pytest.mark.django_db
def test_answers_are_shown_against_residents_and_voters(client: Client) -> None:
    box = make_box()
    box.area.population, box.other_area.population = 12_500, 8_000
    box.area.save()
    box.other_area.save()
    vote(box, BallotKind.SCORES, 10, seed=41)  # born 1950 to 1959: all in 65-74 or 75+
    url = f"/programmes/{box.programme.slug}/equality-survey/"
    answers = [(box.area, "65-74"), (box.area, "65-74"), (box.area, "75+"), (box.other_area, "25-34")]
    for area, band in answers:
        client.post(url, {"area": area.pk, "age_band": band})
    page = text(client.get(f"/programmes/{box.programme.slug}/statistics/"))

    for area, people in ((box.area, 12_500), (box.other_area, 8_000)):
        given = sum(1 for answered, _band in answers if answered == area)
        rate = f"{1000 * given / people:.1f}"
        assert (
            f'<tr><th scope="row">{area.name}</th><td class="num">{given}</td>'
            f'<td class="num">{people}</td><td class="num">{rate}</td></tr>'
        ) in page
    voters = list(Participation.objects.values_list("age_band", flat=True))
    assert len(voters) == 10
    for band in ("25-34", "65-74", "75+"):
        given = sum(1 for _area, answered in answers if answered == band)
        voted = voters.count(band)
        survey_share = f"{100 * given / len(answers):.1f}%"
        voters_share = f"{100 * voted / len(voters):.1f}%" if voted else "0.0%"
        assert (
            f'<tr><th scope="row">{band}</th><td class="num">{given}</td><td class="num">{survey_share}</td>'
            f'<td class="num">{voted}</td><td class="num">{voters_share}</td></tr>'
        ) in page
    assert "population breakdowns by sex, ethnic group and disability (census tables) are not" in page
