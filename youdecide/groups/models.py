from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from youdecide.areas.models import Area


class GroupKind(models.TextChoices):
    COMMUNITY = "community", _("Voluntary or community group")
    CHARITY = "charity", _("Registered charity")
    CIO = "cio", _("Charitable incorporated organisation")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
    COMMUNITY_INTEREST_COMPANY = "cic", _("Community interest company")
    FAITH = "faith", _("Faith group")
    SCHOOL = "school", _("School or parent-teacher association")
    TOWN_COUNCIL = "town_council", _("Town or parish council")


class CommunityGroup(models.Model):
    """A voluntary or community organisation that proposes projects and delivers them when funded."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=GroupKind.choices)
    description = models.TextField(_("what the group does"), blank=True)
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="groups",
        verbose_name=_("based in"),
    )
    charity_number = models.CharField(_("charity number"), max_length=20, blank=True)
    company_number = models.CharField(_("company number"), max_length=20, blank=True)
    contact_name = models.CharField(_("contact name"), max_length=150)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    members: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="GroupMembership", related_name="community_groups"
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("community group")
        verbose_name_plural = _("community groups")

    def __str__(self) -> str:
        return self.name


class MembershipRole(models.TextChoices):
    LEAD = "lead", _("Lead contact")
    MEMBER = "member", _("Member")


class GroupMembership(models.Model):
    group = models.ForeignKey(CommunityGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_user")]

    def __str__(self) -> str:
        return f"{self.user} in {self.group}"


class GovernanceItem(models.TextChoices):
    CONSTITUTION = "constitution", _("Constitution or set of rules")
    BANK_ACCOUNT = "bank_account", _("Bank account with two unrelated signatories")
    SAFEGUARDING = "safeguarding", _("Safeguarding policy")
    INSURANCE = "insurance", _("Public liability insurance")
    EQUALITY = "equality", _("Equality and diversity policy")


class GovernanceStatus(models.TextChoices):
    MISSING = "missing", _("Not yet provided")
    PROVIDED = "provided", _("Provided, awaiting check")
    VERIFIED = "verified", _("Checked by the council")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class GovernanceCheck(models.Model):
    """One item of a group's governance checklist, with where it stands."""

    group = models.ForeignKey(CommunityGroup, on_delete=models.CASCADE, related_name="governance_checks")
    item = models.CharField(_("item"), max_length=20, choices=GovernanceItem.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=GovernanceStatus.choices, default=GovernanceStatus.MISSING
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    verified_at = models.DateTimeField(_("checked by the council"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("checked by"),
    )

    class Meta:
        ordering = ["group", "item"]
        verbose_name = _("governance check")
        verbose_name_plural = _("governance checks")
        constraints = [models.UniqueConstraint(fields=["group", "item"], name="one_check_per_item")]

    def __str__(self) -> str:
        return f"{self.group}: {self.get_item_display()} ({self.get_status_display()})"


class GovernanceDocument(models.Model):
    """A file a group sends for a checklist item (a PDF, JPEG, PNG or Word document, judged by its
    content); only the group's members and council officers can open it."""

    governance_check = models.ForeignKey(GovernanceCheck, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("document"), upload_to="groups/documents/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("added"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("governance document")
        verbose_name_plural = _("governance documents")

    def __str__(self) -> str:
        return self.original_name


class SessionTopic(models.TextChoices):
    GOVERNANCE = "governance", _("Governance")
    FUNDING = "funding", _("Finding funding")
    WRITING_BIDS = "writing_bids", _("Writing bids")


class SupportSession(models.Model):
    """A drop-in session for community groups in an area, run with the council for voluntary services."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="support_sessions")
    topic = models.CharField(_("topic"), max_length=20, choices=SessionTopic.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what the session covers"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=300)
    run_with = models.CharField(_("run with"), max_length=200, default="CVS Cheshire East")
    places = models.PositiveSmallIntegerField(_("places (groups)"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("support session")
        verbose_name_plural = _("support sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="support_session_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(places__gt=0), name="support_session_has_places"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%d/%m/%Y})"


class SessionBooking(models.Model):
    """A group's place at a support session, booked by one of its members; an officer marks attendance
    (unmarked until then)."""

    session = models.ForeignKey(SupportSession, on_delete=models.CASCADE, related_name="bookings")
    group = models.ForeignKey(CommunityGroup, on_delete=models.CASCADE, related_name="session_bookings")
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    booked_at = models.DateTimeField(_("booked"), auto_now_add=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        ordering = ["session", "group__name"]
        verbose_name = _("session booking")
        verbose_name_plural = _("session bookings")
        constraints = [
            models.UniqueConstraint(fields=["session", "group"], name="one_booking_per_group_and_session")
        ]

    def __str__(self) -> str:
        return f"{self.group} at {self.session}"


class AssetCategory(models.TextChoices):
    COMMUNITY_PROJECT = "community_project", _("Community project")
    ORGANISATION = "organisation", _("Organisation")
    VENUE = "venue", _("Venue or facility")
    SERVICE = "service", _("Service")
    SKILL = "skill", _("People's skills")


class AssetStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting a council check")
    APPROVED = "approved", _("On the map")
    REJECTED = "rejected", _("Not added")


class Asset(models.Model):
    """Something a neighbourhood has: a project, organisation, venue, service or skill. Residents and groups
    suggest entries; only those an officer approves are public."""

    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=AssetCategory.choices)
    description = models.TextField(_("description"), blank=True)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="assets", verbose_name=_("area"))
    address = models.CharField(_("address"), max_length=300, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_times = models.CharField(_("opening times"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AssetStatus.choices, default=AssetStatus.PENDING
    )
    rejection_reason = models.CharField(_("why it was not added"), max_length=500, blank=True)
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="suggested_assets"
    )
    group = models.ForeignKey(
        CommunityGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggested_assets",
        verbose_name=_("suggested for the group"),
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("suggested"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("local asset")
        verbose_name_plural = _("local assets")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True, latitude__isnull=True)
                | models.Q(
                    longitude__isnull=False,
                    latitude__isnull=False,
                    longitude__gte=-180,
                    longitude__lte=180,
                    latitude__gte=-90,
                    latitude__lte=90,
                ),
                name="asset_location_both_or_neither",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(rejection_reason=""),
                name="asset_rejection_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["status", "category", "area"], name="asset_public_filter")]

    def __str__(self) -> str:
        return self.name
