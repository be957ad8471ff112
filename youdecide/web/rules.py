"""Who may see which public page."""

from __future__ import annotations

from typing import Any

from youdecide.accounts.models import Role
from youdecide.groups.rules import is_member
from youdecide.programmes.models import Programme
from youdecide.proposals.models import Proposal
from youdecide.proposals.rules import is_public


def can_preview_programme(user: Any, programme: Programme) -> bool:
    """Everyone sees a published programme; council officers also see one before it is published."""
    return programme.is_published or bool(getattr(user, "is_officer", False))


def can_view_proposal(user: Any, proposal: Proposal) -> bool:
    """Everyone sees a public proposal; its group's members and council officers see it in any status."""
    if is_public(proposal):
        return True
    return bool(getattr(user, "is_officer", False)) or is_member(user, proposal.group)


INSIGHT_ROLES = frozenset({Role.COMMISSIONER, Role.OFFICER, Role.ADMINISTRATOR})


def can_read_insight(user: Any) -> bool:
    """Commissioners, council officers and administrators read the commissioners' insight."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.role in INSIGHT_ROLES)


def can_see_ward_dashboard(user: Any) -> bool:
    """Councillors see the dashboard of the wards they are councillor for."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.role == Role.COUNCILLOR)
