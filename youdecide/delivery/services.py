"""Every write of delivery: grants and their payments, targets, milestones, returns, reminders and the
resident monitoring panel. Each change of a grant leaves an audit event."""

from __future__ import annotations

import calendar
import io
import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from youdecide.accounts.models import NotificationKind
from youdecide.accounts.notifications import notify
from youdecide.areas.models import Area
from youdecide.audit.services import record_event
from youdecide.delivery import rules
from youdecide.delivery.models import (
    AGE_BANDS,
    OPEN_GRANT_STATUSES,
    DeliveryStatus,
    Grant,
    GrantStatus,
    Milestone,
    MonitoringReturn,
    OutcomeTarget,
    PanelAssignment,
    PanelMember,
    ReminderKind,
    ReturnKind,
    ReturnPhoto,
    ReturnReminder,
    ReturnSpend,
    ReturnStatus,
    TargetResult,
    Tranche,
    UnderspendRoute,
    VisitReport,
)
from youdecide.delivery.selectors import least_visited_grant, paid_pence
from youdecide.groups.models import MembershipRole
from youdecide.money import format_pence
from youdecide.programmes.models import Outcome, Programme
from youdecide.proposals.models import Proposal

RETURN_DUE_AFTER_QUARTER = timedelta(days=14)
FINAL_RETURN_DUE_AFTER_END = timedelta(days=30)
REMINDER_NOTICE = timedelta(days=7)
PHOTO_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}


def _refuse(allowed: tuple[bool, str]) -> None:
    ok, reason = allowed
    if not ok:
        raise PermissionDenied(reason)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def return_schedule(starts_on: date, ends_on: date) -> list[tuple[str, date, date]]:
    """(kind, covers up to, due): a return every three months of the grant, and a final one after its end."""
    schedule = []
    quarter = 1
    while (period_end := add_months(starts_on, 3 * quarter)) < ends_on:
        schedule.append((ReturnKind.QUARTERLY.value, period_end, period_end + RETURN_DUE_AFTER_QUARTER))
        quarter += 1
    schedule.append((ReturnKind.FINAL.value, ends_on, ends_on + FINAL_RETURN_DUE_AFTER_END))
    return schedule


def _check_tranches(amount_pence: int, tranches: Sequence[tuple[date, int]]) -> None:
    if not tranches:
        raise ValidationError({"tranches": _("Add at least one tranche: when it is due and how much.")})
    total = sum(amount for _due, amount in tranches)
    if total != amount_pence:
        difference = abs(amount_pence - total)
        raise ValidationError(
            {
                "tranches": _(
                    "The tranches add up to %(total)s, %(difference)s %(direction)s than the grant "
                    "of %(amount)s."
                )
                % {
                    "total": format_pence(total),
                    "difference": format_pence(difference),
                    "direction": _("less") if total < amount_pence else _("more"),
                    "amount": format_pence(amount_pence),
                }
            }
        )


