from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet, Sum
from django.utils import timezone

from youdecide.programmes.models import AreaPot, Phase, Programme


def current_phase(programme: Programme, now: datetime | None = None) -> Phase | None:
    """The phase open now: dates first, then officers' early opening or closing.

    When phases overlap (Decision Days alongside online voting), the one that started last is current.
    """
    moment = now or timezone.now()
    open_phases = [phase for phase in programme.phases.all() if phase.is_open_at(moment)]
    if not open_phases:
        return None
    return max(open_phases, key=lambda phase: phase.effective_start)


def open_phases(programme: Programme, now: datetime | None = None) -> list[Phase]:
    moment = now or timezone.now()
    return [phase for phase in programme.phases.all() if phase.is_open_at(moment)]


def published_programmes() -> QuerySet[Programme]:
    return Programme.objects.filter(is_published=True).prefetch_related("phases").order_by("-created_at")


def area_pots(programme: Programme) -> QuerySet[AreaPot]:
    return programme.area_pots.select_related("area").order_by("area__name")


def pots_total(programme: Programme) -> int:
    return int(programme.area_pots.aggregate(total=Sum("amount_pence"))["total"] or 0)


def pot_for(programme: Programme, area_id: int) -> int | None:
    """The area's pot in pence; from the programme's prefetched pots when it has them."""
    prefetched = getattr(programme, "_prefetched_objects_cache", {}).get("area_pots")
    if prefetched is not None:
        return next((int(pot.amount_pence) for pot in prefetched if pot.area_id == area_id), None)
    pot = programme.area_pots.filter(area_id=area_id).values_list("amount_pence", flat=True).first()
    return int(pot) if pot is not None else None
