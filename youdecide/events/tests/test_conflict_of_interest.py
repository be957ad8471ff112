"""Under "leave out own project", a group member's score for their own group's project does not count on
paper or on a tablet, and they and the desk are told which project that is."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from youdecide.events import services
from youdecide.events.models import CheckIn
from youdecide.events.tests.conftest import Day, kiosk_post, make_day, person
from youdecide.programmes.models import ConflictPolicy
from youdecide.voting.errors import VotingRefused
from youdecide.voting.models import Ballot, BallotItem


def text(response: object) -> str:
    return re.sub(r"\s+", " ", response.content.decode())  # type: ignore[attr-defined]


def member(day: Day, n: int) -> CheckIn:
    details = person(n, member_of=frozenset({day.box.group.pk}))
    return services.check_in_attendee(day.officers[0], day.event, details).check_in


def counted() -> dict[int, int]:
    return dict(BallotItem.objects.values_list("proposal_id", "value"))


def test_a_member_s_paper_has_their_project_struck_out_and_its_score_left_out(
    client: Client, day: Day
) -> None:
    one, two, _three = day.officers
    own = day.box.proposals[0]
    client.force_login(one)
    page = text(client.post(f"/office/decision-days/{day.event.slug}/check-in/{member(day, 1).pk}/paper/"))
    assert (
        "The attendee is a member of the group behind Community allotment: strike it out on the paper" in page
    )
    page = text(client.get(f"/office/decision-days/{day.event.slug}/papers/"))
    assert "Struck out at the desk" in page
    on_paper = day.box.scores(5, 2, 4, 1)  # the voter scored their own project anyway
    services.key_paper_ballot(one, day.event, 1, on_paper, struck_out=[own.pk])
    paper = services.key_paper_ballot(two, day.event, 1, on_paper, struck_out=[own.pk])
    assert paper.status == "accepted"
    assert counted() == {pid: v for pid, v in on_paper.items() if pid != own.pk}


def test_a_keying_that_misses_the_strike_goes_to_reconciliation(day: Day) -> None:
    one, two, three = day.officers
    own = day.box.proposals[0]
    on_paper = day.box.scores(5, 2, 4, 1)
    services.key_paper_ballot(one, day.event, 2, on_paper, struck_out=[own.pk])
    assert services.key_paper_ballot(two, day.event, 2, on_paper).status == "mismatch"
    services.reconcile_paper_ballot(three, day.event, 2, on_paper, struck_out=[own.pk])
    assert own.pk not in counted() and len(counted()) == 3


def test_a_member_is_told_on_the_tablet_and_their_score_is_left_out(client: Client, day: Day) -> None:
    officer = day.officers[0]
    own = day.box.proposals[0]
    client.force_login(officer)
    page = text(client.post(f"/office/decision-days/{day.event.slug}/check-in/{member(day, 3).pk}/tablet/"))
    slip = re.search(r"data-slip>([0-9A-Z-]+)<", page)
    assert slip
    assert "member of the group behind Community allotment: they may not score it" in page
    assert "tick “Crewe Allotment Society” when you unlock it" in page
    answer = kiosk_post(client, day, "slips", {"slip": slip.group(1)})
    assert answer.json() == {
        "area": day.box.area.pk,
        "left_out": [{"id": own.pk, "title": "Community allotment"}],
    }
    kiosk = text(client.get(f"/office/decision-days/{day.event.slug}/kiosk/"))
    assert "you may not score it:" in kiosk and "Crewe Allotment Society" in kiosk
    services.cast_tablet_ballot(officer, day.event, slip.group(1), day.box.scores(5, 1, 2, 3), "m")
    assert counted() == {pid: v for pid, v in day.box.scores(5, 1, 2, 3).items() if pid != own.pk}


def test_someone_not_in_a_group_scores_every_project(client: Client, day: Day) -> None:
    officer = day.officers[0]
    check_in = services.check_in_attendee(officer, day.event, person(4)).check_in
    slip = services.issue_tablet_ballot(officer, check_in)
    client.force_login(officer)
    answer = kiosk_post(client, day, "slips", {"slip": slip})
    assert answer.json() == {"area": day.box.area.pk, "left_out": []}
    services.cast_tablet_ballot(officer, day.event, slip, day.box.scores(5, 1, 2, 3), "n")
    assert counted() == day.box.scores(5, 1, 2, 3)
    used = kiosk_post(client, day, "slips", {"slip": slip})
    assert used.status_code == 409 and used.json()["messages"] == ["This ballot slip has been used."]


def test_nothing_is_struck_out_where_members_score_their_own_project(db: None) -> None:
    day = make_day(conflict_policy=ConflictPolicy.NO_VOTE_IN_AREA)
    with pytest.raises(VotingRefused) as caught:
        services.key_paper_ballot(
            day.officers[0], day.event, 1, day.box.scores(1, 2, 3, 4), struck_out=[day.box.ids()[0]]
        )
    assert caught.value.messages == [
        "This programme does not leave group members' own projects out: nothing is struck out on a paper."
    ]
    assert Ballot.objects.count() == 0


def test_keying_a_struck_out_paper_on_the_keying_page(client: Client, day: Day) -> None:
    one, two, _three = day.officers
    own = day.box.proposals[0]
    url = f"/office/decision-days/{day.event.slug}/papers/"
    form = {"action": "key", "number": 7, "struck_out": [own.pk]}
    form.update({f"paper-p{pid}": v for pid, v in day.box.scores(4, 4, 2, 1).items()})
    for officer in (one, two):
        client.force_login(officer)
        response = client.post(url, form, follow=True)
    assert "Paper 7: accepted." in text(response)
    assert counted() == {pid: v for pid, v in day.box.scores(4, 4, 2, 1).items() if pid != own.pk}
