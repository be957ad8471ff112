"""Money is held as integer pence; these turn it into what people read and back."""

from __future__ import annotations

import re

_POUNDS = re.compile(r"^\s*£?\s*(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d{1,2}))?\s*$")


def format_pence(pence: int, *, show_pence: bool | None = None) -> str:
    """12345600 -> '£123,456'; 1050 -> '£10.50'. Pence are shown only when there are some."""
    sign = "-" if pence < 0 else ""
    pounds, rest = divmod(abs(pence), 100)
    if show_pence is None:
        show_pence = rest != 0
    text = f"£{pounds:,}" + (f".{rest:02d}" if show_pence else "")
    return sign + text


def parse_pounds(text: str) -> int:
    """'£1,250.50' -> 125050 pence. Raises ValueError with a readable message."""
    match = _POUNDS.match(text)
    if not match:
        raise ValueError(f"{text!r} is not an amount in pounds, such as 1250 or 1,250.50")
    whole = int(match.group(1).replace(",", ""))
    fraction = (match.group(2) or "0").ljust(2, "0")
    return whole * 100 + int(fraction)
