"""Every write of a Decision Day: set-up, running order, check-in, ballots on tablets and paper, feedback.

Each leaves an audit event with no personal data in it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from youdecide.areas.models import Area
from youdecide.audit.services import record_event
from youdecide.events.models import (
    BallotIssued,
    CheckIn,
    DecisionDay,
    EventStatus,
    Feedback,
    PaperBallot,
    PaperStatus,
    Slot,
)
from youdecide.events.printing import ballot_papers_pdf, code_cards_pdf
from youdecide.events.selectors import (
    area_of_day,
    day_areas,
    letters_for,
    postcode_area,
    slip_letters,
)
from youdecide.programmes.models import ConflictPolicy, InPersonPolicy, Programme
from youdecide.proposals.models import Proposal, ProposalStatus
from youdecide.voting import tokens
from youdecide.voting.errors import VotingRefused
from youdecide.voting.identity import Voter, VoterDetails
from youdecide.voting.models import IN_PERSON_CHANNELS, Ballot, Channel, CodeBatch, Participation
from youdecide.voting.selectors import (
    ballot_proposals,
    ballot_spec,
    left_out_proposals,
    voting_rules_for,
)
from youdecide.voting.services import (
    Receipt,
    admit_in_person,
    cast_ballot,
    kept_choices,
    record_paper_participation,
    store_paper_ballot,
)

# 8 random characters (40 bits), typed by an officer on the tablet; on a day of several areas the slip
# starts with its area's letter, so it is 9 characters long.
SLIP_RANDOM_LENGTH = 8
MAX_AREAS = 22  # one slip letter each
CHANGEOVER = timedelta(minutes=2)
WELCOME = timedelta(minutes=30)


# Setting up ---------------------------------------------------------------------------------------------


def _checked_areas(programme: Programme, areas: Sequence[Area]) -> list[Area]:
    """One or more areas, each with a pot in the programme."""
    areas = sorted({area.pk: area for area in areas}.values(), key=lambda area: (area.name, area.pk))
    if not areas:
        raise ValidationError({"areas": _("Choose at least one area whose residents vote at the day.")})
    if len(areas) > MAX_AREAS:
        raise ValidationError({"areas": _("A Decision Day serves at most %(n)d areas.") % {"n": MAX_AREAS}})
    with_pot = set(programme.area_pots.values_list("area_id", flat=True))
    without = [area.name for area in areas if area.pk not in with_pot]
    if without:
        raise ValidationError(
            {"areas": _("No pot in this programme for: %(areas)s.") % {"areas": ", ".join(without)}}
        )
    return areas


def create_decision_day(
    officer: Any,
    programme: Programme,
    areas: Sequence[Area],
    *,
    name: str,
    venue: str,
    starts_at: datetime,
    ends_at: datetime,
    address: str = "",
    accessibility: str = "",
    capacity: int = 150,
    pitch_minutes: int = 3,
) -> DecisionDay:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The Decision Day must end after it starts.")})
    areas = _checked_areas(programme, areas)
    base = slugify(f"{name} {starts_at:%Y-%m-%d}")[:140] or "decision-day"
    slug, n = base, 1
    while DecisionDay.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    with transaction.atomic():
        event = DecisionDay.objects.create(
            programme=programme,
            name=name.strip(),
            slug=slug,
            venue=venue.strip(),
            address=address.strip(),
            accessibility=accessibility.strip(),
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=capacity,
            pitch_minutes=pitch_minutes,
        )
        event.areas.set(areas)
        record_event(
            officer,
            "events.created",
            event,
            {"areas": [area.code for area in areas], "starts_at": starts_at.isoformat()},
        )
    return event


def can_change_set_up(event: DecisionDay) -> tuple[bool, str]:
    """The venue, times and running order can change until voting in the hall has closed."""
    if event.status == EventStatus.CLOSED:
        return False, _("%(event)s has closed: its set-up can no longer change.") % {"event": event.name}
    return True, ""


EDITABLE = ("venue", "address", "accessibility", "starts_at", "ends_at", "capacity", "pitch_minutes")


def update_decision_day(
    officer: Any, event: DecisionDay, *, areas: Sequence[Area] | None = None, **changes: Any
) -> DecisionDay:
    """New venue, access notes, times, places or areas; the running order's times follow new times, and
    a removed area's pitches leave it. An area can be removed only while no one has checked in for it."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    allowed, why = can_change_set_up(event)
    if not allowed:
        raise ValidationError(why)
    with transaction.atomic():
        event = DecisionDay.objects.select_for_update().get(pk=event.pk)
        changed = sorted(
            name
            for name, value in changes.items()
            if (value.strip() if isinstance(value, str) else value) != getattr(event, name)
        )
        for name in changed:
            value = changes[name]
            setattr(event, name, value.strip() if isinstance(value, str) else value)
        if event.ends_at <= event.starts_at:
            raise ValidationError({"ends_at": _("The Decision Day must end after it starts.")})
        checked_in = event.check_ins.count()
        if event.capacity < checked_in:
            raise ValidationError(
                {
                    "capacity": _("%(n)d people have checked in already: give at least that many places.")
                    % {"n": checked_in}
                }
            )
        before = day_areas(event)
        after = before if areas is None else _checked_areas(event.programme, areas)
        if [a.pk for a in after] != [a.pk for a in before]:
            removed = [a for a in before if a not in after]
            busy = [
                a.name
                for a in removed
                if event.check_ins.filter(area=a).exists() or event.papers.filter(area=a).exists()
            ]
            if busy:
                raise ValidationError(
                    {
                        "areas": _(
                            "Attendees have checked in or papers have been keyed for %(areas)s: "
                            "it stays an area of the day."
                        )
                        % {"areas": ", ".join(busy)}
                    }
                )
            _keep_slip_letters(event, before, after)
            event.areas.set(after)
            changed.append("areas")
        if not changed:
            return event
        event.save(update_fields=[name for name in changed if name != "areas"])
        if {"starts_at", "pitch_minutes", "areas"} & set(changed):
            kept = {a.pk for a in after}
            slots = event.slots.select_related("proposal").order_by("position")
            _time_slots(event, [slot.proposal for slot in slots if slot.proposal.area_id in kept])
        data: dict[str, Any] = {"changed": changed}
        if "areas" in changed:
            data["areas"] = [a.code for a in after]
        record_event(officer, "events.updated", event, data)
    return event


