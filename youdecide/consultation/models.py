"""The council's budget consultation: a budget plan of proposals per outcome with a signed variation for
each year against the base-year budget, residents' responses, and a budget simulator.

Variations are held as integer thousands of pounds (the council writes them in £m with three decimals:
+0.010 is +10 here). Each is against the base year, never on top of the year before.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def year_label(start: int) -> str:
    """2018 -> '2018/19', the financial year starting in April of that year."""
    return f"{start}/{(start + 1) % 100:02d}"


class ProposalKind(models.TextChoices):
    SAVING = "saving", _("Saving")
    GROWTH = "growth", _("Growth")
    INCOME = "income", _("Income")
    REVENUE_INVESTMENT = "revenue_investment", _("Revenue investment")


# Savings and income lower the budget (their variations are negative or zero); growth and investment
# raise it (positive or zero).
LOWERING_KINDS = frozenset({ProposalKind.SAVING, ProposalKind.INCOME})


class BudgetPlan(models.Model):
    """A medium-term budget plan: its proposals' variations against the base year, for the years covered."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    base_year = models.PositiveSmallIntegerField(_("base year (first calendar year, e.g. 2018 for 2018/19)"))
    first_year = models.PositiveSmallIntegerField(_("first year covered"))
    year_count = models.PositiveSmallIntegerField(_("number of years covered"))
    closes_on = models.DateField(_("responses close"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-first_year", "title"]
        verbose_name = _("budget plan")
        verbose_name_plural = _("budget plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first_year__gt=models.F("base_year")), name="plan_years_after_base_year"
            ),
            models.CheckConstraint(condition=models.Q(year_count__gte=1), name="plan_covers_a_year"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.first_year + self.year_count))

    @property
    def base_year_label(self) -> str:
        return year_label(self.base_year)

    @property
    def year_labels(self) -> list[str]:
        return [year_label(year) for year in self.years]


class PlanOutcome(models.Model):
    """One of the council's outcomes, with what it means and what the council will do about it."""

    plan = models.ForeignKey(BudgetPlan, on_delete=models.CASCADE, related_name="outcomes")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    what_it_means = models.TextField(_("what it means"), blank=True)
    focus = models.TextField(_("what the council will focus on (one a line)"), blank=True)
    success = models.TextField(_("what success looks like (one a line)"), blank=True)
    priorities = models.TextField(_("key priorities (one a line)"), blank=True)
    challenges = models.TextField(_("challenges and opportunities (one a line)"), blank=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="one_outcome_number_per_plan")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Theme(models.Model):
    """A heading proposals are grouped under, e.g. "Changing the way we work"."""

    outcome = models.ForeignKey(PlanOutcome, on_delete=models.CASCADE, related_name="themes")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["outcome", "position"]
        constraints = [
            models.UniqueConstraint(fields=["outcome", "title"], name="one_theme_title_per_outcome")
        ]

    def __str__(self) -> str:
        return self.title


class BudgetProposal(models.Model):
    plan = models.ForeignKey(BudgetPlan, on_delete=models.CASCADE, related_name="proposals")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="proposals")
    position = models.PositiveSmallIntegerField(_("position"))
    reference = models.CharField(_("reference"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ProposalKind.choices)
    service = models.CharField(_("service budget affected"), max_length=200)
    background = models.TextField(_("background"), blank=True)

    class Meta:
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "reference"], name="one_proposal_reference_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class Variation(models.Model):
    """The proposal's change to the budget of one year, against the base year (not cumulative)."""

    proposal = models.ForeignKey(BudgetProposal, on_delete=models.CASCADE, related_name="variations")
    year = models.PositiveSmallIntegerField(_("year"))
    amount_thousands = models.IntegerField(_("variation (thousands of pounds)"))

    class Meta:
        ordering = ["proposal", "year"]
        constraints = [models.UniqueConstraint(fields=["proposal", "year"], name="one_variation_per_year")]

    def __str__(self) -> str:
        return f"{self.proposal_id} {year_label(self.year)}: {self.amount_thousands:+d}k"

    @property
    def year_label(self) -> str:
        return year_label(self.year)


class Stance(models.TextChoices):
    SUPPORT = "support", _("Support")
    OPPOSE = "oppose", _("Oppose")
    NEUTRAL = "neutral", _("Neither support nor oppose")


class CommentStatus(models.TextChoices):
    NONE = "none", _("No comment")
    PENDING = "pending", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Not published")


