"""Every write to community groups, their members and governance checklists."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from youdecide.accounts.models import NotificationKind, Role
from youdecide.accounts.notifications import notify
from youdecide.areas.models import Area
from youdecide.audit.services import record_event
from youdecide.groups.documents import checked_document
from youdecide.groups.models import (
    Asset,
    AssetCategory,
    AssetStatus,
    CommunityGroup,
    GovernanceCheck,
    GovernanceDocument,
    GovernanceItem,
    GovernanceStatus,
    GroupMembership,
    MembershipRole,
    SessionBooking,
    SessionTopic,
    SupportSession,
)
from youdecide.groups.rules import (
    can_add_members,
    can_book_session,
    can_cancel_booking,
    can_manage_group,
    can_mark_attendance,
    can_moderate_assets,
    can_run_sessions,
    can_suggest_asset,
)

# Addresses the group portal uses for its own pages: a group called "Register" must not hide them.
RESERVED_SLUGS = frozenset({"register", "sessions", "capacity"})


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "group"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or CommunityGroup.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def register_group(
    actor: Any,
    *,
    name: str,
    kind: str,
    contact_name: str,
    contact_email: str,
    area: Area | None = None,
    description: str = "",
    charity_number: str = "",
    company_number: str = "",
    contact_phone: str = "",
    address: str = "",
    website: str = "",
) -> CommunityGroup:
    """Register a group; the person registering becomes its lead contact."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to register a group."))
    if CommunityGroup.objects.filter(name__iexact=name.strip()).exists():
        raise ValidationError({"name": _("A group called %(name)s is already registered.") % {"name": name}})
    group = CommunityGroup.objects.create(
        name=name.strip(),
        slug=_unique_slug(name),
        kind=kind,
        description=description,
        area=area,
        charity_number=charity_number,
        company_number=company_number,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        address=address,
        website=website,
    )
    GroupMembership.objects.create(group=group, user=actor, role=MembershipRole.LEAD)
    GovernanceCheck.objects.bulk_create(
        GovernanceCheck(group=group, item=item) for item in GovernanceItem.values
    )
    if actor.role == Role.RESIDENT:
        actor.role = Role.GROUP_MEMBER
        actor.save(update_fields=["role"])
    record_event(actor, "group.registered", group, {"name": group.name, "kind": kind})
    return group


@transaction.atomic
def add_member(
    actor: Any, group: CommunityGroup, *, email: str, name: str = "", role: str = MembershipRole.MEMBER
) -> GroupMembership:
    """Add a member by email; an account is made for them if they have none (they set a password by reset)."""
    allowed, reason = can_add_members(actor, group)
    if not allowed:
        raise PermissionDenied(reason)
    user_model = get_user_model()
    email = user_model.objects.normalize_email(email).lower()
    user = user_model.objects.filter(email__iexact=email).first()
    if user is None:
        user = user_model.objects.create_user(
            username=email, email=email, display_name=name, role=Role.GROUP_MEMBER
        )
        user.set_unusable_password()
        user.save()
    if GroupMembership.objects.filter(group=group, user=user).exists():
        raise ValidationError({"email": _("%(email)s is already a member.") % {"email": email}})
    membership = GroupMembership.objects.create(group=group, user=user, role=role)
    if user.role == Role.RESIDENT:
        user.role = Role.GROUP_MEMBER
        user.save(update_fields=["role"])
    record_event(actor, "group.member_added", group, {"user": user.pk, "role": role})
    return membership


@transaction.atomic
def update_governance_check(
    actor: Any, group: CommunityGroup, *, item: str, status: str, note: str = ""
) -> GovernanceCheck:
    """Groups mark items provided or not applicable; only officers may mark an item verified."""
    if not can_manage_group(actor, group):
        raise PermissionDenied(_("You are not a member of this group."))
    if item not in GovernanceItem.values:
        raise ValidationError({"item": _("%(item)s is not a governance item.") % {"item": item}})
    if status not in GovernanceStatus.values:
        raise ValidationError({"status": _("%(status)s is not a status.") % {"status": status}})
    if status == GovernanceStatus.VERIFIED and not getattr(actor, "is_officer", False):
        raise PermissionDenied(_("Only a council officer can mark an item as checked."))
    check, _created = GovernanceCheck.objects.select_for_update().get_or_create(group=group, item=item)
    before = check.status
    check.status = status
    check.note = note
    if status == GovernanceStatus.VERIFIED and before != GovernanceStatus.VERIFIED:
        check.verified_at, check.verified_by = timezone.now(), actor
    elif status != GovernanceStatus.VERIFIED:
        check.verified_at, check.verified_by = None, None
    check.save()
    record_event(actor, "group.governance_updated", group, {"item": item, "from": before, "to": status})
    return check


