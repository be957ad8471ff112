"""The Method of Equal Shares (MES), exact, with pabulib's completions.

Definition. Every voter starts with an equal share ``b0 = budget / voters`` of the budget. A project
``j`` costing ``c`` can be bought when its supporters together still have ``c``; its price ``rho`` is
the least number with ``sum_i min(b_i, rho * u_ij) = c``: each supporter pays ``rho`` per unit of
utility, or everything they have left if that is less. Each round the project with the lowest ``rho``
is bought (the tie-break settles exact equality) and its supporters pay. The count ends when no
project can be bought. Utilities: approval and choose-1 ballots use cost utilities (``u_ij = c_j``:
``rho`` is the share each supporter pays, divided by the cost), cumulative and scoring ballots use the
ballot's points. Ordinal ballots count as approval of the ranked projects with cost utilities (the
ranking is not used), as pabutools does with its cost satisfaction.

Completions (``completion``):

- ``none``: one run.
- ``add1`` (pabulib's ``equalshares/add1``): raise every voter's budget by 1 unit and rerun for as long
  as the outcome still fits the budget; the last outcome that fits is the answer. The reruns also end
  when an outcome funds every project that anyone supports (nothing more could change).
- ``add1-exhaustive`` (pabutools' variant): as ``add1``, but stop at the first outcome that is
  exhaustive (no supported project left out would fit in what is left).

``comparison`` (pabulib's ``-comparison``): count greedy as well and keep MES only if more voters
prefer MES's outcome (a higher total utility, with the utilities above) than prefer greedy's.

Exactness. Budgets, prices and comparisons are exact rationals where they decide anything: floats
(numpy) find the price and the order quickly, every bought project's price is recomputed exactly
(``Fraction``) from the exact budgets, and any comparison the floats find close (within a relative
1e-9) is made again exactly. A voter's exact budget is ``b0 - sum_k rho_k u_ik`` over the projects
bought so far (or 0 once they have paid all they had), so exact sums need only integer aggregates.

Speed (the +1 completions rerun MES hundreds of times). Identical ballots are one group (with cost
utilities, ballots naming the same projects in any order). Within a run a project's price only rises,
so its last price is a lower bound: each round prices projects in the order of their bounds and stops
at the first bound above the cheapest price found (within the closeness margin); a pricing starts
from the project's last price (the supporters below it pay all they have anyway), and stops as soon
as an iterate, itself a lower bound, passes the cheapest price so far. A round whose winner is clear
and whose supporters are all clearly above or below their payment is paid in floats; its exact
price is worked out later, and only if an exact check or the explanations need it. Products of long
vectors are taken in pieces so that no BLAS library spreads them over threads.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction
from functools import partial
from itertools import chain
from math import gcd
from operator import mul

import numpy as np
import numpy.typing as npt
from numpy import count_nonzero

from youdecide.counting.election import APPROVAL, CHOOSE_ONE, ORDINAL, Election
from youdecide.counting.explain import Outcome, ordinal
from youdecide.counting.rules.context import Context
from youdecide.counting.rules.equal_shares_steps import steady_until
from youdecide.counting.ties import Tie

TOL = 1e-9

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: The smallest positive float: what a voter keeps in floats when their exact remainder is positive.
_TINY = float(np.nextafter(0.0, 1.0))


#: Vectors longer than this are multiplied in pieces: a BLAS library may spread a longer product over
#: threads, which costs far more than it saves at these sizes, above all on a busy machine.
_PIECE = 4096


def _dot(x: FloatArray, y: FloatArray | BoolArray) -> FloatArray:
    """``x.dot(y)`` (x a vector, or a matrix with a row per vector) in pieces of at most ``_PIECE``."""
    n = y.shape[0]
    if n <= _PIECE:
        return x.dot(y)
    total = x[..., :_PIECE].dot(y[:_PIECE])
    for start in range(_PIECE, n, _PIECE):
        total = total + x[..., start : start + _PIECE].dot(y[start : start + _PIECE])
    return total


class Profile:
    """The ballots as numbers: grouped identical ballots, their weights and utilities per project.

    With cost utilities (approval, choose-1, ordinal) only the set of projects on a ballot matters, so
    ballots naming the same projects form one group whatever their order.
    """

    def __init__(self, election: Election) -> None:
        groups, weights = election.utilities()
        self.n_voters = len(election.ballots)
        self.costs = [p.cost for p in election.projects]
        m = len(election.projects)
        self.m = m
        self.cost_utilities = election.vote_type in (APPROVAL, CHOOSE_ONE, ORDINAL)
        if election.vote_type == ORDINAL:  # rankings of the same projects are one group here
            groups, weights = _merge_sets(groups, weights)
        g = len(groups)
        self.w: IntArray = np.asarray(weights, dtype=np.int64)
        lengths = np.fromiter((len(positions) for positions, _ in groups), dtype=np.int64, count=g)
        nnz = int(lengths.sum())
        rows = np.repeat(np.arange(g, dtype=np.int64), lengths)
        cols = np.fromiter(chain.from_iterable(positions for positions, _ in groups), np.int64, nnz)
        if self.cost_utilities:
            vals = np.ones(nnz, dtype=np.int64)
        else:
            vals = np.fromiter(chain.from_iterable(utils for _, utils in groups), np.int64, nnz)
        big = int(vals.max()) if nnz else 1
        self.A = np.zeros((g, m), dtype=np.int32 if big < 2**31 else np.int64)
        self.A[rows, cols] = vals
        # Each project's supporters in group order: the entries sorted (stably) by project.
        order = np.argsort(cols, kind="stable")
        bounds = np.searchsorted(cols[order], np.arange(m + 1)).tolist()
        by_project_rows = rows[order]
        by_project_vals = vals[order]
        self.supp: list[IntArray] = []
        self.a: list[IntArray] = []
        self.wa: list[IntArray] = []
        self.tot_wa: list[int] = []
        self.supporters: list[int] = []
        for j in range(m):
            s = by_project_rows[bounds[j] : bounds[j + 1]]
            a = by_project_vals[bounds[j] : bounds[j + 1]]
            w = self.w[s]
            wa = w * a
            self.supp.append(s)
            self.a.append(a)
            self.wa.append(wa)
            self.tot_wa.append(int(wa.sum()))
            self.supporters.append(int(w.sum()))
        #: rho is compared as rho / scale: the price per unit of cost utility for approval ballots.
        self.scale = [c if self.cost_utilities else 1 for c in self.costs]
        self.wf = [self.w[s].astype(np.float64) for s in self.supp]
        self.af = [a.astype(np.float64) for a in self.a]
        self.unit = [bool((a == 1).all()) for a in self.a]
        #: 1 / u per supporter (None where every u is 1): who pays all they have is b / u < rho.
        self.inv_a = [None if unit else 1.0 / af for unit, af in zip(self.unit, self.af, strict=True)]
        #: Per project, w * u (row 0) and scratch room for w * b (row 1): one product with a mask of
        #: supporters gives both sums the price needs.
        self.both: list[FloatArray] = []
        for wf, a in zip(self.wf, self.a, strict=True):
            both = np.empty((2, len(wf)), dtype=np.float64)
            both[0] = wf * a
            self.both.append(both)
        #: What pricing a project needs, in one tuple: supporters, cost, weights, the two rows,
        #: w * b's row, 1 / u (or None), the sum of w * u, and whether one BLAS call is safe.
        self.pricing = [
            (s, c, wf, both, both[1], inv_a, float(t), len(s) <= _PIECE)
            for s, c, wf, both, inv_a, t in zip(
                self.supp, self.costs, self.wf, self.both, self.inv_a, self.tot_wa, strict=True
            )
        ]

    def utility(self, chosen: list[int]) -> IntArray:
        """Each group's total utility for a set of projects (cost utilities for approval)."""
        if not chosen:
            return np.zeros(len(self.w), dtype=np.int64)
        sub = self.A[:, chosen].astype(np.int64)
        if self.cost_utilities:
            sub = sub * np.asarray([self.costs[j] for j in chosen], dtype=np.int64)
        return sub.sum(axis=1)


