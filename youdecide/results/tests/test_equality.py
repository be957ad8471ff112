"""The optional equality monitoring survey: anonymous, apart from ballots, summarised with the statistics."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from youdecide.results.models import EqualityResponse
from youdecide.voting.tests.conftest import make_box


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
