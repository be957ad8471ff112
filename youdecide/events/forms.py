"""Forms of the Decision Day pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from youdecide.areas.models import Area
from youdecide.events.models import Agreement, Slot
from youdecide.programmes.forms import ServiceErrorsMixin
from youdecide.programmes.models import Programme
from youdecide.proposals.models import Proposal
from youdecide.voting.forms import VoterDetailsForm
from youdecide.voting.identity import AGE_BANDS

AREAS_WITH_POTS = Area.objects.filter(pots__isnull=False).distinct().order_by("name")


class DecisionDayDetailsForm(ServiceErrorsMixin, forms.Form):
    """Where and when: what an officer can change until the day has closed."""

    venue = forms.CharField(label=_("Venue"), max_length=200)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    accessibility = forms.CharField(
        label=_("Accessibility"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Step-free access, hearing loop, parking, quiet room..."),
    )
    starts_at = forms.DateTimeField(
        label=_("Doors open"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    capacity = forms.IntegerField(label=_("Places"), min_value=1, initial=150)
    pitch_minutes = forms.IntegerField(label=_("Minutes per pitch"), min_value=1, max_value=30, initial=3)
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas"),
        queryset=AREAS_WITH_POTS,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The areas whose residents vote here; each votes on its own area's projects."),
        error_messages={"required": _("Choose at least one area whose residents vote at the day.")},
    )

    field_order = ["areas"]

    def __init__(self, *args: Any, programme: Programme | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if programme is not None:
            self.fields["areas"].queryset = AREAS_WITH_POTS.filter(pots__programme=programme)  # type: ignore[attr-defined]

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in DecisionDayDetailsForm.base_fields}


class DecisionDayForm(DecisionDayDetailsForm):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.order_by("name"))
    name = forms.CharField(label=_("Name"), max_length=150, help_text=_("e.g. 'Crewe Decision Day'"))

    field_order = ["programme", "areas", "name"]


class AttendeeForm(VoterDetailsForm):
    """Who the attendee is and, on a day of several areas, the area they vote in."""

    def __init__(
        self, *args: Any, areas: Sequence[Area] = (), by_postcode: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if len(areas) > 1:
            self.fields["area"] = forms.ModelChoiceField(
                label=_("The area they vote in"),
                queryset=Area.objects.filter(pk__in=[a.pk for a in areas]).order_by("name"),
                widget=forms.RadioSelect,
                required=not by_postcode,
                help_text=_("Leave it to place them by their postcode.") if by_postcode else "",
                error_messages={"required": _("Choose the area the attendee votes in.")},
            )

    def chosen_area(self) -> Area | None:
        area = self.cleaned_data.get("area")
        return area if isinstance(area, Area) else None


class RunningOrderForm(ServiceErrorsMixin, forms.Form):
    """Which of the area's eligible projects pitch, and in what order: a tick and a place for each."""

    def __init__(
        self, *args: Any, proposals: Sequence[Proposal], slots: Sequence[Slot] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.proposals = list(proposals)
        self.ordered: list[Proposal] = []
        placed = {slot.proposal_id: slot.position for slot in slots}
        for proposal in self.proposals:
            self.fields[f"pitches_{proposal.pk}"] = forms.BooleanField(
                label=_("%(title)s pitches") % {"title": proposal.title},
                required=False,
                initial=proposal.pk in placed,
            )
            self.fields[f"position_{proposal.pk}"] = forms.IntegerField(
                label=_("Place of %(title)s in the running order") % {"title": proposal.title},
                min_value=1,
                max_value=len(self.proposals),
                required=False,
                initial=placed.get(proposal.pk),
            )

    def rows(self) -> list[tuple[Proposal, forms.BoundField, forms.BoundField]]:
        return [(p, self[f"pitches_{p.pk}"], self[f"position_{p.pk}"]) for p in self.proposals]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        taken: dict[int, Proposal] = {}
        for proposal in self.proposals:
            if not data.get(f"pitches_{proposal.pk}"):
                continue
            field = f"position_{proposal.pk}"
            place = data.get(field)
            if place is None:
                if field not in self.errors:
                    self.add_error(
                        field, _("Give %(title)s a place in the running order.") % {"title": proposal.title}
                    )
            elif place in taken:
                self.add_error(
                    field,
                    _("%(title)s and %(other)s are both at place %(n)d: give each its own place.")
                    % {"title": proposal.title, "other": taken[place].title, "n": place},
                )
            else:
                taken[place] = proposal
        if not self.errors and not taken:
            self.add_error(None, _("Tick at least one project to pitch."))
        self.ordered = [taken[place] for place in sorted(taken)]
        return data


class PaperNumberForm(forms.Form):
    number = forms.IntegerField(label=_("Number on the paper"), min_value=1)
    struck_out = forms.TypedMultipleChoiceField(
        label=_("Struck out at the desk"),
        help_text=_(
            "Tick a project the desk struck out on this paper: the attendee is a member of its group, "
            "and their score for it does not count."
        ),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, struck_out_from: Sequence[Proposal] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if struck_out_from:
            self.fields["struck_out"].choices = [(p.pk, p.title) for p in struck_out_from]  # type: ignore[attr-defined]
        else:
            del self.fields["struck_out"]

    def struck_out_ids(self) -> list[int]:
        return list(self.cleaned_data.get("struck_out") or [])


class SpoilForm(forms.Form):
    number = forms.IntegerField(label=_("Number of the spoiled paper"), min_value=1)
    reason = forms.CharField(label=_("Why it is spoiled"), max_length=200)


class FeedbackForm(forms.Form):
    more_connected = forms.ChoiceField(
        label=_("Today made me feel more connected to my community"),
        choices=Agreement.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    learnt_about_groups = forms.ChoiceField(
        label=_("I learnt about local groups and services"),
        choices=Agreement.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    first_time = forms.TypedChoiceField(
        label=_("Is this the first time you have taken part in deciding how council money is spent?"),
        choices=[("", _("Rather not say")), ("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    age_band = forms.ChoiceField(
        label=_("Your age"),
        choices=[("", _("Rather not say"))]
        + [(f"{lo}+" if hi is None else f"{lo}-{hi}",) * 2 for lo, hi in AGE_BANDS if lo >= 11],
        required=False,
    )
    comment = forms.CharField(
        label=_("Anything else?"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def answers(self) -> dict[str, Any]:
        return dict(self.cleaned_data)
