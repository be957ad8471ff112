"""How well the money reached the most deprived communities.

Money is decided per area, so it is attributed to the people of an area evenly: an area's pot, its funded
money and its funded projects count towards each national deprivation quintile in proportion to how many of
the area's residents live in neighbourhoods (LSOAs) of that quintile. The neighbourhoods are those the area
import stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from youdecide.areas.allocation import allocate_by_need
from youdecide.areas.neighbourhoods import QUINTILES, population_by_quintile
from youdecide.programmes.models import Programme
from youdecide.programmes.selectors import area_pots
from youdecide.results import statistics as stats
from youdecide.results.selectors import published_count


@dataclass(frozen=True)
class QuintileRow:
    quintile: int
    people: int
    pot_pence: int
    funded_pence: int
    funded_projects: Fraction  # a project counts for each quintile by its share of the area's residents

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
    funded_projects: int

    def share(self, field: str) -> float:
        """The most deprived 20%'s share (quintile 1: IMD deciles 1-2) of people, pot, funded money or
        funded projects, in per cent."""
        total = {
            "people": self.people,
            "pot_pence": self.pot_pence,
            "funded_pence": self.funded_pence,
            "funded_projects": self.funded_projects,
        }[field]
        return float(100 * Fraction(getattr(self.rows[0], field)) / total) if total else 0.0


def _pence(amounts: dict[int, Fraction]) -> dict[int, int]:
    """Whole pence per quintile adding up exactly to the (whole) total."""
    total = round(sum(amounts.values(), Fraction(0)))
    return allocate_by_need(total, amounts, unit_pence=1) if total else dict.fromkeys(QUINTILES, 0)


def inequality_report(programme: Programme) -> InequalityReport:
    people = dict.fromkeys(QUINTILES, 0)
    pot = dict.fromkeys(QUINTILES, Fraction(0))
    funded = dict.fromkeys(QUINTILES, Fraction(0))
    projects = dict.fromkeys(QUINTILES, Fraction(0))
    for area_pot in area_pots(programme).select_related("area"):
        counts = population_by_quintile(area_pot.area)
        residents = sum(counts.values())
        if not residents:
            continue
        run = published_count(programme, area_pot.area)
        for quintile, n in counts.items():
            people[quintile] += n
            pot[quintile] += Fraction(area_pot.amount_pence * n, residents)
            if run is not None:
                funded[quintile] += Fraction(run.spent_pence * n, residents)
                projects[quintile] += Fraction(len(run.selected) * n, residents)
    pot_pence, funded_pence = _pence(pot), _pence(funded)
    rows = [QuintileRow(q, people[q], pot_pence[q], funded_pence[q], projects[q]) for q in QUINTILES]
    return InequalityReport(
        rows,
        sum(people.values()),
        sum(pot_pence.values()),
        sum(funded_pence.values()),
        round(sum(projects.values(), Fraction(0))),
    )


def quintile_names() -> dict[int, str]:
    return {
        1: _("Most deprived 20%"),
        2: _("Second 20%"),
        3: _("Middle 20%"),
        4: _("Fourth 20%"),
        5: _("Least deprived 20%"),
    }


def inequality_page(programme: Programme) -> dict[str, Any]:
    """What the inequality page shows: the most deprived fifth's shares, and money per head by quintile
    as charts (in pence) beside one table."""
    report = inequality_report(programme)
    names = quintile_names()

    def per_head_bars(per_head: str) -> list[stats.Bar]:
        return [
            stats.Bar(
                names[row.quintile], round(getattr(row, per_head) * 100), f"£{getattr(row, per_head):.2f}"
            )
            for row in report.rows
        ]

    published = bool(report.funded_projects)
    return {
        "programme": programme,
        "report": report,
        "rows": [(names[row.quintile], row) for row in report.rows],
        "pot_bars": per_head_bars("pot_per_head"),
        "funded_bars": per_head_bars("funded_per_head") if published else [],
        "people_share": f"{report.share('people'):.1f}%",
        "pot_share": f"{report.share('pot_pence'):.1f}%",
        "funded_share": f"{report.share('funded_pence'):.1f}%" if published else None,
        "projects_share": f"{report.share('funded_projects'):.1f}%" if published else None,
        "projects_deprived": f"{float(report.rows[0].funded_projects):.1f}",
    }
