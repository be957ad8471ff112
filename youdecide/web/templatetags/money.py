"""Template filters for money held as integer pence."""

from __future__ import annotations

from django import template

from youdecide.money import format_pence

register = template.Library()


@register.filter
def pounds(pence: int | str | None) -> str:
    """{{ 3000000|pounds }} -> "£30,000"; an empty or missing value shows as nothing."""
    if pence is None or pence == "":
        return ""
    return format_pence(int(pence))
