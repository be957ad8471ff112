"""Who lives in how deprived a neighbourhood: residents of an area by national IMD 2019 decile or quintile,
from the neighbourhoods (LSOAs) stored by the area import."""

from __future__ import annotations

from django.db.models import Q, Sum

from youdecide.areas.models import Area, Neighbourhood

DECILES = tuple(range(1, 11))  # 1: the most deprived 10% of neighbourhoods in England
QUINTILES = (1, 2, 3, 4, 5)  # 1: the most deprived 20% (deciles 1 and 2)


def population_by_decile(area: Area) -> dict[int, int]:
    """{national IMD 2019 decile: residents} of a ward, or of a sub-region or council through its wards."""
    rows = (
        Neighbourhood.objects.filter(Q(ward=area) | Q(ward__parent=area) | Q(ward__parent__parent=area))
        .values("imd_decile")
        .annotate(people=Sum("population"))
    )
    totals = dict.fromkeys(DECILES, 0)
    for row in rows:
        totals[row["imd_decile"]] += row["people"]
    return totals


def population_by_quintile(area: Area) -> dict[int, int]:
    """{quintile: residents}: deciles 1-2 are quintile 1, and so on."""
    deciles = population_by_decile(area)
    return {q: deciles[2 * q - 1] + deciles[2 * q] for q in QUINTILES}
