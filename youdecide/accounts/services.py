"""Every write to accounts: a resident making their own account."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from youdecide.accounts.models import Role, User


def normalise_email(email: str) -> str:
    """Email addresses are usernames, held in lower case so people can type them either way."""
    return User.objects.normalize_email(email.strip()).lower()


def password_problems(password: str, *, name: str = "", email: str = "") -> list[str]:
    """What is wrong with a new password, by the site's password validators; empty when it will do."""
    person = User(username=normalise_email(email), email=normalise_email(email), display_name=name.strip())
    try:
        password_validation.validate_password(password, person)
    except ValidationError as exc:
        return list(exc.messages)
    return []


def register_resident(*, name: str, email: str, password: str) -> User:
    """Make a resident's account, signed in to with their email address.

    Raises ValidationError keyed by "name", "email" and "password" with every problem found at once.
    """
    name = name.strip()
    email = normalise_email(email)
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Enter your name.")]
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Enter an email address in the right format, like name@example.com.")]
    else:
        if User.objects.filter(username__iexact=email).exists():
            errors["email"] = [_("There is already an account with this email address. Sign in instead.")]
    if problems := password_problems(password, name=name, email=email):
        errors["password"] = problems
    if errors:
        raise ValidationError(errors)
    user = User(username=email, email=email, display_name=name, role=Role.RESIDENT)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        # Someone registered the same address a moment ago: the unique username is the last line of defence.
        raise ValidationError(
            {"email": [_("There is already an account with this email address. Sign in instead.")]}
        ) from None
    password_validation.password_changed(password, user)
    return user