def _keep_slip_letters(event: DecisionDay, before: Sequence[Area], after: Sequence[Area]) -> None:
    """A tablet slip names its area by letter: the areas cannot change in a way that gives an area with
    slips out a new letter (a tablet with no connection would open the wrong ballot)."""
    old, new = letters_for(before), letters_for(after)
    with_slips = set(event.check_ins.filter(issued=BallotIssued.TABLET).values_list("area_id", flat=True))
    moved = [a.name for a in before if a.pk in with_slips and old.get(a.pk) != new.get(a.pk)]
    if moved:
        raise ValidationError(
            {
                "areas": _(
                    "Tablet slips are out for %(areas)s, and they name its area by letter: the areas "
                    "of the day cannot change like this now."
                )
                % {"areas": ", ".join(moved)}
            }
        )


def _time_slots(event: DecisionDay, proposals: Sequence[Proposal]) -> list[Slot]:
    step = timedelta(minutes=event.pitch_minutes) + CHANGEOVER
    Slot.objects.filter(event=event).delete()
    return Slot.objects.bulk_create(
        Slot(event=event, proposal=p, position=i, starts_at=event.starts_at + WELCOME + (i - 1) * step)
        for i, p in enumerate(proposals, start=1)
    )


def set_running_order(officer: Any, event: DecisionDay, proposals: Sequence[Proposal]) -> list[Slot]:
    """The projects pitch in this order, one slot each, from half an hour after the doors open; on a day of
    several areas, each area's projects pitch together, areas in the order the day lists them."""
    allowed, why = can_change_set_up(event)
    if not allowed:
        raise ValidationError(why)
    areas = day_areas(event)
    place = {area.pk: i for i, area in enumerate(areas)}
    wrong = [p.title for p in proposals if p.area_id not in place or p.status != ProposalStatus.ELIGIBLE]
    if wrong:
        raise ValidationError(
            _("Only eligible projects of %(area)s can pitch: %(titles)s.")
            % {"area": _(" or ").join(area.name for area in areas), "titles": ", ".join(wrong)}
        )
    if len({p.pk for p in proposals}) != len(proposals):
        raise ValidationError(_("A project can have only one slot."))
    proposals = sorted(proposals, key=lambda p: place[p.area_id])  # stable: the order within an area kept
    with transaction.atomic():
        slots = _time_slots(event, proposals)
        record_event(officer, "events.running_order_set", event, {"order": [p.reference for p in proposals]})
    return slots


