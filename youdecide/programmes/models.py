from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from youdecide.areas.models import Area


class OutcomeKind(models.TextChoices):
    PUBLIC_HEALTH = "public_health", _("Public health")
    COMMUNITY = "community", _("Community")


class Outcome(models.Model):
    """Something a programme aims to change, e.g. "more physical activity"."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=OutcomeKind.choices)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["kind", "order", "name"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return self.name


class Programme(models.Model):
    """A pot of money that residents decide how to spend, e.g. "You Decide 2026 — public health"."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    funding_source = models.CharField(_("funding source"), max_length=200)
    total_pot_pence = models.PositiveBigIntegerField(_("total pot (pence)"))
    grant_cap_pence = models.PositiveBigIntegerField(
        _("largest grant (pence)"), null=True, blank=True, help_text=_("Leave empty for no cap.")
    )
    area_kind = models.CharField(
        _("areas money is split across"),
        max_length=20,
        default="sub_region",
        help_text=_("Proposals are made and voted on in areas of this kind."),
    )
    outcomes = models.ManyToManyField(
        Outcome, blank=True, related_name="programmes", verbose_name=_("outcomes")
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name


class PhaseKind(models.TextChoices):
    CO_DESIGN = "co_design", _("Co-design")
    PROPOSALS = "proposals", _("Proposals")
    REVIEW = "review", _("Eligibility review")
    DECISION_DAYS = "decision_days", _("Decision Days")
    ONLINE_VOTING = "online_voting", _("Online voting")
    RESULTS = "results", _("Results")
    DELIVERY = "delivery", _("Delivery")
    EVALUATION = "evaluation", _("Evaluation")


PHASE_ORDER = [kind.value for kind in PhaseKind]


class Phase(models.Model):
    """One step of a programme's timeline. Officers may open a phase early or close it early."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("phase"), max_length=20, choices=PhaseKind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    opened_at = models.DateTimeField(_("opened early by an officer"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed early by an officer"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(fields=["programme", "kind"], name="phase_once_per_programme"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="phase_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme}: {self.get_kind_display()}"

    @property
    def effective_start(self) -> datetime:
        return min(self.opened_at, self.starts_at) if self.opened_at else self.starts_at

    @property
    def effective_end(self) -> datetime:
        return min(self.closed_at, self.ends_at) if self.closed_at else self.ends_at

    def is_open_at(self, moment: datetime) -> bool:
        return self.effective_start <= moment < self.effective_end


class AreaPot(models.Model):
    """The share of a programme's pot set aside for one area. Pots of a programme sum to its total."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="area_pots")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="pots")
    amount_pence = models.PositiveBigIntegerField(_("pot (pence)"))

    class Meta:
        ordering = ["area__name"]
        verbose_name = _("area pot")
        verbose_name_plural = _("area pots")
        constraints = [models.UniqueConstraint(fields=["programme", "area"], name="one_pot_per_area")]

    def __str__(self) -> str:
        return f"{self.programme} / {self.area}"


class BallotKind(models.TextChoices):
    APPROVAL = "approval", _("Approval: pick the projects you support")
    KNAPSACK = "knapsack", _("Budget: pick projects within the area's pot")
    CHOOSE_ONE = "choose_one", _("Choose one project")
    POINTS = "points", _("Points: share out a number of points")
    RANKING = "ranking", _("Ranking: put projects in order")
    SCORES = "scores", _("Scores: score each project (e.g. 1 to 5)")


class ConflictPolicy(models.TextChoices):
    LEAVE_OUT_OWN = "leave_out_own", _("Members may vote, but their own group's project is left out")
    NO_VOTE_IN_AREA = "no_vote_in_area", _("Members of an applicant group may not vote in that area")


class InPersonPolicy(models.TextChoices):
    IN_PERSON_OVERRIDES = "in_person_overrides", _("A vote in person replaces a vote online")
    FIRST_WINS = "first_wins", _("The first vote counts; a second is refused")


class CountingRule(models.TextChoices):
    GREEDY = "greedy", _("Highest first: fund the best-supported projects, skipping any that no longer fit")
    GREEDY_NO_SKIP = "greedy-no-skip", _("Highest first, stopping at the first project that does not fit")
    EQUAL_SHARES = (
        "equalshares/add1",
        _("Method of Equal Shares: each voter controls an equal share of the pot"),
    )
    PHRAGMEN = "phragmen", _("Sequential Phragmén (approval ballots)")
    MAX_WELFARE = "max-welfare", _("Greatest total support that fits the pot")


class VotingRules(models.Model):
    """Who may vote in a programme, on what ballot, and how clashes are settled."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="voting_rules")
    ballot_kind = models.CharField(
        _("ballot"), max_length=20, choices=BallotKind.choices, default=BallotKind.SCORES
    )
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), default=11)
    lives = models.BooleanField(_("people who live in the area may vote"), default=True)
    works = models.BooleanField(_("people who work in the area may vote"), default=True)
    studies = models.BooleanField(_("people who study in the area may vote"), default=True)
    volunteers = models.BooleanField(_("people who volunteer in the area may vote"), default=True)
    min_picks = models.PositiveSmallIntegerField(_("fewest projects to pick"), default=1)
    max_picks = models.PositiveSmallIntegerField(
        _("most projects to pick"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    min_share_spent_percent = models.PositiveSmallIntegerField(
        _("least share of the pot a budget ballot must spend (%)"), default=0
    )
    points_total = models.PositiveSmallIntegerField(_("points to share out"), default=10)
    ranking_max = models.PositiveSmallIntegerField(
        _("most projects to rank"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    score_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    score_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    score_every_project = models.BooleanField(_("every project must be scored"), default=True)
    conflict_policy = models.CharField(
        _("members of applicant groups"),
        max_length=20,
        choices=ConflictPolicy.choices,
        default=ConflictPolicy.LEAVE_OUT_OWN,
    )
    in_person_policy = models.CharField(
        _("when a vote in person meets a vote online"),
        max_length=20,
        choices=InPersonPolicy.choices,
        default=InPersonPolicy.IN_PERSON_OVERRIDES,
    )
    allow_change = models.BooleanField(
        _("voters may change an online vote while voting is open"), default=True
    )
    counting_rule = models.CharField(
        _("counting rule"), max_length=40, choices=CountingRule.choices, default=CountingRule.GREEDY
    )

    class Meta:
        verbose_name = _("voting rules")
        verbose_name_plural = _("voting rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score_max__gt=models.F("score_min")),
                name="score_scale_has_two_points",
                violation_error_message=_("The highest score must be more than the lowest."),
            ),
            models.CheckConstraint(
                condition=models.Q(max_picks__isnull=True) | models.Q(max_picks__gte=models.F("min_picks")),
                name="max_picks_not_below_min",
                violation_error_message=_("The most projects to pick cannot be fewer than the fewest."),
            ),
            models.CheckConstraint(
                condition=models.Q(min_share_spent_percent__lte=100),
                name="min_share_is_a_percentage",
                violation_error_message=_("The least share of the pot is a percentage: 0 to 100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme}: {self.get_ballot_kind_display()}"

    def accepted_connections(self) -> list[str]:
        return [name for name in ("lives", "works", "studies", "volunteers") if getattr(self, name)]
