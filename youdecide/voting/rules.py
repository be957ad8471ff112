"""Guards: may votes be cast on this channel now, and if not why."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

from youdecide.programmes.models import PhaseKind, Programme
from youdecide.programmes.rules import phase_is_open
from youdecide.voting.models import Channel


def can_vote(programme: Programme, channel: str, now: datetime | None = None) -> tuple[bool, str]:
    if not programme.is_published:
        return False, _("This programme is not open to the public yet.")
    if channel == Channel.ONLINE:
        if phase_is_open(programme, PhaseKind.ONLINE_VOTING, now):
            return True, ""
        return False, _("Online voting in %(programme)s is not open.") % {"programme": programme.name}
    if phase_is_open(programme, PhaseKind.DECISION_DAYS, now):
        return True, ""
    return False, _("Voting in person in %(programme)s happens during the Decision Days phase.") % {
        "programme": programme.name
    }


def voting_is_over(programme: Programme, now: datetime | None = None) -> tuple[bool, str]:
    """Sealing needs every voting channel closed."""
    for kind in (PhaseKind.ONLINE_VOTING, PhaseKind.DECISION_DAYS):
        if phase_is_open(programme, kind, now):
            return False, _("Voting is still open (%(phase)s).") % {"phase": PhaseKind(kind).label}
    return True, ""
