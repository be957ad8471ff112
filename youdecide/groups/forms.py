"""Forms of the group portal: registering a group, adding members, the governance checklist."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from youdecide.areas.models import Area, AreaKind
from youdecide.groups.models import (
    AssetCategory,
    CommunityGroup,
    GovernanceCheck,
    GovernanceItem,
    GroupKind,
    SessionBooking,
    SessionTopic,
)
from youdecide.programmes.forms import ServiceErrorsMixin


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_kind_display().lower()})"


class GroupRegistrationForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(
        label=_("Group name"), max_length=200, error_messages={"required": _("Enter the group's name.")}
    )
    kind = forms.ChoiceField(
        label=_("What kind of group is it?"),
        choices=GroupKind.choices,
        error_messages={"required": _("Choose what kind of group it is.")},
    )
    description = forms.CharField(
        label=_("What the group does"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A few sentences residents and officers will read."),
    )
    area = AreaChoiceField(
        label=_("Where the group is based"),
        queryset=Area.objects.filter(kind__in=[AreaKind.SUB_REGION, AreaKind.WARD]).order_by("kind", "name"),
        required=False,
        empty_label=_("Choose a ward or area"),
    )
    charity_number = forms.CharField(label=_("Charity number"), max_length=20, required=False)
    company_number = forms.CharField(label=_("Company number"), max_length=20, required=False)
    contact_name = forms.CharField(
        label=_("Contact name"),
        max_length=150,
        help_text=_("The person the council writes to about the group's proposals."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter the name of the person to contact.")},
    )
    contact_email = forms.EmailField(
        label=_("Contact email"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter the email address to contact the group."),
            "invalid": _("Enter an email address like name@example.org."),
        },
    )
    contact_phone = forms.CharField(
        label=_("Contact phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    address = forms.CharField(
        label=_("Address"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")


class AddMemberForm(ServiceErrorsMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("If they have no account yet, one is made for them with this email address."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Enter the new member's email address."),
            "invalid": _("Enter an email address like name@example.org."),
        },
    )
    name = forms.CharField(label=_("Name"), max_length=150, required=False)


class GovernanceChecklistForm(ServiceErrorsMixin, forms.Form):
    """One status (and a note) per checklist item. Items the council has checked are shown, not offered,
    to people who cannot mark an item checked."""

    def __init__(
        self, checks: list[GovernanceCheck], choices: list[tuple[str, Any]], *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.checks = checks
        allowed = {value for value, _label in choices}
        self.editable_items: list[str] = []
        for check in checks:
            if check.status not in allowed:
                continue
            self.editable_items.append(check.item)
            self.fields[f"{check.item}_status"] = forms.ChoiceField(
                label=_("Status of “%(item)s”") % {"item": check.get_item_display()},
                choices=choices,
                initial=check.status,
            )
            self.fields[f"{check.item}_note"] = forms.CharField(
                label=_("Note on “%(item)s”") % {"item": check.get_item_display()},
                max_length=300,
                required=False,
                initial=check.note,
            )

    def rows(self) -> list[tuple[GovernanceCheck, Any, Any]]:
        rows: list[tuple[GovernanceCheck, Any, Any]] = []
        for check in self.checks:
            if check.item in self.editable_items:
                rows.append((check, self[f"{check.item}_status"], self[f"{check.item}_note"]))
            else:
                rows.append((check, None, None))
        return rows

    def changes(self) -> dict[str, tuple[str, str]]:
        return {
            item: (self.cleaned_data[f"{item}_status"], self.cleaned_data[f"{item}_note"])
            for item in self.editable_items
        }


class GovernanceDocumentForm(ServiceErrorsMixin, forms.Form):
    item = forms.ChoiceField(
        label=_("Which item is it for?"),
        choices=GovernanceItem.choices,
        error_messages={"required": _("Choose the checklist item the document is for.")},
    )
    document = forms.FileField(
        label=_("Document"),
        help_text=_("A PDF, Word (DOCX), JPEG or PNG file of at most 10 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.docx,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
        ),
        error_messages={
            "required": _("Choose a document to upload."),
            "empty": _("The file chosen is empty."),
        },
    )


SESSION_AREAS = Area.objects.filter(kind__in=[AreaKind.SUB_REGION, AreaKind.WARD]).order_by("kind", "name")
LOCAL_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SupportSessionForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Enter the session's title.")}
    )
    topic = forms.ChoiceField(
        label=_("Topic"), choices=SessionTopic.choices, error_messages={"required": _("Choose a topic.")}
    )
    area = AreaChoiceField(
        label=_("Area"),
        queryset=SESSION_AREAS,
        empty_label=_("Choose a ward or area"),
        error_messages={"required": _("Choose the area the session is for.")},
    )
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=LOCAL_DATETIME, error_messages={"required": _("Enter when it starts.")}
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=LOCAL_DATETIME, error_messages={"required": _("Enter when it ends.")}
    )
    venue = forms.CharField(
        label=_("Venue"), max_length=300, error_messages={"required": _("Enter where it takes place.")}
    )
    run_with = forms.CharField(label=_("Run with"), max_length=200, initial="CVS Cheshire East")
    places = forms.IntegerField(
        label=_("Places (groups)"),
        min_value=1,
        max_value=500,
        initial=12,
        error_messages={"required": _("Enter how many groups can come.")},
    )
    description = forms.CharField(
        label=_("What the session covers"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class SessionBookingForm(ServiceErrorsMixin, forms.Form):
    group = GroupChoiceField(
        label=_("Book a place for"),
        queryset=CommunityGroup.objects.none(),
        empty_label=None,
        error_messages={"required": _("Choose the group to book a place for.")},
    )

    def __init__(self, groups: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]


class AttendanceForm(ServiceErrorsMixin, forms.Form):
    """One box per booked group: ticked if it came."""

    def __init__(self, bookings: list[SessionBooking], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.bookings = bookings
        for booking in bookings:
            self.fields[f"attended_{booking.pk}"] = forms.BooleanField(
                label=_("%(group)s attended") % {"group": booking.group.name},
                required=False,
                initial=bool(booking.attended),
            )

    def rows(self) -> list[tuple[SessionBooking, Any]]:
        return [(booking, self[f"attended_{booking.pk}"]) for booking in self.bookings]

    def attended(self) -> dict[int, bool]:
        return {booking.pk: bool(self.cleaned_data[f"attended_{booking.pk}"]) for booking in self.bookings}


class AssetFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All categories")), *AssetCategory.choices]
    )
    area = AreaChoiceField(
        label=_("Area"), queryset=SESSION_AREAS, required=False, empty_label=_("All areas")
    )


class AssetSuggestionForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={"required": _("Enter the name of the place or activity.")},
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=AssetCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a category.")},
    )
    area = AreaChoiceField(
        label=_("Area"),
        queryset=SESSION_AREAS,
        empty_label=_("Choose a ward or area"),
        error_messages={"required": _("Choose the ward or area it is in.")},
    )
    description = forms.CharField(
        label=_("What it offers"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        help_text=_("To mark it on the map, e.g. -2.441600 for Crewe. Leave empty if you do not know."),
        error_messages={"invalid": _("Enter the longitude as a number, e.g. -2.441600.")},
    )
    latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        help_text=_("e.g. 53.097900 for Crewe."),
        error_messages={"invalid": _("Enter the latitude as a number, e.g. 53.097900.")},
    )
    contact = forms.CharField(
        label=_("Contact"),
        max_length=200,
        required=False,
        help_text=_("A public phone number, email or name to ask for. It is shown to everyone."),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    opening_times = forms.CharField(
        label=_("Opening times"),
        max_length=300,
        required=False,
        help_text=_("e.g. Monday to Friday, 9am to 5pm"),
    )
    group = GroupChoiceField(
        label=_("Suggested for your group"),
        queryset=CommunityGroup.objects.none(),
        required=False,
        empty_label=_("Just me"),
    )

    def __init__(self, groups: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]
        if not groups.exists():
            del self.fields["group"]


class AssetRejectionForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is it not added?"),
        max_length=500,
        help_text=_("The person who suggested it reads this."),
        error_messages={"required": _("Say why the entry is not added.")},
    )