def open_decision_day(officer: Any, event: DecisionDay) -> DecisionDay:
    return _set_status(officer, event, EventStatus.OPEN, "events.opened")


def close_decision_day(officer: Any, event: DecisionDay) -> DecisionDay:
    return _set_status(officer, event, EventStatus.CLOSED, "events.closed")


def _set_status(officer: Any, event: DecisionDay, status: str, action: str) -> DecisionDay:
    with transaction.atomic():
        event = DecisionDay.objects.select_for_update().get(pk=event.pk)
        if status == EventStatus.OPEN and event.status == EventStatus.CLOSED:
            raise ValidationError(_("This Decision Day has closed; it cannot open again."))
        before = event.status
        event.status = status
        if status == EventStatus.CLOSED and event.closed_at is None:
            event.closed_at = timezone.now()
        event.save(update_fields=["status", "closed_at"])
        record_event(officer, action, event, {"from": before})
    return event


def show_slot(officer: Any, event: DecisionDay, position: int) -> DecisionDay:
    """Put a project's pitch on the projector and start its timer (0: before the first pitch)."""
    last = event.slots.count()
    position = max(0, min(position, last + 1))
    with transaction.atomic():
        DecisionDay.objects.filter(pk=event.pk).update(
            current_position=position, slot_started_at=timezone.now()
        )
        event.refresh_from_db()
        record_event(officer, "events.slot_shown", event, {"position": position})
    return event


# Check-in and ballots -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckInResult:
    check_in: CheckIn
    note: str = ""


def voter_for(check_in: CheckIn) -> Voter:
    event = check_in.event
    return Voter(
        programme_id=event.programme_id,
        area_id=check_in.area_id,
        person_key=check_in.person_key,
        age_band=check_in.age_band,
        connection=check_in.connection,
        way_in="in_person",
        member_of=frozenset(check_in.member_of),
    )


def can_vote_in_the_hall(event: DecisionDay) -> tuple[bool, str]:
    """Check-in, handing out ballots and voting on a tablet happen only while the Decision Day is open."""
    if event.status == EventStatus.PLANNED:
        return False, _("%(event)s has not opened for voting yet.") % {"event": event.name}
    if event.status == EventStatus.CLOSED:
        return False, _("%(event)s has closed: voting in the hall is over.") % {"event": event.name}
    return True, ""


def can_store_tablet_ballot(event: DecisionDay, unlocked_at: datetime | None) -> tuple[bool, str]:
    """While the day is open, yes; after it closed, only a ballot unlocked on a tablet before the close
    (it waited on the tablet for the connection to come back: it was cast in time)."""
    open_, why = can_vote_in_the_hall(event)
    if open_ or event.status != EventStatus.CLOSED:
        return open_, why
    if unlocked_at is not None and event.closed_at is not None and unlocked_at <= event.closed_at:
        return True, ""
    return False, why


def attendee_area(event: DecisionDay, details: VoterDetails, area: Area | None = None) -> Area:
    """The area of the day the attendee votes in: the one the officer chose, else the day's only area, else
    the one their postcode is in (when the postcode directory is loaded)."""
    if area is not None:
        if area_of_day(event, area.pk) is None:
            raise VotingRefused(
                "area_not_at_day",
                _("%(area)s does not vote at %(event)s.") % {"area": area.name, "event": event.name},
            )
        return area
    found = area_of_day(event, None) or postcode_area(event, details.postcode)
    if found is None:
        raise VotingRefused(
            "area_needed",
            _("Choose the area the attendee votes in: %(areas)s.")
            % {"areas": _(" or ").join(a.name for a in day_areas(event))},
        )
    return found


