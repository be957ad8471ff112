"""Splitting a programme's pot across areas by need, in exact arithmetic.

Need is population times IMD 2019 score: an area with twice the people, or twice the deprivation score, gets
twice the share. Shares are rounded to whole pounds by the largest-remainder method, so the pots add up
exactly to the total; a tie for the last pound goes to the area listed first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

from django.utils.translation import gettext as _

from youdecide.areas.models import Area, Domain

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
INDICES = ("overall", "health", "domains")
# Health and crime domain scores are measured from England's average (0, negative where an area is better
# off): this is added to them so that every area's score is above zero, keeping the gaps between areas.
Z_SCORE_SHIFT = 3
Z_SCORE_DOMAINS = (Domain.HEALTH.value, Domain.CRIME.value)


@dataclass(frozen=True)
class Split:
    """One way to split a pot: equal shares, by population, or by need (population times deprivation score:
    overall, for health, or a weighted sum of the domains), after an optional floor split equally, within
    optional bounds per area. ``weights`` (domain, weight) are used by the "domains" index only."""

    method: str = "need"
    index: str = "overall"
    floor_percent: int = 0
    minimum_pence: int | None = None
    maximum_pence: int | None = None
    weights: tuple[tuple[str, Decimal], ...] = ()

    def describe(self) -> str:
        if self.method == "need" and self.index == "domains":
            what = _(
                "Each area's share follows its population times a need score: the weighted sum of its "
                "domain scores (%(weights)s), each divided by the average of the areas being split so that "
                "every domain counts on the same scale (health and crime, measured from England's average, "
                "have %(shift)d added first)."
            ) % {"weights": self.weights_text(), "shift": Z_SCORE_SHIFT}
        elif self.method == "need" and self.index == "health":
            what = _(
                "Each area's share follows its population times its health deprivation and disability score "
                "plus %(shift)d: the score is measured from England's average (0, negative where health is "
                "better); adding %(shift)d keeps every area's weight above zero, but makes the differences "
                "between areas count for less than in the overall index."
            ) % {"shift": Z_SCORE_SHIFT}
        else:
            what = {
                "equal": _("Every area gets the same."),
                "population": _("Each area's share follows how many people live there."),
                "need": _(
                    "Each area's share follows its population times its deprivation score (Indices of "
                    "Deprivation 2019)."
                ),
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

    def weights_text(self) -> str:
        labels = dict(Domain.choices)
        return ", ".join(
            f"{str(labels.get(domain, domain)).lower()} {weight.normalize():f}"
            for domain, weight in self.weights
            if weight
        )

    def record(self) -> dict[str, Any]:
        """The split as plain data, for the audit log."""
        record: dict[str, Any] = {
            "method": self.method,
            "floor_percent": self.floor_percent,
            "minimum_pence": self.minimum_pence,
            "maximum_pence": self.maximum_pence,
        }
        if self.method == "need":
            record["index"] = self.index
        if self.method == "need" and self.index == "domains":
            record["weights"] = {domain: str(weight) for domain, weight in self.weights}
        return record


# The weights the Index of Multiple Deprivation 2019 itself gives its domains (in per cent).
IMD_WEIGHTS: tuple[tuple[str, Decimal], ...] = (
    (Domain.INCOME.value, Decimal("22.5")),
    (Domain.EMPLOYMENT.value, Decimal("22.5")),
    (Domain.EDUCATION.value, Decimal("13.5")),
    (Domain.HEALTH.value, Decimal("13.5")),
    (Domain.CRIME.value, Decimal("9.3")),
    (Domain.HOUSING.value, Decimal("9.3")),
    (Domain.ENVIRONMENT.value, Decimal("9.3")),
)


def _check_weights(split: Split) -> None:
    known = set(Domain.values)
    for domain, weight in split.weights:
        if domain not in known:
            raise ValueError(
                _("%(domain)s is not a domain of the Indices of Deprivation.") % {"domain": domain}
            )
        if weight < 0:
            raise ValueError(_("A domain's weight cannot be negative."))
    if not any(weight > 0 for _domain, weight in split.weights):
        raise ValueError(_("Give at least one domain a weight above 0."))


def _domain_scale(areas: list[Area], split: Split) -> dict[str, Fraction]:
    """Per weighted domain, the population-weighted average score of the areas (after the shift)."""
    scale = {}
    for domain, weight in split.weights:
        if not weight:
            continue
        people = sum(area.population or 0 for area in areas)
        total = sum((_domain_score(area, domain) * (area.population or 0) for area in areas), Fraction(0))
        if people == 0 or total <= 0:
            raise ValueError(
                _("The areas' %(domain)s scores average zero or less: they cannot be weighed.")
                % {"domain": str(Domain(domain).label).lower()}
            )
        scale[domain] = total / people
    return scale


def _domain_score(area: Area, domain: str) -> Fraction:
    score = (area.domain_scores or {}).get(domain)
    if score is None:
        raise ValueError(
            _("%(area)s has no %(domain)s score.")
            % {"area": area.name, "domain": str(Domain(domain).label).lower()}
        )
    return Fraction(score) + (Z_SCORE_SHIFT if domain in Z_SCORE_DOMAINS else 0)


def _weight(area: Area, split: Split, scale: Mapping[str, Fraction]) -> Fraction:
    if split.method == "equal":
        return Fraction(1)
    if area.population is None:
        raise ValueError(f"{area.name} has no population to split the pot by.")
    if split.method == "population":
        return Fraction(area.population)
    if split.index == "domains":
        need = sum(
            (
                Fraction(weight) * _domain_score(area, domain) / scale[domain]
                for domain, weight in split.weights
                if weight
            ),
            Fraction(0),
        )
        return area.population * need
    score = area.imd_score if split.index == "overall" else area.health_deprivation_score
    if score is None:
        raise ValueError(f"{area.name} has no {split.index} deprivation score.")
    return area.population * (
        Fraction(score) if split.index == "overall" else Fraction(score) + Z_SCORE_SHIFT
    )


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
    scale: dict[str, Fraction] = {}
    if split.method == "need" and split.index == "domains":
        _check_weights(split)
        scale = _domain_scale(chosen, split)
    weights = {area: _weight(area, split, scale) for area in chosen}
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
