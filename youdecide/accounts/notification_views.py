"""A signed-in person choosing which emails they get, and the one-click unsubscribe link in each email."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from youdecide.accounts.forms import NotificationChoicesForm
from youdecide.accounts.models import NotificationKind
from youdecide.accounts.notifications import UnsubscribeLinkInvalid, chosen_kinds, read_unsubscribe_token
from youdecide.accounts.services import set_notification_choices, unsubscribe


@login_required
@require_http_methods(["GET", "POST"])
def choose_notifications(request: HttpRequest) -> HttpResponse:
    email = request.user.email  # type: ignore[union-attr]
    if request.method == "POST":
        form = NotificationChoicesForm(request.POST)
        if form.is_valid():
            try:
                set_notification_choices(email, form.cleaned_data["kinds"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your email choices are saved."))
                return redirect("notifications:choose")
    else:
        wanted = [kind for kind, on in chosen_kinds(email).items() if on] if email else []
        form = NotificationChoicesForm(initial={"kinds": wanted})
    return render(request, "accounts/notifications.html", {"form": form, "email": email})


# A mail program's one-click unsubscribe (RFC 8058) posts here without a CSRF token; the signed link is
# what shows the request comes from the person the email went to.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        email, kind = read_unsubscribe_token(token)
    except UnsubscribeLinkInvalid:
        return render(request, "accounts/unsubscribe_invalid.html", status=400)
    context = {"email": email, "kind": NotificationKind(kind)}
    if request.method == "POST":
        unsubscribe(email, kind)
        return render(request, "accounts/unsubscribed.html", context)
    return render(request, "accounts/unsubscribe.html", context)
