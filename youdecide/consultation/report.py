"""The consultation's results for councillors as a PDF and as CSV: the same content as the results page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.html import escape
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.platypus import Paragraph, Table, TableStyle

from youdecide.consultation.models import BudgetPlan
from youdecide.consultation.selectors import ProposalViews, ServiceSpread
from youdecide.money import format_pence
from youdecide.results.open_data import safe_cell
from youdecide.web import pdf

_TABLE_STYLE = TableStyle(
    [
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold"),
        ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def results_pdf(
    plan: BudgetPlan, views: list[ProposalViews], spreads: list[ServiceSpread], submissions: int
) -> bytes:
    text = pdf.styles()
    story: list[object] = [
        Paragraph(escape(_("Budget consultation: results")), text["title"]),
        Paragraph(escape(plan.title), text["heading"]),
        Paragraph(escape(_("Residents' views of each proposal")), text["heading"]),
    ]
    rows: list[list[Any]] = [[_("Proposal"), _("Support"), _("Oppose"), _("Neither"), _("Views")]]
    rows += [
        [
            Paragraph(escape(f"{row.proposal.reference} {row.proposal.title}"), text["small"]),
            f"{row.support} ({row.support_share})",
            f"{row.oppose} ({row.oppose_share})",
            f"{row.neutral} ({row.neutral_share})",
            row.total,
        ]
        for row in views
    ]
    table = Table(rows, repeatRows=1, colWidths=[220, 60, 60, 60, 40])
    table.setStyle(_TABLE_STYLE)
    story.append(table)
    for row in views:
        if row.comments:
            story.append(
                Paragraph(escape(_("Comments on %(ref)s") % {"ref": row.proposal.reference}), text["project"])
            )
            story += [Paragraph(escape(f"“{comment}”"), text["small"]) for comment in row.comments]
    story.append(Paragraph(escape(_("The budget simulator")), text["heading"]))
    story.append(
        Paragraph(escape(_("%(n)s residents sent a balanced budget.") % {"n": submissions}), text["body"])
    )
    rows = [[_("Service"), _("Budget"), _("Mean change"), _("Spread (sd)"), _("Lowest"), _("Highest")]]
    rows += [
        [
            Paragraph(escape(spread.service.name), text["small"]),
            format_pence(spread.service.budget_pence),
            spread.mean_label,
            f"{spread.deviation_percent:.1f}",
            f"{spread.lowest:+d}%",
            f"{spread.highest:+d}%",
        ]
        for spread in spreads
    ]
    table = Table(rows, repeatRows=1, colWidths=[150, 80, 65, 65, 50, 50])
    table.setStyle(_TABLE_STYLE)
    story.append(table)
    return pdf.build(story, _("Budget consultation results: %(title)s") % {"title": plan.title})


def results_csv_rows(views: list[ProposalViews], spreads: list[ServiceSpread]) -> Iterator[list[Any]]:
    yield ["section", "reference", "name", "support", "oppose", "neutral", "published_comments"]
    for row in views:
        yield [
            "proposal",
            safe_cell(row.proposal.reference),
            safe_cell(row.proposal.title),
            row.support,
            row.oppose,
            row.neutral,
            len(row.comments),
        ]
    yield []
    yield [
        "section",
        "service",
        "budget_pence",
        "budgets_sent",
        "mean_percent",
        "sd_percent",
        "lowest",
        "highest",
    ]
    for spread in spreads:
        yield [
            "simulator",
            safe_cell(spread.service.name),
            spread.service.budget_pence,
            spread.count,
            f"{float(spread.mean_percent):.2f}",
            f"{spread.deviation_percent:.2f}",
            spread.lowest,
            spread.highest,
        ]
