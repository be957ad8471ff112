"""An area's profile: who lives there, how deprived, how long people live, and PB money per head."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q

from youdecide.areas.models import Area, Domain
from youdecide.areas.neighbourhoods import population_by_decile
from youdecide.areas.selectors import wards_of
from youdecide.programmes.models import AreaPot
from youdecide.results import statistics as stats
from youdecide.results.selectors import published_spends
from youdecide.web.selectors import wards_in


@dataclass(frozen=True)
class ProgrammeMoney:
    """A programme's published funding for the people of an area: ``area`` is the area the money was
    decided for (the area itself, the larger area it is in, or, summed, the areas inside it)."""

    programme: str
    slug: str
    area: Area
    funded_pence: int
    people: int
    summed: bool = False

    @property
    def per_head(self) -> float:
        return self.funded_pence / 100 / self.people if self.people else 0.0


@dataclass(frozen=True)
class DomainRow:
    name: str
    score: float
    council_score: float | None


def council_of(area: Area) -> Area:
    top = area
    while top.parent is not None:
        top = top.parent
    return top


def borough_best(area: Area) -> tuple[float | None, float | None]:
    """The highest ward life expectancy in the same council, men and women (a council without wards: the
    area's own)."""
    best = wards_of(council_of(area)).aggregate(
        wards=Count("pk"), men=Max("life_expectancy_male"), women=Max("life_expectancy_female")
    )
    if not best["wards"]:
        return area.life_expectancy_male, area.life_expectancy_female
    return best["men"], best["women"]


def money_per_head(area: Area) -> list[ProgrammeMoney]:
    """Published funding per resident, per programme: money decided for the area or the larger area it is
    in counts for the residents of the area it was decided for; money decided for the areas inside it is
    summed, over the residents of all the programme's areas inside it (a result not yet published counts
    as nothing funded yet)."""
    ancestors = []
    parent = area.parent
    while parent is not None:
        ancestors.append(parent)
        parent = parent.parent
    pots = AreaPot.objects.filter(
        Q(area=area) | Q(area__in=ancestors) | Q(area__parent=area) | Q(area__parent__parent=area),
        programme__is_published=True,
    ).select_related("programme", "area")
    rows: list[ProgrammeMoney] = []
    inside: dict[int, list[Any]] = {}
    spends: dict[int, dict[int, int]] = {}  # by programme id: one query a programme
    for pot in pots:
        if pot.programme_id not in spends:
            spends[pot.programme_id] = published_spends(pot.programme)
        spent = spends[pot.programme_id].get(pot.area_id)
        if pot.area == area or pot.area in ancestors:
            if spent is not None:
                rows.append(
                    ProgrammeMoney(
                        pot.programme.name, pot.programme.slug, pot.area, spent, pot.area.population or 0
                    )
                )
        else:
            inside.setdefault(pot.programme_id, []).append((pot, spent))
    for pairs in inside.values():
        if all(spent is None for _pot, spent in pairs):
            continue
        programme = pairs[0][0].programme
        rows.append(
            ProgrammeMoney(
                programme.name,
                programme.slug,
                area,
                sum(spent for _pot, spent in pairs if spent is not None),
                sum(pot.area.population or 0 for pot, _spent in pairs),
                summed=True,
            )
        )
    return sorted((row for row in rows if row.people), key=lambda row: (row.programme, row.area.name))


def domain_rows(area: Area) -> list[DomainRow]:
    """The area's IMD 2019 domain scores beside the council's (higher is more deprived)."""
    council = council_of(area).domain_scores or {}
    return [
        DomainRow(str(domain.label), area.domain_scores[domain.value], council.get(domain.value))
        for domain in Domain
        if domain.value in (area.domain_scores or {})
    ]


def profile_context(area: Area) -> dict[str, Any]:
    """Everything the profile page shows of an area."""
    by_decile = population_by_decile(area)
    people = sum(by_decile.values())
    best_men, best_women = borough_best(area)
    money = money_per_head(area)
    return {
        "area": area,
        "deciles": [
            stats.Bar(str(decile), count, f"{100 * count / people:.0f}%" if people else "")
            for decile, count in by_decile.items()
        ],
        "most_deprived_share": f"{100 * (by_decile[1] + by_decile[2]) / people:.0f}%" if people else None,
        "gap_men": round(best_men - area.life_expectancy_male, 1)
        if best_men and area.life_expectancy_male
        else None,
        "gap_women": round(best_women - area.life_expectancy_female, 1)
        if best_women and area.life_expectancy_female
        else None,
        "domains": domain_rows(area),
        "is_council": area.parent is None,
        "money": money,
        "parts": list(wards_in(area)),
    }
