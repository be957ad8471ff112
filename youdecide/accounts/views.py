"""Signing in (with a second factor for staff) and out, and a resident registering an account."""

from __future__ import annotations

import time
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView, redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from youdecide.accounts import totp
from youdecide.accounts.forms import RegistrationForm, SignInForm, TwoFactorCodeForm
from youdecide.accounts.models import STAFF_ROLES, User
from youdecide.accounts.services import (
    TwoFactorRefused,
    confirm_two_factor,
    register_resident,
    two_factor_confirmed,
    two_factor_needed,
    verify_second_factor,
)

PENDING = "two_factor_pending"
SETUP_KEY = "two_factor_setup_key"
# Time allowed between the password and the code before the password has to be typed again.
PENDING_SECONDS = 10 * 60
ISSUER = "You Decide"


class SignInView(LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if not two_factor_needed(user):
            return super().form_valid(form)
        # The password was right; the session is not signed in until the second factor is too.
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": getattr(user, "backend", ""),
            "next": self.get_success_url(),
            "since": int(time.time()),
        }
        return redirect("accounts:two_factor" if two_factor_confirmed(user) else "accounts:two_factor_setup")


def _pending_user(request: HttpRequest) -> tuple[User | None, dict[str, Any]]:
    pending = request.session.get(PENDING) or {}
    if not pending or int(time.time()) - int(pending.get("since", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None, {}
    return User.objects.filter(pk=int(pending.get("user") or 0), is_active=True).first(), pending


def _finish_sign_in(request: HttpRequest, user: User, pending: dict[str, Any]) -> None:
    request.session.pop(PENDING, None)
    login(request, user, backend=pending.get("backend") or None)


@never_cache
@sensitive_post_parameters("code")
def two_factor(request: HttpRequest) -> HttpResponse:
    """The second step of a staff sign-in: a code from the authenticator app, or a recovery code."""
    user, pending = _pending_user(request)
    if user is None:
        messages.info(request, _("Sign in with your email address and password first."))
        return redirect("accounts:login")
    form = TwoFactorCodeForm(
        request.POST or None,
        help_text=_(
            "The 6-digit code your authenticator app shows for You Decide, or one of your recovery codes."
        ),
    )
    if request.method == "POST" and form.is_valid():
        try:
            verify_second_factor(user, form.cleaned_data["code"])
        except TwoFactorRefused as refused:
            form.add_error("code", str(refused))
        else:
            _finish_sign_in(request, user, pending)
            return HttpResponseRedirect(pending.get("next") or "/")
    return render(request, "accounts/two_factor.html", {"form": form})


@never_cache
@sensitive_post_parameters("code")
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Staff link an authenticator app: the secret as text and as a QR code, then one code to confirm it."""
    user, pending = _pending_user(request)
    if user is None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        user, pending = request.user, {}
    if user.role not in STAFF_ROLES or two_factor_confirmed(user):
        return redirect("web:home")
    # The key waits in the session until a code from the app proves it was added; a GET stores nothing else.
    secret = request.session.get(SETUP_KEY) or totp.new_secret()
    request.session[SETUP_KEY] = secret
    form = TwoFactorCodeForm(
        request.POST or None, help_text=_("The 6-digit code the app shows once you have added the account.")
    )
    if request.method == "POST" and form.is_valid():
        try:
            codes = confirm_two_factor(user, secret, form.cleaned_data["code"])
        except TwoFactorRefused as refused:
            form.add_error("code", str(refused))
        else:
            request.session.pop(SETUP_KEY, None)
            if pending:
                _finish_sign_in(request, user, pending)
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": pending.get("next") or "/"},
            )
    uri = totp.provisioning_uri(secret, user.username, ISSUER)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "secret": totp.grouped(secret),
            "account": user.username,
            "issuer": ISSUER,
            "qr_code": segno.make(uri, error="m").svg_data_uri(scale=5, border=2),
        },
    )


@sensitive_post_parameters("password", "password_confirm")
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:home")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = register_resident(
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            login(request, user)
            messages.success(request, _("Your account is ready and you are signed in."))
            return redirect("web:home")
    return render(request, "accounts/register.html", {"form": form})
