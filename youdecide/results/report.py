"""The transparency report of a programme as a PDF: the same content as its page."""

from __future__ import annotations

from typing import Any

from django.utils.html import escape
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from youdecide.money import format_pence
from youdecide.web import pdf


def transparency_report_pdf(report: dict[str, Any]) -> bytes:
    programme = report["programme"]
    text = pdf.styles()
    story: list[object] = [
        Paragraph(escape(_("Transparency report")), text["title"]),
        Paragraph(escape(programme.name), text["heading"]),
        Paragraph(
            escape(
                _("%(pot)s from %(source)s.")
                % {"pot": format_pence(programme.total_pot_pence), "source": programme.funding_source}
            ),
            text["body"],
        ),
        Paragraph(escape(_("The pot and its split across areas")), text["heading"]),
    ]
    spend = report["spend_recorded"]
    header = [_("Area"), _("Pot"), _("Applications"), _("Eligible"), _("Voters"), _("Awarded")]
    rows = [header + ([_("Spent to date")] if spend else [])] + [
        [
            row["area"].name,
            format_pence(row["pot"]),
            row["applications"],
            row["eligible"],
            row["voters"],
            format_pence(row["awarded"]) if row["awarded"] is not None else "—",
        ]
        + ([format_pence(row["spent"])] if spend else [])
        for row in report["areas"]
    ]
    totals = report["totals"]
    rows.append(
        [
            _("All areas"),
            format_pence(programme.total_pot_pence),
            totals["applications"],
            totals["eligible"],
            totals["voters"],
            format_pence(totals["awarded"]),
        ]
        + ([format_pence(totals["spent"])] if spend else [])
    )
    table = Table(rows, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONT", (0, -1), (-1, -1), "Helvetica-Bold"),
                ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
                ("LINEABOVE", (0, -1), (-1, -1), 1, colors.black),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ]
        )
    )
    story.append(table)
    if not spend:
        story.append(Paragraph(escape(report["awarded_note"]), text["body"]))
    story.append(Paragraph(escape(_("Applications found not eligible, and why")), text["heading"]))
    story += [
        Paragraph(
            f"<b>{escape(p.title)}</b> ({escape(p.group.name)}, {escape(p.area.name)}): "
            + escape(p.ineligible_reason),
            text["body"],
        )
        for p in report["ineligible"]
    ] or [Paragraph(escape(_("None.")), text["body"])]
    story.append(Paragraph(escape(_("How people voted")), text["heading"]))
    story += [
        Paragraph(escape(f"{bar.label}: {bar.value}"), text["body"])
        for bar in report["channels"] + report["events"]
    ]
    story.append(Paragraph(escape(_("Funded projects")), text["heading"]))
    story += [
        Paragraph(
            escape(f"{row.title} — {row.group}, {area.name}: " + format_pence(row.cost_pence)),
            text["body"],
        )
        for area, row in report["funded"]
    ] or [Paragraph(escape(_("No result is published yet.")), text["body"])]
    if report["ties"]:
        story.append(Paragraph(escape(_("Ties")), text["heading"]))
        story += [Paragraph(escape(tie), text["body"]) for tie in report["ties"]]
    story.append(Spacer(1, 6))
    return pdf.build(story, _("Transparency report: %(name)s") % {"name": programme.name})