def _merge_sets(
    groups: list[tuple[tuple[int, ...], tuple[int, ...]]], weights: list[int]
) -> tuple[list[tuple[tuple[int, ...], tuple[int, ...]]], list[int]]:
    """Groups with the same projects merged (cost utilities: the ranking or points do not count)."""
    at: dict[tuple[int, ...], int] = {}
    merged: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    counts: list[int] = []
    for (positions, _), weight in zip(groups, weights, strict=True):
        where = at.get(positions)
        if where is None:
            at[positions] = len(merged)
            merged.append((positions, (1,) * len(positions)))
            counts.append(weight)
        else:
            counts[where] += weight
    return merged, counts


@dataclass
class Round:
    project: int
    #: What a supporter paid per unit of utility: the share itself for approval (cost utilities
    #: are counted in units of the project's cost, so ``rho / cost`` is pabulib's price).
    rho: Fraction
    paid_all: int  # voters who paid all they had left
    tied: tuple[int, ...] = ()


@dataclass
class RunResult:
    b0: Fraction
    rounds: list[Round]
    free: list[int]  # supported projects costing nothing, funded first
    left: FloatArray  # each group's budget at the end (float, for explanations)
    unaffordable_at: dict[int, int] = field(default_factory=dict)

    @property
    def selected(self) -> list[int]:
        return self.free + [r.project for r in self.rounds]


