"""Printable PDFs: numbered ballot papers and voting-code cards."""

from __future__ import annotations

import re

from django.test import Client

from youdecide.events.tests.conftest import Day


def test_numbered_ballot_papers_standard_and_large_print(client: Client, day: Day) -> None:
    client.force_login(day.officers[0])
    url = f"/office/decision-days/{day.event.slug}/ballot-papers.pdf"
    response = client.get(url, {"first": 7, "count": 3})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    assert all(f"Ballot paper No. {n}".encode() in pdf for n in (7, 8, 9))
    assert b"Ballot paper No. 10" not in pdf
    assert b"Community allotment" in pdf and b"Score every project" in pdf
    large = client.get(url, {"first": 1, "count": 1, "large": 1}).content
    assert re.search(rb"/F\d+ 24 Tf", large)  # large print: 24 pt title, 16 pt text
    assert client.get(url, {"count": 0}).status_code == 400
    client.logout()
    assert client.get(url).status_code == 302


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
