"""The demo programmes' phases, dated around today.

The borough-wide programme is taking proposals: co-design finished weeks ago; proposals opened nearly four
weeks ago and close in three; then eligibility review, online voting and Decision Days side by side,
results, a year of delivery and the evaluation. The Crewe programme is voting: online voting opened a week
ago and its Decision Day is today.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from youdecide.programmes.models import PhaseKind

# (phase, first day, last day) in days from today; phases open at 9am and close at 5pm, local time.
_PLAN = [
    (PhaseKind.CO_DESIGN, -120, -42),
    (PhaseKind.PROPOSALS, -26, 21),
    (PhaseKind.REVIEW, 22, 35),
    (PhaseKind.ONLINE_VOTING, 42, 63),
    (PhaseKind.DECISION_DAYS, 49, 63),
    (PhaseKind.RESULTS, 66, 96),
    (PhaseKind.DELIVERY, 97, 462),
    (PhaseKind.EVALUATION, 463, 553),
]
VOTING_NOW = [
    (PhaseKind.CO_DESIGN, -160, -121),
    (PhaseKind.PROPOSALS, -120, -61),
    (PhaseKind.REVIEW, -60, -15),
    (PhaseKind.ONLINE_VOTING, -7, 12),
    (PhaseKind.DECISION_DAYS, -1, 5),
    (PhaseKind.RESULTS, 14, 45),
    (PhaseKind.DELIVERY, 46, 410),
    (PhaseKind.EVALUATION, 411, 500),
]
Plan = list[tuple[PhaseKind, int, int]]


def _at(day: date, clock: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock), timezone.get_current_timezone())


def demo_phases(now: datetime | None = None, plan: Plan = _PLAN) -> dict[str, tuple[datetime, datetime]]:
    """Each phase's start and end, timezone-aware, around ``now``."""
    today = timezone.localdate(now or timezone.now())
    return {
        kind.value: (_at(today + timedelta(days=first), time(9)), _at(today + timedelta(days=last), time(17)))
        for kind, first, last in plan
    }