def create_grant(
    actor: Any,
    proposal: Proposal,
    *,
    starts_on: date,
    ends_on: date,
    tranches: Sequence[tuple[date, int]],
    amount_pence: int | None = None,
    conditions: str = "",
    now: datetime | None = None,
) -> Grant:
    """Offer a grant to the group of a funded proposal: the amount (at most the cost), the conditions,
    the dates and the payment schedule, with the schedule of monitoring returns that follows from it."""
    _refuse(rules.can_offer_grant(actor, proposal))
    amount = proposal.cost_pence if amount_pence is None else amount_pence
    errors: dict[str, str] = {}
    if amount <= 0:
        errors["amount_pence"] = _("Enter the amount of the grant: more than £0.")
    elif amount > proposal.cost_pence:
        errors["amount_pence"] = _("The grant cannot be more than the proposal's cost of %(cost)s.") % {
            "cost": format_pence(proposal.cost_pence)
        }
    if ends_on < starts_on:
        errors["ends_on"] = _("The grant must end on or after the day it starts.")
    if errors:
        raise ValidationError(errors)
    _check_tranches(amount, tranches)
    already = ValidationError(_("%(reference)s has a grant already.") % {"reference": proposal.reference})
    with transaction.atomic():
        try:
            # One grant per proposal: the unique proposal column settles two officers offering at once.
            with transaction.atomic():
                grant = Grant.objects.create(
                    proposal=proposal,
                    amount_pence=amount,
                    conditions=conditions.strip(),
                    starts_on=starts_on,
                    ends_on=ends_on,
                    offered_at=now or timezone.now(),
                    offered_by=actor,
                )
        except IntegrityError:
            raise already from None
        Tranche.objects.bulk_create(
            Tranche(grant=grant, number=number, due_on=due, amount_pence=value)
            for number, (due, value) in enumerate(sorted(tranches), start=1)
        )
        MonitoringReturn.objects.bulk_create(
            MonitoringReturn(grant=grant, number=number, kind=kind, period_end=period_end, due_on=due)
            for number, (kind, period_end, due) in enumerate(return_schedule(starts_on, ends_on), start=1)
        )
        record_event(
            actor,
            "grant.offered",
            grant,
            {
                "proposal": proposal.reference,
                "amount_pence": amount,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "tranches": [[due, value] for due, value in sorted(tranches)],
            },
        )
    return grant


def _locked(grant: Grant) -> Grant:
    return Grant.objects.select_for_update().select_related("proposal__group").get(pk=grant.pk)


def accept_grant(actor: Any, grant: Grant, name: str, now: datetime | None = None) -> Grant:
    """A member of the group accepts the agreement online, in their own name."""
    if not name.strip():
        raise ValidationError({"name": _("Type your full name to accept the grant on the group's behalf.")})
    with transaction.atomic():
        grant = _locked(grant)
        _refuse(rules.can_accept_grant(actor, grant))
        grant.status = GrantStatus.ACCEPTED
        grant.accepted_at, grant.accepted_by, grant.accepted_name = now or timezone.now(), actor, name.strip()
        grant.save(update_fields=["status", "accepted_at", "accepted_by", "accepted_name"])
        record_event(actor, "grant.accepted", grant, {"name": grant.accepted_name})
    return grant


def record_payment(
    actor: Any, tranche: Tranche, *, paid_on: date, reference: str, now: datetime | None = None
) -> Tranche:
    moment = now or timezone.now()
    """An officer records that a tranche was paid, with the payment's date and reference."""
    with transaction.atomic():
        grant = _locked(tranche.grant)
        tranche = Tranche.objects.select_for_update().get(pk=tranche.pk)
        tranche.grant = grant
        _refuse(rules.can_record_payment(actor, tranche))
        errors: dict[str, str] = {}
        if not reference.strip():
            errors["reference"] = _("Enter the payment reference from the council's finance system.")
        accepted_on = timezone.localdate(grant.accepted_at) if grant.accepted_at else None
        if accepted_on and paid_on < accepted_on:
            errors["paid_on"] = _(
                "A payment cannot be dated before the group accepted the grant on %(day)s."
            ) % {"day": accepted_on.strftime("%d/%m/%Y")}
        if paid_on > timezone.localdate(moment):
            errors["paid_on"] = _("A payment cannot be dated in the future.")
        if errors:
            raise ValidationError(errors)
        tranche.paid_on, tranche.payment_reference = paid_on, reference.strip()
        tranche.recorded_at, tranche.recorded_by = moment, actor
        tranche.save(update_fields=["paid_on", "payment_reference", "recorded_at", "recorded_by"])
        if grant.status == GrantStatus.ACCEPTED:
            grant.status = GrantStatus.ACTIVE
            grant.save(update_fields=["status"])
        record_event(
            actor,
            "grant.payment_recorded",
            grant,
            {
                "tranche": tranche.number,
                "amount_pence": tranche.amount_pence,
                "paid_on": paid_on,
                "reference": tranche.payment_reference,
            },
        )
    return tranche


