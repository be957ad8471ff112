"""Variations as the council writes them: signed £m with exactly three decimals ("+0.010", "-1.250",
"0.000"), held as integer thousands of pounds. Never a float."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from youdecide.consultation.models import LOWERING_KINDS, ProposalKind

_MILLIONS = re.compile(r"^([+-]?)(\d+)\.(\d{3})$")
_LOOSE = re.compile(r"^[+-]?\d+(?:\.\d*)?$")


def format_millions(thousands: int) -> str:
    """10 -> '+0.010'; -1250 -> '-1.250'; 0 -> '0.000'."""
    sign = "+" if thousands > 0 else "-" if thousands < 0 else ""
    whole, rest = divmod(abs(thousands), 1000)
    return f"{sign}{whole}.{rest:03d}"


def parse_millions(text: str) -> int:
    """'+0.010' -> 10. A non-zero figure needs its sign and every figure three decimals; the ValueError
    says what is wrong in words a finance officer uses."""
    text = text.strip()
    match = _MILLIONS.match(text)
    if match is None:
        if _LOOSE.match(text):
            return _raise(_("'%(text)s' needs three decimals, such as +0.010 for £10,000") % {"text": text})
        return _raise(_("'%(text)s' is not an amount in £m, such as +0.010 or -1.250") % {"text": text})
    sign, whole, rest = match.groups()
    thousands = int(whole) * 1000 + int(rest)
    if thousands and not sign:
        return _raise(_("'%(text)s' needs a sign: +%(text)s for more, -%(text)s for less") % {"text": text})
    if not thousands and sign:
        return _raise(_("'%(text)s': nought has no sign, write 0.000") % {"text": text})
    return -thousands if sign == "-" else thousands


def millions_from_number(value: int | float | Decimal) -> int:
    """A number typed into a spreadsheet cell, e.g. 0.01 (a spreadsheet keeps no trailing noughts): a
    whole number of thousands of pounds, or a ValueError."""
    try:
        exact = Decimal(str(value))
    except InvalidOperation:
        return _raise(_("'%(value)s' is not an amount in £m") % {"value": value})
    thousands = exact * 1000
    if thousands != thousands.to_integral_value():
        return _raise(
            _("'%(value)s' has more than three decimals: variations are in whole thousands of pounds")
            % {"value": value}
        )
    return int(thousands)


def sign_problem(kind: str, thousands: int) -> str:
    """Why the sign does not fit the kind of proposal ('' when it does)."""
    if kind in LOWERING_KINDS and thousands > 0:
        return _(
            "savings and income lower the budget, so this %(kind)s's variation is negative or 0.000, "
            "not %(value)s"
        ) % {"kind": ProposalKind(kind).label.lower(), "value": format_millions(thousands)}
    if kind not in LOWERING_KINDS and thousands < 0:
        return _(
            "growth and revenue investment raise the budget, so this variation is positive or 0.000, "
            "not %(value)s"
        ) % {"value": format_millions(thousands)}
    return ""


def thousands_to_pence(thousands: int) -> int:
    return thousands * 100_000


def _raise(message: str) -> int:
    raise ValueError(message)
