"""Who may act for a community group."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from youdecide.groups.models import (
    Asset,
    AssetStatus,
    CommunityGroup,
    GovernanceStatus,
    GroupMembership,
    MembershipRole,
    SessionBooking,
    SupportSession,
)


def is_member(user: Any, group: CommunityGroup) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return GroupMembership.objects.filter(group=group, user=user).exists()


def is_lead(user: Any, group: CommunityGroup) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return GroupMembership.objects.filter(group=group, user=user, role=MembershipRole.LEAD).exists()


def can_manage_group(user: Any, group: CommunityGroup) -> bool:
    return bool(getattr(user, "is_officer", False)) or is_member(user, group)


def can_see_documents(user: Any, group: CommunityGroup) -> bool:
    """A group's governance documents are for its members and council officers only."""
    return can_manage_group(user, group)


def can_add_members(actor: Any, group: CommunityGroup) -> tuple[bool, str]:
    """The group's lead contact adds members; so may a council officer helping the group."""
    if is_lead(actor, group) or getattr(actor, "is_officer", False):
        return True, ""
    return False, _("Only the group's lead contact can add members.")


def governance_choices_for(actor: Any) -> list[tuple[str, Any]]:
    """The statuses this person may give a checklist item: only officers mark an item checked."""
    if getattr(actor, "is_officer", False):
        return list(GovernanceStatus.choices)
    return [choice for choice in GovernanceStatus.choices if choice[0] != GovernanceStatus.VERIFIED]


def can_run_sessions(user: Any) -> bool:
    """Council officers set up support sessions and mark who came."""
    return bool(getattr(user, "is_officer", False))


def can_book_session(
    user: Any, session: SupportSession, group: CommunityGroup, now: datetime
) -> tuple[bool, str]:
    """A member books a place for their group at a session that has not started and has places left."""
    if not is_member(user, group):
        return False, _("Only a member of %(group)s can book a place for it.") % {"group": group}
    if session.starts_at <= now:
        return False, _("This session has already started: it can no longer be booked.")
    if session.bookings.filter(group=group).exists():
        return False, _("%(group)s already has a place at this session.") % {"group": group}
    if session.bookings.count() >= session.places:
        return False, _("This session is full: every place is booked.")
    return True, ""


def can_cancel_booking(user: Any, booking: SessionBooking, now: datetime) -> tuple[bool, str]:
    if not is_member(user, booking.group):
        return False, _("Only a member of %(group)s can cancel its place.") % {"group": booking.group}
    if booking.session.starts_at <= now:
        return False, _("This session has already started: its bookings stay as they are.")
    return True, ""


def can_mark_attendance(user: Any, session: SupportSession, now: datetime) -> tuple[bool, str]:
    if not can_run_sessions(user):
        return False, _("Only a council officer can mark who attended.")
    if session.starts_at > now:
        return False, _("Attendance can be marked once the session has started.")
    return True, ""


def can_suggest_asset(user: Any) -> tuple[bool, str]:
    if not getattr(user, "is_authenticated", False):
        return False, _("Sign in to suggest an entry for the asset map.")
    return True, ""


def can_moderate_assets(user: Any) -> bool:
    """Council officers decide which suggestions go on the public asset map."""
    return bool(getattr(user, "is_officer", False))


def can_see_asset(user: Any, asset: Asset) -> bool:
    """Approved entries are public; a suggestion is seen by the person who made it and by officers."""
    if asset.status == AssetStatus.APPROVED or can_moderate_assets(user):
        return True
    return bool(getattr(user, "is_authenticated", False)) and asset.suggested_by_id == user.pk