def close_grant(
    actor: Any,
    grant: Grant,
    *,
    outcome: str,
    declared_unspent_pence: int = 0,
    route: str = "",
    rolled_into: Programme | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Grant:
    """Close a grant as completed or cancelled. The underspend is what was awarded but not paid, plus what
    the group declares paid but unspent; it is either returned or rolled into a named next programme."""
    if outcome not in {GrantStatus.COMPLETED, GrantStatus.CANCELLED}:
        raise ValidationError({"outcome": _("Choose whether the grant is completed or cancelled.")})
    with transaction.atomic():
        grant = _locked(grant)
        _refuse(rules.can_close_grant(actor, grant, outcome))
        paid = paid_pence(grant)
        errors: dict[str, str] = {}
        if declared_unspent_pence > paid:
            errors["declared_unspent_pence"] = _(
                "The group cannot declare more unspent (%(declared)s) than it was paid (%(paid)s)."
            ) % {"declared": format_pence(declared_unspent_pence), "paid": format_pence(paid)}
        underspend = grant.amount_pence - paid + declared_unspent_pence
        if underspend and route not in {UnderspendRoute.RETURNED, UnderspendRoute.ROLLED_OVER}:
            errors["route"] = _(
                "There is an underspend of %(amount)s: say whether it is returned or rolled into the "
                "next programme."
            ) % {"amount": format_pence(underspend)}
        if route == UnderspendRoute.ROLLED_OVER:
            if rolled_into is None:
                errors["rolled_into"] = _("Choose the programme the underspend is rolled into.")
            elif rolled_into.pk == grant.proposal.programme_id:
                errors["rolled_into"] = _("The underspend rolls into another programme, not this one.")
        if errors:
            raise ValidationError(errors)
        grant.status = outcome
        grant.delivery_status = (
            DeliveryStatus.COMPLETED if outcome == GrantStatus.COMPLETED else DeliveryStatus.CANCELLED
        )
        grant.underspend_pence = underspend
        grant.underspend_route = route if underspend else UnderspendRoute.NONE
        grant.rolled_into = rolled_into if underspend and route == UnderspendRoute.ROLLED_OVER else None
        grant.closed_at, grant.closed_by, grant.closing_note = now or timezone.now(), actor, note.strip()
        grant.save()
        record_event(
            actor,
            "grant.closed",
            grant,
            {
                "outcome": outcome,
                "paid_pence": paid,
                "underspend_pence": underspend,
                "route": grant.underspend_route,
                "rolled_into": grant.rolled_into.slug if grant.rolled_into else None,
                "note": grant.closing_note,
            },
        )
    return grant


def add_target(
    actor: Any, grant: Grant, *, outcome: Outcome, indicator: str, target_value: int, unit: str = "people"
) -> OutcomeTarget:
    _refuse(rules.can_manage_delivery(actor, grant))
    errors: dict[str, str] = {}
    if not grant.proposal.programme.outcomes.filter(pk=outcome.pk).exists():
        errors["outcome"] = _("%(outcome)s is not one of the programme's outcomes.") % {
            "outcome": outcome.name
        }
    if not indicator.strip():
        errors["indicator"] = _("Say what is measured, e.g. people doing 30 minutes' more activity a week.")
    if target_value <= 0:
        errors["target_value"] = _("The target must be more than 0.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        target = OutcomeTarget.objects.create(
            grant=grant,
            outcome=outcome,
            indicator=indicator.strip(),
            target_value=target_value,
            unit=unit.strip() or "people",
        )
        record_event(
            actor,
            "grant.target_added",
            grant,
            {
                "outcome": outcome.slug,
                "indicator": target.indicator,
                "target": target_value,
                "unit": target.unit,
            },
        )
    return target


def add_milestone(actor: Any, grant: Grant, *, title: str, due_on: date) -> Milestone:
    _refuse(rules.can_manage_delivery(actor, grant))
    if not title.strip():
        raise ValidationError({"title": _("Say what the milestone is.")})
    with transaction.atomic():
        milestone = Milestone.objects.create(grant=grant, title=title.strip(), due_on=due_on)
        record_event(actor, "grant.milestone_added", grant, {"title": milestone.title, "due_on": due_on})
    return milestone


def update_milestone(
    actor: Any,
    milestone: Milestone,
    *,
    progress_percent: int,
    done_on: date | None = None,
    now: datetime | None = None,
) -> Milestone:
    _refuse(rules.can_manage_delivery(actor, milestone.grant))
    if not 0 <= progress_percent <= 100:
        raise ValidationError({"progress_percent": _("Progress is a percentage: 0 to 100.")})
    if done_on is not None and done_on > timezone.localdate(now or timezone.now()):
        raise ValidationError({"done_on": _("A milestone cannot be done on a day still to come.")})
    with transaction.atomic():
        milestone.progress_percent = 100 if done_on else progress_percent
        milestone.done_on = done_on
        milestone.save(update_fields=["progress_percent", "done_on"])
        record_event(
            actor,
            "grant.milestone_updated",
            milestone.grant,
            {"title": milestone.title, "progress_percent": milestone.progress_percent, "done_on": done_on},
        )
    return milestone


def set_delivery_status(actor: Any, grant: Grant, status: str, note: str = "") -> Grant:
    _refuse(rules.can_manage_delivery(actor, grant))
    if status not in DeliveryStatus.values:
        raise ValidationError({"status": _("Choose a delivery status.")})
    with transaction.atomic():
        grant = _locked(grant)
        before = grant.delivery_status
        grant.delivery_status = status
        grant.save(update_fields=["delivery_status"])
        record_event(
            actor,
            "grant.delivery_status_set",
            grant,
            {"before": before, "after": status, "note": note.strip()},
        )
    return grant


def _fresh(monitoring_return: MonitoringReturn, *, lock: bool = False) -> MonitoringReturn:
    """The return and its grant as the database holds them now (locked for update when asked)."""
    returns = MonitoringReturn.objects.select_related("grant__proposal__group")
    return (returns.select_for_update() if lock else returns).get(pk=monitoring_return.pk)


def checked_photo(
    upload: UploadedFile, *, field: str = "photo", size_checked: bool = False
) -> tuple[str, str, int, int, bytes]:
    """(content type, extension, width, height, file) of a JPEG or PNG, judged by its content, not its
    name. The file kept is the picture saved afresh: no camera data (such as where it was taken) remains.
    Errors are given on ``field``; a caller that has checked the size against its own limit says so."""
    name = upload.name or _("the file")
    if not size_checked and upload.size is not None and upload.size > rules.MAX_PHOTO_BYTES:
        raise ValidationError(
            {
                field: _("%(name)s is %(size).1f MB: a photo can be at most 5 MB.")
                % {"name": name, "size": upload.size / (1024 * 1024)}
            }
        )
    not_a_photo = ValidationError(
        {field: _("%(name)s is not a JPEG or PNG image: choose a photo.") % {"name": name}}
    )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format or ""
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_a_photo from None
    finally:
        upload.seek(0)
    if kind not in PHOTO_FORMATS:
        raise ValidationError(
            {
                field: _("%(name)s is a %(kind)s image: only JPEG and PNG photos can be added.")
                % {"name": name, "kind": kind or _("unknown")}
            }
        )
    if width * height > rules.MAX_PHOTO_PIXELS:
        raise ValidationError(
            {
                field: _(
                    "%(name)s is %(width)d by %(height)d pixels: a photo can have at most 40 megapixels."
                )
                % {"name": name, "width": width, "height": height}
            }
        )
    try:
        with Image.open(upload) as image:
            upright = ImageOps.exif_transpose(image) or image
            if kind == "JPEG" and upright.mode not in {"RGB", "L"}:
                upright = upright.convert("RGB")
            clean = io.BytesIO()
            upright.save(clean, format=kind, **({"quality": 88} if kind == "JPEG" else {}))
            width, height = upright.size
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_a_photo from None
    finally:
        upload.seek(0)
    content_type, extension = PHOTO_FORMATS[kind]
    return content_type, extension, width, height, clean.getvalue()


def add_return_photo(
    actor: Any, monitoring_return: MonitoringReturn, upload: UploadedFile, alt_text: str
) -> ReturnPhoto:
    """A JPEG or PNG of at most 5 MB with a description for people who cannot see it; six per return."""
    _refuse(rules.can_file_return(actor, _fresh(monitoring_return)))
    if not alt_text.strip():
        raise ValidationError(
            {
                "alt_text": _(
                    "Describe the photo for people who cannot see it, e.g. “Ten walkers on the canal path”."
                )
            }
        )
    content_type, extension, width, height, content = checked_photo(upload)
    with transaction.atomic():
        locked = _fresh(monitoring_return, lock=True)
        _refuse(rules.can_file_return(actor, locked))
        if locked.photos.count() >= rules.MAX_PHOTOS_PER_RETURN:
            raise ValidationError(
                {
                    "photo": _(
                        "A return can have at most %(count)d photos: remove one before adding another."
                    )
                    % {"count": rules.MAX_PHOTOS_PER_RETURN}
                }
            )
        photo = ReturnPhoto(
            monitoring_return=locked,
            content_type=content_type,
            width=width,
            height=height,
            alt_text=alt_text.strip(),
            uploaded_by=actor,
        )
        photo.image.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(content), save=False)
        photo.save()
        record_event(
            actor,
            "grant.return_photo_added",
            locked.grant,
            {"return": locked.number, "photo": photo.pk, "alt_text": photo.alt_text},
        )
    return photo


