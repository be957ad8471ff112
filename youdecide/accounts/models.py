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
