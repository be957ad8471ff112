"""Rate limits count per voter, code or email address, in the database, so every app process sees the same
count; never per IP address."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from youdecide.voting import services
from youdecide.voting.errors import VotingRefused
from youdecide.voting.models import EmailLink, Throttle
from youdecide.voting.tests.conftest import Box
from youdecide.voting.tests.test_pages import ABOUT, text
from youdecide.voting.throttle import (
    CASTS_PER_VOTER,
    LINKS_PER_ADDRESS,
    LINKS_PER_VOTER,
    UNKNOWN_CODE_WINDOW,
    UNKNOWN_CODES_PER_VOTER,
    allow,
    check_cast_rate,
)
from youdecide.voting.views import MAX_UNKNOWN_CODES


@pytest.mark.django_db
def test_the_limit_applies_per_voter_and_resets_after_the_window() -> None:
    now = timezone.now()
    assert all(allow("cast", "voter-a", 3, timedelta(minutes=10), now) for _ in range(3))
    assert not allow("cast", "voter-a", 3, timedelta(minutes=10), now)
    assert allow("cast", "voter-b", 3, timedelta(minutes=10), now)  # another voter in the same hall
    assert allow("cast", "voter-a", 3, timedelta(minutes=10), now + timedelta(minutes=11))
    assert Throttle.objects.count() == 2
    assert "voter-a" not in "".join(Throttle.objects.values_list("key", flat=True))


@pytest.mark.django_db
def test_too_many_ballots_from_one_voter_are_refused() -> None:
    for _ in range(CASTS_PER_VOTER):
        check_cast_rate("voter-c")
    with pytest.raises(VotingRefused) as caught:
        check_cast_rate("voter-c")
    assert caught.value.code == "too_many"


@pytest.mark.django_db
def test_one_voter_may_try_five_unknown_codes_an_hour(box: Box) -> None:
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 1, "Crewe library")
    later = timezone.now() + UNKNOWN_CODE_WINDOW + timedelta(minutes=1)
    for n in range(UNKNOWN_CODES_PER_VOTER):
        with pytest.raises(VotingRefused) as caught:
            services.admit_with_code(box.programme, f"ZZZZ-ZZZZ-ZZZ{n}", box.details)
        assert caught.value.code == "code_unknown"
    with pytest.raises(VotingRefused) as caught:  # even the right code, now
        services.admit_with_code(box.programme, codes[0], box.details)
    assert caught.value.code == "too_many"
    assert caught.value.messages[0].startswith("You have typed several codes that are not voting codes")
    neighbour = dataclasses.replace(box.details, full_name="Gareth Roberts")  # same hall, other voter
    assert services.admit_with_code(box.programme, codes[0], neighbour).area_id == box.area.pk
    assert services.admit_with_code(box.programme, codes[0], box.details, now=later).area_id == box.area.pk


@pytest.mark.django_db
def test_three_emailed_links_an_hour_per_address_and_per_voter(client: Client, box: Box) -> None:
    url = f"/programmes/{box.programme.slug}/vote/email/"
    form = {**ABOUT, "area": box.area.pk, "email": "sian@example.org"}
    for _ in range(LINKS_PER_ADDRESS):
        assert "Check your email" in text(client.post(url, form))
    refused = client.post(url, {**form, "email": "SIAN@example.org "})
    assert refused.status_code == 422
    assert "We have sent several voting links in the last hour." in text(refused)
    other = {**ABOUT, "full_name": "Gareth Roberts", "area": box.area.pk, "email": "sian@example.org"}
    assert "We have sent several voting links" in text(client.post(url, other))  # the address's limit
    assert len(mail.outbox) == LINKS_PER_ADDRESS
    for n in range(LINKS_PER_VOTER - 1):  # Gareth's refused try counted for him as well
        assert "Check your email" in text(client.post(url, {**other, "email": f"gareth{n}@example.org"}))
    last = client.post(url, {**other, "email": "gareth-work@example.org"})
    assert "We have sent several voting links" in text(last)
    assert EmailLink.objects.count() == LINKS_PER_ADDRESS + LINKS_PER_VOTER - 1
    assert not Throttle.objects.filter(key__icontains="example").exists()


@pytest.mark.django_db
def test_a_browser_may_type_five_unknown_codes(client: Client, box: Box) -> None:
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 1, "Crewe library")
    url = f"/programmes/{box.programme.slug}/vote/code/"
    for n in range(MAX_UNKNOWN_CODES):
        assert "This is not a voting code for" in text(client.post(url, {"code": f"ZZZZ-ZZZZ-ZZ{n:02d}"}))
    refused = client.post(url, {"code": codes[0]})
    assert refused.status_code == 422
    assert "Too many codes that did not match." in text(refused)
    neighbour = Client()  # another resident on the same hall's connection
    assert neighbour.post(url, {"code": codes[0]})["Location"].endswith("/vote/about-you/")
