"""Printable PDFs for a Decision Day: numbered ballot papers (standard and large print) and voting-code
cards with QR codes. Drawn with ReportLab; the text stays uncompressed so it can be searched and read
aloud by screen readers that open PDFs."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from youdecide.money import format_pence
from youdecide.proposals.models import Proposal
from youdecide.voting.ballot_rules import BallotSpec
from youdecide.web import pdf

MAX_PAPERS = 2000


def _instructions(spec: BallotSpec) -> str:
    if spec.kind == "scores":
        return _(
            "Score every project: tick one box for each, from %(low)d (least support) to %(high)d (most)."
        ) % {
            "low": spec.score_min,
            "high": spec.score_max,
        }
    if spec.kind == "ranking":
        return _("Write 1 beside the project you support most, 2 beside the next, and so on.")
    if spec.kind == "points":
        return _("Share out %(n)d points: write the points beside the projects you support.") % {
            "n": spec.points_total
        }
    if spec.kind == "choose_one":
        return _("Tick one project.")
    return _("Tick the projects you support.")


def ballot_papers_pdf(
    title: str,
    area: str,
    spec: BallotSpec,
    proposals: Sequence[Proposal],
    first: int,
    count: int,
    large: bool,
) -> bytes:
    """`count` papers numbered from `first`, one paper per page (two or more in large print)."""
    if not 1 <= count <= MAX_PAPERS:
        raise ValueError(f"from 1 to {MAX_PAPERS} papers at a time")
    styles = pdf.styles(large)
    scale: list[int | None] = (
        list(range(spec.score_min, spec.score_max + 1)) if spec.kind == "scores" else [None]
    )
    box = 12 * mm if large else 8 * mm
    story: list[object] = []
    for number in range(first, first + count):
        story += [
            Paragraph(_("Ballot paper No. %(n)d") % {"n": number}, styles["number"]),
            Paragraph(title, styles["title"]),
            Paragraph(area, styles["body"]),
            Spacer(1, 4 * mm),
            Paragraph(_instructions(spec), styles["body"]),
            Spacer(1, 4 * mm),
        ]
        header = [Paragraph(_("Project"), styles["project"])] + [
            Paragraph(str(value) if value is not None else "", styles["project"]) for value in scale
        ]
        rows = [header]
        for proposal in proposals:
            label = f"<b>{proposal.title}</b> ({format_pence(proposal.cost_pence)})<br/>{proposal.summary}"
            rows.append(
                [Paragraph(label, styles["small" if not large else "body"])] + ["" for _value in scale]
            )
        widths = [A4[0] - 40 * mm - box * len(scale)] + [box] * len(scale)
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.black),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.4, colors.grey),
                    ("BOX", (1, 1), (-1, -1), 0.8, colors.black),
                    ("INNERGRID", (1, 1), (-1, -1), 0.8, colors.black),
                    ("ALIGN", (1, 0), (-1, 0), "CENTER"),
                    ("BOTTOMPADDING", (0, 1), (-1, -1), 6),
                    ("TOPPADDING", (0, 1), (-1, -1), 6),
                ]
            )
        )
        story += [table, Spacer(1, 6 * mm)]
        story.append(
            Paragraph(_("Put your paper in the ballot box. Do not write your name on it."), styles["small"])
        )
        story.append(PageBreak())
    return pdf.build(story, title)


def code_cards_pdf(title: str, area: str, url: str, codes: Sequence[str]) -> bytes:
    """Eight cards to an A4 page, each with its code and a QR code of the voting page."""
    styles = pdf.styles(False)
    cells = []
    for code in codes:
        qr = QrCodeWidget(f"{url}#code={code}")
        left, bottom, right, top = qr.getBounds()
        size = 30 * mm
        drawing = Drawing(size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0])
        drawing.add(qr)
        text = [
            Paragraph(_("Vote in %(programme)s") % {"programme": title}, styles["project"]),
            Paragraph(_("Area: %(area)s") % {"area": area}, styles["small"]),
            Paragraph(_("Your code: <b>%(code)s</b>") % {"code": code}, styles["body"]),
            Paragraph(
                _("Scan the QR code or go to %(url)s and enter the code. It works once.") % {"url": url},
                styles["small"],
            ),
        ]
        cells.append(Table([[drawing, text]], colWidths=[34 * mm, 54 * mm]))
    rows = [cells[i : i + 2] + [""] * (2 - len(cells[i : i + 2])) for i in range(0, len(cells), 2)]
    grid = Table(rows, colWidths=[90 * mm, 90 * mm], rowHeights=[62 * mm] * len(rows))
    grid.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.5, colors.grey),
                ("INNERGRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return pdf.build([KeepTogether(grid)] if len(rows) <= 4 else [grid], title)
