"""Emails at the moments that matter, each kind with its own one-click unsubscribe.

Every email You Decide sends about a proposal decision, voting opening, results, a monitoring return or a
support session goes through :func:`notify`, which checks the person's choice for that kind, adds a signed
link that turns that kind off, and sets the ``List-Unsubscribe`` headers (RFC 8058 one-click) so a mail
program can offer the same.

Who hears what, by default:

* emails about a person's own business (their group's proposal decided, their grant's return due, their
  group's session booking, the results of a vote their group's proposal was in) are sent unless turned off;
* news to residents (voting opens, results out) is sent only to people with an account who have ticked it
  on their notifications page: a council may not email its residents news they did not ask for.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from youdecide.accounts.models import NotificationKind, NotificationPreference, User, VotingNotice
from youdecide.accounts.services import normalise_email

UNSUBSCRIBE_SALT = "youdecide.accounts.notifications.unsubscribe"
#: The phases in which residents vote: opening either is news to residents who asked.
VOTING_PHASES = ("decision_days", "online_voting")


class UnsubscribeLinkInvalid(Exception):
    """The link was altered, cut short or made with another key."""


def normalise_address(email: str) -> str:
    return normalise_email(email)


def unsubscribe_token(email: str, kind: str) -> str:
    return signing.dumps(
        {"e": normalise_address(email), "k": str(kind)}, salt=UNSUBSCRIBE_SALT, compress=True
    )


def read_unsubscribe_token(token: str) -> tuple[str, NotificationKind]:
    """The address and kind a link was made for; raises UnsubscribeLinkInvalid if it was tampered with."""
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        raise UnsubscribeLinkInvalid from None
    if not isinstance(payload, dict) or payload.get("k") not in NotificationKind.values:
        raise UnsubscribeLinkInvalid
    email = payload.get("e")
    if not isinstance(email, str) or "@" not in email:
        raise UnsubscribeLinkInvalid
    return email, NotificationKind(payload["k"])


def unsubscribe_url(email: str, kind: str) -> str:
    return settings.SITE_URL + reverse("notifications:unsubscribe", args=[unsubscribe_token(email, kind)])


def wants(email: str, kind: str, *, default: bool = True) -> bool:
    choice = (
        NotificationPreference.objects.filter(email=normalise_address(email), kind=kind)
        .values_list("enabled", flat=True)
        .first()
    )
    return default if choice is None else choice


def chosen_kinds(email: str) -> dict[str, bool]:
    """Each kind and whether this address gets it (its default where no choice has been made)."""
    choices = dict(
        NotificationPreference.objects.filter(email=normalise_address(email)).values_list("kind", "enabled")
    )
    return {kind: choices.get(kind, kind not in OPT_IN_KINDS) for kind in NotificationKind.values}


#: Kinds residents get only once they have asked for them.
OPT_IN_KINDS = frozenset({NotificationKind.VOTING_OPENS, NotificationKind.RESULTS_OUT})


def opted_in_addresses(kind: str) -> list[str]:
    """Addresses of active accounts that ticked this kind, in a steady order."""
    account = User.objects.filter(is_active=True, email__iexact=OuterRef("email"))
    chosen = NotificationPreference.objects.filter(kind=kind, enabled=True).filter(Exists(account))
    return list(chosen.order_by("email").values_list("email", flat=True))


def _address_of(recipient: Any) -> str:
    if isinstance(recipient, str):
        return recipient
    return getattr(recipient, "email", "") or ""


def notify(
    recipient: Any,
    kind: str,
    subject: str,
    body: str,
    *,
    default: bool = True,
    connection: Any = None,
    opted_in: bool = False,
) -> bool:
    """Email one person (a user or an address) about one kind of moment, unless they turned it off.

    Returns whether an email was sent. When emailing many people, pass one open mail ``connection``, and
    ``opted_in`` for addresses just read from :func:`opted_in_addresses` (saves a query each).
    """
    email = normalise_address(_address_of(recipient))
    if not email or not (opted_in or wants(email, kind, default=default)):
        return False
    link = unsubscribe_url(email, kind)
    footer = _(
        "You get this email because of your part in You Decide. To stop emails about “%(kind)s”, open:\n"
        "%(link)s\n\nChoose which emails you get: %(choices)s"
    ) % {
        "kind": NotificationKind(kind).label,
        "link": link,
        "choices": settings.SITE_URL + reverse("notifications:choose"),
    }
    message = EmailMessage(
        subject=subject,
        body=f"{body}\n\n-- \n{footer}\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
        headers={"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        connection=connection,
    )
    message.send(fail_silently=False)
    return True


def announce_voting_opened(phase_pk: int, now: datetime | None = None) -> int:
    """Tell residents who asked that voting (online, or at Decision Days) has opened in a published
    programme: once per phase, however often this is called. Returns how many emails went."""
    from youdecide.programmes.models import Phase, PhaseKind

    moment = now or timezone.now()
    phase = Phase.objects.select_related("programme").get(pk=phase_pk)
    programme = phase.programme
    if phase.kind not in VOTING_PHASES or not programme.is_published or not phase.is_open_at(moment):
        return 0
    try:
        with transaction.atomic():
            notice = VotingNotice.objects.create(phase=phase, sent_at=moment)
    except IntegrityError:
        return 0  # told already
    values = {"programme": programme.name}
    if phase.kind == PhaseKind.DECISION_DAYS:
        subject = _("Decision Days have begun for %(programme)s") % values
        body = (
            _(
                "Decision Days for %(programme)s have begun: come along to hear the projects and vote "
                "in person. The dates and places are on the programme's page on You Decide."
            )
            % values
        )
    else:
        subject = _("Voting is open in %(programme)s") % values
        body = (
            _(
                "Voting is open in %(programme)s. Read the projects and vote online on You Decide: it "
                "takes a few minutes and decides how the money is spent where you live."
            )
            % values
        )
    url = settings.SITE_URL + reverse("web:programme", args=[programme.slug])
    body = f"{body}\n\n{url}"
    with get_connection() as connection:
        sent = sum(
            notify(email, NotificationKind.VOTING_OPENS, subject, body, connection=connection, opted_in=True)
            for email in opted_in_addresses(NotificationKind.VOTING_OPENS)
        )
    VotingNotice.objects.filter(pk=notice.pk).update(sent=sent)
    return sent


def send_voting_notices(now: datetime | None = None) -> int:
    """Announce every voting phase of a published programme that is open now and not yet announced (a
    phase opens by its dates without anyone pressing a button). Returns how many emails went."""
    from youdecide.programmes.models import Phase

    moment = now or timezone.now()
    candidates = Phase.objects.filter(
        kind__in=VOTING_PHASES, programme__is_published=True, ends_at__gt=moment
    ).exclude(pk__in=VotingNotice.objects.values("phase_id"))
    return sum(
        announce_voting_opened(phase.pk, moment)
        for phase in candidates.order_by("pk")
        if phase.is_open_at(moment)
    )


def group_lead_address(group: Any) -> str:
    from youdecide.groups.models import MembershipRole

    lead = (
        group.memberships.filter(role=MembershipRole.LEAD)
        .select_related("user")
        .order_by("joined_at")
        .first()
    )
    return (lead.user.email if lead and lead.user.email else "") or group.contact_email


def notify_results_published(run_pk: int) -> int:
    """Tell the lead contact of each group with a proposal on the ballot in the area, and residents who
    asked, that the area's result is published. Returns how many emails went."""
    from youdecide.proposals.models import ProposalStatus
    from youdecide.results.models import CountRun

    run = CountRun.objects.select_related("programme", "area").get(pk=run_pk)
    values = {"programme": run.programme.name, "area": run.area.name}
    subject = _("Results are out: %(programme)s, %(area)s") % values
    body = _("The result of the vote in %(area)s for %(programme)s is published on You Decide.") % values
    url = settings.SITE_URL + reverse("results:area", args=[run.programme.slug, run.area.slug])
    body = f"{body}\n\n{url}"
    selected = set(run.selected or [])
    sent, told = 0, set()
    with get_connection() as connection:
        proposals = (
            run.programme.proposals.filter(area=run.area, status=ProposalStatus.ELIGIBLE)
            .select_related("group")
            .order_by("reference")
        )
        for proposal in proposals:
            address = normalise_address(group_lead_address(proposal.group))
            if not address or address in told:
                continue
            told.add(address)
            outcome = (
                _("%(title)s is funded.")
                if proposal.reference in selected
                else _("%(title)s was not funded this time.")
            ) % {"title": proposal.title}
            sent += notify(
                address, NotificationKind.RESULTS_OUT, subject, f"{outcome}\n\n{body}", connection=connection
            )
        for address in opted_in_addresses(NotificationKind.RESULTS_OUT):
            if address not in told:
                told.add(address)
                sent += notify(
                    address, NotificationKind.RESULTS_OUT, subject, body, connection=connection, opted_in=True
                )
    return sent