def check_in_attendee(
    officer: Any, event: DecisionDay, details: VoterDetails, area: Area | None = None
) -> CheckInResult:
    """Eligibility in the attendee's area, then one person one vote across channels and events, then the
    attendee is marked in. A refusal leaves an audit event with its reason code only: nothing about the
    person."""
    try:
        return _check_in(officer, event, details, area)
    except VotingRefused as refused:
        record_event(officer, "events.check_in_refused", event, {"reason": refused.code})
        raise


def _check_in(officer: Any, event: DecisionDay, details: VoterDetails, chosen: Area | None) -> CheckInResult:
    open_, why = can_vote_in_the_hall(event)
    if not open_:
        raise VotingRefused("event_not_open", why)
    area = attendee_area(event, details, chosen)
    voter = admit_in_person(officer, event.programme, area, details)
    note = ""
    earlier = Participation.objects.filter(
        programme=event.programme, area=area, person_key=voter.person_key
    ).first()
    if earlier is not None:
        if earlier.channel in IN_PERSON_CHANNELS:
            raise VotingRefused(
                "already_voted",
                _("This person has already voted in person in %(area)s.") % {"area": area.name},
            )
        if voting_rules_for(event.programme).in_person_policy == InPersonPolicy.FIRST_WINS:
            raise VotingRefused(
                "already_voted",
                _("This person has already voted online; in this programme the first vote counts."),
            )
        note = _("This person voted online. Their vote here replaces the online one.")
    elsewhere = (
        CheckIn.objects.filter(event__programme=event.programme, area=area, person_key=voter.person_key)
        .exclude(event=event)
        .select_related("event")
        .first()
    )
    if elsewhere is not None:
        raise VotingRefused(
            "checked_in_elsewhere",
            _("This person checked in at %(event)s at %(time)s.")
            % {
                "event": elsewhere.event.name,
                "time": time_format(timezone.localtime(elsewhere.checked_in_at)),
            },
        )
    here = CheckIn.objects.filter(event=event, person_key=voter.person_key).first()
    if here is not None:
        if here.issued != BallotIssued.NONE:
            raise VotingRefused(
                "already_checked_in", _("This person has checked in and been given a ballot already.")
            )
        if here.area_id != area.pk:
            raise VotingRefused(
                "already_checked_in",
                _("This person has checked in here for %(area)s already.") % {"area": here.area.name},
            )
        return CheckInResult(here, note)
    try:
        with transaction.atomic():
            check_in = CheckIn.objects.create(
                event=event,
                area=area,
                person_key=voter.person_key,
                age_band=voter.age_band,
                connection=voter.connection,
                member_of=sorted(voter.member_of),
                checked_in_by=officer,
            )
            record_event(officer, "events.checked_in", event, {"age_band": voter.age_band, "area": area.code})
    except IntegrityError:
        raise VotingRefused(
            "already_checked_in", _("This person has just been checked in at another desk.")
        ) from None
    return CheckInResult(check_in, note)


def _ensure_open(event: DecisionDay) -> None:
    open_, why = can_vote_in_the_hall(DecisionDay.objects.get(pk=event.pk))
    if not open_:
        raise VotingRefused("event_not_open", why)


def issue_tablet_ballot(officer: Any, check_in: CheckIn) -> str:
    """A slip code the officer types on a tablet to unlock one ballot for this attendee."""
    _ensure_open(check_in.event)
    slip = tokens.normalise(tokens.new_code(), tokens.CODE_LENGTH)
    assert slip is not None
    slip = slip_letters(check_in.event).get(check_in.area_id, "") + slip[:SLIP_RANDOM_LENGTH]
    with transaction.atomic():
        updated = CheckIn.objects.filter(pk=check_in.pk, issued=BallotIssued.NONE).update(
            issued=BallotIssued.TABLET, tablet_slip_digest=tokens.keyed_digest("slip", slip)
        )
        if not updated:
            raise VotingRefused("already_issued", _("This attendee has been given a ballot already."))
        record_event(officer, "events.tablet_ballot_issued", check_in.event, {"area": check_in.area.code})
    return tokens.grouped(slip)


