"""Forms of delivery: offering a grant, payments, targets, milestones, returns, photos, the panel."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from youdecide.areas.models import Area
from youdecide.delivery.models import (
    AGE_BANDS,
    DeliveryStatus,
    GrantStatus,
    Milestone,
    MonitoringReturn,
    OutcomeTarget,
    PanelMember,
    UnderspendRoute,
)
from youdecide.programmes.forms import PoundsField, ServiceErrorsMixin
from youdecide.programmes.models import Outcome, Programme
from youdecide.proposals.models import BudgetLine

TRANCHE_ROWS = 4


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DateInput(),
        error_messages={
            "required": _("Enter a date."),
            "invalid": _("Enter a real date, such as 31/03/2027."),
        },
        **kwargs,
    )


class GrantOfferForm(ServiceErrorsMixin, forms.Form):
    service_fields = {"amount_pence": "amount", "tranches": "tranche_1_amount"}

    amount = PoundsField(
        label=_("Amount of the grant (£)"),
        min_pence=1,
        help_text=_("At most the proposal's cost."),
        error_messages={"required": _("Enter the amount of the grant.")},
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What the group agrees to, e.g. sessions free to attend, the council's logo on publicity."
        ),
    )
    starts_on = date_field(_("Starts on"))
    ends_on = date_field(_("Ends on"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number in range(1, TRANCHE_ROWS + 1):
            self.fields[f"tranche_{number}_due"] = date_field(
                _("Tranche %(number)d: due on") % {"number": number}, required=False
            )
            self.fields[f"tranche_{number}_amount"] = PoundsField(
                label=_("Tranche %(number)d: amount (£)") % {"number": number}, required=False, min_pence=1
            )
        self.fields["tranche_1_amount"].help_text = _("The tranches must add up exactly to the grant.")

    def tranche_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"tranche_{n}_due"], self[f"tranche_{n}_amount"]) for n in range(1, TRANCHE_ROWS + 1)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        tranches: list[tuple[date, int]] = []
        for number in range(1, TRANCHE_ROWS + 1):
            due, amount = cleaned.get(f"tranche_{number}_due"), cleaned.get(f"tranche_{number}_amount")
            if due and amount is None and f"tranche_{number}_amount" not in self.errors:
                self.add_error(
                    f"tranche_{number}_amount",
                    _("Tranche %(number)d: enter its amount.") % {"number": number},
                )
            elif amount is not None and not due and f"tranche_{number}_due" not in self.errors:
                self.add_error(
                    f"tranche_{number}_due",
                    _("Tranche %(number)d: enter when it is due.") % {"number": number},
                )
            elif due and amount is not None:
                tranches.append((due, amount))
        cleaned["tranches"] = tranches
        return cleaned

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "amount_pence": data["amount"],
            "conditions": data["conditions"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "tranches": data["tranches"],
        }


class AcceptGrantForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(
        label=_("Your full name"),
        max_length=150,
        help_text=_("You accept the grant and its conditions on the group's behalf."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Type your full name to accept the grant on the group's behalf.")},
    )


class PaymentForm(ServiceErrorsMixin, forms.Form):
    paid_on = date_field(_("Paid on"))
    reference = forms.CharField(
        label=_("Payment reference"),
        max_length=60,
        error_messages={"required": _("Enter the payment reference from the council's finance system.")},
    )

    def __init__(self, *args: Any, tranche_number: int = 0, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"tranche-{tranche_number}")
        super().__init__(*args, **kwargs)


class TargetForm(ServiceErrorsMixin, forms.Form):
    outcome = forms.ModelChoiceField(
        label=_("Programme outcome"),
        queryset=Outcome.objects.none(),
        error_messages={"required": _("Choose the programme outcome the target counts towards.")},
    )
    indicator = forms.CharField(
        label=_("Indicator"),
        max_length=200,
        help_text=_("What is counted, e.g. participants doing 30 minutes' more activity a week."),
        error_messages={"required": _("Say what is measured.")},
    )
    target_value = forms.IntegerField(
        label=_("Target"),
        min_value=1,
        error_messages={"required": _("Enter the target, a whole number.")},
    )
    unit = forms.CharField(label=_("Counted in"), max_length=40, initial="people")

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "target")
        super().__init__(*args, **kwargs)
        field: Any = self.fields["outcome"]
        field.queryset = programme.outcomes.all()


class MilestoneForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(
        label=_("Milestone"), max_length=200, error_messages={"required": _("Say what the milestone is.")}
    )
    due_on = date_field(_("Due on"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "milestone")
        super().__init__(*args, **kwargs)


class MilestoneProgressForm(ServiceErrorsMixin, forms.Form):
    progress_percent = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        error_messages={"required": _("Enter the progress as a percentage, 0 to 100.")},
    )
    done_on = date_field(_("Done on"), required=False)

    def __init__(self, *args: Any, milestone: Milestone, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"milestone-{milestone.pk}")
        kwargs.setdefault(
            "initial", {"progress_percent": milestone.progress_percent, "done_on": milestone.done_on}
        )
        super().__init__(*args, **kwargs)


class DeliveryStatusForm(ServiceErrorsMixin, forms.Form):
    status = forms.ChoiceField(label=_("Delivery status"), choices=DeliveryStatus.choices)
    note = forms.CharField(label=_("Why (kept in the audit log)"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "status")
        super().__init__(*args, **kwargs)


class CloseGrantForm(ServiceErrorsMixin, forms.Form):
    service_fields = {"declared_unspent_pence": "declared_unspent"}

    outcome = forms.ChoiceField(
        label=_("The grant is"),
        choices=[(GrantStatus.COMPLETED, _("Completed")), (GrantStatus.CANCELLED, _("Cancelled"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the grant is completed or cancelled.")},
    )
    declared_unspent = PoundsField(
        label=_("Paid but not spent, as the group declares (£)"),
        required=False,
        help_text=_("Filled in from the group's accepted returns."),
    )
    route = forms.ChoiceField(
        label=_("The underspend is"),
        choices=[
            (UnderspendRoute.RETURNED, _("returned to the council")),
            (UnderspendRoute.ROLLED_OVER, _("rolled into the next programme")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    rolled_into = forms.ModelChoiceField(
        label=_("Next programme"), queryset=Programme.objects.none(), required=False
    )
    note = forms.CharField(label=_("Closing note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "close")
        super().__init__(*args, **kwargs)
        field: Any = self.fields["rolled_into"]
        field.queryset = Programme.objects.exclude(pk=programme.pk).order_by("-created_at")


class ReturnForm(ServiceErrorsMixin, forms.Form):
    activities = forms.CharField(
        label=_("Activities delivered"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the project did in this period: sessions, events, people trained."),
        error_messages={"required": _("Say what activities the project delivered in this period.")},
    )
    story = forms.CharField(
        label=_("A short story"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "A few sentences about the difference the project made. Once accepted, the public reads it."
        ),
    )

    def __init__(
        self,
        *args: Any,
        monitoring_return: MonitoringReturn,
        lines: list[BudgetLine],
        targets: list[OutcomeTarget],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lines, self.targets = lines, targets
        spent = {row.budget_line_id: row.spent_pence for row in monitoring_return.spend.all()}
        achieved = {row.target_id: row.achieved for row in monitoring_return.results.all()}
        for line in lines:
            self.fields[f"spend_{line.pk}"] = PoundsField(
                label=_("Spent to date on “%(item)s” (£)") % {"item": line.description},
                initial=spent.get(line.pk),
                error_messages={
                    "required": _("Enter the spend to date on “%(item)s”, 0 if none.")
                    % {"item": line.description}
                },
            )
        for field, label in AGE_BANDS:
            self.fields[field] = forms.IntegerField(
                label=label,
                min_value=0,
                initial=getattr(monitoring_return, field),
                error_messages={
                    "required": _("Enter how many people aged %(band)s took part, 0 if none.")
                    % {"band": label}
                },
            )
        for target in targets:
            self.fields[f"result_{target.pk}"] = forms.IntegerField(
                label=_("%(indicator)s: achieved so far (target %(target)d %(unit)s)")
                % {"indicator": target.indicator, "target": target.target_value, "unit": target.unit},
                min_value=0,
                initial=achieved.get(target.pk),
                error_messages={"required": _("Enter what has been achieved so far, 0 if nothing yet.")},
            )
        self.service_fields = {
            "spend": f"spend_{lines[0].pk}" if lines else "activities",
            "results": f"result_{targets[0].pk}" if targets else "activities",
        }
        self.fields["activities"].initial = monitoring_return.activities
        self.fields["story"].initial = monitoring_return.story
        if monitoring_return.kind == "final":
            self.fields["story"].help_text = _(
                "Needed for the final return. Once accepted, the public reads it."
            )

    def spend_fields(self) -> list[forms.BoundField]:
        return [self[f"spend_{line.pk}"] for line in self.lines]

    def age_fields(self) -> list[forms.BoundField]:
        return [self[field] for field, _label in AGE_BANDS]

    def result_fields(self) -> list[forms.BoundField]:
        return [self[f"result_{target.pk}"] for target in self.targets]

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "reached": {field: data[field] for field, _label in AGE_BANDS},
            "activities": data["activities"],
            "story": data["story"],
            "spend": {line.pk: data[f"spend_{line.pk}"] for line in self.lines},
            "results": {target.pk: data[f"result_{target.pk}"] for target in self.targets},
        }


class PhotoForm(ServiceErrorsMixin, forms.Form):
    photo = forms.FileField(
        label=_("Photo"),
        help_text=_("A JPEG or PNG of at most 5 MB; up to 6 photos a return."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
        error_messages={"required": _("Choose a photo to add."), "empty": _("The file chosen is empty.")},
    )
    alt_text = forms.CharField(
        label=_("Describe the photo"),
        max_length=250,
        help_text=_("For people who cannot see it, e.g. “Ten walkers on the canal path at Nantwich”."),
        error_messages={"required": _("Describe the photo for people who cannot see it.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "photo")
        super().__init__(*args, **kwargs)


class ReturnDecisionForm(ServiceErrorsMixin, forms.Form):
    note = forms.CharField(
        label=_("Note to the group"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when asking for changes: say what to change."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.data.get("decision") not in {"accept", "changes"}:
            raise ValidationError(_("Choose whether to accept the return or ask for changes."))
        return cleaned


class JoinPanelForm(ServiceErrorsMixin, forms.Form):
    area = forms.ModelChoiceField(
        label=_("The area you will visit projects in"),
        queryset=Area.objects.filter(pots__programme__is_published=True).distinct().order_by("name"),
        empty_label=_("Choose an area"),
        error_messages={"required": _("Choose the area you will visit projects in.")},
    )


class AssignPanelForm(ServiceErrorsMixin, forms.Form):
    member = forms.ModelChoiceField(
        label=_("Panel member"),
        queryset=PanelMember.objects.none(),
        error_messages={"required": _("Choose a panel member.")},
    )

    def __init__(self, *args: Any, area: Area, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "panel")
        super().__init__(*args, **kwargs)
        field: Any = self.fields["member"]
        field.queryset = PanelMember.objects.filter(area=area).select_related("user")


class VisitReportForm(ServiceErrorsMixin, forms.Form):
    visited_on = date_field(_("Day of your visit"))
    report = forms.CharField(
        label=_("What you saw"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Who took part, how it went, anything the council should know. Not published."),
        error_messages={"required": _("Say what you saw on your visit.")},
    )


class RagFilterForm(forms.Form):
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=Area.objects.none(), required=False, empty_label=_("All areas")
    )
    status = forms.ChoiceField(
        label=_("Delivery status"), choices=[("", _("All")), *DeliveryStatus.choices], required=False
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["area"]
        field.queryset = Area.objects.filter(pots__programme=programme).order_by("name")
        field.to_field_name = "slug"
