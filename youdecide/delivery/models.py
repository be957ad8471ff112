"""After the vote: grants of funded proposals, their tranches, targets, milestones, monitoring returns and
the resident monitoring panel."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from youdecide.areas.models import Area
from youdecide.programmes.models import Outcome, Programme
from youdecide.proposals.models import BudgetLine, Proposal


class GrantStatus(models.TextChoices):
    OFFERED = "offered", _("Offered, awaiting the group's acceptance")
    ACCEPTED = "accepted", _("Accepted by the group")
    ACTIVE = "active", _("Active: money paid")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_GRANT_STATUSES = (GrantStatus.OFFERED, GrantStatus.ACCEPTED, GrantStatus.ACTIVE)


class DeliveryStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    DELAYED = "delayed", _("Delayed")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class UnderspendRoute(models.TextChoices):
    NONE = "", _("No underspend")
    RETURNED = "returned", _("Returned to the council")
    ROLLED_OVER = "rolled_over", _("Rolled into the next programme")


class Grant(models.Model):
    """The council's grant to the group behind a funded proposal: the agreement and where it stands."""

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="grant")
    amount_pence = models.PositiveBigIntegerField(_("amount awarded (pence)"))
    conditions = models.TextField(_("conditions"), blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    status = models.CharField(
        _("status"), max_length=20, choices=GrantStatus.choices, default=GrantStatus.OFFERED
    )
    delivery_status = models.CharField(
        _("delivery"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.NOT_STARTED
    )
    offered_at = models.DateTimeField(_("offered"))
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_name = models.CharField(_("accepted in the name of"), max_length=150, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closing_note = models.TextField(_("closing note"), blank=True)
    underspend_pence = models.PositiveBigIntegerField(_("underspend (pence)"), default=0)
    underspend_route = models.CharField(
        _("what happens to the underspend"),
        max_length=20,
        choices=UnderspendRoute.choices,
        default=UnderspendRoute.NONE,
        blank=True,
    )
    rolled_into = models.ForeignKey(
        Programme,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rolled_over_grants",
        verbose_name=_("next programme the underspend goes to"),
    )

    class Meta:
        ordering = ["proposal__title"]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="grant_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~models.Q(underspend_route="rolled_over") | models.Q(rolled_into__isnull=False),
                name="rolled_over_names_programme",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["offered"]) | models.Q(accepted_at__isnull=False),
                name="accepted_grant_has_acceptance",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal.reference}: {self.proposal.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_GRANT_STATUSES


class Tranche(models.Model):
    """One payment of the schedule: due date and amount; paid when an officer records the payment."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="tranches")
    number = models.PositiveSmallIntegerField(_("number"))
    due_on = models.DateField(_("due"))
    amount_pence = models.PositiveBigIntegerField(_("amount (pence)"))
    paid_on = models.DateField(_("paid"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=60, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["grant", "number"]
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        constraints = [
            models.UniqueConstraint(fields=["grant", "number"], name="one_tranche_number"),
            models.CheckConstraint(condition=models.Q(amount_pence__gt=0), name="tranche_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(paid_on__isnull=True) | ~models.Q(payment_reference=""),
                name="paid_tranche_has_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grant} #{self.number}"


class OutcomeTarget(models.Model):
    """What the project promises to achieve towards one of the programme's outcomes."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="targets")
    outcome = models.ForeignKey(Outcome, on_delete=models.PROTECT, related_name="+")
    indicator = models.CharField(_("indicator"), max_length=200)
    target_value = models.PositiveIntegerField(_("target"))
    unit = models.CharField(_("unit"), max_length=40, default="people")

    class Meta:
        ordering = ["grant", "pk"]
        verbose_name = _("outcome target")
        verbose_name_plural = _("outcome targets")

    def __str__(self) -> str:
        return self.indicator


class Milestone(models.Model):
    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"))
    progress_percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    done_on = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["grant", "due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress_percent__lte=100), name="milestone_progress_is_percentage"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ReturnKind(models.TextChoices):
    QUARTERLY = "quarterly", _("Quarterly return")
    FINAL = "final", _("Final return")


class ReturnStatus(models.TextChoices):
    DUE = "due", _("Not yet sent")
    SUBMITTED = "submitted", _("Sent, awaiting review")
    CHANGES_REQUESTED = "changes_requested", _("Changes asked for")
    ACCEPTED = "accepted", _("Accepted")


class MonitoringReturn(models.Model):
    """A report the group sends on the agreed schedule: spend, reach, activities, results, story, photos."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="returns")
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=20, choices=ReturnKind.choices)
    period_end = models.DateField(_("covers up to"))
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=20, choices=ReturnStatus.choices, default=ReturnStatus.DUE
    )
    reached_under_16 = models.PositiveIntegerField(_("under 16"), default=0)
    reached_16_24 = models.PositiveIntegerField(_("16 to 24"), default=0)
    reached_25_49 = models.PositiveIntegerField(_("25 to 49"), default=0)
    reached_50_64 = models.PositiveIntegerField(_("50 to 64"), default=0)
    reached_65_plus = models.PositiveIntegerField(_("65 and over"), default=0)
    activities = models.TextField(_("activities delivered"), blank=True)
    story = models.TextField(_("a short story"), blank=True)
    submitted_at = models.DateTimeField(_("sent"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    officer_note = models.TextField(_("officer's note"), blank=True)

    class Meta:
        ordering = ["grant", "number"]
        verbose_name = _("monitoring return")
        verbose_name_plural = _("monitoring returns")
        constraints = [
            models.UniqueConstraint(fields=["grant", "number"], name="one_return_number"),
            models.CheckConstraint(
                condition=~models.Q(status="changes_requested") | ~models.Q(officer_note=""),
                name="changes_requested_has_note",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grant} return {self.number}"

    @property
    def people_reached(self) -> int:
        return sum(getattr(self, field) for field, _label in AGE_BANDS)


AGE_BANDS = [
    ("reached_under_16", _("Under 16")),
    ("reached_16_24", _("16 to 24")),
    ("reached_25_49", _("25 to 49")),
    ("reached_50_64", _("50 to 64")),
    ("reached_65_plus", _("65 and over")),
]


class ReturnSpend(models.Model):
    """Spend to date on one of the proposal's budget lines, as a return states it."""

    monitoring_return = models.ForeignKey(MonitoringReturn, on_delete=models.CASCADE, related_name="spend")
    budget_line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="+")
    spent_pence = models.PositiveBigIntegerField(_("spent to date (pence)"))

    class Meta:
        ordering = ["monitoring_return", "budget_line__position"]
        constraints = [
            models.UniqueConstraint(fields=["monitoring_return", "budget_line"], name="one_spend_per_line")
        ]

    def __str__(self) -> str:
        return f"{self.monitoring_return}: {self.budget_line}"


class TargetResult(models.Model):
    """What a return says an outcome target has reached so far."""

    monitoring_return = models.ForeignKey(MonitoringReturn, on_delete=models.CASCADE, related_name="results")
    target = models.ForeignKey(OutcomeTarget, on_delete=models.CASCADE, related_name="results")
    achieved = models.PositiveIntegerField(_("achieved so far"))

    class Meta:
        ordering = ["monitoring_return", "target"]
        constraints = [
            models.UniqueConstraint(fields=["monitoring_return", "target"], name="one_result_per_target")
        ]

    def __str__(self) -> str:
        return f"{self.target}: {self.achieved}"


class ReturnPhoto(models.Model):
    """A photo sent with a return, checked as a JPEG or PNG by its content; public once the return is
    accepted."""

    monitoring_return = models.ForeignKey(MonitoringReturn, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to="delivery/returns/%Y/%m/")
    content_type = models.CharField(max_length=20)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    alt_text = models.CharField(_("description of the photo"), max_length=250)
    uploaded_at = models.DateTimeField(_("added"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["monitoring_return", "pk"]
        verbose_name = _("return photo")
        verbose_name_plural = _("return photos")

    def __str__(self) -> str:
        return self.alt_text


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Due within 7 days")
    LATE = "late", _("Late")


class ReturnReminder(models.Model):
    """A reminder emailed about a return; at most one per return and kind."""

    monitoring_return = models.ForeignKey(
        MonitoringReturn, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    sent_at = models.DateTimeField()
    sent_to = models.EmailField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["monitoring_return", "kind"], name="one_reminder_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.monitoring_return}: {self.kind}"


class PanelMember(models.Model):
    """A resident who has joined the monitoring panel to visit funded projects in their area."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="panel_member"
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+", verbose_name=_("area"))
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("monitoring panel member")
        verbose_name_plural = _("monitoring panel members")

    def __str__(self) -> str:
        return str(self.user)


class PanelAssignment(models.Model):
    """A panel member matched to a funded project to visit."""

    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="assignments")
    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="panel_assignments")
    assigned_at = models.DateTimeField(_("matched"), auto_now_add=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-assigned_at"]
        constraints = [models.UniqueConstraint(fields=["member", "grant"], name="one_assignment_per_project")]

    def __str__(self) -> str:
        return f"{self.member} → {self.grant}"


class VisitReport(models.Model):
    """A panel member's short report of a visit: read by officers and the group, never public."""

    assignment = models.ForeignKey(PanelAssignment, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("visited on"))
    report = models.TextField(_("what you saw"))
    filed_at = models.DateTimeField(_("filed"), auto_now_add=True)

    class Meta:
        ordering = ["-visited_on", "-pk"]
        verbose_name = _("visit report")
        verbose_name_plural = _("visit reports")

    def __str__(self) -> str:
        return f"{self.assignment} {self.visited_on}"
