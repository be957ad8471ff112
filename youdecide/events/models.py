"""Decision Days: the event, its running order, who checked in, the paper ballots and the feedback.

Check-ins are the identity side (a keyed hash of the attendee, as for online voters). Paper ballots are
numbered for reconciliation, but the number on the paper an attendee takes from the pile is never
recorded: the desk counts papers handed out, and a paper's row is made when it is keyed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from youdecide.areas.models import Area
from youdecide.programmes.models import Programme
from youdecide.proposals.models import Proposal
from youdecide.voting.models import Ballot


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open: voting in the hall")
    CLOSED = "closed", _("Closed")


class DecisionDay(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="decision_days")
    areas = models.ManyToManyField(
        Area, related_name="decision_days", help_text=_("The areas whose residents vote here: one or more.")
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    venue = models.CharField(_("venue"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    accessibility = models.TextField(
        _("accessibility"), blank=True, help_text=_("Step-free access, hearing loop, parking, quiet room...")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(_("places"), default=150)
    pitch_minutes = models.PositiveSmallIntegerField(_("minutes per pitch"), default=3)
    status = models.CharField(max_length=10, choices=EventStatus.choices, default=EventStatus.PLANNED)
    closed_at = models.DateTimeField(_("voting in the hall closed"), null=True, blank=True)
    papers_issued = models.PositiveIntegerField(_("paper ballots handed out"), default=0)
    current_position = models.PositiveSmallIntegerField(default=0)  # 0: presentations not started
    slot_started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("Decision Day")
        verbose_name_plural = _("Decision Days")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Slot(models.Model):
    """A project's turn to pitch, in the running order."""

    event = models.ForeignKey(DecisionDay, on_delete=models.CASCADE, related_name="slots")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="slots")
    position = models.PositiveSmallIntegerField()
    starts_at = models.DateTimeField()

    class Meta:
        ordering = ["event", "position"]
        constraints = [
            models.UniqueConstraint(fields=["event", "position"], name="one_slot_per_position"),
            models.UniqueConstraint(fields=["event", "proposal"], name="one_slot_per_proposal"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.proposal}"


class BallotIssued(models.TextChoices):
    NONE = "none", _("No ballot yet")
    TABLET = "tablet", _("Tablet")
    PAPER = "paper", _("Paper")


class CheckIn(models.Model):
    """An attendee checked in at the desk: a keyed hash of who they are, their age band and connection, and
    the area of the day they vote in."""

    event = models.ForeignKey(DecisionDay, on_delete=models.PROTECT, related_name="check_ins")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    person_key = models.CharField(max_length=64)
    age_band = models.CharField(max_length=10)
    connection = models.CharField(max_length=12)
    member_of = models.JSONField(default=list, blank=True)
    checked_in_at = models.DateTimeField(auto_now_add=True)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued = models.CharField(max_length=10, choices=BallotIssued.choices, default=BallotIssued.NONE)
    tablet_slip_digest = models.CharField(max_length=64, null=True, blank=True, unique=True)
    tablet_slip_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [models.UniqueConstraint(fields=["event", "person_key"], name="one_check_in_per_event")]

    def __str__(self) -> str:
        return f"{self.event}: {self.get_issued_display()}"


class PaperStatus(models.TextChoices):
    ISSUED = "issued", _("Handed out")
    KEYED_ONCE = "keyed_once", _("Keyed once")
    MISMATCH = "mismatch", _("The two keyings differ")
    ACCEPTED = "accepted", _("Accepted")
    SPOILED = "spoiled", _("Spoiled")


class PaperBallot(models.Model):
    """A numbered ballot paper of one area of the day (numbered per day): issued, keyed by two officers,
    reconciled by a third when they differ."""

    event = models.ForeignKey(DecisionDay, on_delete=models.PROTECT, related_name="papers")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=12, choices=PaperStatus.choices, default=PaperStatus.ISSUED)
    first_keying = models.JSONField(null=True, blank=True)
    first_keyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    second_keying = models.JSONField(null=True, blank=True)
    second_keyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reconciled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    spoiled_reason = models.CharField(max_length=200, blank=True)
    ballot = models.OneToOneField(Ballot, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["event", "number"]
        verbose_name = _("paper ballot")
        verbose_name_plural = _("paper ballots")
        constraints = [models.UniqueConstraint(fields=["event", "number"], name="one_paper_per_number")]

    def __str__(self) -> str:
        return f"{self.event}: paper {self.number}"


class Agreement(models.TextChoices):
    STRONGLY_AGREE = "strongly_agree", _("Strongly agree")
    AGREE = "agree", _("Agree")
    NEITHER = "neither", _("Neither agree nor disagree")
    DISAGREE = "disagree", _("Disagree")
    STRONGLY_DISAGREE = "strongly_disagree", _("Strongly disagree")


class Feedback(models.Model):
    """Optional, anonymous answers at the end of the day: never linked to a check-in or a ballot."""

    event = models.ForeignKey(DecisionDay, on_delete=models.PROTECT, related_name="feedback")
    more_connected = models.CharField(max_length=20, choices=Agreement.choices, blank=True)
    learnt_about_groups = models.CharField(max_length=20, choices=Agreement.choices, blank=True)
    first_time = models.BooleanField(null=True, blank=True)
    age_band = models.CharField(max_length=10, blank=True)
    comment = models.TextField(blank=True)
    given_on = models.DateField()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.event}: feedback"
