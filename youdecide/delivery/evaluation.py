"""The evaluation of a programme: what its grants paid for and achieved, from accepted monitoring returns
only, with Decision Day feedback and who benefited; as a page, CSV and PDF."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Sum
from django.utils.html import escape
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from youdecide.areas.models import Area
from youdecide.delivery.models import (
    AGE_BANDS,
    Grant,
    GrantStatus,
    MonitoringReturn,
    ReturnStatus,
    TargetResult,
    Tranche,
    UnderspendRoute,
    VisitReport,
)
from youdecide.events.models import Agreement, CheckIn, DecisionDay, EventStatus, Feedback
from youdecide.groups.models import Asset, AssetStatus, GovernanceCheck, SessionBooking
from youdecide.groups.selectors import readiness_of
from youdecide.money import format_pence
from youdecide.programmes.models import Programme
from youdecide.proposals.models import Proposal, ProposalStatus
from youdecide.results.open_data import csv_lines, safe_cell
from youdecide.web import pdf

FUNDED_STATUSES = (GrantStatus.ACCEPTED, GrantStatus.ACTIVE, GrantStatus.COMPLETED)


@dataclass
class OutcomeRow:
    outcome: str
    unit: str
    projects: int = 0
    target: int = 0
    achieved: int = 0

    @property
    def percent(self) -> int | None:
        return round(100 * self.achieved / self.target) if self.target else None


@dataclass
class AreaRow:
    area: Area
    projects: int = 0
    awarded: int = 0
    people: int = 0


@dataclass
class Evaluation:
    programme: Programme
    projects: int = 0
    completed: int = 0
    cancelled: int = 0
    awarded: int = 0
    paid: int = 0
    spent: int = 0
    returned: int = 0
    rolled_over: int = 0
    people: int = 0
    ages: list[tuple[str, int]] = field(default_factory=list)
    outcomes: list[OutcomeRow] = field(default_factory=list)
    areas: list[AreaRow] = field(default_factory=list)
    feedback: int = 0
    more_connected: int = 0
    connected_answers: int = 0
    first_time: int = 0
    first_time_answers: int = 0
    groups: int = 0
    first_grant_groups: int = 0
    returns_accepted: int = 0
    visits: int = 0
    applicant_groups: int = 0
    first_time_applicants: int = 0
    ready_groups: int = 0
    sessions_attended: int = 0
    decision_days: int = 0
    checked_in: int = 0
    proposals: int = 0
    asked: int = 0
    assets: int = 0

    @staticmethod
    def share(part: int, whole: int) -> int | None:
        return round(100 * part / whole) if whole else None

    @property
    def more_connected_percent(self) -> int | None:
        return self.share(self.more_connected, self.connected_answers)

    @property
    def first_time_percent(self) -> int | None:
        return self.share(self.first_time, self.first_time_answers)

    @property
    def targets_met(self) -> int:
        return sum(1 for row in self.outcomes if row.target and row.achieved >= row.target)


def evaluate(programme: Programme) -> Evaluation:
    report = Evaluation(programme)
    grants = list(
        Grant.objects.filter(proposal__programme=programme)
        .exclude(status=GrantStatus.OFFERED)
        .select_related("proposal__area", "proposal__group")
        .order_by("pk")
    )
    funded = [grant for grant in grants if grant.status in FUNDED_STATUSES]
    report.projects = len(funded)
    report.completed = sum(1 for grant in funded if grant.status == GrantStatus.COMPLETED)
    report.cancelled = sum(1 for grant in grants if grant.status == GrantStatus.CANCELLED)
    report.awarded = sum(grant.amount_pence for grant in funded)
    report.paid = int(
        Tranche.objects.filter(grant__in=grants, paid_on__isnull=False).aggregate(t=Sum("amount_pence"))["t"]
        or 0
    )
    for grant in grants:
        if grant.underspend_route == UnderspendRoute.RETURNED:
            report.returned += grant.underspend_pence
        elif grant.underspend_route == UnderspendRoute.ROLLED_OVER:
            report.rolled_over += grant.underspend_pence
    latest: dict[int, MonitoringReturn] = {}
    for monitoring_return in MonitoringReturn.objects.filter(
        grant__in=grants, status=ReturnStatus.ACCEPTED
    ).order_by("number"):
        latest[monitoring_return.grant_id] = monitoring_return
    report.returns_accepted = MonitoringReturn.objects.filter(
        grant__in=grants, status=ReturnStatus.ACCEPTED
    ).count()
    spend = MonitoringReturn.objects.filter(pk__in=[r.pk for r in latest.values()]).aggregate(
        t=Sum("spend__spent_pence")
    )
    report.spent = int(spend["t"] or 0)
    report.ages = [(str(label), sum(getattr(r, name) for r in latest.values())) for name, label in AGE_BANDS]
    report.people = sum(count for _label, count in report.ages)

    outcomes: dict[tuple[str, str], OutcomeRow] = {}
    achieved = {
        row.target_id: row.achieved
        for row in TargetResult.objects.filter(monitoring_return__in=list(latest.values()))
    }
    for grant in funded:
        for target in grant.targets.select_related("outcome"):
            row = outcomes.setdefault(
                (target.outcome.name, target.unit), OutcomeRow(target.outcome.name, target.unit)
            )
            row.projects += 1
            row.target += target.target_value
            row.achieved += achieved.get(target.pk, 0)
    report.outcomes = sorted(outcomes.values(), key=lambda row: (row.outcome, row.unit))

    areas: dict[int, AreaRow] = {}
    for grant in funded:
        in_area = areas.setdefault(grant.proposal.area_id, AreaRow(grant.proposal.area))
        in_area.projects += 1
        in_area.awarded += grant.amount_pence
        if grant.pk in latest:
            in_area.people += latest[grant.pk].people_reached
    report.areas = sorted(areas.values(), key=lambda a: (-(a.area.imd_score or 0), a.area.name))

    feedback = Feedback.objects.filter(event__programme=programme)
    report.feedback = feedback.count()
    connected = feedback.exclude(more_connected="")
    report.connected_answers = connected.count()
    report.more_connected = connected.filter(
        more_connected__in=[Agreement.AGREE, Agreement.STRONGLY_AGREE]
    ).count()
    answered = feedback.filter(first_time__isnull=False)
    report.first_time_answers = answered.count()
    report.first_time = answered.filter(first_time=True).count()

    group_ids = {grant.proposal.group_id for grant in funded}
    report.groups = len(group_ids)
    earlier = set(
        Grant.objects.filter(
            proposal__group_id__in=group_ids, proposal__programme__created_at__lt=programme.created_at
        )
        .exclude(status=GrantStatus.OFFERED)
        .values_list("proposal__group_id", flat=True)
    )
    report.first_grant_groups = len(group_ids - earlier)
    report.visits = VisitReport.objects.filter(assignment__grant__in=grants).count()
    _capacity(programme, report)
    return report


def _capacity(programme: Programme, report: Evaluation) -> None:
    """The capacity built around the programme: who applied, how ready they were, the support sessions
    they attended, the Decision Days held, the needs raised and the assets mapped in its areas."""
    applied = Proposal.objects.filter(programme=programme).exclude(
        status__in=[ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN]
    )
    report.proposals = applied.count()
    report.asked = int(applied.aggregate(t=Sum("cost_pence"))["t"] or 0)
    applicants = set(applied.values_list("group_id", flat=True))
    report.applicant_groups = len(applicants)
    applied_before = set(
        Proposal.objects.filter(group_id__in=applicants, programme__created_at__lt=programme.created_at)
        .exclude(status__in=[ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN])
        .values_list("group_id", flat=True)
    )
    report.first_time_applicants = len(applicants - applied_before)
    checks = GovernanceCheck.objects.filter(group_id__in=applicants)
    documents = dict(checks.annotate(held=Count("documents")).values_list("pk", "held"))
    by_group: dict[int, list[GovernanceCheck]] = {}
    for check in checks:
        by_group.setdefault(check.group_id, []).append(check)
    report.ready_groups = sum(
        1 for group_id in applicants if readiness_of(by_group.get(group_id, []), documents).ready
    )
    report.sessions_attended = SessionBooking.objects.filter(group_id__in=applicants, attended=True).count()
    days = DecisionDay.objects.filter(programme=programme, status=EventStatus.CLOSED)
    report.decision_days = days.count()
    report.checked_in = CheckIn.objects.filter(event__in=days).count()
    report.assets = Asset.objects.filter(area__pots__programme=programme, status=AssetStatus.APPROVED).count()


def _percent(value: int | None) -> str:
    return "—" if value is None else f"{value}%"


def benefits(report: Evaluation) -> list[tuple[str, list[str]]]:
    """The benefits the council reports to each stakeholder, with the figures behind them."""
    met = _("Outcomes at or above their target: %(met)d of %(all)d") % {
        "met": report.targets_met,
        "all": len(report.outcomes),
    }
    feedback = (
        [
            _("Decision Day attendees who feel more connected to their community: %(share)s of answers")
            % {"share": _percent(report.more_connected_percent)},
            _("Taking part in participatory budgeting for the first time: %(share)s of answers")
            % {"share": _percent(report.first_time_percent)},
        ]
        if report.feedback
        else [_("No Decision Day feedback yet.")]
    )
    return [
        (
            _("Communities"),
            [
                _("People reached by funded projects: %(people)d") % {"people": report.people},
                met,
                *feedback,
            ],
        ),
        (
            _("Community groups"),
            [
                _("Groups funded: %(groups)d; holding a council grant for the first time: %(first)d")
                % {"groups": report.groups, "first": report.first_grant_groups},
                _("Groups that applied: %(groups)d, of them applying for the first time: %(first)d")
                % {"groups": report.applicant_groups, "first": report.first_time_applicants},
                _("Support sessions attended by groups that applied: %(sessions)d")
                % {"sessions": report.sessions_attended},
                _("Groups that applied and are now ready for wider commissioning: %(ready)d of %(groups)d")
                % {"ready": report.ready_groups, "groups": report.applicant_groups},
                _("Monitoring returns accepted: %(returns)d") % {"returns": report.returns_accepted},
            ],
        ),
        (
            _("Councillors"),
            [
                _("Decision Days held: %(days)d, with %(people)d residents checked in to vote")
                % {"days": report.decision_days, "people": report.checked_in},
                _("Areas with funded projects: %(areas)d; the table by area shows the people reached in each")
                % {"areas": len(report.areas)},
            ],
        ),
        (
            _("Commissioners"),
            [
                _("Needs evidence: %(proposals)d proposals asking for %(asked)s in all")
                % {"proposals": report.proposals, "asked": format_pence(report.asked)},
                _("Local assets mapped in the programme's areas: %(assets)d") % {"assets": report.assets},
                _("Projects reporting outcome indicators against their targets: %(projects)d")
                % {"projects": report.projects},
                _("Visit reports from the resident monitoring panel: %(visits)d") % {"visits": report.visits},
            ],
        ),
    ]


def evaluation_rows(report: Evaluation) -> Iterator[list[Any]]:
    """The evaluation as CSV rows: section, measure, value."""
    yield ["section", "measure", "value"]
    money = [
        ("projects funded", report.projects),
        ("projects completed", report.completed),
        ("projects cancelled", report.cancelled),
        ("awarded (pence)", report.awarded),
        ("paid (pence)", report.paid),
        ("spent by accepted returns (pence)", report.spent),
        ("underspend returned (pence)", report.returned),
        ("underspend rolled over (pence)", report.rolled_over),
    ]
    yield from (["money", measure, value] for measure, value in money)
    yield ["reach", "people reached", report.people]
    yield from (["reach", f"people reached aged {label}", count] for label, count in report.ages)
    for row in report.outcomes:
        yield ["outcome", f"{row.outcome} ({row.unit}): projects", row.projects]
        yield ["outcome", f"{row.outcome} ({row.unit}): target", row.target]
        yield ["outcome", f"{row.outcome} ({row.unit}): achieved", row.achieved]
    for area in report.areas:
        yield ["area", f"{area.area.name}: projects", area.projects]
        yield ["area", f"{area.area.name}: awarded (pence)", area.awarded]
        yield ["area", f"{area.area.name}: people reached", area.people]
    yield ["decision days", "feedback answers", report.feedback]
    yield ["decision days", "feel more connected", report.more_connected]
    yield ["decision days", "answered whether more connected", report.connected_answers]
    yield ["decision days", "first time taking part", report.first_time]
    yield ["decision days", "answered whether first time", report.first_time_answers]
    yield ["groups", "groups funded", report.groups]
    yield ["groups", "first-time grant holders", report.first_grant_groups]
    yield ["groups", "monitoring returns accepted", report.returns_accepted]
    yield ["groups", "groups that applied", report.applicant_groups]
    yield ["groups", "first-time applicants", report.first_time_applicants]
    yield ["groups", "applicants ready to apply", report.ready_groups]
    yield ["groups", "support sessions attended by applicants", report.sessions_attended]
    yield ["decision days", "decision days held", report.decision_days]
    yield ["decision days", "residents checked in", report.checked_in]
    yield ["needs", "proposals", report.proposals]
    yield ["needs", "asked for (pence)", report.asked]
    yield ["assets", "assets mapped in the programme's areas", report.assets]
    yield ["monitoring panel", "visit reports", report.visits]


def evaluation_csv(report: Evaluation) -> str:
    """Text cells a spreadsheet would run as formulas are escaped, as in the other open data."""
    rows = (
        [safe_cell(cell) if isinstance(cell, str) else cell for cell in row]
        for row in evaluation_rows(report)
    )
    return "".join(csv_lines(rows))


def _table(rows: list[list[Any]]) -> Table:
    table = Table(rows, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ]
        )
    )
    return table


def evaluation_pdf(report: Evaluation) -> bytes:
    """The evaluation page as an A4 PDF, the same figures in the same order."""
    text = pdf.styles()
    title = _("Evaluation: %(programme)s") % {"programme": report.programme.name}
    story: list[object] = [Paragraph(escape(title), text["title"]), Spacer(1, 6)]
    story.append(Paragraph(escape(_("The money")), text["heading"]))
    story.append(
        _table(
            [
                [_("Measure"), _("Amount")],
                [_("Awarded"), format_pence(report.awarded)],
                [_("Paid"), format_pence(report.paid)],
                [_("Spent, by accepted returns"), format_pence(report.spent)],
                [_("Underspend returned"), format_pence(report.returned)],
                [_("Underspend rolled into the next programme"), format_pence(report.rolled_over)],
            ]
        )
    )
    story.append(Paragraph(escape(_("Outcomes against targets")), text["heading"]))
    story.append(
        _table(
            [[_("Outcome"), _("Projects"), _("Target"), _("Achieved")]]
            + [[f"{r.outcome} ({r.unit})", r.projects, r.target, r.achieved] for r in report.outcomes]
        )
    )
    story.append(Paragraph(escape(_("People reached, by age")), text["heading"]))
    story.append(_table([[_("Age"), _("People")], *[[label, count] for label, count in report.ages]]))
    story.append(Paragraph(escape(_("By area, most deprived first")), text["heading"]))
    story.append(
        _table(
            [[_("Area"), _("IMD score"), _("Projects"), _("Awarded"), _("People reached")]]
            + [
                [
                    row.area.name,
                    "—" if row.area.imd_score is None else f"{row.area.imd_score:.1f}",
                    row.projects,
                    format_pence(row.awarded),
                    row.people,
                ]
                for row in report.areas
            ]
        )
    )
    story.append(Paragraph(escape(_("Who benefits")), text["heading"]))
    for stakeholder, lines in benefits(report):
        story.append(Paragraph(f"<b>{escape(stakeholder)}</b>", text["body"]))
        story += [Paragraph(escape(line), text["body"]) for line in lines]
    return pdf.build(story, title)
