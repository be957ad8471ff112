"""Demo community capacity: support sessions past and upcoming with bookings and attendance, about thirty
local assets across the wards, and a few suggestions awaiting an officer. Made through the same services
officers, groups and residents use; safe to run twice (what is there already is left as it is)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from youdecide.accounts.models import Role, User
from youdecide.areas.models import Area, AreaKind
from youdecide.groups import services
from youdecide.groups.models import (
    Asset,
    AssetStatus,
    CommunityGroup,
    GroupMembership,
    MembershipRole,
    SessionTopic,
    SupportSession,
)

SESSION_TITLES = {
    SessionTopic.GOVERNANCE: "Governance drop-in: constitutions, bank accounts and policies",
    SessionTopic.FUNDING: "Finding funding: grants, local trusts and You Decide",
    SessionTopic.WRITING_BIDS: "Writing a bid: outcomes, budgets and evidence",
}
TOPICS = list(SESSION_TITLES)
# Months from now: three held already, two to come.
MONTHS = [-3, -2, -1, 1, 2]

# (name pattern, category, what it offers, opening times, contact): a few per ward, named after the ward.
ASSET_KINDS = [
    (
        "{ward} Community Centre",
        "venue",
        "Main hall for 80, meeting room and kitchen; step-free access.",
        "Monday to Saturday, 9am to 10pm",
        "Bookings via the centre office",
    ),
    (
        "{ward} Good Neighbours",
        "organisation",
        "Volunteers who shop, collect prescriptions and visit.",
        "Phone line Monday to Friday, 10am to 2pm",
        "Ask for the coordinator",
    ),
    (
        "{ward} Park Walking Group",
        "community_project",
        "A gentle hour's walk each week, all welcome.",
        "Wednesdays, 10am from the park gates",
        "The walk leader on the day",
    ),
    (
        "{ward} Food Pantry",
        "service",
        "Low-cost groceries for members; advice on bills and benefits.",
        "Thursdays, 1pm to 4pm",
        "At the pantry during opening hours",
    ),
    (
        "Bike repair know-how in {ward}",
        "skill",
        "Volunteers who teach simple bike repairs.",
        "First Saturday of the month",
        "Through the community centre",
    ),
]
SUGGESTIONS = [
    ("{ward} Repair Café", "community_project", "Bring broken things; volunteers help fix them."),
    ("{ward} Allotment Society", "organisation", "Plots, seed swaps and an open day each summer."),
    ("{ward} Men's Shed", "venue", "A workshop where men meet, make and mend."),
]


@dataclass
class CommunitySummary:
    sessions_created: int = 0
    bookings: int = 0
    attended: int = 0
    assets_created: int = 0
    suggestions_awaiting: int = 0
    assets_existing: int = 0


def _centre(area: Area) -> tuple[Decimal, Decimal] | None:
    """The middle of a ward's outline (the mean of its first ring's points), good enough for a dot."""
    geometry = area.boundary or {}
    coordinates = geometry.get("coordinates") or []
    if geometry.get("type") == "MultiPolygon" and coordinates:
        coordinates = coordinates[0]
    ring = coordinates[0] if coordinates else []
    if not ring:
        return None
    lon = sum(point[0] for point in ring) / len(ring)
    lat = sum(point[1] for point in ring) / len(ring)
    return Decimal(f"{lon:.6f}"), Decimal(f"{lat:.6f}")


def _lead(group: CommunityGroup) -> User | None:
    membership = (
        GroupMembership.objects.filter(group=group, role=MembershipRole.LEAD)
        .select_related("user")
        .order_by("joined_at")
        .first()
    )
    return membership.user if membership else None


def _seed_sessions(officer: User, now: datetime, summary: CommunitySummary) -> None:
    if SupportSession.objects.filter(created_by=officer).exists():
        return
    places = (
        Area.objects.filter(kind=AreaKind.SUB_REGION).order_by("name")[:3]
        or Area.objects.filter(kind=AreaKind.WARD).order_by("name")[:3]
    )
    all_groups = list(CommunityGroup.objects.order_by("pk"))
    leads = {group.pk: _lead(group) for group in all_groups}  # read once: booking changes no membership
    groups = [g for g in all_groups if leads[g.pk] is not None]
    today = timezone.localdate(now)
    for a, area in enumerate(places):
        for m, months in enumerate(MONTHS):
            topic = TOPICS[(a + m) % len(TOPICS)]
            day = today + timedelta(days=30 * months + 2 * a)
            starts = timezone.make_aware(datetime.combine(day, time(18, 0)))
            session = services.create_support_session(
                officer,
                area=area,
                topic=topic,
                title=SESSION_TITLES[topic],
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                venue=f"{area.name} library, community room",
                places=8,
                description="Bring your questions and any papers you have; a CVS adviser and a council "
                "officer are there to help.",
            )
            summary.sessions_created += 1
            before = starts - timedelta(days=10)
            first = (a * 7 + m * 3) % max(1, len(groups))
            booked = (groups[first:] + groups[:first])[:6]
            bookings = []
            for group in booked:
                lead = leads[group.pk]
                if lead is None:
                    continue
                bookings.append(services.book_session(lead, session, group, now=before))
                summary.bookings += 1
            if starts < now and bookings:
                came = {booking.pk: n % 4 != 3 for n, booking in enumerate(bookings)}
                services.record_attendance(officer, session, came, now=starts + timedelta(hours=1))
                summary.attended += sum(came.values())


def _seed_assets(officer: User, summary: CommunitySummary) -> None:
    drawn = [w for w in Area.objects.filter(kind=AreaKind.WARD).order_by("name") if w.boundary_geojson]
    wards = drawn[:: max(1, len(drawn) // 6)][:6]  # spread across the borough, not the first letters
    suggester = (
        User.objects.filter(role=Role.RESIDENT).order_by("pk").first()
        or User.objects.filter(role=Role.GROUP_MEMBER).order_by("pk").first()
        or officer
    )
    for w, ward in enumerate(wards):
        centre = _centre(ward)
        for k, (pattern, category, offers, opening, contact) in enumerate(ASSET_KINDS):
            name = pattern.format(ward=ward.name)
            if Asset.objects.filter(name=name).exists():
                summary.assets_existing += 1
                continue
            lon, lat = (None, None)
            if centre is not None and category != "skill":
                lon = centre[0] + Decimal("0.002") * (k - 2)
                lat = centre[1] + Decimal("0.0015") * ((k % 3) - 1)
            asset = services.suggest_asset(
                suggester,
                name=name,
                category=category,
                area=ward,
                description=offers,
                address=f"{ward.name}, Cheshire East" if category != "skill" else "",
                longitude=lon,
                latitude=lat,
                contact=contact,
                opening_times=opening,
            )
            services.approve_asset(officer, asset)
            summary.assets_created += 1
        if w < len(SUGGESTIONS):
            pattern, category, offers = SUGGESTIONS[w]
            name = pattern.format(ward=ward.name)
            if Asset.objects.filter(name=name).exists():
                summary.assets_existing += 1
                continue
            services.suggest_asset(suggester, name=name, category=category, area=ward, description=offers)
            summary.suggestions_awaiting += 1
    summary.suggestions_awaiting = Asset.objects.filter(status=AssetStatus.PENDING).count()


def seed_community(officer: User, now: datetime | None = None) -> CommunitySummary:
    """Support sessions (held and to come, with bookings and attendance), about thirty approved assets
    across six wards and three suggestions awaiting moderation. Running it again adds nothing."""
    moment = now or timezone.now()
    summary = CommunitySummary()
    _seed_sessions(officer, moment, summary)
    _seed_assets(officer, summary)
    return summary
