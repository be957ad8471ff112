"""Template filters and a chart for the budget consultation: variations in signed £m, and a chart of
signed values (bars left of the axis for less, right for more) drawn on the server as SVG."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from youdecide.consultation.variations import format_millions, thousands_to_pence
from youdecide.money import format_pence

register = template.Library()

ROW = 28
LABEL_WIDTH = 280
HALF = 180


@register.filter
def millions(thousands: int) -> str:
    """{{ 10|millions }} -> "+0.010" (£m)."""
    return format_millions(int(thousands))


@register.filter
def thousands_pounds(thousands: int) -> str:
    """{{ -1250|thousands_pounds }} -> "-£1,250,000"."""
    return format_pence(thousands_to_pence(int(thousands)))


@register.filter
def signed_pounds(pence: int) -> str:
    """{{ 45000000|signed_pounds }} -> "+£450,000"; 0 -> "£0"."""
    return ("+" if int(pence) > 0 else "") + format_pence(int(pence))


@register.filter
def signed_percent(percent: int) -> str:
    """{{ 5|signed_percent }} -> "+5%"; -20 -> "-20%"; 0 -> "0%"."""
    return f"{int(percent):+d}%" if int(percent) else "0%"


@register.simple_tag
def signed_chart(items: Sequence[Any], title: str, chart_id: str) -> SafeString:
    """A bar per item (``label``, a signed number ``value`` and its ``text``) from a middle axis."""
    top = max((abs(item.value) for item in items), default=0) or 1
    axis = LABEL_WIDTH + HALF
    width = LABEL_WIDTH + 2 * HALF + 70
    height = ROW * len(items) + 8

    def bar(item: Any) -> tuple[int, int]:
        length = round(HALF * abs(item.value) / top)
        return (axis - length if item.value < 0 else axis), length

    rows = format_html_join(
        "",
        '<g transform="translate(0,{})"><text x="{}" y="17" text-anchor="end" class="chart-label">{}</text>'
        '<rect x="{}" y="4" width="{}" height="18" class="chart-bar{}"></rect>'
        '<text x="{}" y="17" class="chart-value">{}</text></g>',
        (
            (
                4 + i * ROW,
                LABEL_WIDTH - 8,
                item.label,
                *bar(item),
                " chart-bar-less" if item.value < 0 else "",
                axis + (0 if item.value < 0 else bar(item)[1]) + 6,
                item.text,
            )
            for i, item in enumerate(items)
        ),
    )
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{}-title" viewBox="0 0 {} {}" width="100%" '
        'preserveAspectRatio="xMinYMin meet"><title id="{}-title">{}</title>{}'
        '<line x1="{}" x2="{}" y1="0" y2="{}" class="chart-axis"></line></svg>',
        chart_id,
        width,
        height,
        chart_id,
        title,
        rows,
        axis,
        axis,
        height,
    )
