"""Signing in and out, and a resident registering an account."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from youdecide.accounts.forms import RegistrationForm, SignInForm
from youdecide.accounts.services import register_resident


class SignInView(LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


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
