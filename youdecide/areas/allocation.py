"""Splitting a programme's pot across areas by need, in exact arithmetic.

Need is population times IMD 2019 score: an area with twice the people, or twice the deprivation score, gets
twice the share. Shares are rounded to whole pounds by the largest-remainder method, so the pots add up
exactly to the total; a tie for the last pound goes to the area listed first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import TypeVar

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
