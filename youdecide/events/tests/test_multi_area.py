"""A Decision Day of two areas at one venue: each attendee checks in for their own area and votes on its
projects, on a tablet or on paper; each area is counted; one person is refused at the other area's desk
and at another Decision Day."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests import factories
from youdecide.areas.models import Area, PostcodeArea
from youdecide.audit.models import AuditEvent
from youdecide.events import services
from youdecide.events.models import CheckIn, DecisionDay, PaperBallot, PaperStatus
from youdecide.events.selectors import day_areas
from youdecide.events.tests.conftest import TwoAreaDay, kiosk_post, make_day, make_two_area_day, person
from youdecide.events.tests.test_edit_decision_day import form_data
from youdecide.proposals.models import Proposal
from youdecide.results.models import CountRun
from youdecide.voting.errors import VotingRefused
from youdecide.voting.models import Ballot, BallotStatus, Participation


@pytest.fixture
def two(db: None) -> TwoAreaDay:
    return make_two_area_day()


def scores(proposals: list[Proposal], *values: int) -> dict[int, int]:
    return {p.pk: v for p, v in zip(proposals, values, strict=True)}


def text(response: object) -> str:
    return re.sub(r"\s+", " ", response.content.decode())  # type: ignore[attr-defined]


def test_the_running_order_keeps_each_area_together(two: TwoAreaDay) -> None:
    crewe, macc = two.box.proposals, two.other_proposals
    services.set_running_order(two.officers[0], two.event, [macc[1], crewe[2], macc[0], crewe[0]])
    order = [slot.proposal.title for slot in two.event.slots.select_related("proposal").order_by("position")]
    assert order == [crewe[2].title, crewe[0].title, macc[1].title, macc[0].title]
    outsider = factories.ProposalFactory.create(programme=two.box.programme, status="eligible")
    with pytest.raises(ValidationError) as caught:
        services.set_running_order(two.officers[0], two.event, [outsider])
    assert caught.value.messages == [
        f"Only eligible projects of Crewe or Macclesfield can pitch: {outsider.title}."
    ]


def test_a_two_area_day_end_to_end(client: Client, two: TwoAreaDay) -> None:
    one, second, third = two.officers
    event, crewe, macc = two.event, two.box.area, two.box.other_area

    with pytest.raises(VotingRefused) as caught:  # no postcode directory: the officer says which area
        services.check_in_attendee(one, event, person(1))
    assert caught.value.messages == ["Choose the area the attendee votes in: Crewe or Macclesfield."]
    in_crewe = services.check_in_attendee(one, event, person(1), crewe).check_in
    in_macc = services.check_in_attendee(one, event, person(2), macc).check_in
    on_paper_crewe = services.check_in_attendee(one, event, person(3), crewe).check_in
    on_paper_macc = services.check_in_attendee(one, event, person(4), macc).check_in
    assert [c.area for c in CheckIn.objects.order_by("pk")] == [crewe, macc, crewe, macc]

    # Tablets: the slip's first letter names its area (Crewe A, Macclesfield B), for a tablet offline.
    slip_crewe = services.issue_tablet_ballot(one, in_crewe)
    slip_macc = services.issue_tablet_ballot(one, in_macc)
    assert slip_crewe[0] == "A" and slip_macc[0] == "B"
    # After the letter, 8 random characters: 40 bits, as on a day of one area.
    assert len(slip_crewe.replace("-", "")) == len(slip_macc.replace("-", "")) == 9
    area, left_out = services.unlock_tablet_ballot(event, slip_macc)
    assert area == macc and left_out == []
    with pytest.raises(VotingRefused):  # a Crewe ballot on a Macclesfield slip
        services.cast_tablet_ballot(one, event, slip_macc, scores(two.box.proposals, 5, 4, 3, 2), "t-1")
    services.cast_tablet_ballot(one, event, slip_crewe, scores(two.box.proposals, 5, 4, 3, 2), "t-2")
    services.cast_tablet_ballot(one, event, slip_macc, scores(two.other_proposals, 2, 5), "t-3")

    # Paper: each area's own paper, numbered across the day, keyed on its area's form.
    services.issue_paper_ballot(one, on_paper_crewe)
    services.issue_paper_ballot(one, on_paper_macc)
    with pytest.raises(VotingRefused) as caught:
        services.key_paper_ballot(one, event, 1, scores(two.box.proposals, 1, 2, 3, 4))
    assert caught.value.code == "area_needed"
    services.key_paper_ballot(one, event, 1, scores(two.box.proposals, 1, 2, 3, 4), area=crewe)
    with pytest.raises(VotingRefused) as caught:
        services.key_paper_ballot(second, event, 1, scores(two.other_proposals, 1, 2), area=macc)
    assert caught.value.messages == ["Paper 1 is a paper of Crewe: key it there."]
    services.key_paper_ballot(second, event, 1, scores(two.box.proposals, 1, 2, 3, 4), area=crewe)
    services.key_paper_ballot(one, event, 1001, scores(two.other_proposals, 4, 4), area=macc)
    services.key_paper_ballot(second, event, 1001, scores(two.other_proposals, 4, 3), area=macc)
    services.reconcile_paper_ballot(third, event, 1001, scores(two.other_proposals, 4, 3), area=macc)
    papers = {p.number: p for p in PaperBallot.objects.select_related("ballot")}
    assert papers[1].area == crewe and papers[1].ballot is not None and papers[1].ballot.area == crewe
    assert papers[1001].area == macc and papers[1001].status == PaperStatus.ACCEPTED
    assert papers[1001].ballot is not None and papers[1001].ballot.area == macc

    counted = Ballot.objects.filter(programme=two.box.programme, status=BallotStatus.COUNTED)
    assert counted.filter(area=crewe).count() == 2 and counted.filter(area=macc).count() == 2
    assert set(Participation.objects.values_list("area__name", "channel")) == {
        ("Crewe", "tablet"),
        ("Crewe", "paper"),
        ("Macclesfield", "tablet"),
        ("Macclesfield", "paper"),
    }

    # Close and count: each area counted, each shown on the results screen once confirmed.
    client.force_login(one)
    response = client.post(f"/office/decision-days/{event.slug}/count/", {"action": "count"})
    assert response.status_code == 302
    runs = {run.area: run for run in CountRun.objects.filter(programme=two.box.programme)}
    assert set(runs) == {crewe, macc} and runs[crewe].ballots == 2 and runs[macc].ballots == 2
    page = text(client.get(f"/office/decision-days/{event.slug}/count/"))
    assert "The count for Crewe" in page and "The count for Macclesfield" in page
    for run in runs.values():
        client.post(f"/office/decision-days/{event.slug}/count/", {"action": "confirm", "run": run.pk})
    assert CountRun.objects.filter(confirmed_at__isnull=False).count() == 2
    screen = text(client.get(f"/decision-days/{event.slug}/results/"))
    assert "Macclesfield repair café" in screen and "Community allotment" in screen
    assert screen.count("2 votes.") == 2

    created = AuditEvent.objects.get(action="events.created", object_id=str(event.pk))
    assert created.data["areas"] == [crewe.code]
    updated = AuditEvent.objects.get(action="events.updated", object_id=str(event.pk))
    assert updated.data == {"changed": ["areas"], "areas": [crewe.code, macc.code]}
    checked_in = AuditEvent.objects.filter(action="events.checked_in").values_list("data", flat=True)
    assert [d["area"] for d in checked_in] == [crewe.code, macc.code, crewe.code, macc.code]


def test_one_person_refused_at_the_other_area_s_desk_and_at_another_day(two: TwoAreaDay) -> None:
    one = two.officers[0]
    crewe, macc = two.box.area, two.box.other_area
    check_in = services.check_in_attendee(one, two.event, person(7), crewe).check_in
    with pytest.raises(VotingRefused) as caught:
        services.check_in_attendee(one, two.event, person(7), macc)
    assert caught.value.messages == ["This person has checked in here for Crewe already."]
    services.issue_tablet_ballot(one, check_in)
    with pytest.raises(VotingRefused) as caught:
        services.check_in_attendee(one, two.event, person(7), macc)
    assert caught.value.messages == ["This person has checked in and been given a ballot already."]

    start = two.event.starts_at
    evening = services.create_decision_day(
        one, two.box.programme, [crewe], name="Crewe evening", venue="Library", starts_at=start,
        ends_at=start + timedelta(hours=2),
    )  # fmt: skip
    evening = services.open_decision_day(one, evening)
    with pytest.raises(VotingRefused) as caught:
        services.check_in_attendee(one, evening, person(7))
    assert caught.value.code == "checked_in_elsewhere"
    with pytest.raises(VotingRefused) as caught:  # Macclesfield does not vote at the evening
        services.check_in_attendee(one, evening, person(8), macc)
    assert caught.value.code == "area_not_at_day"
    assert CheckIn.objects.filter(person_key=check_in.person_key).count() == 1


def test_the_postcode_directory_places_an_attendee_in_their_area(two: TwoAreaDay) -> None:
    ward = factories.AreaFactory.create(name="Crewe Central", kind="ward", parent=two.box.area)
    PostcodeArea.objects.create(postcode="CW1 2BJ", area=ward)
    check_in = services.check_in_attendee(two.officers[0], two.event, person(9)).check_in
    assert check_in.area == two.box.area


def test_set_up_refuses_no_area_an_area_with_no_pot_and_removing_an_area_in_use(two: TwoAreaDay) -> None:
    one, programme = two.officers[0], two.box.programme
    start = timezone.now() + timedelta(days=2)
    when = {
        "name": "Nantwich day",
        "venue": "Civic Hall",
        "starts_at": start,
        "ends_at": start + timedelta(hours=3),
    }
    with pytest.raises(ValidationError) as caught:
        services.create_decision_day(one, programme, [], **when)  # type: ignore[arg-type]
    assert caught.value.message_dict == {
        "areas": ["Choose at least one area whose residents vote at the day."]
    }
    potless = factories.AreaFactory.create(name="Nantwich")
    with pytest.raises(ValidationError) as caught:
        services.create_decision_day(one, programme, [two.box.area, potless], **when)  # type: ignore[arg-type]
    assert caught.value.message_dict == {"areas": ["No pot in this programme for: Nantwich."]}
    assert not DecisionDay.objects.filter(name="Nantwich day").exists()

    services.check_in_attendee(one, two.event, person(11), two.box.other_area)
    with pytest.raises(ValidationError) as caught:
        services.update_decision_day(one, two.event, areas=[two.box.area])
    assert caught.value.message_dict["areas"] == [
        "Attendees have checked in or papers have been keyed for Macclesfield: it stays an area of the day."
    ]
    assert set(two.event.areas.all()) == {two.box.area, two.box.other_area}


def test_removing_an_unused_area_takes_its_pitches_out(client: Client, two: TwoAreaDay) -> None:
    client.force_login(two.officers[0])
    event = two.event
    form = form_data(event)
    del form["areas"]
    response = client.post(f"/office/decision-days/{event.slug}/edit/", form)
    assert response.status_code == 422
    assert "Choose at least one area whose residents vote at the day." in text(response)
    response = client.post(f"/office/decision-days/{event.slug}/edit/", {**form, "areas": [two.box.area.pk]})
    assert response.status_code == 302
    assert list(event.areas.all()) == [two.box.area]
    assert [s.proposal for s in event.slots.order_by("position")] == two.box.proposals


def test_the_kiosk_carries_every_area_s_ballot_and_stores_each_in_its_area(
    client: Client, two: TwoAreaDay
) -> None:
    one = two.officers[0]
    check_in = services.check_in_attendee(one, two.event, person(12), two.box.other_area).check_in
    slip = services.issue_tablet_ballot(one, check_in)
    client.force_login(one)
    page = text(client.get(f"/office/decision-days/{two.event.slug}/kiosk/"))
    assert f'data-area="{two.box.area.pk}" data-letter="A"' in page
    assert f'data-area="{two.box.other_area.pk}" data-letter="B"' in page
    assert "Your ballot: Crewe" in page and "Your ballot: Macclesfield" in page
    answer = kiosk_post(client, two, "slips", {"slip": slip})
    assert answer.json() == {"area": two.box.other_area.pk, "left_out": []}
    crewe_fields = {f"kiosk-p{p.pk}": "3" for p in two.box.proposals}
    refused = kiosk_post(client, two, "ballots", {"slip": slip, "ballot": crewe_fields}, "k-1")
    assert refused.status_code == 422
    fields = {f"kiosk-p{p.pk}": "4" for p in two.other_proposals}
    stored = kiosk_post(client, two, "ballots", {"slip": slip, "ballot": fields}, "k-2")
    assert stored.status_code == 201 and json.loads(stored.content) == {"stored": True, "repeat": False}
    assert Ballot.objects.get().area == two.box.other_area


def test_papers_are_printed_and_keyed_per_area(client: Client, two: TwoAreaDay) -> None:
    client.force_login(two.officers[0])
    base = f"/office/decision-days/{two.event.slug}"
    assert client.post(f"{base}/ballot-papers.pdf", {"first": 1, "count": 2}).status_code == 400
    pdf = client.post(f"{base}/ballot-papers.pdf", {"area": two.box.other_area.pk, "first": 1001, "count": 2})
    assert (
        pdf.status_code == 200
        and b"Macclesfield repair" in pdf.content
        and b"Community allotment" not in pdf.content
    )
    printed = AuditEvent.objects.get(action="events.ballot_papers_printed")
    assert printed.data == {
        "first": 1001,
        "last": 1002,
        "large_print": False,
        "area": two.box.other_area.code,
    }
    page = text(client.get(f"{base}/papers/"))
    assert "Papers of Crewe" in page and "Papers of Macclesfield" in page and "Save this keying" not in page
    page = text(client.get(f"{base}/papers/?area={two.box.other_area.pk}"))
    assert (
        "Key a paper of Macclesfield" in page and "Silk town walks" in page and "Walking football" not in page
    )


def test_a_one_area_day_is_as_before(client: Client, db: None) -> None:
    day = make_day()
    client.force_login(day.officers[0])
    page = text(client.get(f"/office/decision-days/{day.event.slug}/check-in/"))
    assert "The area they vote in" not in page
    check_in = services.check_in_attendee(day.officers[0], day.event, person(13)).check_in
    assert check_in.area == day.box.area


def test_the_check_in_desk_asks_for_the_area_on_a_day_of_two(client: Client, two: TwoAreaDay) -> None:
    client.force_login(two.officers[0])
    url = f"/office/decision-days/{two.event.slug}/check-in/"
    details = {
        "full_name": "Siân Hughes",
        "date_of_birth": "12/08/1983",
        "postcode": "SK11 6DA",
        "connection": "lives",
    }
    response = client.post(url, details)
    assert response.status_code == 422
    assert "Choose the area the attendee votes in." in text(response)
    assert not CheckIn.objects.exists()
    response = client.post(url, {**details, "area": two.box.other_area.pk})
    assert response.status_code == 200 and "Checked in" in text(response)
    assert CheckIn.objects.get().area == two.box.other_area


def test_an_area_added_later_leaves_the_letters_of_slips_out_alone(two: TwoAreaDay) -> None:
    one, programme = two.officers[0], two.box.programme
    alsager, nantwich = (factories.AreaFactory.create(name=name) for name in ("Alsager", "Nantwich"))
    factories.pot(programme, alsager, 500_000)
    factories.pot(programme, nantwich, 500_000)
    check_in = services.check_in_attendee(one, two.event, person(14), two.box.other_area).check_in
    assert services.issue_tablet_ballot(one, check_in)[0] == "B"
    with pytest.raises(ValidationError) as caught:  # Alsager would be A, and Macclesfield C
        services.update_decision_day(one, two.event, areas=[alsager, two.box.area, two.box.other_area])
    assert caught.value.message_dict["areas"] == [
        "Tablet slips are out for Macclesfield, and they name its area by letter: the areas of the day "
        "cannot change like this now."
    ]
    services.update_decision_day(one, two.event, areas=[two.box.area, two.box.other_area, nantwich])
    assert [a.name for a in day_areas(two.event)] == ["Crewe", "Macclesfield", "Nantwich"]
    assert (
        services.slip_area(two.event, services.issue_tablet_ballot(one, check_in_for(two, 15, nantwich)))
        == nantwich
    )


def check_in_for(two: TwoAreaDay, n: int, area: Area) -> CheckIn:
    return services.check_in_attendee(two.officers[0], two.event, person(n), area).check_in
