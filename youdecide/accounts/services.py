"""Every write to accounts: a resident making their own account, and staff two-factor sign-in."""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from youdecide.accounts import totp
from youdecide.accounts.models import (
    STAFF_ROLES,
    NotificationKind,
    NotificationPreference,
    RecoveryCode,
    Role,
    TwoFactorDevice,
    User,
)
from youdecide.audit.services import record_event
from youdecide.voting.throttle import forget, refused_until


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


# Password sign-in.

MAX_PASSWORD_TRIES = 5
PASSWORD_TRY_WINDOW = timedelta(minutes=15)


class SignInRefused(Exception):
    """Too many sign-in tries for one email address; the message says when to try again."""


def count_sign_in_try(username: str, now: datetime | None = None) -> None:
    """Count a password try for the email address typed, whether it has an account or not (so the answer
    never tells); the sixth try in 15 minutes is refused before the password is checked, even a right one.
    Every try is counted before the check, so tries sent at the same moment cannot slip past the limit."""
    now = now or timezone.now()
    until = refused_until("sign_in", normalise_email(username), MAX_PASSWORD_TRIES, PASSWORD_TRY_WINDOW, now)
    if until is not None:
        raise SignInRefused(
            _(
                "Too many tries to sign in with this email address. Wait until %(time)s and try again, "
                "or ask the council to check your account."
            )
            % {"time": timezone.localtime(until).strftime("%H:%M")}
        )


def signed_in(username: str) -> None:
    """The password was right: the earlier wrong ones no longer count against the address."""
    forget("sign_in", normalise_email(username))


# Two-factor sign-in for officers and administrators.

MAX_CODE_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)
RECOVERY_CODES = 10


class TwoFactorRefused(Exception):
    """A code was not accepted; the message says why and what to do."""


def recovery_code_digest(code: str) -> str:
    """Recovery codes are 80 random bits, so an unsalted SHA-256 of the normalised code is safe to keep."""
    normalised = "".join(code.upper().split()).replace("-", "")
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def _check_code(device: TwoFactorDevice, code: str, now: datetime, wrong: str) -> str:
    """Empty when the code is right and newer than the last one used, else why not; saves the device.

    A wrong code is counted, and the fifth in a row locks sign-in for a while: the caller raises
    TwoFactorRefused only after its transaction has committed, so the count is kept.
    """
    if device.locked_until is not None and device.locked_until > now:
        return _("Too many wrong codes. Wait until %(time)s and try again.") % {
            "time": timezone.localtime(device.locked_until).strftime("%H:%M")
        }
    step = totp.matching_step(device.secret, code, now)
    if step is not None and step > device.last_used_step:
        device.failed_attempts = 0
        device.locked_until = None
        device.last_used_step = step
        device.save(update_fields=["failed_attempts", "locked_until", "last_used_step"])
        return ""
    device.failed_attempts += 1
    if device.failed_attempts >= MAX_CODE_ATTEMPTS:
        device.failed_attempts = 0
        device.locked_until = now + LOCKOUT
    device.save(update_fields=["failed_attempts", "locked_until"])
    return wrong


def confirm_two_factor(user: User, secret: str, code: str, *, now: datetime | None = None) -> list[str]:
    """Switch on two-factor sign-in with the app holding ``secret`` once a code from it is right.

    Returns the new recovery codes, to be shown once. Nothing is stored until the code is right.
    """
    now = now or timezone.now()
    if user.role not in STAFF_ROLES:
        raise TwoFactorRefused(_("Two-factor sign-in is for council staff accounts."))
    step = totp.matching_step(secret, code, now)
    if step is None:
        raise TwoFactorRefused(
            _("That code is not right. Enter the 6-digit code your authenticator app shows now.")
        )
    with transaction.atomic():
        created = TwoFactorDevice.objects.get_or_create(
            user=user,
            defaults={"secret": secret, "created_at": now, "confirmed_at": now, "last_used_step": step},
        )[1]
        if not created:
            raise TwoFactorRefused(_("Two-factor sign-in is already on for this account."))
        codes = _replace_recovery_codes(user)
        record_event(user, "account.two_factor_enabled", user)
    return codes


def _new_recovery_code() -> str:
    letters = base64.b32encode(secrets.token_bytes(10)).decode("ascii")
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def _replace_recovery_codes(user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODES)]
    RecoveryCode.objects.bulk_create(
        RecoveryCode(user=user, code_digest=recovery_code_digest(code)) for code in codes
    )
    return codes


def verify_second_factor(user: User, code: str, *, now: datetime | None = None) -> None:
    """Accept a code from the authenticator app or one unused recovery code, or raise TwoFactorRefused."""
    now = now or timezone.now()
    typed = "".join(code.split())
    with transaction.atomic():
        device = (
            TwoFactorDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
        )
        if device is None:
            problem = _("Two-factor sign-in is not set up for this account.")
        elif (
            not typed.isdigit()
            and not (device.locked_until and device.locked_until > now)
            and RecoveryCode.objects.filter(
                user=user, code_digest=recovery_code_digest(typed), used_at__isnull=True
            ).update(used_at=now)
            == 1
        ):
            device.failed_attempts = 0
            device.save(update_fields=["failed_attempts"])
            record_event(user, "account.recovery_code_used", user)
            problem = ""
        else:
            problem = _check_code(
                device,
                typed,
                now,
                _(
                    "That code is not right. Enter the 6-digit code your authenticator app shows now, "
                    "or one of your recovery codes."
                ),
            )
    if problem:
        raise TwoFactorRefused(problem)


def two_factor_needed(user: User) -> bool:
    """Whether sign-in asks for a second factor: staff with an app, or all staff when it is required."""
    if user.role not in STAFF_ROLES:
        return False
    return (
        settings.TWO_FACTOR_REQUIRED
        or TwoFactorDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()
    )


def two_factor_confirmed(user: User) -> bool:
    return TwoFactorDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def set_notification_choices(email: str, wanted: Iterable[str], now: datetime | None = None) -> None:
    """Record which kinds of email this address wants: every kind not in ``wanted`` is turned off."""
    email = normalise_email(email)
    wanted = set(wanted)
    unknown = wanted - set(NotificationKind.values)
    if unknown:
        raise ValidationError({"kinds": _("Choose from the kinds of email listed.")})
    moment = now or timezone.now()
    with transaction.atomic():
        for kind in NotificationKind.values:
            NotificationPreference.objects.update_or_create(
                email=email, kind=kind, defaults={"enabled": kind in wanted, "changed_at": moment}
            )


def unsubscribe(email: str, kind: str, now: datetime | None = None) -> None:
    """Turn off one kind of email for one address (from the link in such an email); safe to repeat."""
    NotificationPreference.objects.update_or_create(
        email=normalise_email(email),
        kind=kind,
        defaults={"enabled": False, "changed_at": now or timezone.now()},
    )
