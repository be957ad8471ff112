"""Reads of Decision Days: the reconciliation table, the running order, what the projector shows."""

from __future__ import annotations

from django.db.models import Count, Q

from youdecide.events.models import DecisionDay, PaperStatus, Slot
from youdecide.results.ballots import area_election, election_digest
from youdecide.results.models import CountRun


def reconciliation(event: DecisionDay) -> dict[str, int]:
    """Papers handed out, back in the box, spoiled, keyed and accepted."""
    papers = event.papers.aggregate(
        returned=Count("pk"),
        spoiled=Count("pk", filter=Q(status=PaperStatus.SPOILED)),
        keyed_once=Count("pk", filter=Q(status=PaperStatus.KEYED_ONCE)),
        keyed_twice=Count("pk", filter=Q(status__in=[PaperStatus.MISMATCH, PaperStatus.ACCEPTED])),
        mismatches_open=Count("pk", filter=Q(status=PaperStatus.MISMATCH)),
        accepted=Count("pk", filter=Q(status=PaperStatus.ACCEPTED)),
    )
    return {
        "issued": event.papers_issued,
        "returned": papers["returned"],
        "not_returned": max(0, event.papers_issued - papers["returned"]),
        "spoiled": papers["spoiled"],
        "keyed_once": papers["keyed_once"],
        "keyed_twice": papers["keyed_twice"],
        "mismatches_open": papers["mismatches_open"],
        "accepted": papers["accepted"],
    }


def running_order(event: DecisionDay) -> list[Slot]:
    return list(event.slots.select_related("proposal__group").order_by("position"))


def now_and_next(event: DecisionDay) -> tuple[Slot | None, Slot | None]:
    slots = running_order(event)
    current = slots[event.current_position - 1] if 0 < event.current_position <= len(slots) else None
    following = slots[event.current_position] if event.current_position < len(slots) else None
    return current, following


def ballots_since_count(run: CountRun) -> tuple[bool, int]:
    """Whether the area's ballots have changed since this count, and how many more there are now (tablet
    ballots that waited on a tablet for the connection arrive after the close)."""
    election = area_election(run.programme, run.area)
    return election_digest(election) != run.inputs_digest, max(0, len(election.ballots) - run.ballots)