@transaction.atomic
def update_governance_checklist(
    actor: Any, group: CommunityGroup, changes: Mapping[str, tuple[str, str]]
) -> list[GovernanceCheck]:
    """Save the whole checklist at once: ``{item: (status, note)}``; unchanged items are left alone."""
    if not can_manage_group(actor, group):
        raise PermissionDenied(_("You are not a member of this group."))
    current = {check.item: check for check in GovernanceCheck.objects.filter(group=group)}
    updated = []
    for item, (status, note) in changes.items():
        check = current.get(item)
        if check is not None and check.status == status and check.note == note:
            continue
        updated.append(update_governance_check(actor, group, item=item, status=status, note=note))
    return updated


def add_governance_document(
    actor: Any, group: CommunityGroup, *, item: str, upload: UploadedFile
) -> GovernanceDocument:
    """A document for a checklist item, checked by its content; the item is then provided and awaits the
    council's check again (a new document, say a renewed insurance certificate, needs checking afresh)."""
    if not can_manage_group(actor, group):
        raise PermissionDenied(_("You are not a member of this group."))
    if item not in GovernanceItem.values:
        raise ValidationError({"item": _("%(item)s is not a governance item.") % {"item": item}})
    content_type, extension, content = checked_document(upload)
    with transaction.atomic():
        check, _created = GovernanceCheck.objects.select_for_update().get_or_create(group=group, item=item)
        before = check.status
        document = GovernanceDocument(
            governance_check=check,
            original_name=(upload.name or "document")[:200],
            content_type=content_type,
            size=len(content),
            uploaded_by=actor,
        )
        document.file.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(content), save=False)
        document.save()
        check.status = GovernanceStatus.PROVIDED
        check.verified_at, check.verified_by = None, None
        check.save()
        record_event(
            actor,
            "group.governance_document_added",
            group,
            {"item": item, "document": document.pk, "name": document.original_name, "from": before},
        )
    return document


def remove_governance_document(actor: Any, document: GovernanceDocument) -> None:
    group = document.governance_check.group
    if not can_manage_group(actor, group):
        raise PermissionDenied(_("You are not a member of this group."))
    with transaction.atomic():
        record_event(
            actor,
            "group.governance_document_removed",
            group,
            {"item": document.governance_check.item, "document": document.pk},
        )
        name, storage = document.file.name, document.file.storage
        document.delete()
        transaction.on_commit(lambda: storage.delete(name))  # the file goes once the row is gone


# Support sessions ------------------------------------------------------------------------------------


def _refuse(allowed: tuple[bool, str]) -> None:
    ok, reason = allowed
    if not ok:
        raise PermissionDenied(reason)


@transaction.atomic
def create_support_session(
    actor: Any,
    *,
    area: Area,
    topic: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    venue: str,
    places: int,
    description: str = "",
    run_with: str = "CVS Cheshire East",
) -> SupportSession:
    if not can_run_sessions(actor):
        raise PermissionDenied(_("Only a council officer can set up a support session."))
    if topic not in SessionTopic.values:
        raise ValidationError({"topic": _("%(topic)s is not a session topic.") % {"topic": topic}})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The session must end after it starts.")})
    if places < 1:
        raise ValidationError({"places": _("A session needs at least one place.")})
    session = SupportSession.objects.create(
        area=area,
        topic=topic,
        title=title.strip(),
        description=description,
        starts_at=starts_at,
        ends_at=ends_at,
        venue=venue.strip(),
        run_with=run_with.strip(),
        places=places,
        created_by=actor,
    )
    record_event(
        actor,
        "group.session_created",
        session,
        {"area": area.code, "topic": topic, "starts_at": starts_at, "places": places},
    )
    return session


def book_session(
    actor: Any, session: SupportSession, group: CommunityGroup, now: datetime | None = None
) -> SessionBooking:
    """A member books a place for their group; the session row is locked so the last place goes once."""
    moment = now or timezone.now()
    try:
        with transaction.atomic():
            locked = SupportSession.objects.select_for_update().get(pk=session.pk)
            _refuse(can_book_session(actor, locked, group, moment))
            booking = SessionBooking.objects.create(session=locked, group=group, booked_by=actor)
            record_event(
                actor, "group.session_booked", group, {"session": locked.pk, "starts_at": locked.starts_at}
            )
    except IntegrityError:
        raise PermissionDenied(
            _("%(group)s already has a place at this session.") % {"group": group}
        ) from None
    return booking


@transaction.atomic
def cancel_session_booking(actor: Any, booking: SessionBooking, now: datetime | None = None) -> None:
    _refuse(can_cancel_booking(actor, booking, now or timezone.now()))
    record_event(actor, "group.session_cancelled", booking.group, {"session": booking.session_id})
    booking.delete()


