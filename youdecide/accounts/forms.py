"""Forms for signing in and registering; they parse input, the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import (
    AdminUserCreationForm,
    AuthenticationForm,
    UserChangeForm,
    UsernameField,
)
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from youdecide.accounts.models import NotificationKind, User
from youdecide.accounts.services import (
    SignInRefused,
    count_sign_in_try,
    normalise_email,
    password_problems,
    signed_in,
)

_password_help = lazy(password_validation.password_validators_help_text_html, str)


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("The email address or password is not right. Check them and try again."),
        "inactive": _("This account has been switched off. Contact the council to switch it back on."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.label = _("Email address")
        username.widget = forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"})
        self.fields["password"].label = _("Password")

    def clean_username(self) -> str:
        return normalise_email(self.cleaned_data.get("username") or "")

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        if username and self.cleaned_data.get("password"):
            try:
                count_sign_in_try(username)
            except SignInRefused as refused:
                raise forms.ValidationError(str(refused), code="too_many") from None
        cleaned = super().clean()
        if username:
            signed_in(username)
        return cleaned


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name.")},
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("You sign in with this. We only use it to contact you about You Decide."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address in the right format, like name@example.com."),
        },
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_password_help(),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Enter a password.")},
    )
    password_confirm = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Type the password again.")},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password, confirm = cleaned.get("password"), cleaned.get("password_confirm")
        if password:
            # Said here too so every problem shows at once; register_resident checks the same again.
            for problem in password_problems(
                password, name=cleaned.get("name", ""), email=cleaned.get("email", "")
            ):
                self.add_error("password", problem)
        if password and confirm and password != confirm:
            self.add_error("password_confirm", _("The passwords do not match. Type the same password twice."))
        return cleaned


class UserAddForm(AdminUserCreationForm):
    """The admin's "add user" form, for this project's user model."""

    class Meta:
        model = User
        fields = ("username", "email", "display_name", "role")
        field_classes = {"username": UsernameField}


class UserEditForm(UserChangeForm):
    """The admin's "change user" form, for this project's user model."""

    class Meta:
        model = User
        fields = "__all__"
        field_classes = {"username": UsernameField}


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        error_messages={"required": _("Enter the code.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, help_text: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = help_text


class NotificationChoicesForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Email me when"),
        choices=NotificationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Untick a kind to stop those emails. Every email also has a link to stop its kind."),
    )