@dataclass
class _Pending:
    """A bought project; its exact price is computed only when something exact needs it."""

    project: int
    poor: BoolArray  # over the project's supporters: who paid all they had (the rest paid rho * u)
    before: FloatArray  # the supporters' float budgets before the round (0.0: had paid all already)
    tied: tuple[int, ...] = ()
    rho: Fraction | None = None


#: A float price: (rho, who pays all they have or None when rho is only a lower bound, the supporters'
#: budgets it was computed from).
Guess = tuple[float, BoolArray | None, FloatArray]


class _Run:
    """One run of MES with a given per-voter budget.

    Floats decide; a decision the floats find close is made again exactly. The exact state is kept
    lazily: a bought project's exact price is computed (in order) only when an exact check needs it.
    Exact prices are kept as integers over one common denominator ``D`` (``rho_k = N_k / D``,
    ``b0 = b0N / D``), so an exact sum of budgets is one integer dot product.

    A group has paid all it had exactly when its float budget is ``0.0``: paying all sets it to 0.0,
    and a group that keeps something keeps a positive float (a clear payment leaves more than the
    closeness margin; an exact one stores the exact remainder, at least the smallest positive float).
    """

    def __init__(self, profile: Profile, b0: Fraction, ranks: list[int], exact: bool = False) -> None:
        self.p = profile
        self.b0 = b0
        self.b0f = float(b0)
        self.ranks = ranks
        self.exact = exact
        g = len(profile.w)
        self.b: FloatArray = np.full(g, self.b0f, dtype=np.float64)
        #: Each project's last float price this run: prices only rise within a run, so it is where the
        #: next pricing of the project starts.
        self.q = [c / t if t else 0.0 for c, t in zip(profile.costs, profile.tot_wa, strict=True)]
        self.funded: list[int] = []
        self.rounds: list[_Pending] = []
        self.known = 0  # rounds whose exact rho is known
        self.D = b0.denominator
        self.b0N = b0.numerator
        self.N: list[int] = []

    # ----- exact state ---------------------------------------------------------------------------
    def _record_exact(self, rho: Fraction) -> None:
        d = rho.denominator
        if self.D % d:
            lcm = self.D * d // gcd(self.D, d)
            f = lcm // self.D
            self.D = lcm
            self.b0N *= f
            self.N = [x * f for x in self.N]
        self.N.append(rho.numerator * (self.D // d))
        self.known += 1

    def _sum_numerator(self, groups: IntArray, upto: int) -> int:
        """``D`` times the exact sum of w_g * b_g over live groups, budgets as after ``upto`` rounds."""
        if len(groups) == 0:
            return 0
        w = self.p.w[groups]
        total = self.b0N * int(w.sum())
        if upto:
            sums = w @ self.p.A[np.ix_(groups, np.asarray(self.funded[:upto], dtype=np.int64))].astype(
                np.int64
            )
            total -= sum(map(mul, self.N[:upto], sums.tolist()))
        return total

    def materialize(self) -> None:
        """Compute the exact price of every bought project not yet known, in order."""
        p = self.p
        while self.known < len(self.rounds):
            rnd = self.rounds[self.known]
            if rnd.rho is None:
                j = rnd.project
                live_poor = p.supp[j][rnd.poor & (rnd.before > 0.0)]
                rich_wa = p.tot_wa[j] - int(p.wa[j][rnd.poor].sum())
                paid = self._sum_numerator(live_poor, self.known)
                rnd.rho = Fraction(p.costs[j] * self.D - paid, self.D * rich_wa)
            self._record_exact(rnd.rho)

    def exact_budgets(self, groups: IntArray) -> list[Fraction]:
        """Exact budgets now of the given groups (grouped by identical payment history)."""
        self.materialize()
        if len(groups) == 0:
            return []
        k = len(self.funded)
        rows = self.p.A[np.ix_(groups, np.asarray(self.funded[:k], dtype=np.int64))].astype(np.int64)
        paid_all = (self.b[groups] == 0.0).astype(np.int64)
        keys = np.concatenate([rows, paid_all[:, None]], axis=1)
        uniq, inverse = np.unique(keys, axis=0, return_inverse=True)
        values: list[Fraction] = []
        for row in uniq.tolist():
            if row[-1]:
                values.append(Fraction(0))
            else:
                values.append(Fraction(self.b0N - sum(map(mul, self.N, row[:-1])), self.D))
        inv = np.asarray(inverse).reshape(-1)
        return [values[i] for i in inv.tolist()]

    def exact_sum_numerator(self, groups: IntArray) -> int:
        """``D`` times the exact sum of the budgets (times weights) of the given groups now."""
        self.materialize()
        return self._sum_numerator(groups[self.b[groups] != 0.0], len(self.funded))

    # ----- prices --------------------------------------------------------------------------------
    def float_price(self, j: int, cap: float = float("inf")) -> Guess | None:
        """(rho, who pays all they have, the supporters' budgets) in floats; None if unaffordable.

        The poor/rich iteration: whoever has less than ``rho * u`` pays all they have, and rho is
        raised for the rest, until nobody else falls short. It starts from the project's last price
        this run, a lower bound (prices only rise): the supporters below it are poor anyway. Every
        iterate is a lower bound of the price, so once one passes ``cap`` the project cannot be the
        cheapest and the pricing stops there (the second item is then None).
        """
        s, c, wf, both, wb, inv_a, tot_wa, short = self.p.pricing[j]
        bs = self.b[s]
        total = float(wf.dot(bs) if short else _dot(wf, bs))
        if total < c * (1 - TOL):
            return None
        if total <= c * (1 + TOL) and self.exact_sum_numerator(s) < c * self.D:
            return None
        ratio = bs if inv_a is None else bs * inv_a
        rho = self.q[j]
        poor = ratio < rho
        count = int(count_nonzero(poor))
        if not count:  # nobody below the last price: everyone pays c / (sum of w * u)
            return c / tot_wa, poor, bs
        np.multiply(wf, bs, out=wb)
        while True:
            poor_wa, poor_pay = (both.dot(poor) if short else _dot(both, poor)).tolist()
            rich_wa = tot_wa - poor_wa
            if rich_wa <= 0:
                return float(ratio.max()), poor, bs
            rho = max(rho, (c - poor_pay) / rich_wa)  # only ever rises: no float ping-pong
            if rho > cap:
                return rho, None, bs
            poor = ratio < rho
            more = int(count_nonzero(poor))
            if more == count:
                return rho, poor, bs
            count = more

    def exact_price(self, j: int, guess: Guess | None) -> tuple[Fraction, BoolArray]:
        """Exact rho of project j now, and who pays all they have (exactly)."""
        self.materialize()
        p = self.p
        s = p.supp[j]
        c = p.costs[j]
        if guess is not None and guess[1] is not None and not self.exact:
            poor = guess[1]
            rich_wa = p.tot_wa[j] - int(p.wa[j][poor].sum())
            if rich_wa > 0:
                rho = Fraction(c * self.D - self.exact_sum_numerator(s[poor]), self.D * rich_wa)
                exact_poor = self._partition_holds(j, poor, rho)
                if exact_poor is not None:
                    return rho, exact_poor
        # Exact from scratch: sort supporters by exact budget / utility.
        budgets = self.exact_budgets(s)
        a = p.a[j].tolist()
        w = p.w[s].tolist()
        idx = sorted(range(len(s)), key=lambda i: budgets[i] / a[i])
        paid = Fraction(0)
        rest = p.tot_wa[j]
        poor = np.zeros(len(s), dtype=bool)
        for i in idx:
            rho = (c - paid) / rest
            if rho * a[i] <= budgets[i]:
                return rho, poor
            paid += w[i] * budgets[i]
            rest -= w[i] * a[i]
            poor[i] = True
        raise AssertionError("exact_price called on an unaffordable project")

    def _close(self, j: int, rho_f: float) -> tuple[FloatArray, IntArray]:
        p = self.p
        diff = self.b[p.supp[j]] - rho_f * p.af[j]
        margin = TOL * (self.b0f + rho_f * p.af[j])
        return diff, np.nonzero(np.abs(diff) <= margin)[0]

    def _partition_holds(self, j: int, poor: BoolArray, rho: Fraction) -> BoolArray | None:
        """Check exactly that the poor have at most rho*u and the rich at least, where floats are close.

        Returns the partition (None if it does not hold), with any supporter whose budget is exactly
        rho*u counted among those paying rho*u, as the exact path counts them (the price is the same).
        """
        p = self.p
        rho_f = float(rho)
        diff, close = self._close(j, rho_f)
        margin = TOL * (self.b0f + rho_f * p.af[j])
        if (diff[poor] > margin[poor]).any() or (diff[~poor] < -margin[~poor]).any():
            return None
        if len(close) == 0:
            return poor
        budgets = self.exact_budgets(p.supp[j][close])
        a = p.a[j]
        exact_poor = poor
        for position, budget in zip(close.tolist(), budgets, strict=True):
            need = rho * int(a[position])
            if poor[position]:
                if budget > need:
                    return None
                if budget == need:
                    if exact_poor is poor:
                        exact_poor = poor.copy()
                    exact_poor[position] = False
            elif budget < need:
                return None
        return exact_poor

    # ----- the run -------------------------------------------------------------------------------
    def run(self, explain: bool = True) -> RunResult:
        p = self.p
        ranks = self.ranks
        scale = p.scale
        free = [j for j in range(p.m) if p.costs[j] == 0 and p.supporters[j] > 0]
        free.sort(key=lambda j: ranks[j])
        remaining = [j for j in range(p.m) if p.costs[j] > 0 and p.supporters[j] > 0]
        lower = [q / sc if sc else 0.0 for q, sc in zip(self.q, scale, strict=True)]
        by_lower = lower.__getitem__
        unaffordable_at: dict[int, int] = {}
        while remaining:
            # Equal bounds may come in any order: every project whose bound is within the limit is
            # priced, and exact ties go by the tie-break below.
            remaining.sort(key=by_lower)
            best = limit = float("inf")
            fresh: dict[int, Guess] = {}
            gone: list[int] = []
            for j in remaining:
                if lower[j] > limit:
                    break
                guess = self.float_price(j, limit * scale[j])
                if guess is None:
                    gone.append(j)
                    continue
                self.q[j] = guess[0]
                key = lower[j] = guess[0] / scale[j]
                if guess[1] is None:  # dearer than the best already found
                    continue
                fresh[j] = guess
                if key < best:
                    best = key
                    limit = best * (1 + TOL)
            for j in gone:
                remaining.remove(j)
                unaffordable_at[j] = len(self.rounds)
            if not fresh:
                break
            close = [j for j, g in fresh.items() if g[0] / scale[j] <= limit]
            tied: tuple[int, ...] = ()
            if len(close) == 1 and not self.exact:
                winner = close[0]
                rho_f, poor, bs = fresh[winner]
                if self._pay_if_clear(winner, rho_f, poor, bs):
                    remaining.remove(winner)
                    continue
                rho, exact_poor = self.exact_price(winner, fresh[winner])
            else:
                exact = {j: self.exact_price(j, fresh[j]) for j in close}
                keys = {j: exact[j][0] / scale[j] for j in close}
                low = min(keys.values())
                level = sorted((j for j in close if keys[j] == low), key=lambda j: ranks[j])
                winner = level[0]
                tied = tuple(level) if len(level) > 1 else ()
                rho, exact_poor = exact[winner]
            self._pay(winner, exact_poor, rho, tied)
            remaining.remove(winner)
        rounds: list[Round] = []
        if explain:
            self.materialize()
        for r in self.rounds:
            paid_all = 0
            if explain:
                j = r.project
                paid_all = int(p.w[p.supp[j][r.poor & (r.before > 0.0)]].sum())
            rho = r.rho if r.rho is not None else Fraction(0)
            rounds.append(Round(project=r.project, rho=rho, paid_all=paid_all, tied=r.tied))
        return RunResult(
            b0=self.b0, rounds=rounds, free=free, left=self.b.copy(), unaffordable_at=unaffordable_at
        )

    def _pay_if_clear(self, j: int, rho_f: float, poor: BoolArray | None, bs: FloatArray) -> bool:
        """Supporters of j pay for it from floats, if no budget is close to its payment; else False.

        The poor (those below rho * u) pay all they have and end with 0.0; the rest pay rho * u and
        keep more than the closeness margin, so a positive float.
        """
        p = self.p
        if poor is None:
            return False
        if p.inv_a[j] is None:
            diff = bs - rho_f
            if float(np.abs(diff).min()) <= TOL * (self.b0f + rho_f):
                return False
        else:
            af = p.af[j]
            diff = bs - rho_f * af
            if not (np.abs(diff) > TOL * (self.b0f + rho_f * af)).all():
                return False
        np.maximum(diff, 0.0, out=diff)
        self.b[p.supp[j]] = diff
        self.funded.append(j)
        self.rounds.append(_Pending(j, poor, bs))
        return True

    def _pay(self, j: int, poor: BoolArray, rho: Fraction, tied: tuple[int, ...]) -> None:
        """Supporters of j pay for it at the exact price: the poor all they have, the rest rho * u."""
        p = self.p
        s = p.supp[j]
        rho_f = float(rho)
        bs = self.b[s]
        diff = bs - rho_f * p.af[j]
        pays_all = poor.copy()
        left = np.maximum(diff, _TINY)
        _, close = self._close(j, rho_f)
        if len(close):
            budgets = self.exact_budgets(s[close])
            a = p.a[j]
            for position, budget in zip(close.tolist(), budgets, strict=True):
                rest = budget - rho * int(a[position])
                if rest <= 0:  # a rich supporter left with exactly nothing has paid all too
                    pays_all[position] = True
                else:
                    left[position] = max(float(rest), _TINY)
        left[pays_all] = 0.0
        self.b[s] = left
        self.funded.append(j)
        self.rounds.append(_Pending(j, poor, bs, tied, rho))
        self.materialize()


def _exhaustive(profile: Profile, selected: list[int], budget: int) -> bool:
    spent = sum(profile.costs[j] for j in selected)
    chosen = set(selected)
    return not any(
        j not in chosen
        and profile.supporters[j] > 0
        and profile.costs[j] > 0
        and spent + profile.costs[j] <= budget
        for j in range(profile.m)
    )


class _Pace:
    """When finding the steps to skip is worth its cost: when the counts made since it was last found
    took ``patience`` times as long as finding it did. The patience starts at ``PATIENCE`` and doubles
    each time a skip saved less counting than finding it cost, back to ``PATIENCE`` when one saved
    more. A run with few voters and a large budget finds long skips cheaply; a large election whose
    decisions change at almost every step is left to count nearly every step, at most ``1 / PATIENCE``
    slower than counting every step, and less the longer it goes on. The cost is first guessed from
    the size of the profile, then taken from the last time the skip was found."""

    #: Seconds per supporter entry and round, a first guess of what finding the skip costs.
    GUESS = 3e-6
    PATIENCE = 3

    def __init__(self, profile: Profile, enabled: bool) -> None:
        self.enabled = enabled
        self.entries = sum(len(s) for s in profile.supp)
        self.cost: float | None = None
        self.patience = self.PATIENCE
        self.counted = 0.0  # seconds spent counting since the skip was last found
        self.counts = 0  # and how many counts

    def next_step(self, steps: int, result: RunResult, find: Callable[[int, RunResult], int]) -> int:
        """The next step to count at: ``find(steps, result)`` when it is worth its cost now, else the
        next one."""
        rounds = len(result.rounds)
        cost = self.cost if self.cost is not None else self.GUESS * self.entries * (rounds + 1)
        if not self.enabled or self.counted < self.patience * cost:
            return steps + 1
        start = time.perf_counter()
        step = find(steps, result)
        self.cost = time.perf_counter() - start
        per_count = self.counted / max(self.counts, 1)
        if (step - steps - 1) * per_count < self.cost:
            self.patience *= 2
        else:
            self.patience = self.PATIENCE
        self.counted = 0.0
        self.counts = 0
        return step

    @contextmanager
    def counting(self) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.counted += time.perf_counter() - start
        self.counts += 1


def _next_step(profile: Profile, ranks: list[int], b0: Fraction, steps: int, result: RunResult) -> int:
    """The first +1 step after ``steps`` whose count may differ from ``result``, the count at it."""
    steady = steady_until(profile, ranks, b0 + steps)
    if steady.end is None or steady.rounds != [r.project for r in result.rounds]:
        return steps + 1
    room = steady.end - b0
    first = math.floor(room) + 1 if steady.closed else math.ceil(room)
    return max(first, steps + 1)


def mes_runs(
    election: Election,
    ranks: list[int],
    completion: str = "none",
    exact: bool = False,
    skip: bool = True,
) -> tuple[RunResult, int, Profile]:
    """Run MES with the completion; returns the chosen run, how many runs it took, and the profile.

    With ``skip`` the +1 completion skips the steps that cannot change the outcome (see
    :mod:`.equal_shares_steps`); without it, it counts at every step, as the definition reads.
    """
    profile = Profile(election)
    budget = election.budget
    n = max(profile.n_voters, 1)
    b0 = Fraction(budget, n)
    result = _Run(profile, b0, ranks, exact).run(explain=completion == "none")
    runs = 1
    steps = 0
    if completion != "none" and profile.n_voters > 0:
        supported = sum(1 for j in range(profile.m) if profile.supporters[j] > 0)
        pace = _Pace(profile, enabled=skip)
        find = partial(_next_step, profile, ranks, b0)
        while True:
            if completion == "add1-exhaustive" and _exhaustive(profile, result.selected, budget):
                break
            if len(result.selected) >= supported:
                break
            step = pace.next_step(steps, result, find)
            with pace.counting():
                trial = _Run(profile, b0 + step, ranks, exact).run(explain=False)
            runs += 1
            if sum(profile.costs[j] for j in trial.selected) > budget:
                steps = step - 1  # every step before it funds what the last run funded
                break
            steps = step
            result = trial
        # The outcome found, again with its exact prices for the explanations.
        result = _Run(profile, b0 + steps, ranks, exact).run(explain=True)
    return result, runs, profile


def _amount(ctx: Context, value: float | Fraction) -> str:
    whole = round(value)
    text = ctx.money(int(whole))
    return text if whole == value else f"about {text}"


def equal_shares(
    ctx: Context, *, completion: str = "none", comparison: bool = False, partial: bool = False
) -> Outcome:
    from youdecide.counting.rules.greedy import greedy
    from youdecide.counting.rules.partial import fund_partially

    election = ctx.election
    projects = election.projects
    rule = "equalshares" + {"none": "", "add1": "/add1", "add1-exhaustive": "/add1-exhaustive"}[completion]
    if comparison:
        rule += "-comparison"
    result, runs, profile = mes_runs(election, ctx.ranks, completion)
    selected = [projects[j].id for j in result.selected]
    ties: list[Tie] = []
    text: dict[int, str] = {}
    money = ctx.money
    for j in result.free:
        text[j] = "funded first: it costs nothing and has supporters"
    for number, rnd in enumerate(result.rounds, start=1):
        j = rnd.project
        supporters = profile.supporters[j]
        if profile.cost_utilities:
            how = f"its {supporters:,} supporters paid {_amount(ctx, rnd.rho)} each"
        else:
            how = f"its {supporters:,} supporters paid {_amount(ctx, rnd.rho)} per point"
        if rnd.paid_all:
            how += f", except {rnd.paid_all:,} who had less left and paid all they had"
        text[j] = f"funded {ordinal(number)} by equal shares: {how}; costs {money(projects[j].cost)}"
        if rnd.tied:
            ids = tuple(projects[i].id for i in rnd.tied)
            step = f"round {number} of equal shares (same price)"
            ties.append(Tie(step=step, tied=ids, chosen=ids[0], how=ctx.tie_break))
    left = result.left
    for j, project in enumerate(projects):
        if j in text:
            continue
        if profile.supporters[j] == 0:
            text[j] = "not funded: nobody voted for it"
            continue
        s = profile.supp[j]
        could = float((profile.w[s] * left[s]).sum())
        text[j] = (
            f"not funded by equal shares: its {profile.supporters[j]:,} supporters could still pay only "
            f"{_amount(ctx, could)} between them; it costs {money(project.cost)}"
        )
    outcome = Outcome(
        rule=rule,
        budget=election.budget,
        selected=selected,
        explanations={p.id: text[i] for i, p in enumerate(projects)},
        ties=ties,
        costs={p.id: p.cost for p in projects},
        details={"per_voter_budget": str(result.b0), "runs": runs},
    )
    if completion != "none":
        start = Fraction(election.budget, max(len(election.ballots), 1))
        outcome.details["steps"] = int(result.b0 - start)
        outcome.details["completion"] = (
            f"per-voter budget raised from {float(start):,.2f} to {float(result.b0):,.2f} "
            f"in steps of +1 ({runs:,} counts)"
        )
    if comparison:
        greedy_outcome = greedy(ctx)
        index = election.project_index()
        mes_u = profile.utility(result.selected)
        greedy_u = profile.utility([index[pid] for pid in greedy_outcome.selected])
        prefer_mes = int(profile.w[mes_u > greedy_u].sum())
        prefer_greedy = int(profile.w[greedy_u > mes_u].sum())
        outcome.details["comparison"] = {"prefer_equal_shares": prefer_mes, "prefer_greedy": prefer_greedy}
        if prefer_mes <= prefer_greedy and set(greedy_outcome.selected) != set(selected):
            note = (
                f" (greedy kept: {prefer_greedy:,} voters prefer it to equal shares, "
                f"{prefer_mes:,} the reverse)"
            )
            greedy_outcome.rule = rule
            greedy_outcome.details = {**outcome.details, "kept": "greedy"}
            greedy_outcome.explanations = {k: v + note for k, v in greedy_outcome.explanations.items()}
            outcome = greedy_outcome
        else:
            outcome.details["kept"] = "equal shares"
    if partial:
        fund_partially(ctx, outcome)
    return outcome
