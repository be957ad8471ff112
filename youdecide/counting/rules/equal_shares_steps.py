"""How far the +1 completion of equal shares can raise the per-voter budget without changing the count.

With the per-voter budget ``x`` as a variable, and a run's decisions held fixed (which project each
round buys, and which of its supporters pay all they have), every voter's budget and every price is a
linear function of ``x``: a supporter who pays ``rho * u`` keeps ``b - rho * u``, one who pays all keeps
0, and a price is ``(c - what the poor pay) / (the rich's utility)``. Each decision of the run is then
a linear inequality in ``x``:

- the winner's poor have at most ``rho * u`` and its rich at least (its price is the linear one);
- any other project still affordable is no cheaper than the winner. A project's price with any split
  of its supporters into poor and rich is a lower bound of its true price, so its split at ``x`` gives
  a linear bound that suffices; strictly dearer where it comes first in the tie-break;
- a project that could not be afforded still cannot, and at the end none left can.

Every inequality holds at ``x``, so together they hold on an interval that starts there: MES at every
budget in it makes the same decisions, and funds the same projects. :func:`steady_until` gives the
interval's upper end. The +1 completion then skips every step inside it (their outcomes are the one
already found) and counts again only at the first step that may differ, so the outcome is the one
the plain ``b0 + 1, b0 + 2, ...`` loop finds, in far fewer counts when a step is small next to the
budgets (a pot in pence with few voters).

Everything here is exact (``Fraction``); it recomputes the run's decisions from the definition and
returns them, so the caller can check them against the run it made.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from youdecide.counting.rules.equal_shares import Profile

#: A budget or price as a linear function of the per-voter budget x: (constant, slope).
Linear = tuple[Fraction, Fraction]
_NOTHING: Linear = (Fraction(0), Fraction(0))
IntArray = npt.NDArray[np.int64]
#: A project's supporters grouped by budget form and utility: forms, utilities, total weights, and which
#: entry each supporter is in.
Entries = tuple[list[int], list[int], list[int], IntArray]


@dataclass
class _Upper:
    """The least upper end of the inequalities seen so far, and whether it is itself inside."""

    at: Fraction | None = None
    closed: bool = True

    def keep(self, const: Fraction, slope: Fraction, strict: bool) -> None:
        """Take in ``const + slope * x >= 0`` (``> 0`` when strict), which holds at the current x."""
        if slope >= 0:
            return
        end = -const / slope
        if self.at is None or end < self.at or (end == self.at and strict):
            self.at = end
            self.closed = not strict


@dataclass
class Steady:
    """The decisions MES makes at ``x`` and the upper end of the budgets where it makes the same."""

    rounds: list[int]
    prices: list[Linear]  # each round's price, as a linear function of the per-voter budget
    end: Fraction | None  # None: no decision depends on a larger x
    closed: bool  # whether the budget ``end`` itself makes the same decisions


class _Budgets:
    """Every group's budget as a linear function of x, kept once per payment history: groups that
    supported the same bought projects (with the same utilities) and paid the same have one form."""

    def __init__(self, profile: Profile, x: Fraction) -> None:
        self.p = profile
        self.x = x
        self.forms: list[Linear] = [_NOTHING, (Fraction(0), Fraction(1))]  # 0: paid all; 1: untouched
        self.at_x: list[Fraction] = [Fraction(0), x]  # each form's value at x
        self.of = np.ones(len(profile.w), dtype=np.int64)  # each group's form

    def supporters(self, j: int) -> Entries:
        """Project j's supporters as (form, utility, total weight) entries, and each one's entry."""
        p = self.p
        keys = np.stack([self.of[p.supp[j]], p.a[j]], axis=1)
        uniq, inverse = np.unique(keys, axis=0, return_inverse=True)
        inverse = np.asarray(inverse).reshape(-1)
        weight = np.bincount(inverse, weights=p.w[p.supp[j]], minlength=len(uniq)).astype(np.int64)
        return uniq[:, 0].tolist(), uniq[:, 1].tolist(), weight.tolist(), inverse

    def total(self, entries: Entries) -> Linear:
        forms, _, weights, _ = entries
        const = sum((w * self.forms[f][0] for f, w in zip(forms, weights, strict=True)), Fraction(0))
        slope = sum((w * self.forms[f][1] for f, w in zip(forms, weights, strict=True)), Fraction(0))
        return const, slope

    def pay(self, j: int, entries: Entries, rho: Linear, poor: list[int], bound: _Upper) -> None:
        """Project j's supporters pay: the poor entries all they have, the rest ``rho * u``."""
        forms, utilities, _, inverse = entries
        poor_set = set(poor)
        new: list[int] = []
        for n, (f, u) in enumerate(zip(forms, utilities, strict=True)):
            const, slope = self.forms[f]
            if n in poor_set:
                if f:
                    bound.keep(rho[0] * u - const, rho[1] * u - slope, strict=False)
                new.append(0)
            else:
                left = (const - rho[0] * u, slope - rho[1] * u)
                bound.keep(left[0], left[1], strict=False)
                new.append(len(self.forms))
                self.forms.append(left)
                self.at_x.append(left[0] + left[1] * self.x)
        self.of[self.p.supp[j]] = np.asarray(new, dtype=np.int64)[inverse]


