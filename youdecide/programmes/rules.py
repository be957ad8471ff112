"""Guards that answer "may I, and if not why" for a programme's lifecycle."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from youdecide.programmes.models import Phase, PhaseKind, Programme
from youdecide.programmes.selectors import open_phases


def phase_is_open(programme: Programme, kind: str, now: datetime | None = None) -> bool:
    return any(phase.kind == kind for phase in open_phases(programme, now))


def can_submit_proposals(programme: Programme, now: datetime | None = None) -> tuple[bool, str]:
    if not programme.is_published:
        return False, _("This programme is not open to the public yet.")
    if phase_is_open(programme, PhaseKind.PROPOSALS, now):
        return True, ""
    return False, _("Proposals can only be submitted while the proposals phase is open.")


def can_review_proposals(programme: Programme, now: datetime | None = None) -> tuple[bool, str]:
    if phase_is_open(programme, PhaseKind.PROPOSALS, now) or phase_is_open(programme, PhaseKind.REVIEW, now):
        return True, ""
    return False, _("Eligibility can only be decided during the proposals and review phases.")


def can_open_phase_now(phase: Phase, now: datetime | None = None) -> tuple[bool, str]:
    moment = now or timezone.now()
    if phase.is_open_at(moment):
        return False, _("%(phase)s is already open.") % {"phase": phase.get_kind_display()}
    if phase.effective_end <= moment:
        return False, _("%(phase)s has already ended; change its dates to reopen it.") % {
            "phase": phase.get_kind_display()
        }
    return True, ""


def can_close_phase_now(phase: Phase, now: datetime | None = None) -> tuple[bool, str]:
    moment = now or timezone.now()
    if not phase.is_open_at(moment):
        return False, _("%(phase)s is not open.") % {"phase": phase.get_kind_display()}
    return True, ""