def _slip_check_in(event: DecisionDay, slip_text: str) -> CheckIn:
    slip = "".join(slip_text.split()).replace("-", "").upper()
    check_in = (
        CheckIn.objects.select_related("event", "area")
        .filter(event=event, tablet_slip_digest=tokens.keyed_digest("slip", slip))
        .first()
    )
    if check_in is None:
        raise VotingRefused(
            "slip_unknown", _("This is not a ballot slip of %(event)s.") % {"event": event.name}
        )
    return check_in


def unlock_tablet_ballot(event: DecisionDay, slip_text: str) -> tuple[Area, list[Proposal]]:
    """What a tablet asks when an officer types a slip while it has a connection: whether the slip can
    still vote, in which area, and which projects the attendee may not score (their own group's).
    Changes nothing."""
    _ensure_open(event)
    check_in = _slip_check_in(event, slip_text)
    if check_in.tablet_slip_used_at is not None:
        raise VotingRefused("slip_used", _("This ballot slip has been used."))
    return check_in.area, left_out_proposals(event.programme, check_in.area, frozenset(check_in.member_of))


def slip_area(event: DecisionDay, slip_text: str) -> Area:
    """The area of the attendee a slip was issued to (refused when it is not a slip of the day)."""
    return _slip_check_in(event, slip_text).area


def cast_tablet_ballot(
    officer: Any,
    event: DecisionDay,
    slip_text: str,
    choices: Mapping[int, int],
    idempotency_key: str,
    *,
    unlocked_at: datetime | None = None,
) -> Receipt:
    """A ballot from a tablet, perhaps sent again after the connection came back: stored once. After the
    day closed, only a ballot unlocked before the close is stored (`unlocked_at`, the tablet's clock)."""
    event = DecisionDay.objects.select_related("programme").get(pk=event.pk)
    check_in = _slip_check_in(event, slip_text)
    if check_in.tablet_slip_used_at is None:  # a used slip's ballot is a replay, or refused as one
        allowed, why = can_store_tablet_ballot(event, unlocked_at)
        if not allowed:
            raise VotingRefused("event_not_open", why)
    try:
        receipt = cast_ballot(
            voter_for(check_in),
            choices,
            idempotency_key=idempotency_key,
            channel=Channel.TABLET,
            actor=officer,
        )
    except VotingRefused as refused:
        if refused.code == "already_voted" and check_in.tablet_slip_used_at is not None:
            raise VotingRefused("slip_used", _("This ballot slip has been used.")) from None
        raise
    first_use = CheckIn.objects.filter(pk=check_in.pk, tablet_slip_used_at__isnull=True).update(
        tablet_slip_used_at=timezone.now()
    )
    if first_use and not receipt.replayed:
        record_event(
            officer,
            "events.tablet_ballot_received",
            event,
            {"after_close": event.status == EventStatus.CLOSED},
        )
    return receipt


def issue_paper_ballot(officer: Any, check_in: CheckIn) -> bool:
    """Hand the attendee the top paper from the pile: they have voted in person now (their online vote is
    replaced or they are refused, as the programme says). Which numbered paper they took is not recorded."""
    _ensure_open(check_in.event)
    with transaction.atomic():
        updated = CheckIn.objects.filter(pk=check_in.pk, issued=BallotIssued.NONE).update(
            issued=BallotIssued.PAPER
        )
        if not updated:
            raise VotingRefused("already_issued", _("This attendee has been given a ballot already."))
        replaced = record_paper_participation(voter_for(check_in), officer)
        DecisionDay.objects.filter(pk=check_in.event_id).update(papers_issued=F("papers_issued") + 1)
        record_event(officer, "events.paper_ballot_issued", check_in.event, {"area": check_in.area.code})
    return replaced


