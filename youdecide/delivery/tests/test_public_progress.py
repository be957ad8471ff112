"""The public progress page of a funded project shows only what officers accepted."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from youdecide.delivery import services
from youdecide.delivery.models import Grant, ReturnPhoto
from youdecide.delivery.tests.conftest import (
    Funded,
    accept_and_pay,
    funded_proposal,
    image_bytes,
    publish_result,
)


def _send(funded: Funded, grant: Grant, number: int, spent: int, story: str) -> None:
    lines = list(funded.proposal.budget_lines.all())
    services.submit_return(
        funded.member,
        grant.returns.get(number=number),
        reached={"reached_65_plus": 11},
        activities="Sessions.",
        story=story,
        spend={lines[0].pk: spent, lines[1].pk: 0},
        results={},
    )


def _page(funded: Funded) -> str:
    url = f"/programmes/{funded.setting.programme.slug}/proposals/{funded.proposal.reference}/progress/"
    return re.sub(r"\s+", " ", Client().get(url).content.decode())


@pytest.mark.django_db
def test_only_accepted_returns_reach_the_public_page(grant: Grant, funded: Funded) -> None:
    url = f"/programmes/{funded.setting.programme.slug}/proposals/{funded.proposal.reference}/progress/"
    assert Client().get(url).status_code == 404  # offered, not yet accepted by the group
    accept_and_pay(grant, funded)
    services.add_milestone(funded.setting.officer, grant, title="Kit bought", due_on=grant.starts_on)
    services.add_return_photo(
        funded.member,
        grant.returns.get(number=1),
        SimpleUploadedFile("a.png", image_bytes()),
        "First session",
    )
    _send(funded, grant, 1, 120_000, "Thirty people came to the first session.")
    services.accept_return(funded.setting.officer, grant.returns.get(number=1))
    services.add_return_photo(
        funded.member, grant.returns.get(number=2), SimpleUploadedFile("b.png", image_bytes()), "Not yet seen"
    )
    _send(funded, grant, 2, 350_000, "An unreviewed story.")
    page = _page(funded)
    assert "Progress: Walking football for over-50s" in page
    assert "Kit bought" in page
    assert "Money awarded</dt><dd>£6,000" in page
    assert "Money spent</dt><dd>£1,200" in page and "£3,500" not in page
    assert "Thirty people came to the first session." in page
    assert "An unreviewed story." not in page
    first = ReturnPhoto.objects.get(alt_text="First session")
    assert f'src="/photos/{first.pk}/" alt="First session"' in page
    assert "Not yet seen" not in page
    assert 'href="/monitoring-panel/">Join the resident monitoring panel' in page
    services.request_return_changes(funded.setting.officer, grant.returns.get(number=2), "Add the dates.")
    assert "Add the dates." not in _page(funded)


@pytest.mark.django_db
def test_officers_see_every_grant_rated_and_filter_by_area_and_status(grant: Grant, funded: Funded) -> None:
    elsewhere = funded_proposal(funded.setting, "Men's shed", 300_000, area=funded.setting.other_area)
    publish_result(funded.setting.programme, funded.setting.other_area, [elsewhere], funded.setting.officer)
    officer = Client()
    officer.force_login(funded.setting.officer)
    url = f"/office/programmes/{funded.setting.programme.slug}/grants/"
    page = re.sub(r"\s+", " ", officer.get(url).content.decode())
    assert "Offer a grant: Men&#x27;s shed (Macclesfield, £3,000)" in page
    start = grant.starts_on
    services.create_grant(
        funded.setting.officer,
        elsewhere,
        starts_on=start,
        ends_on=start + timedelta(days=100),
        tranches=[(start, 300_000)],
    )
    accept_and_pay(grant, funded)
    services.set_delivery_status(funded.setting.officer, grant, "on_track")
    page = re.sub(r"\s+", " ", officer.get(url).content.decode())
    # The Crewe grant started 200 days ago: its first two quarterly returns are late, so it is red.
    crewe_row = page.split("Walking football for over-50s</a>")[1].split("</tr>")[0]
    assert '<span class="rag rag-red">Red</span>' in crewe_row and "On track" in crewe_row
    assert '<td class="num">£4,000</td>' in crewe_row
    assert '<span class="rag rag-red">2 late</span>' in crewe_row
    third = grant.returns.get(number=3).due_on.strftime("%-d %b %Y")
    assert f"Next due {third}" in crewe_row
    shed_row = page.split("Men&#x27;s shed</a>")[1].split("</tr>")[0]
    assert '<span class="rag rag-amber">Amber</span>' in shed_row and "Not started" in shed_row
    filtered = officer.get(url, {"area": funded.setting.other_area.slug}).content.decode()
    assert "Men&#x27;s shed" in filtered and "Walking football for over-50s</a>" not in filtered
    filtered = officer.get(url, {"status": "on_track"}).content.decode()
    assert "Men&#x27;s shed</a>" not in filtered and "Walking football for over-50s</a>" in filtered


@pytest.mark.django_db
def test_the_proposal_page_links_to_progress_once_the_grant_is_accepted(grant: Grant, funded: Funded) -> None:
    url = f"/programmes/{funded.setting.programme.slug}/proposals/{funded.proposal.reference}/"
    link = "Funded: see how the project is doing"
    assert link not in Client().get(url).content.decode()
    accept_and_pay(grant, funded)
    assert f'href="{url}progress/">{link}' in Client().get(url).content.decode()


@pytest.mark.django_db
def test_the_transparency_report_shows_what_grants_have_paid(grant: Grant, funded: Funded) -> None:
    url = f"/programmes/{funded.setting.programme.slug}/transparency/"
    assert "Spent to date" not in Client().get(url).content.decode()
    accept_and_pay(grant, funded)
    page = re.sub(r"\s+", " ", Client().get(url).content.decode())
    crewe = page.split(">Crewe</a></th>")[1].split("</tr>")[0]
    assert "Spent to date" in page and crewe.endswith('<td class="num">£4,000</td>')
