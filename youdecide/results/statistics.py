"""Turnout and who took part: by area (also as a share of its population), channel, Decision Day, age
band and day. Counted from participations, so votes on paper and tablets are never missing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from youdecide.areas.selectors import wards_of
from youdecide.events.models import BallotIssued, CheckIn
from youdecide.programmes.models import Programme
from youdecide.programmes.selectors import area_pots
from youdecide.results.selectors import published_spends
from youdecide.voting.identity import AGE_BANDS
from youdecide.voting.models import Channel, Participation
from youdecide.web.maps import Shaded


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    note: str = ""
    population: int | None = None


def share_of_population(voters: int, population: int | None) -> float | None:
    """Voters as a percentage of residents, to one decimal place (None without a population)."""
    return round(100 * voters / population, 1) if population else None


def turnout_by_area(programme: Programme) -> list[Bar]:
    counts = Counter(Participation.objects.filter(programme=programme).values_list("area_id", flat=True))
    bars = []
    for pot in area_pots(programme).select_related("area"):
        voted = counts.get(pot.area_id, 0)
        share = share_of_population(voted, pot.area.population)
        note = f"{share:.1f}%" if share is not None else ""
        bars.append(Bar(pot.area.name, voted, note, pot.area.population))
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


def ward_maps(programme: Programme) -> list[tuple[str, str, list[Shaded]]]:
    """(id, title, shaded wards) for deprivation, turnout and funding per head; wards inherit their area's
    turnout and funding, as votes and money are counted per area."""
    voted = Counter(Participation.objects.filter(programme=programme).values_list("area_id", flat=True))
    funded = published_spends(programme)
    deprivation, turnout, per_head = [], [], []
    for pot in area_pots(programme).select_related("area"):
        area = pot.area
        people = area.population or 0
        share = share_of_population(voted.get(area.pk, 0), people)
        money = funded.get(area.pk)
        head = money / 100 / people if money is not None and people else None
        for ward in wards_of(area) or [area]:
            if ward.boundary_geojson is None:
                continue
            score = ward.imd_score
            deprivation.append(Shaded(ward, score, f"IMD {score:.1f}" if score is not None else "no data"))
            turnout.append(
                Shaded(ward, share, f"{share:.1f}% of {area.name} voted" if share is not None else "no data")
            )
            per_head.append(
                Shaded(
                    ward, head, f"£{head:.2f} a head in {area.name}" if head is not None else "no result yet"
                )
            )
    return [
        ("map-deprivation", str(_("Deprivation (IMD 2019 score): darker is more deprived")), deprivation),
        ("map-turnout", str(_("Turnout: darker is a larger share of residents voting")), turnout),
        ("map-funding", str(_("Funding per head: darker is more money per resident")), per_head),
    ]