# Keying paper ballots -------------------------------------------------------------------------------------


def paper_area(event: DecisionDay, area: Area | None) -> Area:
    """The area a paper is of: as keyed, or the day's only area."""
    found = area_of_day(event, area.pk if area is not None else None)
    if found is None:
        if area is not None:
            raise VotingRefused(
                "area_not_at_day",
                _("%(area)s does not vote at %(event)s.") % {"area": area.name, "event": event.name},
            )
        raise VotingRefused(
            "area_needed",
            _("Say which area's paper this is: %(areas)s.")
            % {"areas": _(" or ").join(a.name for a in day_areas(event))},
        )
    return found


def _same_area(paper: PaperBallot, area: Area) -> None:
    if paper.area_id != area.pk:
        raise VotingRefused(
            "wrong_area",
            _("Paper %(n)d is a paper of %(area)s: key it there.")
            % {"n": paper.number, "area": paper.area.name},
        )


def struck_out_groups(event: DecisionDay, area: Area, struck_out: Collection[int]) -> frozenset[int]:
    """The groups whose projects the desk struck out on a paper handed to one of their members (under the
    programme's "leave out own project" rule); a project struck out under another rule is refused."""
    if not struck_out:
        return frozenset()
    if voting_rules_for(event.programme).conflict_policy != ConflictPolicy.LEAVE_OUT_OWN:
        raise VotingRefused(
            "ballot_invalid",
            _(
                "This programme does not leave group members' own projects out: "
                "nothing is struck out on a paper."
            ),
        )
    return frozenset(p.group_id for p in ballot_proposals(event.programme, area) if p.pk in struck_out)


def _checked(
    event: DecisionDay, area: Area, choices: Mapping[int, int], member_of: frozenset[int]
) -> dict[str, int]:
    """The choices as they count: a score for a struck-out project (the voter's own group's) is left out."""
    kept = kept_choices(event.programme, area, member_of, choices)
    return {str(pid): value for pid, value in sorted(kept.items())}


def _store(event: DecisionDay, area: Area, keyed: Mapping[str, int], member_of: frozenset[int]) -> Ballot:
    return store_paper_ballot(
        event.programme, area, {int(k): v for k, v in keyed.items()}, member_of=member_of
    )


def key_paper_ballot(
    officer: Any,
    event: DecisionDay,
    number: int,
    choices: Mapping[int, int],
    *,
    area: Area | None = None,
    struck_out: Collection[int] = (),
) -> PaperBallot:
    """One officer's keying of a paper of `area` (on a day of one area, its area). The second keying, by
    another officer, accepts it if the two agree. `struck_out`: the projects the desk struck out on the
    paper (the voter's own group's)."""
    area = paper_area(event, area)
    member_of = struck_out_groups(event, area, struck_out)
    keyed = _checked(event, area, choices, member_of)
    with transaction.atomic():
        paper, _created = PaperBallot.objects.select_for_update().get_or_create(
            event=event, number=number, defaults={"area": area}
        )
        _same_area(paper, area)
        if paper.status == PaperStatus.ISSUED:
            paper.first_keying, paper.first_keyed_by, paper.status = keyed, officer, PaperStatus.KEYED_ONCE
        elif paper.status == PaperStatus.KEYED_ONCE:
            if paper.first_keyed_by_id == officer.pk:
                raise VotingRefused(
                    "same_officer", _("Paper %(n)d needs keying by a second officer.") % {"n": number}
                )
            paper.second_keying, paper.second_keyed_by = keyed, officer
            paper.status = PaperStatus.ACCEPTED if keyed == paper.first_keying else PaperStatus.MISMATCH
        else:
            raise VotingRefused(
                "paper_done",
                _("Paper %(n)d is %(status)s already.")
                % {"n": number, "status": paper.get_status_display().lower()},
            )
        if paper.status == PaperStatus.ACCEPTED:
            paper.ballot = _store(event, area, keyed, member_of)
        paper.save()
        record_event(
            officer,
            "events.paper_keyed",
            event,
            {"number": number, "status": paper.status, "area": area.code},
        )
    return paper