def remove_return_photo(actor: Any, photo: ReturnPhoto) -> None:
    monitoring_return = _fresh(photo.monitoring_return)
    _refuse(rules.can_file_return(actor, monitoring_return))
    with transaction.atomic():
        record_event(
            actor,
            "grant.return_photo_removed",
            monitoring_return.grant,
            {"return": monitoring_return.number, "photo": photo.pk},
        )
        name, storage = photo.image.name, photo.image.storage
        photo.delete()
        transaction.on_commit(lambda: storage.delete(name))  # the file goes once the row is gone


def submit_return(
    actor: Any,
    monitoring_return: MonitoringReturn,
    *,
    reached: Mapping[str, int],
    activities: str,
    story: str,
    spend: Mapping[int, int],
    results: Mapping[int, int],
    now: datetime | None = None,
) -> MonitoringReturn:
    """The group sends a return: spend to date on every budget line, people reached by age band,
    activities, each target's result so far and a short story. Sent again after changes are asked for."""
    with transaction.atomic():
        monitoring_return = _fresh(monitoring_return, lock=True)
        _refuse(rules.can_file_return(actor, monitoring_return))
        grant = monitoring_return.grant
        lines = list(grant.proposal.budget_lines.all())
        targets = list(grant.targets.all())
        errors: dict[str, list[str]] = {}
        missing = [line.description for line in lines if line.pk not in spend]
        if missing:
            errors["spend"] = [_("Enter the spend to date on: %(lines)s.") % {"lines": ", ".join(missing)}]
        total = sum(spend.get(line.pk, 0) for line in lines)
        if total > grant.amount_pence:
            errors.setdefault("spend", []).append(
                _("Spend to date adds up to %(total)s, %(over)s more than the grant of %(amount)s.")
                % {
                    "total": format_pence(total),
                    "over": format_pence(total - grant.amount_pence),
                    "amount": format_pence(grant.amount_pence),
                }
            )
        unanswered = [target.indicator for target in targets if target.pk not in results]
        if unanswered:
            errors["results"] = [
                _("Enter what has been achieved so far for: %(targets)s.")
                % {"targets": ", ".join(unanswered)}
            ]
        if not activities.strip():
            errors["activities"] = [_("Say what activities the project delivered in this period.")]
        if monitoring_return.kind == ReturnKind.FINAL and not story.strip():
            errors["story"] = [_("The final return needs a short story of what the project did.")]
        if errors:
            raise ValidationError(errors)
        for field, _label in AGE_BANDS:
            setattr(monitoring_return, field, int(reached.get(field, 0)))
        monitoring_return.activities, monitoring_return.story = activities.strip(), story.strip()
        monitoring_return.status = ReturnStatus.SUBMITTED
        monitoring_return.submitted_at, monitoring_return.submitted_by = now or timezone.now(), actor
        monitoring_return.save()
        monitoring_return.spend.all().delete()
        ReturnSpend.objects.bulk_create(
            ReturnSpend(monitoring_return=monitoring_return, budget_line=line, spent_pence=spend[line.pk])
            for line in lines
        )
        monitoring_return.results.all().delete()
        TargetResult.objects.bulk_create(
            TargetResult(monitoring_return=monitoring_return, target=target, achieved=results[target.pk])
            for target in targets
        )
        record_event(
            actor,
            "grant.return_submitted",
            grant,
            {
                "return": monitoring_return.number,
                "spent_pence": total,
                "people_reached": monitoring_return.people_reached,
            },
        )
    return monitoring_return


