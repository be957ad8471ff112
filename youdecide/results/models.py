"""Counts of an area's ballots with the programme's rule: inputs' hash, outcome and explanations kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from youdecide.areas.models import Area
from youdecide.programmes.models import Programme


class CountRun(models.Model):
    """One count of one programme area. Rerunning on the same ballots gives the same outcome and hash."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="count_runs")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="count_runs")
    rule = models.CharField(_("rule"), max_length=40)
    ballots = models.PositiveIntegerField(_("ballots counted"))
    inputs_digest = models.CharField(_("SHA-256 of the ballots and projects counted"), max_length=64)
    budget_pence = models.PositiveBigIntegerField(_("pot (pence)"))
    spent_pence = models.PositiveBigIntegerField(_("spent (pence)"))
    selected = models.JSONField(_("funded proposals, in the order the rule chose them"), default=list)
    scores = models.JSONField(_("each proposal's total support"), default=dict)
    explanations = models.JSONField(_("why each proposal was or was not funded"), default=dict)
    ties = models.JSONField(_("ties and how they were broken"), default=list)
    tie_break = models.CharField(_("tie-break"), max_length=20, default="id-order")
    options = models.JSONField(_("counting options"), default=dict)
    projects = models.JSONField(
        _("the projects counted: reference, title, group and cost, as they were at the count"), default=list
    )
    snapshot = models.BinaryField(
        _("what was counted, as the published pabulib file (zlib-compressed)"), null=True, editable=False
    )
    snapshot_sha256 = models.CharField(_("SHA-256 of the pabulib file"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("counted"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    superseded_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="supersedes"
    )
    supersede_reason = models.TextField(_("why a newer count replaced it"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=True) | models.Q(published_by__isnull=False),
                name="published_count_names_its_approver",
            )
        ]
        verbose_name = _("count")
        verbose_name_plural = _("counts")

    def __str__(self) -> str:
        return f"{self.programme} / {self.area}: {self.rule}"

    @property
    def has_snapshot(self) -> bool:
        """Counts made before counts kept their own copy of what they counted have none. (Read from the
        file's fingerprint, stored with it, so that pages need not load the file.)"""
        return bool(self.snapshot_sha256)


class EqualityResponse(models.Model):
    """An optional, anonymous equality monitoring answer: never linked to a voter, ballot or receipt, and
    dated by day only."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="equality_responses")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    age_band = models.CharField(_("age"), max_length=10, blank=True)
    sex = models.CharField(_("sex"), max_length=20, blank=True)
    ethnic_group = models.CharField(_("ethnic group"), max_length=40, blank=True)
    disabled = models.CharField(_("disability"), max_length=20, blank=True)
    given_on = models.DateField()

    class Meta:
        verbose_name = _("equality monitoring answer")
        verbose_name_plural = _("equality monitoring answers")

    def __str__(self) -> str:
        return f"{self.programme} / {self.area}"