def reconcile_paper_ballot(
    officer: Any,
    event: DecisionDay,
    number: int,
    choices: Mapping[int, int],
    *,
    area: Area | None = None,
    struck_out: Collection[int] = (),
) -> PaperBallot:
    """A third officer reads the paper where two keyings differ, and what they key is accepted."""
    area = paper_area(event, area)
    member_of = struck_out_groups(event, area, struck_out)
    keyed = _checked(event, area, choices, member_of)
    with transaction.atomic():
        paper = PaperBallot.objects.select_for_update().filter(event=event, number=number).first()
        if paper is None or paper.status != PaperStatus.MISMATCH:
            raise VotingRefused("no_mismatch", _("Paper %(n)d has no keyings to reconcile.") % {"n": number})
        _same_area(paper, area)
        if officer.pk in (paper.first_keyed_by_id, paper.second_keyed_by_id):
            raise VotingRefused(
                "same_officer",
                _("A third officer, who did not key paper %(n)d, reconciles it.") % {"n": number},
            )
        paper.reconciled_by, paper.status = officer, PaperStatus.ACCEPTED
        paper.ballot = _store(event, area, keyed, member_of)
        paper.save()
        record_event(officer, "events.paper_reconciled", event, {"number": number})
    return paper


def spoil_paper_ballot(
    officer: Any, event: DecisionDay, number: int, reason: str, *, area: Area | None = None
) -> PaperBallot:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the paper is spoiled.")})
    area = paper_area(event, area)
    with transaction.atomic():
        paper, _created = PaperBallot.objects.select_for_update().get_or_create(
            event=event, number=number, defaults={"area": area}
        )
        _same_area(paper, area)
        if paper.status == PaperStatus.ACCEPTED:
            raise VotingRefused("paper_done", _("Paper %(n)d has been accepted and counts.") % {"n": number})
        paper.status, paper.spoiled_reason = PaperStatus.SPOILED, reason.strip()[:200]
        paper.save()
        record_event(
            officer, "events.paper_spoiled", event, {"number": number, "reason": paper.spoiled_reason}
        )
    return paper


# Feedback -------------------------------------------------------------------------------------------------


def record_feedback(event: DecisionDay, *, given_on: date | None = None, **answers: Any) -> Feedback:
    """Anonymous: no check-in, no ballot, no time of day; only the date (today unless `given_on`, for
    forms filled in on paper at the day and typed in later)."""
    allowed = {"more_connected", "learnt_about_groups", "first_time", "age_band", "comment"}
    unknown = set(answers) - allowed
    if unknown:
        raise ValueError(f"not feedback questions: {sorted(unknown)}")
    with transaction.atomic():
        feedback = Feedback.objects.create(event=event, given_on=given_on or timezone.localdate(), **answers)
        record_event(_("attendee"), "events.feedback_received", event, {})
    return feedback


# Printing -------------------------------------------------------------------------------------------------


def print_ballot_papers(
    officer: Any, event: DecisionDay, first: int, count: int, *, large: bool, area: Area | None = None
) -> bytes:
    """Numbered ballot papers of one area as a PDF (numbers run across the day's areas); which numbers
    were printed, of which area and in which print, is on the record."""
    area = paper_area(event, area)
    pdf = ballot_papers_pdf(
        event.name,
        area.name,
        ballot_spec(event.programme, area),
        ballot_proposals(event.programme, area),
        first,
        count,
        large=large,
    )
    record_event(
        officer,
        "events.ballot_papers_printed",
        event,
        {"first": first, "last": first + count - 1, "large_print": large, "area": area.code},
    )
    return pdf


def print_code_cards(officer: Any, batch: CodeBatch, url: str, codes: Sequence[str]) -> bytes:
    """A batch's voting-code cards as a PDF; how many were printed is on the record (never the codes)."""
    pdf = code_cards_pdf(batch.programme.name, batch.area.name, url, codes)
    record_event(officer, "voting.code_cards_printed", batch, {"cards": len(codes)})
    return pdf