class ProposalResponse(models.Model):
    """A resident's view of one proposal. It holds nothing about who gave it."""

    proposal = models.ForeignKey(BudgetProposal, on_delete=models.CASCADE, related_name="responses")
    stance = models.CharField(_("view"), max_length=10, choices=Stance.choices)
    comment = models.TextField(_("comment"), blank=True)
    comment_status = models.CharField(
        _("comment status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.NONE
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(comment="", comment_status="none")
                | (~models.Q(comment="") & ~models.Q(comment_status="none")),
                name="comment_status_matches_comment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_stance_display()} ({self.proposal_id})"


class AgeBand(models.TextChoices):
    UNDER_25 = "under_25", _("Under 25")
    FROM_25 = "25_44", _("25 to 44")
    FROM_45 = "45_64", _("45 to 64")
    FROM_65 = "65_plus", _("65 or over")
    UNSAID = "", _("Prefer not to say")


class Connection(models.TextChoices):
    RESIDENT = "resident", _("I live in Cheshire East")
    BUSINESS = "business", _("I run a business here")
    WORKER = "worker", _("I work here")
    ORGANISATION = "organisation", _("On behalf of an organisation")
    UNSAID = "", _("Prefer not to say")


class DemographicProfile(models.Model):
    """Optional answers about the person, kept apart from what they said: a random id, no time and no
    reference to any response, so a profile cannot be joined to a view."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(BudgetPlan, on_delete=models.CASCADE, related_name="demographics")
    age_band = models.CharField(_("age"), max_length=10, choices=AgeBand.choices, blank=True)
    connection = models.CharField(_("connection"), max_length=20, choices=Connection.choices, blank=True)
    disabled = models.CharField(
        _("disability"),
        max_length=10,
        blank=True,
        choices=[("yes", _("Yes")), ("no", _("No")), ("", _("Prefer not to say"))],
    )

    def __str__(self) -> str:
        return str(self.pk)


class Simulator(models.Model):
    """The budget simulator of a plan: residents choose a change per service and a council tax rise
    until they find the savings the council must make."""

    plan = models.OneToOneField(BudgetPlan, on_delete=models.CASCADE, related_name="simulator")
    savings_target_pence = models.PositiveBigIntegerField(_("savings to find (pence)"))
    tax_one_percent_pence = models.PositiveBigIntegerField(_("what a 1% council tax rise raises (pence)"))
    tax_cap_percent = models.PositiveSmallIntegerField(_("highest council tax rise without a referendum (%)"))
    is_open = models.BooleanField(_("open to residents"), default=False)

    def __str__(self) -> str:
        return str(self.plan)


class SimulatorService(models.Model):
    simulator = models.ForeignKey(Simulator, on_delete=models.CASCADE, related_name="services")
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("service"), max_length=120)
    # Whole pounds (checked by the service), so that every percentage step is a whole number of pence.
    budget_pence = models.PositiveBigIntegerField(_("current budget (pence)"))
    description = models.TextField(_("what it pays for"), blank=True)

    class Meta:
        ordering = ["simulator", "position"]
        constraints = [
            models.UniqueConstraint(fields=["simulator", "name"], name="one_service_name_per_simulator"),
        ]

    def __str__(self) -> str:
        return self.name


class ServiceStep(models.Model):
    """One setting of a service's slider: a percentage change and what it would mean, in plain words."""

    service = models.ForeignKey(SimulatorService, on_delete=models.CASCADE, related_name="steps")
    percent = models.SmallIntegerField(_("change (%)"))
    consequence = models.TextField(_("what it would mean"))

    class Meta:
        ordering = ["service", "percent"]
        constraints = [models.UniqueConstraint(fields=["service", "percent"], name="one_step_per_percent")]

    def __str__(self) -> str:
        return f"{self.percent:+d}%"


class SimulatorSubmission(models.Model):
    """A resident's balanced budget. Anonymous."""

    simulator = models.ForeignKey(Simulator, on_delete=models.CASCADE, related_name="submissions")
    tax_percent = models.PositiveSmallIntegerField(_("council tax rise (%)"))
    savings_pence = models.BigIntegerField(_("savings found (pence)"))
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.simulator_id}: {self.savings_pence}"


class SubmissionChoice(models.Model):
    submission = models.ForeignKey(SimulatorSubmission, on_delete=models.CASCADE, related_name="choices")
    service = models.ForeignKey(SimulatorService, on_delete=models.CASCADE, related_name="choices")
    percent = models.SmallIntegerField(_("change (%)"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "service"], name="one_choice_per_service")
        ]

    def __str__(self) -> str:
        return f"{self.service_id}: {self.percent:+d}%"
