"""Who may do what to a proposal, and whether its lifecycle allows it now."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from youdecide.groups.rules import is_member
from youdecide.programmes.rules import can_submit_proposals
from youdecide.proposals.models import Proposal, ProposalStatus

EDITABLE_STATUSES = frozenset({ProposalStatus.DRAFT, ProposalStatus.SUBMITTED, ProposalStatus.INELIGIBLE})


def can_edit(user: Any, proposal: Proposal) -> tuple[bool, str]:
    if not is_member(user, proposal.group):
        return False, _("Only members of %(group)s can edit this proposal.") % {"group": proposal.group.name}
    if proposal.status not in EDITABLE_STATUSES:
        return False, _("A proposal that is %(status)s can no longer be edited.") % {
            "status": proposal.get_status_display().lower()
        }
    # Once proposals close, what residents vote on and officers reviewed stays as it was.
    return can_submit_proposals(proposal.programme)


def can_submit(user: Any, proposal: Proposal) -> tuple[bool, str]:
    if not is_member(user, proposal.group):
        return False, _("Only members of %(group)s can submit this proposal.") % {
            "group": proposal.group.name
        }
    if proposal.status not in {ProposalStatus.DRAFT, ProposalStatus.INELIGIBLE}:
        return False, _("Only a draft, or a proposal found not eligible and then revised, can be submitted.")
    return True, ""


def can_withdraw(user: Any, proposal: Proposal) -> tuple[bool, str]:
    if not is_member(user, proposal.group):
        return False, _("Only members of %(group)s can withdraw this proposal.") % {
            "group": proposal.group.name
        }
    if proposal.status == ProposalStatus.WITHDRAWN:
        return False, _("This proposal is already withdrawn.")
    return True, ""


def can_review(user: Any, proposal: Proposal) -> tuple[bool, str]:
    if not getattr(user, "is_officer", False):
        return False, _("Only council officers review eligibility.")
    if proposal.status not in {ProposalStatus.SUBMITTED, ProposalStatus.ELIGIBLE, ProposalStatus.INELIGIBLE}:
        return False, _("Only a submitted proposal can be reviewed.")
    return True, ""


def is_public(proposal: Proposal) -> bool:
    """Residents see proposals once submitted, apart from withdrawn ones and those found not eligible."""
    return proposal.programme.is_published and proposal.status in {
        ProposalStatus.SUBMITTED,
        ProposalStatus.ELIGIBLE,
    }
