"""Splitting a programme's pot across areas by need, in exact arithmetic.

Need is population times IMD 2019 score: an area with twice the people, or twice the deprivation score, gets
twice the share. Shares are rounded to whole pounds by the largest-remainder method, so the pots add up
exactly to the total; a tie for the last pound goes to the area listed first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

from django.utils.translation import gettext as _

from youdecide.areas.models import Area

Key = TypeVar("Key")

POUND = 100


def need_of(area: Area) -> Fraction:
    """An area's need: its population times its IMD score (exact, from the stored float)."""
    if area.population is None or area.imd_score is None:
        raise ValueError(f"{area.name} has no population or IMD score to weigh its need by.")
    return area.population * Fraction(area.imd_score)


def allocate_by_need(
    total_pence: int, needs: Mapping[Key, Fraction | int], *, unit_pence: int = POUND
) -> dict[Key, int]:
    """Split ``total_pence`` in proportion to ``needs``, in whole units, summing exactly to the total."""
    if total_pence < 0 or unit_pence <= 0 or total_pence % unit_pence:
        raise ValueError(f"{total_pence} pence cannot be split in whole units of {unit_pence} pence.")
    if any(need < 0 for need in needs.values()):
        raise ValueError("A need cannot be negative.")
    total_need = sum((Fraction(need) for need in needs.values()), Fraction(0))
    if not needs or total_need == 0:
        raise ValueError("There is no need to split the pot by: every area's need is zero.")
    units = total_pence // unit_pence
    quotas = {key: units * Fraction(need) / total_need for key, need in needs.items()}
    shares = {key: int(quota) for key, quota in quotas.items()}
    left = units - sum(shares.values())
    order = sorted(enumerate(quotas.items()), key=lambda item: (-(item[1][1] - shares[item[1][0]]), item[0]))
    for _position, (key, _quota) in order[:left]:
        shares[key] += 1
    return {key: share * unit_pence for key, share in shares.items()}


def pots_by_need(total_pence: int, areas: Iterable[Area]) -> dict[Area, int]:
    """Each area's pot in pence, by population times IMD score, in whole pounds."""
    return allocate_by_need(total_pence, {area: need_of(area) for area in areas})


METHODS = ("equal", "population", "need")
INDICES = ("overall", "health")


@dataclass(frozen=True)
class Split:
    """One way to split a pot: equal shares, by population, or by need (population times deprivation score,
    overall or for health), after an optional floor split equally, within optional bounds per area."""

    method: str = "need"
    index: str = "overall"
    floor_percent: int = 0
    minimum_pence: int | None = None
    maximum_pence: int | None = None

    def describe(self) -> str:
        what = {
            "equal": _("Every area gets the same."),
            "population": _("Each area's share follows how many people live there."),
            "need": _("Each area's share follows its population times its deprivation score (%(index)s).")
            % {
                "index": _("Indices of Deprivation 2019")
                if self.index == "overall"
                else _("health deprivation and disability")
            },
        }[self.method]
        parts = [str(what)]
        if self.floor_percent:
            parts.append(
                str(_("First %(floor)d%% of the pot is split equally.") % {"floor": self.floor_percent})
            )
        if self.minimum_pence is not None:
            parts.append(str(_("No area gets less than £%(n)s.") % {"n": f"{self.minimum_pence // POUND:,}"}))
        if self.maximum_pence is not None:
            parts.append(str(_("No area gets more than £%(n)s.") % {"n": f"{self.maximum_pence // POUND:,}"}))
        return " ".join(parts)


def _weight(area: Area, split: Split) -> Fraction:
    if split.method == "equal":
        return Fraction(1)
    if area.population is None:
        raise ValueError(f"{area.name} has no population to split the pot by.")
    if split.method == "population":
        return Fraction(area.population)
    score = area.imd_score if split.index == "overall" else area.health_deprivation_score
    if score is None:
        raise ValueError(f"{area.name} has no {split.index} deprivation score.")
    # The health domain is a z-score (negative where health is better than average): shift it so that
    # every weight is positive, keeping the order and the differences between areas.
    return area.population * (Fraction(score) if split.index == "overall" else Fraction(score) + 3)


def split_pot(total_pence: int, areas: Iterable[Area], split: Split) -> dict[Area, int]:
    """Each area's pot in whole pounds, adding up exactly to the total."""
    chosen = list(areas)
    if split.method not in METHODS or split.index not in INDICES or not 0 <= split.floor_percent <= 100:
        raise ValueError("unknown split")
    if not chosen:
        raise ValueError("There are no areas to split the pot across.")
    low, high = split.minimum_pence, split.maximum_pence
    if low is not None and low * len(chosen) > total_pence:
        raise ValueError(
            _("A minimum of £%(n)s for each of %(k)d areas is more than the pot.")
            % {"n": f"{low // POUND:,}", "k": len(chosen)}
        )
    if high is not None and high * len(chosen) < total_pence:
        raise ValueError(
            _("A maximum of £%(n)s for each of %(k)d areas does not spend the pot.")
            % {"n": f"{high // POUND:,}", "k": len(chosen)}
        )
    weights = {area: _weight(area, split) for area in chosen}
    floor_share = Fraction(split.floor_percent, 100)
    fixed: dict[Area, Fraction] = {}
    while True:
        free = [a for a in chosen if a not in fixed]
        left = total_pence - sum(fixed.values(), Fraction(0))
        total_weight = sum((weights[a] for a in free), Fraction(0)) or Fraction(1)
        amounts = {
            a: left * (floor_share / len(free) + (1 - floor_share) * weights[a] / total_weight) for a in free
        }
        over = {a: Fraction(high) for a, v in amounts.items() if high is not None and v > high}
        under = {a: Fraction(low) for a, v in amounts.items() if low is not None and v < low}
        if not over and not under:
            break
        fixed |= over or under  # fix the bounds broken the most one side at a time, then share again
    quotas = {**fixed, **amounts}
    return allocate_by_need(total_pence, {a: quotas[a] for a in chosen})
