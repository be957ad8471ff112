"""Printable PDFs: numbered ballot papers and voting-code cards."""

from __future__ import annotations

import re

from django.test import Client

from youdecide.audit.models import AuditEvent
from youdecide.events.tests.conftest import Day


def test_numbered_ballot_papers_standard_and_large_print(client: Client, day: Day) -> None:
    client.force_login(day.officers[0])
    url = f"/office/decision-days/{day.event.slug}/ballot-papers.pdf"
    form = client.get(url).content.decode()
    assert 'method="post"' in form and "Print ballot papers" in form
    assert not AuditEvent.objects.filter(action="events.ballot_papers_printed").exists()
    response = client.post(url, {"first": 7, "count": 3})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    assert all(f"Ballot paper No. {n}".encode() in pdf for n in (7, 8, 9))
    assert b"Ballot paper No. 10" not in pdf
    assert b"Community allotment" in pdf and b"Score every project" in pdf
    large = client.post(url, {"first": 1, "count": 1, "large": 1}).content
    assert re.search(rb"/F\d+ 24 Tf", large)  # large print: 24 pt title, 16 pt text
    assert client.post(url, {"count": 0}).status_code == 400
    assert AuditEvent.objects.filter(action="events.ballot_papers_printed").count() == 2
    client.logout()
    assert client.post(url, {"first": 1, "count": 1}).status_code == 302


def test_the_desk_prints_ballot_papers_with_a_post_that_needs_the_csrf_token(day: Day) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(day.officers[0])
    desk = client.get(f"/office/decision-days/{day.event.slug}/").content.decode()
    url = f"/office/decision-days/{day.event.slug}/ballot-papers.pdf"
    assert f'<form method="post" action="{url}"' in desk and "Print ballot papers 1\u2013100" in desk
    assert client.post(url, {"first": 1, "count": 1}).status_code == 403
    assert not AuditEvent.objects.filter(action="events.ballot_papers_printed").exists()


def test_voting_cards_as_a_pdf_only_for_the_batch_s_own_codes(client: Client, day: Day) -> None:
    client.force_login(day.officers[0])
    page = client.post(
        f"/office/programmes/{day.box.programme.slug}/codes/",
        {"area": day.box.area.pk, "size": 3, "label": "Crewe Lyceum"},
    ).content.decode()
    codes = re.findall(r'name="code" value="([0-9A-Z-]{14})"', page)
    action = re.search(r'action="(/office/programmes/[^"]+/cards\.pdf)"', page)
    assert len(codes) == 3 and action
    pdf = client.post(action.group(1), {"code": codes}).content
    assert pdf.startswith(b"%PDF") and all(code.encode() in pdf for code in codes)
    forged = client.post(action.group(1), {"code": [codes[0], "ZZZZ-ZZZZ-ZZZZ"]})
    assert forged.status_code == 400
