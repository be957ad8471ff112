"""When a count may be published, and why not: the page shows the reason, the service enforces it."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

from youdecide.areas.models import Area
from youdecide.events.models import DecisionDay, EventStatus
from youdecide.programmes.models import Programme
from youdecide.results.models import CountRun
from youdecide.voting.rules import voting_is_over


def voting_still_open(programme: Programme, area: Area, now: datetime | None = None) -> str:
    """Why voting is not over for the area ('' when it is): online voting or the Decision Days phase is
    open (ballots cannot be sealed then), or a Decision Day of the area is still open."""
    over, why = voting_is_over(programme, now)
    if not over:
        return why
    day = DecisionDay.objects.filter(programme=programme, areas=area, status=EventStatus.OPEN).first()
    if day is not None:
        return _("The Decision Day “%(name)s” is still open.") % {"name": day.name}
    return ""


def can_publish(run: CountRun, now: datetime | None = None) -> tuple[bool, str]:
    if run.published_at is not None:
        return False, _("This count is published already.")
    if not run.has_snapshot:
        return False, _(
            "This count was made before counts kept their own copy of what they counted: count again to "
            "publish."
        )
    why = voting_still_open(run.programme, run.area, now)
    if why:
        return False, _(
            "%(why)s This count is provisional: a result is published only once voting has closed."
        ) % {"why": why}
    return True, ""
