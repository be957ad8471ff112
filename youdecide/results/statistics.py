"""Turnout and who took part: by area (also as a share of its population), channel, Decision Day, age
band and day. Counted from participations, so votes on paper and tablets are never missing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from youdecide.events.models import BallotIssued, CheckIn
from youdecide.programmes.models import Programme
from youdecide.programmes.selectors import area_pots
from youdecide.voting.identity import AGE_BANDS
from youdecide.voting.models import Channel, Participation


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    note: str = ""


def turnout_by_area(programme: Programme) -> list[Bar]:
    counts = Counter(Participation.objects.filter(programme=programme).values_list("area_id", flat=True))
    bars = []
    for pot in area_pots(programme).select_related("area"):
        voted = counts.get(pot.area_id, 0)
        population = pot.area.population or 0
        share = f"{100 * voted / population:.1f}%" if population else ""
        bars.append(Bar(pot.area.name, voted, share))
    return bars


def by_channel(programme: Programme) -> list[Bar]:
    counts = Counter(Participation.objects.filter(programme=programme).values_list("channel", flat=True))
    return [Bar(str(channel.label), counts.get(channel.value, 0)) for channel in Channel]


def by_event(programme: Programme) -> list[Bar]:
    rows = (
        CheckIn.objects.filter(event__programme=programme)
        .exclude(issued=BallotIssued.NONE)
        .values_list("event__name")
        .annotate(n=Count("pk"))
        .order_by("event__starts_at")
    )
    return [Bar(name, n) for name, n in rows]


def by_age_band(programme: Programme) -> list[Bar]:
    counts = Counter(Participation.objects.filter(programme=programme).values_list("age_band", flat=True))
    labels = [f"{low}+" if high is None else f"{low}-{high}" for low, high in AGE_BANDS if low >= 11]
    return [Bar(label, counts.get(label, 0)) for label in labels]


def by_day(programme: Programme) -> list[Bar]:
    rows = (
        Participation.objects.filter(programme=programme)
        .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values_list("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    return [Bar(_day(day), n) for day, n in rows]


def _day(day: date) -> str:
    return day.strftime("%-d %b")


def total(programme: Programme) -> int:
    return Participation.objects.filter(programme=programme).count()
