from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from youdecide.areas.models import Area
from youdecide.groups.models import CommunityGroup
from youdecide.programmes.models import Outcome, Programme


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, awaiting review")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Proposal(models.Model):
    """A community group's project, asking for money from one area's pot."""

    group = models.ForeignKey(CommunityGroup, on_delete=models.PROTECT, related_name="proposals")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="proposals")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="proposals")
    reference = models.CharField(_("reference"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=150)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("full description"))
    outcomes = models.ManyToManyField(Outcome, related_name="proposals", verbose_name=_("outcomes aimed at"))
    cost_pence = models.PositiveBigIntegerField(_("cost (pence)"), default=0)
    expected_beneficiaries = models.PositiveIntegerField(_("people expected to benefit"), default=0)
    location = models.CharField(_("where it happens"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    ineligible_reason = models.TextField(_("reason it is not eligible"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="ineligible") | ~models.Q(ineligible_reason=""),
                name="ineligible_needs_reason",
            ),
        ]
        indexes = [models.Index(fields=["programme", "area", "status"], name="proposal_listing_idx")]

    def __str__(self) -> str:
        return self.title


class BudgetLine(models.Model):
    """One line of what the money buys; a proposal's cost is the sum of its lines."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="budget_lines")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    description = models.CharField(_("item"), max_length=200)
    amount_pence = models.PositiveBigIntegerField(_("amount (pence)"))

    class Meta:
        ordering = ["proposal", "position"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return self.description


class ProposalVersion(models.Model):
    """A snapshot of a proposal as it stood before an edit made after it was submitted."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("content"))
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["proposal", "number"]
        verbose_name = _("proposal version")
        verbose_name_plural = _("proposal versions")
        constraints = [models.UniqueConstraint(fields=["proposal", "number"], name="one_version_number")]

    def __str__(self) -> str:
        return f"{self.proposal} v{self.number}"
