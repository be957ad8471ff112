"""PDF building blocks shared by the printable documents: text styles and an A4 document."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate


def styles(large: bool = False) -> dict[str, ParagraphStyle]:
    size = 16 if large else 11
    return {
        "title": ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=size + 8, leading=size + 12),
        "heading": ParagraphStyle(
            "heading", fontName="Helvetica-Bold", fontSize=size + 3, leading=size + 8, spaceBefore=8
        ),
        "body": ParagraphStyle("body", fontName="Helvetica", fontSize=size, leading=size * 1.35),
        "project": ParagraphStyle("project", fontName="Helvetica-Bold", fontSize=size, leading=size * 1.3),
        "small": ParagraphStyle("small", fontName="Helvetica", fontSize=size - 2, leading=(size - 2) * 1.3),
        "number": ParagraphStyle(
            "number", fontName="Helvetica-Bold", fontSize=size + 2, leading=size + 6, alignment=2
        ),
    }


def build(story: list[object], title: str) -> bytes:
    """An A4 PDF with uncompressed text (searchable, and readable by assistive technology)."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=title,
        author="You Decide",
        pageCompression=0,
        invariant=1,
    )
    document.build(story)
    return buffer.getvalue()
