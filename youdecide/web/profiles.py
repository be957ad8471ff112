"""An area's profile: who lives there, how deprived, how long people live, and PB money per head."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from youdecide.areas.models import Area, AreaKind
from youdecide.areas.neighbourhoods import ward_population_by_decile
from youdecide.areas.selectors import wards_of
from youdecide.programmes.models import AreaPot
from youdecide.results.selectors import published_count


@dataclass(frozen=True)
class ProgrammeMoney:
    programme: str
    slug: str
    area: Area
    funded_pence: int
    per_head: float


def deciles(area: Area) -> dict[int, int]:
    by_ward = ward_population_by_decile()
    members = [area] if area.kind == AreaKind.WARD else list(wards_of(area))
    totals = dict.fromkeys(range(1, 11), 0)
    for ward in members:
        for decile, people in by_ward.get(ward.code, {}).items():
            totals[decile] += people
    return totals


def borough_best(area: Area) -> tuple[float | None, float | None]:
    """The highest ward life expectancy in the same council, men and women."""
    top = area
    while top.parent is not None:
        top = top.parent
    wards = list(wards_of(top)) or [area]
    men = [w.life_expectancy_male for w in wards if w.life_expectancy_male is not None]
    women = [w.life_expectancy_female for w in wards if w.life_expectancy_female is not None]
    return (max(men) if men else None, max(women) if women else None)


def money_per_head(area: Area) -> list[ProgrammeMoney]:
    """Published funding in the area (or, for a ward, in the area it is part of) per resident."""
    targets = [area] + ([area.parent] if area.parent is not None else [])
    rows = []
    for pot in AreaPot.objects.filter(Q(area__in=targets), programme__is_published=True).select_related(
        "programme", "area"
    ):
        run = published_count(pot.programme, pot.area)
        people = pot.area.population or 0
        if run is not None and people:
            rows.append(
                ProgrammeMoney(
                    pot.programme.name,
                    pot.programme.slug,
                    pot.area,
                    run.spent_pence,
                    run.spent_pence / 100 / people,
                )
            )
    return rows