@transaction.atomic
def record_attendance(
    actor: Any, session: SupportSession, attended: Mapping[int, bool], now: datetime | None = None
) -> int:
    """Mark each booked group as attended or not (``{booking id: attended}``); returns how many changed."""
    _refuse(can_mark_attendance(actor, session, now or timezone.now()))
    bookings = {b.pk: b for b in SessionBooking.objects.select_for_update().filter(session=session)}
    unknown = set(attended) - set(bookings)
    if unknown:
        raise ValidationError(_("Some of these bookings are not for this session."))
    changed = 0
    for pk, came in attended.items():
        booking = bookings[pk]
        if booking.attended == came:
            continue
        booking.attended, booking.attendance_marked_by = came, actor
        booking.save(update_fields=["attended", "attendance_marked_by"])
        record_event(
            actor, "group.session_attendance", booking.group, {"session": session.pk, "attended": came}
        )
        changed += 1
    return changed


REMINDER_NOTICE = timedelta(days=1)


def send_session_reminders(now: datetime | None = None) -> int:
    """Email whoever booked each place at a session starting within a day: once per booking, however often
    this runs (the booking is claimed by a conditional update before the email goes). Returns how many."""
    moment = now or timezone.now()
    due = SessionBooking.objects.filter(
        reminder_sent_at__isnull=True,
        session__starts_at__gt=moment,
        session__starts_at__lte=moment + REMINDER_NOTICE,
    ).select_related("session__area", "group", "booked_by")
    sent = 0
    for booking in due:
        claimed = SessionBooking.objects.filter(pk=booking.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=moment
        )
        if claimed != 1:
            continue
        session = booking.session
        recipient = (booking.booked_by.email if booking.booked_by else "") or booking.group.contact_email
        local_start = timezone.localtime(session.starts_at)
        values = {
            "title": session.title,
            "group": booking.group.name,
            "when": local_start.strftime("%d/%m/%Y %H:%M"),
            "venue": session.venue,
            "partner": session.run_with,
        }
        subject = _("Reminder: %(title)s on %(when)s") % values
        body = (
            _(
                "%(group)s has a place at %(title)s, run with %(partner)s, on %(when)s at %(venue)s. "
                "If you can no longer come, cancel the place from the support sessions page so another "
                "group can have it."
            )
            % values
        )
        sent += notify(recipient, NotificationKind.SESSION_REMINDER, subject, body)
    return sent


# The asset map ------------------------------------------------------------------------------------------


@transaction.atomic
def suggest_asset(
    actor: Any,
    *,
    name: str,
    category: str,
    area: Area,
    description: str = "",
    address: str = "",
    longitude: Decimal | None = None,
    latitude: Decimal | None = None,
    contact: str = "",
    website: str = "",
    opening_times: str = "",
    group: CommunityGroup | None = None,
) -> Asset:
    """A resident or group suggests an entry; it is public only once an officer approves it."""
    _refuse(can_suggest_asset(actor))
    if category not in AssetCategory.values:
        raise ValidationError({"category": _("%(category)s is not a category.") % {"category": category}})
    if (longitude is None) != (latitude is None):
        raise ValidationError({"longitude": _("Give both the longitude and the latitude, or neither.")})
    if longitude is not None and not -180 <= longitude <= 180:
        raise ValidationError({"longitude": _("A longitude is between -180 and 180.")})
    if latitude is not None and not -90 <= latitude <= 90:
        raise ValidationError({"latitude": _("A latitude is between -90 and 90.")})
    if group is not None and not can_manage_group(actor, group):
        raise PermissionDenied(_("You are not a member of this group."))
    asset = Asset.objects.create(
        name=name.strip(),
        category=category,
        area=area,
        description=description,
        address=address.strip(),
        longitude=longitude,
        latitude=latitude,
        contact=contact.strip(),
        website=website,
        opening_times=opening_times.strip(),
        suggested_by=actor,
        group=group,
    )
    record_event(actor, "asset.suggested", asset, {"name": asset.name, "category": category})
    return asset


def _moderate(actor: Any, asset: Asset, status: str, reason: str) -> Asset:
    if not can_moderate_assets(actor):
        raise PermissionDenied(_("Only a council officer can decide what goes on the asset map."))
    with transaction.atomic():
        locked = Asset.objects.select_for_update().get(pk=asset.pk)
        before = locked.status
        locked.status, locked.rejection_reason = status, reason
        locked.moderated_by, locked.moderated_at = actor, timezone.now()
        locked.save(update_fields=["status", "rejection_reason", "moderated_by", "moderated_at"])
        record_event(actor, f"asset.{status}", locked, {"from": before, "to": status, "reason": reason})
    return locked


def approve_asset(actor: Any, asset: Asset) -> Asset:
    return _moderate(actor, asset, AssetStatus.APPROVED, "")


def reject_asset(actor: Any, asset: Asset, reason: str) -> Asset:
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Say why the entry is not added: the person who suggested it reads this.")}
        )
    return _moderate(actor, asset, AssetStatus.REJECTED, reason.strip())
