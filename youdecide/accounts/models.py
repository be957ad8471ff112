from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    GROUP_MEMBER = "group_member", _("Community group member")
    OFFICER = "officer", _("Council officer")
    COMMISSIONER = "commissioner", _("Commissioner")
    COUNCILLOR = "councillor", _("Councillor")
    ADMINISTRATOR = "administrator", _("Administrator")


STAFF_ROLES = frozenset({Role.OFFICER, Role.ADMINISTRATOR})


class User(AbstractUser):
    """A person who signs in. Residents need no account to vote; groups and council staff do."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.RESIDENT)
    display_name = models.CharField(_("display name"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def is_officer(self) -> bool:
        return self.is_active and self.role in STAFF_ROLES

    @property
    def is_administrator(self) -> bool:
        return self.is_active and self.role == Role.ADMINISTRATOR


class TwoFactorDevice(models.Model):
    """A staff member's authenticator app: its TOTP secret and what stops replays and guessing.

    The device is stored, with ``confirmed_at``, only once a code from the app has been typed in.
    ``last_used_step`` is the time step of the last accepted code, so the same code cannot sign in
    twice. ``failed_attempts`` counts wrong codes in a row; at the limit, sign-in waits until
    ``locked_until``.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="two_factor_device")
    secret = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("created at"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    last_used_step = models.BigIntegerField(default=0)
    failed_attempts = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("two-factor device")
        verbose_name_plural = _("two-factor devices")

    def __str__(self) -> str:
        return f"{self.user}: {'confirmed' if self.confirmed_at else 'not confirmed'}"


class RecoveryCode(models.Model):
    """A one-use code for signing in without the authenticator app; only its SHA-256 digest is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_digest = models.CharField(max_length=64, unique=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")

    def __str__(self) -> str:
        return f"{self.user}: {'used' if self.used_at else 'unused'}"


class NotificationKind(models.TextChoices):
    """The moments You Decide emails people about; each can be turned off on its own."""

    PROPOSAL_DECIDED = "proposal_decided", _("A decision on my group's proposal")
    VOTING_OPENS = "voting_opens", _("Voting opens in a programme")
    RESULTS_OUT = "results_out", _("Results are published")
    RETURN_DUE = "return_due", _("A monitoring return is due or late")
    SESSION_REMINDER = "session_reminder", _("A reminder of a support session my group booked")


class NotificationPreference(models.Model):
    """Someone's own choice to get, or not get, one kind of email, kept by email address.

    Kept by address rather than by account because some emails (a group's contact address) go to people
    without an account, and an unsubscribe link must work for them too. With no row, the kind's default
    applies: emails about a person's own proposal, grant or booking are sent; news to residents (voting
    opens, results out) only once they ask for it.
    """

    email = models.EmailField(_("email address"))
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    enabled = models.BooleanField(_("wanted"))
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["email", "kind"], name="one_notification_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.email}: {self.kind} {'on' if self.enabled else 'off'}"


class VotingNotice(models.Model):
    """That residents who asked were told a voting phase (online voting or Decision Days) opened: once per
    phase, whether an officer opened it early or its dates came round."""

    phase = models.OneToOneField("programmes.Phase", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("sent at"))
    sent = models.PositiveIntegerField(_("emails sent"), default=0)

    class Meta:
        verbose_name = _("voting notice")
        verbose_name_plural = _("voting notices")

    def __str__(self) -> str:
        return f"{self.phase_id}: {self.sent}"
