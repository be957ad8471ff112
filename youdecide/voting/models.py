"""Who took part and what they chose, stored apart.

`Participation` holds who took part (as a keyed hash of their name, date of birth and postcode) and is
unique per programme area and person: the one-person-one-vote rule lives in the database. `Ballot` holds
what was chosen, under a random id, with no timestamp and no reference to a participation, a code or a
person. While voting is open an online participation carries a random `envelope` and its ballot the keyed
hash of it (`envelope_tag`), so that a changed vote or a vote in person can cancel the earlier ballot;
`seal_ballots` erases both when voting closes, and from then on nothing joins the two.

Every table on the ballot side (`Ballot`, `BallotItem`) has random ids and no time, so neither the order
of its keys nor a timestamp lines up with participations, codes or the audit log.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from youdecide.areas.models import Area
from youdecide.programmes.models import Programme
from youdecide.proposals.models import Proposal


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    TABLET = "tablet", _("Tablet at a Decision Day")
    PAPER = "paper", _("Paper at a Decision Day")


IN_PERSON_CHANNELS = (Channel.TABLET, Channel.PAPER)


class Connection(models.TextChoices):
    LIVES = "lives", _("I live there")
    WORKS = "works", _("I work there")
    STUDIES = "studies", _("I study there")
    VOLUNTEERS = "volunteers", _("I volunteer there")


class CodeBatch(models.Model):
    """Voting codes printed on cards for one area, e.g. to hand out at a library or a school."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="code_batches")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    label = models.CharField(_("label"), max_length=120, help_text=_("e.g. 'Crewe library, June'"))
    size = models.PositiveIntegerField(_("number of codes"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("batch of voting codes")
        verbose_name_plural = _("batches of voting codes")

    def __str__(self) -> str:
        return self.label


class CodeStatus(models.TextChoices):
    UNUSED = "unused", _("Not used yet")
    USED = "used", _("Used")
    VOID = "void", _("Void")


class VotingCode(models.Model):
    """A single-use code from a card. Only its keyed hash is kept: the card is the only copy."""

    batch = models.ForeignKey(CodeBatch, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=CodeStatus.choices, default=CodeStatus.UNUSED)
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    person_key = models.CharField(max_length=64, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    void_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("voting code")
        verbose_name_plural = _("voting codes")
        # Unique digests as constraints, not unique=True: on PostgreSQL that would add a second index for
        # LIKE searches, which nothing makes of a keyed hash, and every write would update it.
        constraints = [
            models.UniqueConstraint(fields=["digest"], name="voting_code_digest_unique"),
            models.CheckConstraint(
                condition=~models.Q(status="used") | ~models.Q(person_key=""), name="used_code_has_voter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch}: {self.get_status_display()}"


class EmailLink(models.Model):
    """A one-time link emailed to a resident. Only a keyed hash of its token is kept."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    token_digest = models.CharField(max_length=64, unique=True)
    person_key = models.CharField(max_length=64)
    age_band = models.CharField(max_length=10)
    connection = models.CharField(max_length=12, choices=Connection.choices)
    member_of = models.JSONField(default=list, blank=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("emailed voting link")
        verbose_name_plural = _("emailed voting links")

    def __str__(self) -> str:
        return f"link for {self.area}"


class Participation(models.Model):
    """One person took part in one programme area. Unique: a second ballot is refused by the database."""

    # Its index is the first column of one_person_one_vote_per_area: no index of its own.
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="participations", db_index=False
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="participations")
    person_key = models.CharField(max_length=64)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    connection = models.CharField(max_length=12, choices=Connection.choices)
    age_band = models.CharField(max_length=10)
    first_channel = models.CharField(max_length=10, choices=Channel.choices)
    changes = models.PositiveSmallIntegerField(default=0)
    envelope = models.CharField(max_length=64, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "area", "person_key"], name="one_person_one_vote_per_area"
            ),
            models.UniqueConstraint(fields=["envelope"], name="participation_envelope_unique"),
        ]
        indexes = [models.Index(fields=["programme", "area", "channel"], name="participation_stats_idx")]

    def __str__(self) -> str:
        return f"{self.area}: {self.get_channel_display()}"


class BallotStatus(models.TextChoices):
    COUNTED = "counted", _("Counted")
    REPLACED = "replaced", _("Replaced by a changed vote")
    OVERRIDDEN = "overridden", _("Replaced by a vote in person")


class Ballot(models.Model):
    """What one voter chose. No time, no voter, no code: only the area, the choices and a public id."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Its index is the first column of ballot_count_idx: no index of its own.
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="ballots", db_index=False)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="ballots")
    kind = models.CharField(max_length=20)
    public_id = models.CharField(max_length=20)
    status = models.CharField(max_length=12, choices=BallotStatus.choices, default=BallotStatus.COUNTED)
    envelope_tag = models.CharField(max_length=64, null=True, blank=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        indexes = [models.Index(fields=["programme", "area", "status"], name="ballot_count_idx")]
        constraints = [  # as constraints: no LIKE index beside each (see VotingCode)
            models.UniqueConstraint(fields=["public_id"], name="ballot_public_id_unique"),
            models.UniqueConstraint(fields=["envelope_tag"], name="ballot_envelope_tag_unique"),
        ]

    def __str__(self) -> str:
        return self.public_id


class BallotItem(models.Model):
    """One choice on a ballot: a pick (1), points, a rank (1 = first) or a score.

    Its id is random, like the ballot's: a counter would number choices in the order votes came in, the
    order of the participations and of the audit log.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Its index is the first column of one_choice_per_project: no index of its own.
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="items", db_index=False)
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="+")
    value = models.IntegerField()

    class Meta:
        verbose_name = _("ballot choice")
        verbose_name_plural = _("ballot choices")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "proposal"], name="one_choice_per_project"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id}={self.value}"


class Submission(models.Model):
    """A ballot submission's idempotency key and the receipt it was given, until voting closes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    key_digest = models.CharField(max_length=64)
    request_digest = models.CharField(max_length=64)
    receipt = models.CharField(max_length=24)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("ballot submission")
        verbose_name_plural = _("ballot submissions")
        constraints = [  # as a constraint: no LIKE index beside it (see VotingCode)
            models.UniqueConstraint(fields=["key_digest"], name="submission_key_unique"),
        ]

    def __str__(self) -> str:
        return self.key_digest[:12]


class Throttle(models.Model):
    """How often one voter, code or browser session has tried something in the current window.

    Kept in the database so that every app process sees the same count; keys are keyed hashes, never an
    IP address (a Decision Day hall shares one).
    """

    key = models.CharField(max_length=64)
    window_started_at = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("attempt counter")
        verbose_name_plural = _("attempt counters")
        constraints = [  # as a constraint: no LIKE index beside it (see VotingCode)
            models.UniqueConstraint(fields=["key"], name="throttle_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.key[:12]}: {self.count}"
