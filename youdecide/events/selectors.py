"""Reads of Decision Days: the reconciliation table, the running order, what the projector shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from django.db.models import Count, Q

from youdecide.areas.models import Area
from youdecide.areas.selectors import area_for_postcode, postcode_lookup_loaded
from youdecide.events.models import DecisionDay, PaperStatus, Slot
from youdecide.proposals.models import Proposal
from youdecide.results.ballots import area_election, election_digest
from youdecide.results.models import CountRun
from youdecide.voting.selectors import area_contains, ballot_proposals
from youdecide.voting.tokens import ALPHABET


def day_areas(event: DecisionDay) -> list[Area]:
    """The areas whose residents vote at the day, in the order the day's pages list them."""
    return list(event.areas.order_by("name", "pk"))


def slip_letters(event: DecisionDay) -> dict[int, str]:
    """On a day of several areas, a tablet slip begins with its area's letter, so that a tablet with no
    connection opens the right area's ballot; on a day of one area, any slip is of that area."""
    return letters_for(day_areas(event))


def letters_for(areas: Sequence[Area]) -> dict[int, str]:
    """The slip letters of a day of these areas (in the day's order): A, B, C..."""
    if len(areas) < 2:
        return {}
    return {area.pk: ALPHABET[10 + i] for i, area in enumerate(areas)}


def area_of_day(event: DecisionDay, area_id: int | str | None) -> Area | None:
    """The day's area with this id; with no id, the day's only area (None when it has several)."""
    areas = day_areas(event)
    if area_id in (None, ""):
        return areas[0] if len(areas) == 1 else None
    return next((area for area in areas if str(area.pk) == str(area_id)), None)


def postcode_area(event: DecisionDay, postcode: str) -> Area | None:
    """The day's area a postcode lies in, when the postcode directory is loaded and has it."""
    if not postcode_lookup_loaded():
        return None
    ward = area_for_postcode(postcode)
    if ward is None:
        return None
    return next((area for area in day_areas(event) if area_contains(area, ward)), None)


def day_proposals(event: DecisionDay) -> list[Proposal]:
    """Every area's ballot, area after area."""
    return [p for area in day_areas(event) for p in ballot_proposals(event.programme, area)]


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
    return list(event.slots.select_related("proposal__group", "proposal__area").order_by("position"))


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


class CountedProject(NamedTuple):
    """A project as it was when it was counted (a later edit or withdrawal does not change a count)."""

    reference: str
    title: str
    cost_pence: int


def count_table(run: CountRun) -> list[tuple[CountedProject, int, bool, str]]:
    """A count's projects, most support first: support, funded or not, and why."""
    by_reference = {
        row["reference"]: CountedProject(row["reference"], row["title"], int(row["cost_pence"]))
        for row in run.projects
    }
    if not by_reference:  # a count stored before its projects were kept with it
        by_reference = {
            p.reference: CountedProject(p.reference, p.title, p.cost_pence)
            for p in ballot_proposals(run.programme, run.area)
        }
    order = sorted(run.scores, key=lambda ref: (-run.scores[ref], ref))
    return [
        (by_reference[ref], run.scores[ref], ref in run.selected, run.explanations.get(ref, ""))
        for ref in order
        if ref in by_reference
    ]
