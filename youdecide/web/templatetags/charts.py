"""Bar charts drawn on the server as SVG: no script, readable by screen readers (a title and a
description), and always shown with the table of the same numbers beside them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

ROW = 28
LABEL_WIDTH = 190
BAR_WIDTH = 360


@register.simple_tag
def bar_chart(bars: Sequence[Any], title: str, chart_id: str) -> SafeString:
    """A horizontal bar per item (each with ``label``, ``value`` and an optional ``note``)."""
    top = max((bar.value for bar in bars), default=0) or 1
    height = ROW * len(bars) + 8
    width = LABEL_WIDTH + BAR_WIDTH + 90
    rows = format_html_join(
        "",
        '<g transform="translate(0,{})"><text x="{}" y="17" text-anchor="end" class="chart-label">{}</text>'
        '<rect x="{}" y="4" width="{}" height="18" class="chart-bar"></rect>'
        '<text x="{}" y="17" class="chart-value">{}{}</text></g>',
        (
            (
                4 + i * ROW,
                LABEL_WIDTH - 8,
                bar.label,
                LABEL_WIDTH,
                round(BAR_WIDTH * bar.value / top),
                LABEL_WIDTH + round(BAR_WIDTH * bar.value / top) + 6,
                f"{bar.value:,}",
                f" ({bar.note})" if getattr(bar, "note", "") else "",
            )
            for i, bar in enumerate(bars)
        ),
    )
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{}-title" viewBox="0 0 {} {}" width="100%" '
        'preserveAspectRatio="xMinYMin meet"><title id="{}-title">{}</title>{}</svg>',
        chart_id,
        width,
        height,
        chart_id,
        title,
        rows,
    )