def _decide_return(
    actor: Any, monitoring_return: MonitoringReturn, status: str, note: str, now: datetime | None
) -> MonitoringReturn:
    with transaction.atomic():
        monitoring_return = _fresh(monitoring_return, lock=True)
        _refuse(rules.can_review_return(actor, monitoring_return))
        monitoring_return.status = status
        monitoring_return.officer_note = note.strip()
        monitoring_return.decided_at, monitoring_return.decided_by = now or timezone.now(), actor
        monitoring_return.save(update_fields=["status", "officer_note", "decided_at", "decided_by"])
        record_event(
            actor,
            "grant.return_accepted" if status == ReturnStatus.ACCEPTED else "grant.return_changes_requested",
            monitoring_return.grant,
            {"return": monitoring_return.number, "note": monitoring_return.officer_note},
        )
    return monitoring_return


def accept_return(
    actor: Any, monitoring_return: MonitoringReturn, note: str = "", now: datetime | None = None
) -> MonitoringReturn:
    """An officer accepts a return: its spend, story and photos become part of the public progress page."""
    return _decide_return(actor, monitoring_return, ReturnStatus.ACCEPTED, note, now)


def request_return_changes(
    actor: Any, monitoring_return: MonitoringReturn, note: str, now: datetime | None = None
) -> MonitoringReturn:
    """An officer sends a return back with a note saying what to change; the group sees it and resends."""
    if not note.strip():
        raise ValidationError(
            {"note": _("Say what the group should change before sending the return again.")}
        )
    return _decide_return(actor, monitoring_return, ReturnStatus.CHANGES_REQUESTED, note, now)