def _price(
    profile: Profile, j: int, budgets: _Budgets, entries: Entries
) -> tuple[Fraction, Linear, list[int]] | None:
    """Project j's exact price at x, its price as a linear function of x with the same split of its
    supporters, and the entries that pay all they have; None if its supporters cannot afford it."""
    forms, a, w, _ = entries
    c = profile.costs[j]
    now = [budgets.at_x[f] for f in forms]
    if sum(wi * b for wi, b in zip(w, now, strict=True)) < c:
        return None
    if profile.unit[j]:
        order = sorted(range(len(forms)), key=now.__getitem__)
    else:
        order = sorted(range(len(forms)), key=lambda i: now[i] / a[i])
    paid = Fraction(0)
    rest = profile.tot_wa[j]
    for n, i in enumerate(order):
        rho = (c - paid) / rest
        if rho * a[i] <= now[i]:
            poor = order[:n]
            const = Fraction(c) - sum((w[k] * budgets.forms[forms[k]][0] for k in poor), Fraction(0))
            slope = -sum((w[k] * budgets.forms[forms[k]][1] for k in poor), Fraction(0))
            return rho, (const / rest, slope / rest), poor
        paid += w[i] * now[i]
        rest -= w[i] * a[i]
    raise AssertionError("an affordable project has a price")


def steady_until(profile: Profile, ranks: list[int], x: Fraction) -> Steady:
    """MES at per-voter budget x, exactly, with the interval of budgets that make the same decisions."""
    budgets = _Budgets(profile, x)
    remaining = [j for j in range(profile.m) if profile.costs[j] > 0 and profile.supporters[j] > 0]
    scale = profile.scale
    bound = _Upper()
    rounds: list[int] = []
    prices: list[Linear] = []
    while remaining:
        priced = {}
        entries = {}
        for j in list(remaining):
            entries[j] = budgets.supporters(j)
            price = _price(profile, j, budgets, entries[j])
            if price is None:  # and still none: c - sum of w * b(x) > 0
                const, slope = budgets.total(entries[j])
                bound.keep(profile.costs[j] - const, -slope, strict=True)
                remaining.remove(j)
            else:
                priced[j] = price
        if not priced:
            break
        winner = min(priced, key=lambda j: (priced[j][0] / scale[j], ranks[j]))
        _, (w_const, w_slope), poor = priced[winner]
        sw = scale[winner]
        for j, (_, (const, slope), _) in priced.items():
            if j != winner:
                sj = scale[j]
                strict = ranks[j] < ranks[winner]
                bound.keep(const / sj - w_const / sw, slope / sj - w_slope / sw, strict)
        budgets.pay(winner, entries[winner], (w_const, w_slope), poor, bound)
        rounds.append(winner)
        prices.append((w_const, w_slope))
        remaining.remove(winner)
    return Steady(rounds=rounds, prices=prices, end=bound.at, closed=bound.closed)
