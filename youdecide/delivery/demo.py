"""Demo delivery: grants for every project a programme's published counts funded, in the states a real
year of delivery leaves them, made through the same services officers and groups use. Safe to run twice."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from youdecide.accounts.models import STAFF_ROLES, User
from youdecide.delivery import services
from youdecide.delivery.models import DeliveryStatus, Grant, GrantStatus, MonitoringReturn, UnderspendRoute
from youdecide.delivery.selectors import declared_unspent, funded_proposals
from youdecide.groups.models import MembershipRole
from youdecide.programmes.models import PhaseKind, Programme
from youdecide.proposals.models import Proposal

# What each funded project's year looks like, in turn.
ON_TRACK, AWAITING, CHANGES_ASKED = "on track", "awaiting review", "changes asked"
COMPLETED, DELAYED, OFFERED = "completed", "delayed", "offered"
STORIES = [ON_TRACK, CHANGES_ASKED, COMPLETED, DELAYED, AWAITING, OFFERED]

INDICATORS = {
    "physical-activity": "Participants doing 30 minutes' more activity a week",
    "healthy-eating": "Participants eating five portions of fruit and vegetables a day",
    "mental-wellbeing": "Participants whose wellbeing score (WEMWBS) rose",
    "smoking": "Participants who stopped smoking for four weeks",
    "social-isolation": "People who say they feel less lonely",
}
STORY_LINES = [
    "{n} people came along in the first weeks; several now bring a friend.",
    "One regular told us it is the first time in years she has looked forward to a Tuesday.",
    "Volunteers from the group now run the sessions themselves, with the coach on hand.",
]
PHOTO_SCENES = [
    ("Participants warming up together in the community hall", (46, 125, 50)),
    ("Volunteers setting out tables and chairs before a session", (21, 101, 192)),
    ("A group walking along a canal towpath on a sunny morning", (239, 108, 0)),
]


@dataclass
class DeliverySummary:
    grants_created: int = 0
    grants_existing: int = 0
    payments: int = 0
    returns_accepted: int = 0
    returns_sent_back: int = 0
    photos: int = 0
    completed: int = 0


def demo_photo(caption: str, colour: tuple[int, int, int], seed: int) -> bytes:
    """A small picture drawn with Pillow: a sky, ground and figures, as a JPEG."""
    rng = random.Random(seed)
    image = Image.new("RGB", (640, 420), (200, 225, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 280, 640, 420), fill=colour)
    draw.ellipse((520, 30, 600, 110), fill=(255, 214, 0))
    for person in range(rng.randint(5, 9)):
        x = 40 + person * 65 + rng.randint(-10, 10)
        draw.ellipse((x, 190, x + 26, 216), fill=(90, 60, 40))
        draw.rectangle(
            (x + 4, 216, x + 22, 280), fill=rng.choice([(200, 40, 40), (40, 40, 160), (30, 30, 30)])
        )
    draw.text((20, 390), caption[:60], fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def _officer(programme: Programme) -> User:
    creator = programme.created_by
    if creator is not None and creator.is_officer:
        return creator
    officer = User.objects.filter(role__in=STAFF_ROLES, is_active=True).order_by("pk").first()
    if officer is None:
        raise ValueError("Demo delivery needs a council officer's account.")
    return officer


def _group_lead(proposal: Proposal) -> User | None:
    memberships = proposal.group.memberships.select_related("user").order_by("joined_at")
    membership = memberships.filter(role=MembershipRole.LEAD).first() or memberships.first()
    return membership.user if membership else None


def _start(programme: Programme, today: date) -> date:
    """The first day of delivery: the delivery phase's, kept between 160 days and a year ago so that the
    demo shows returns accepted, due and late."""
    phase = programme.phases.filter(kind=PhaseKind.DELIVERY).first()
    start = timezone.localdate(phase.starts_at) if phase else today - timedelta(days=200)
    return min(max(start, today - timedelta(days=365)), today - timedelta(days=200))


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _send(
    lead: User, monitoring_return: MonitoringReturn, share: int, story: str, when: datetime, people: int
) -> None:
    grant = monitoring_return.grant
    lines = list(grant.proposal.budget_lines.all())
    spend = {line.pk: line.amount_pence * share // 100 for line in lines}
    over = sum(spend.values()) - grant.amount_pence
    if over > 0 and lines:
        spend[lines[-1].pk] -= over
    services.submit_return(
        lead,
        monitoring_return,
        reached={
            "reached_under_16": people // 10,
            "reached_16_24": people // 8,
            "reached_25_49": people // 4,
            "reached_50_64": people // 4,
            "reached_65_plus": people - people // 10 - people // 8 - 2 * (people // 4),
        },
        activities=f"{4 + share // 10} weekly sessions and one open day, led by two trained volunteers.",
        story=story,
        spend=spend,
        results={target.pk: target.target_value * share // 100 for target in grant.targets.all()},
        now=when,
    )


def _photograph(lead: User, monitoring_return: MonitoringReturn, seed: int, summary: DeliverySummary) -> None:
    for number, (caption, colour) in enumerate(PHOTO_SCENES[: 1 + seed % 3]):
        upload = SimpleUploadedFile(
            f"photo-{seed}-{number}.jpg", demo_photo(caption, colour, seed * 10 + number)
        )
        services.add_return_photo(lead, monitoring_return, upload, caption)
        summary.photos += 1


def _deliver(
    officer: User, proposal: Proposal, story: str, today: date, seed: int, summary: DeliverySummary
) -> None:
    start = _start(proposal.programme, today)
    short = story == COMPLETED
    ends = start + timedelta(days=120 if short else 364)
    first = proposal.cost_pence * 60 // 100
    second_due = start + timedelta(days=90 if short else 150)
    grant = services.create_grant(
        officer,
        proposal,
        starts_on=start,
        ends_on=ends,
        tranches=[(start, first), (second_due, proposal.cost_pence - first)],
        conditions="Sessions are free to attend. The council's logo appears on publicity. "
        "Any money not spent is returned or, with the council's agreement, used in the next round.",
        now=_at(start - timedelta(days=21)),
    )
    summary.grants_created += 1
    people = max(12, proposal.expected_beneficiaries or 30)
    for outcome in proposal.outcomes.filter(programmes=proposal.programme)[:2]:
        services.add_target(
            officer,
            grant,
            outcome=outcome,
            indicator=INDICATORS.get(outcome.slug, f"People reporting {outcome.name.lower()}"),
            target_value=max(10, people * 2 // 3),
        )
    milestones = [
        ("Volunteers recruited and venue booked", start + timedelta(days=30)),
        ("Sessions running every week", start + timedelta(days=(ends - start).days // 2)),
        ("Celebration event and final evaluation", ends - timedelta(days=14)),
    ]
    for title, due in milestones:
        services.add_milestone(officer, grant, title=title, due_on=due)
    lead = _group_lead(proposal)
    if story == OFFERED or lead is None:
        return
    services.accept_grant(lead, grant, str(lead), now=_at(start - timedelta(days=14)))
    for tranche in grant.tranches.all():
        if tranche.due_on <= today and (tranche.number == 1 or story in {COMPLETED, ON_TRACK, AWAITING}):
            services.record_payment(
                officer,
                tranche,
                paid_on=tranche.due_on,
                reference=f"CEC-{proposal.reference}-{tranche.number}",
                now=_at(tranche.due_on, 15),
            )
            summary.payments += 1
    for milestone in grant.milestones.all():
        if milestone.due_on < today - timedelta(days=7) and story != DELAYED:
            services.update_milestone(officer, milestone, progress_percent=100, done_on=milestone.due_on)
        elif milestone.due_on < today + timedelta(days=60):
            services.update_milestone(officer, milestone, progress_percent=40 if story == DELAYED else 70)
    line = STORY_LINES[seed % len(STORY_LINES)].format(n=people)
    owed = [r for r in grant.returns.all() if r.due_on <= today]
    for monitoring_return in owed:
        sent = _at(monitoring_return.due_on - timedelta(days=3))
        share = 95 if monitoring_return.kind == "final" else min(90, 35 * monitoring_return.number)
        late = story == DELAYED and monitoring_return.number > 1
        if late:
            break
        _photograph(lead, monitoring_return, seed + monitoring_return.number, summary)
        _send(lead, monitoring_return, share, line, sent, people)
        if story == CHANGES_ASKED and monitoring_return.number == 2:
            services.request_return_changes(
                officer,
                monitoring_return,
                "Please split the spend on hall hire by month and say how many sessions were cancelled.",
                now=sent + timedelta(days=2),
            )
            summary.returns_sent_back += 1
            continue
        if story == AWAITING and monitoring_return == owed[-1]:
            continue
        services.accept_return(officer, monitoring_return, "Thank you.", now=sent + timedelta(days=2))
        summary.returns_accepted += 1
    grant.refresh_from_db()
    status = {
        ON_TRACK: DeliveryStatus.ON_TRACK,
        AWAITING: DeliveryStatus.ON_TRACK,
        CHANGES_ASKED: DeliveryStatus.AT_RISK,
        DELAYED: DeliveryStatus.DELAYED,
        COMPLETED: DeliveryStatus.ON_TRACK,
    }[story]
    services.set_delivery_status(officer, grant, status, "From the latest return and a call with the group.")
    if story == COMPLETED and grant.returns.filter(kind="final", status="accepted").exists():
        services.close_grant(
            officer,
            grant,
            outcome=GrantStatus.COMPLETED,
            declared_unspent_pence=declared_unspent(grant),
            route=UnderspendRoute.RETURNED,
            note="Delivered as agreed; the unspent money was returned to the council.",
            now=_at(ends + timedelta(days=40)),
        )
        summary.completed += 1


def seed_delivery(programme: Programme, now: datetime | None = None) -> DeliverySummary:
    """Grants for every funded proposal of the programme's published counts, in varied states: offered,
    accepted and paid, returns accepted, sent back and late, milestones and ratings, one completed with its
    underspend returned. Proposals that have a grant already are left as they are."""
    today = timezone.localdate(now or timezone.now())
    officer = _officer(programme)
    summary = DeliverySummary()
    existing = set(Grant.objects.filter(proposal__programme=programme).values_list("proposal_id", flat=True))
    for index, proposal in enumerate(funded_proposals(programme)):
        if proposal.pk in existing:
            summary.grants_existing += 1
            continue
        _deliver(officer, proposal, STORIES[index % len(STORIES)], today, index, summary)
    return summary