def lead_contact_email(grant: Grant) -> str:
    group = grant.proposal.group
    lead = (
        group.memberships.filter(role=MembershipRole.LEAD)
        .select_related("user")
        .order_by("joined_at")
        .first()
    )
    return (lead.user.email if lead and lead.user.email else "") or group.contact_email


def _reminder_kind(monitoring_return: MonitoringReturn, today: date) -> str | None:
    if monitoring_return.due_on < today:
        return ReminderKind.LATE
    if monitoring_return.due_on - REMINDER_NOTICE <= today:
        return ReminderKind.DUE_SOON
    return None


def send_return_reminders(now: datetime | None = None) -> int:
    """Email the lead contact of each group whose return is due within 7 days, or late: once per return and
    kind, however often this runs. Returns how many reminders were sent."""
    moment = now or timezone.now()
    today = timezone.localdate(moment)
    outstanding = MonitoringReturn.objects.filter(
        status__in=[ReturnStatus.DUE, ReturnStatus.CHANGES_REQUESTED],
        grant__status__in=[GrantStatus.ACCEPTED, GrantStatus.ACTIVE],
        due_on__lte=today + REMINDER_NOTICE,
    ).select_related("grant__proposal__group", "grant__proposal__programme")
    sent = 0
    for monitoring_return in outstanding:
        kind = _reminder_kind(monitoring_return, today)
        if kind is None:
            continue
        grant = monitoring_return.grant
        recipient = lead_contact_email(grant)
        try:
            with transaction.atomic():
                ReturnReminder.objects.create(
                    monitoring_return=monitoring_return, kind=kind, sent_at=moment, sent_to=recipient
                )
        except IntegrityError:
            continue
        values = {
            "number": monitoring_return.number,
            "project": grant.proposal.title,
            "due": monitoring_return.due_on.strftime("%d/%m/%Y"),
        }
        if kind == ReminderKind.LATE:
            subject = _("Your monitoring return for %(project)s is late") % values
            body = (
                _(
                    "Return %(number)d for %(project)s was due on %(due)s. Please send it as soon as you "
                    "can: sign in to You Decide and open the grant from your group's page."
                )
                % values
            )
        else:
            subject = _("Your monitoring return for %(project)s is due on %(due)s") % values
            body = (
                _(
                    "Return %(number)d for %(project)s is due on %(due)s. Sign in to You Decide and open "
                    "the grant from your group's page to send it."
                )
                % values
            )
        sent += notify(recipient, NotificationKind.RETURN_DUE, subject, body)
    return sent


