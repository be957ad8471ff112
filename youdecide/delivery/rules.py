"""Who may do what to a grant, its returns and visit reports, and whether its lifecycle allows it now."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from youdecide.delivery.models import (
    OPEN_GRANT_STATUSES,
    Grant,
    GrantStatus,
    MonitoringReturn,
    ReturnPhoto,
    ReturnStatus,
    Tranche,
    VisitReport,
)
from youdecide.groups.rules import is_member
from youdecide.proposals.models import Proposal
from youdecide.results.selectors import published_count

MAX_PHOTOS_PER_RETURN = 6
MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000


def is_officer(user: Any) -> bool:
    return bool(getattr(user, "is_officer", False))


def is_panel_visitor(user: Any, grant: Grant) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return grant.panel_assignments.filter(member__user=user).exists()


def can_offer_grant(user: Any, proposal: Proposal) -> tuple[bool, str]:
    """A grant is offered by an officer, once, to a proposal funded by its area's published count."""
    if not is_officer(user):
        return False, _("Only council officers offer grants.")
    run = published_count(proposal.programme, proposal.area)
    if run is None:
        return False, _("The result of %(area)s is not published yet: a grant follows a published count.") % {
            "area": proposal.area.name
        }
    if proposal.reference not in run.selected:
        return False, _("%(reference)s was not funded in the published count of %(area)s.") % {
            "reference": proposal.reference,
            "area": proposal.area.name,
        }
    if Grant.objects.filter(proposal=proposal).exists():
        return False, _("%(reference)s has a grant already.") % {"reference": proposal.reference}
    return True, ""


def can_view_grant(user: Any, grant: Grant) -> bool:
    """The grant's own pages: council officers and members of the group."""
    return is_officer(user) or is_member(user, grant.proposal.group)


def can_accept_grant(user: Any, grant: Grant) -> tuple[bool, str]:
    if not is_member(user, grant.proposal.group):
        return False, _("Only members of %(group)s can accept this grant.") % {
            "group": grant.proposal.group.name
        }
    if grant.status != GrantStatus.OFFERED:
        return False, _("This grant is %(status)s: there is nothing to accept.") % {
            "status": grant.get_status_display().lower()
        }
    return True, ""


def can_record_payment(user: Any, tranche: Tranche) -> tuple[bool, str]:
    if not is_officer(user):
        return False, _("Only council officers record payments.")
    if tranche.grant.status not in {GrantStatus.ACCEPTED, GrantStatus.ACTIVE}:
        return False, _(
            "Payments are recorded only once the group has accepted the grant, and while it is open."
        )
    if tranche.paid_on is not None:
        return False, _("Tranche %(number)d is paid already.") % {"number": tranche.number}
    return True, ""


def can_manage_delivery(user: Any, grant: Grant) -> tuple[bool, str]:
    """Targets, milestones and the delivery status: officers, while the grant is open."""
    if not is_officer(user):
        return False, _("Only council officers change targets, milestones and the delivery status.")
    if grant.status not in OPEN_GRANT_STATUSES:
        return False, _("This grant is closed.")
    return True, ""


def can_close_grant(user: Any, grant: Grant, outcome: str) -> tuple[bool, str]:
    if not is_officer(user):
        return False, _("Only council officers close grants.")
    if grant.status not in OPEN_GRANT_STATUSES:
        return False, _("This grant is closed already.")
    if outcome == GrantStatus.COMPLETED and grant.status == GrantStatus.OFFERED:
        return False, _("A grant the group has not accepted cannot be completed: cancel it instead.")
    return True, ""


def can_file_return(user: Any, monitoring_return: MonitoringReturn) -> tuple[bool, str]:
    grant = monitoring_return.grant
    if not is_member(user, grant.proposal.group):
        return False, _("Only members of %(group)s can send this return.") % {
            "group": grant.proposal.group.name
        }
    if grant.status not in {GrantStatus.ACCEPTED, GrantStatus.ACTIVE}:
        return False, _("Returns are sent once the grant is accepted, and while it is open.")
    if monitoring_return.status not in {ReturnStatus.DUE, ReturnStatus.CHANGES_REQUESTED}:
        return False, _("This return is %(status)s: it cannot be changed now.") % {
            "status": monitoring_return.get_status_display().lower()
        }
    return True, ""


def can_review_return(user: Any, monitoring_return: MonitoringReturn) -> tuple[bool, str]:
    if not is_officer(user):
        return False, _("Only council officers review returns.")
    if monitoring_return.status != ReturnStatus.SUBMITTED:
        return False, _("Only a return that has been sent can be reviewed.")
    return True, ""


def can_see_photo(user: Any, photo: ReturnPhoto) -> bool:
    """A photo of an accepted return of a published programme is public; before that, only the group and
    officers see it."""
    monitoring_return = photo.monitoring_return
    grant = monitoring_return.grant
    if monitoring_return.status == ReturnStatus.ACCEPTED and grant.proposal.programme.is_published:
        return True
    return can_view_grant(user, grant)


def can_read_visit_report(user: Any, report: VisitReport) -> bool:
    """Visit reports are never public: officers, the group, and the resident who wrote it."""
    if can_view_grant(user, report.assignment.grant):
        return True
    return getattr(user, "is_authenticated", False) and report.assignment.member.user_id == user.pk


def can_assign_panel(user: Any) -> tuple[bool, str]:
    if not is_officer(user):
        return False, _("Only council officers match panel members to projects.")
    return True, ""
