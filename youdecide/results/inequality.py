"""How well the money reached the most deprived communities.

Money is decided per area, so it is attributed to the people of an area evenly: an area's pot (or its
funded projects) counts towards each national deprivation quintile in proportion to how many of the
area's residents live in neighbourhoods (LSOAs) of that quintile.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from youdecide.areas.allocation import allocate_by_need
from youdecide.areas.neighbourhoods import QUINTILES, ward_population_by_quintile
from youdecide.areas.selectors import wards_of
from youdecide.programmes.models import Programme
from youdecide.programmes.selectors import area_pots
from youdecide.results.selectors import published_count


@dataclass(frozen=True)
class QuintileRow:
    quintile: int
    people: int
    pot_pence: int
    funded_pence: int

    @property
    def pot_per_head(self) -> float:
        return self.pot_pence / 100 / self.people if self.people else 0.0

    @property
    def funded_per_head(self) -> float:
        return self.funded_pence / 100 / self.people if self.people else 0.0


@dataclass(frozen=True)
class InequalityReport:
    rows: list[QuintileRow]
    people: int
    pot_pence: int
    funded_pence: int

    def share(self, field: str) -> float:
        """The most deprived 20%'s share (quintile 1) of people, pot or funded money, in per cent."""
        total = {"people": self.people, "pot_pence": self.pot_pence, "funded_pence": self.funded_pence}[field]
        return 100 * getattr(self.rows[0], field) / total if total else 0.0


def inequality_report(programme: Programme) -> InequalityReport:
    by_ward = ward_population_by_quintile()
    people = dict.fromkeys(QUINTILES, 0)
    pot = dict.fromkeys(QUINTILES, Fraction(0))
    funded = dict.fromkeys(QUINTILES, Fraction(0))
    for area_pot in area_pots(programme).select_related("area"):
        area = area_pot.area
        counts = dict.fromkeys(QUINTILES, 0)
        for ward in wards_of(area) or [area]:
            for quintile, n in by_ward.get(ward.code, {}).items():
                counts[quintile] += n
        residents = sum(counts.values())
        if not residents:
            continue
        run = published_count(programme, area)
        for quintile, n in counts.items():
            people[quintile] += n
            pot[quintile] += Fraction(area_pot.amount_pence * n, residents)
            if run is not None:
                funded[quintile] += Fraction(run.spent_pence * n, residents)
    pot_total, funded_total = round(sum(pot.values())), round(sum(funded.values()))
    pot_pence = allocate_by_need(pot_total, pot, unit_pence=1) if pot_total else dict.fromkeys(QUINTILES, 0)
    funded_pence = (
        allocate_by_need(funded_total, funded, unit_pence=1) if funded_total else dict.fromkeys(QUINTILES, 0)
    )
    rows = [QuintileRow(q, people[q], pot_pence[q], funded_pence[q]) for q in QUINTILES]
    return InequalityReport(
        rows, sum(people.values()), sum(r.pot_pence for r in rows), sum(r.funded_pence for r in rows)
    )
