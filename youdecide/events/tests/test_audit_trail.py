"""Every action of a Decision Day leaves an audit event, with no personal data in it."""

from __future__ import annotations

import dataclasses
import inspect
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from youdecide.audit.models import AuditEvent
from youdecide.events import services
from youdecide.events.tests.conftest import Day, person
from youdecide.voting import services as voting
from youdecide.voting.errors import VotingRefused
from youdecide.voting.models import CodeBatch

# Functions of the services module that change nothing: guards, reads and helpers.
NOT_ACTIONS = {
    "can_change_set_up",
    "can_vote_in_the_hall",
    "can_store_tablet_ballot",
    "voter_for",
    "struck_out_groups",
    "unlock_tablet_ballot",
    "attendee_area",
    "paper_area",
    "slip_area",
}


def actions_after(before: int) -> list[str]:
    return list(
        AuditEvent.objects.filter(sequence__gt=before).order_by("sequence").values_list("action", flat=True)
    )


def last_sequence() -> int:
    event = AuditEvent.objects.order_by("-sequence").first()
    return event.sequence if event else 0


def test_every_event_action_leaves_an_audit_event(day: Day) -> None:
    one, two, three = day.officers
    event = day.event
    box = day.box
    walked: dict[str, list[str]] = {}

    def walk(label: str, action: Callable[..., Any], /, *args: object, **kwargs: object) -> Any:
        before = last_sequence()
        result = action(*args, **kwargs)
        walked[label] = actions_after(before)
        return result

    start = timezone.now().replace(microsecond=0) + timedelta(days=1)
    other = walk(
        "create_decision_day",
        services.create_decision_day,
        one,
        box.programme,
        [box.area],
        name="Crewe Decision Day, evening",
        venue="Crewe Library",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
    )
    walk("update_decision_day", services.update_decision_day, one, other, venue="Crewe Library, upstairs")
    walk("set_running_order", services.set_running_order, one, other, box.proposals[:2])
    other = walk("open_decision_day", services.open_decision_day, one, other)
    walk("show_slot", services.show_slot, one, event, 1)
    tablet = walk("check_in_attendee", services.check_in_attendee, one, event, person(1)).check_in
    before = last_sequence()
    with pytest.raises(VotingRefused):  # checked in at the other Decision Day already
        services.check_in_attendee(one, other, person(1))
    walked["check_in_attendee"] += actions_after(before)
    slip = walk("issue_tablet_ballot", services.issue_tablet_ballot, one, tablet)
    walk("cast_tablet_ballot", services.cast_tablet_ballot, two, event, slip, box.scores(5, 4, 3, 2), "k1")
    paper = services.check_in_attendee(one, event, person(2)).check_in
    walk("issue_paper_ballot", services.issue_paper_ballot, one, paper)
    walk("key_paper_ballot", services.key_paper_ballot, one, event, 1, box.scores(1, 2, 3, 4))
    services.key_paper_ballot(two, event, 1, box.scores(1, 2, 3, 5))
    walk("reconcile_paper_ballot", services.reconcile_paper_ballot, three, event, 1, box.scores(1, 2, 3, 4))
    walk("spoil_paper_ballot", services.spoil_paper_ballot, one, event, 2, "torn in half")
    walk("record_feedback", services.record_feedback, event, more_connected="agree", comment="Lovely day")
    walk("print_ballot_papers", services.print_ballot_papers, one, event, 1, 10, large=True)
    batch, codes = voting.generate_code_batch(one, box.programme, box.area, 2, "Crewe Lyceum")
    walk("print_code_cards", services.print_code_cards, one, batch, "https://example.org/vote/", codes)
    walk("close_decision_day", services.close_decision_day, one, event)

    assert walked == {
        "create_decision_day": ["events.created"],
        "update_decision_day": ["events.updated"],
        "set_running_order": ["events.running_order_set"],
        "open_decision_day": ["events.opened"],
        "show_slot": ["events.slot_shown"],
        "check_in_attendee": ["events.checked_in", "events.check_in_refused"],
        "issue_tablet_ballot": ["events.tablet_ballot_issued"],
        "cast_tablet_ballot": ["voting.vote_recorded", "events.tablet_ballot_received"],
        "issue_paper_ballot": ["voting.vote_recorded", "events.paper_ballot_issued"],
        "key_paper_ballot": ["events.paper_keyed"],
        "reconcile_paper_ballot": ["events.paper_reconciled"],
        "spoil_paper_ballot": ["events.paper_spoiled"],
        "record_feedback": ["events.feedback_received"],
        "print_ballot_papers": ["events.ballot_papers_printed"],
        "print_code_cards": ["voting.code_cards_printed"],
        "close_decision_day": ["events.closed"],
    }
    public = {
        name
        for name, function in inspect.getmembers(services, inspect.isfunction)
        if function.__module__ == services.__name__ and not name.startswith("_")
    }
    assert public - NOT_ACTIONS == set(walked), "a new service needs its audit event walked here"

    logged = json.dumps(list(AuditEvent.objects.values_list("data", flat=True)))
    assert "Attendee" not in logged and "CW1" not in logged and "Lovely day" not in logged
    assert not any(code in logged for code in codes) and slip not in logged
    refused = AuditEvent.objects.get(action="events.check_in_refused")
    assert refused.data == {"reason": "checked_in_elsewhere"}
    printed = AuditEvent.objects.get(action="events.ballot_papers_printed")
    assert printed.data == {"first": 1, "last": 10, "large_print": True, "area": box.area.code}
    assert AuditEvent.objects.get(action="voting.code_cards_printed").object_id == str(batch.pk)
    assert CodeBatch.objects.filter(pk=batch.pk).exists()


def test_refused_check_ins_say_only_why(day: Day) -> None:
    officer = day.officers[0]
    today = timezone.localdate()
    young = dataclasses.replace(person(3), date_of_birth=today.replace(year=today.year - 5))
    with pytest.raises(VotingRefused):
        services.check_in_attendee(officer, day.event, young)
    refused = AuditEvent.objects.get(action="events.check_in_refused")
    assert refused.data == {"reason": "not_eligible"}
    assert refused.object_id == str(day.event.pk)