def join_panel(user: Any, area: Area) -> PanelMember:
    """A signed-in resident joins the monitoring panel for an area of a published programme."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to join the monitoring panel."))
    if not area.pots.filter(programme__is_published=True).exists():
        raise ValidationError(
            {"area": _("%(area)s has no published programme to monitor.") % {"area": area.name}}
        )
    member, _created = PanelMember.objects.update_or_create(user=user, defaults={"area": area})
    return member


def assign_panel_member(actor: Any, member: PanelMember, grant: Grant | None = None) -> PanelAssignment:
    """An officer matches a panel member to a project of their area; with no project named, the area's
    least-visited one."""
    _refuse(rules.can_assign_panel(actor))
    if grant is None:
        grant = least_visited_grant(member.area)
        if grant is None:
            raise ValidationError(
                _("There is no funded project under way in %(area)s to visit.") % {"area": member.area.name}
            )
    if grant.proposal.area_id != member.area_id:
        raise ValidationError(
            _("%(person)s monitors %(area)s; this project is in %(other)s.")
            % {"person": member.user, "area": member.area.name, "other": grant.proposal.area.name}
        )
    if grant.status not in OPEN_GRANT_STATUSES:
        raise ValidationError(_("This project's grant is closed: there is nothing left to visit."))
    with transaction.atomic():
        assignment, created = PanelAssignment.objects.get_or_create(
            member=member, grant=grant, defaults={"assigned_by": actor}
        )
        if created:
            record_event(actor, "grant.panel_member_assigned", grant, {"member": member.pk})
    return assignment


def file_visit_report(
    actor: Any, assignment: PanelAssignment, *, visited_on: date, report: str
) -> VisitReport:
    """The panel member matched to a project reports their visit; officers and the group read it."""
    if not getattr(actor, "is_authenticated", False) or assignment.member.user_id != actor.pk:
        raise PermissionDenied(_("Only the panel member matched to this project can report a visit to it."))
    errors: dict[str, str] = {}
    if visited_on > timezone.localdate():
        errors["visited_on"] = _("The visit must have happened: choose today or an earlier day.")
    if not report.strip():
        errors["report"] = _("Say what you saw on your visit.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        visit = VisitReport.objects.create(
            assignment=assignment, visited_on=visited_on, report=report.strip()
        )
        record_event(
            actor, "grant.visit_reported", assignment.grant, {"visit": visit.pk, "visited_on": visited_on}
        )
    return visit
