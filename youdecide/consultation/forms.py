"""Forms of the budget consultation: the import, residents' views, the optional questions about the
person, the simulator and its settings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from youdecide.consultation.models import BudgetProposal, DemographicProfile, Stance
from youdecide.consultation.services import COMMENT_MAX
from youdecide.money import format_pence, parse_pounds

MAX_PLAN_FILE_BYTES = 5_000_000


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Plan file (CSV or XLSX)"),
        help_text=gettext_lazy(
            "The layout of an exported plan: the plan's title and base year, the outcomes, then the "
            "proposals with a column of variations in £m for each year (such as +0.010 or -1.250)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_PLAN_FILE_BYTES:
            raise ValidationError(
                _("The file is larger than %(mb)s MB: a plan's file is much smaller.")
                % {"mb": MAX_PLAN_FILE_BYTES // 1_000_000}
            )
        return upload


class ResponseForm(forms.Form):
    """A view (and a comment) on each proposal of the plan; any may be left out, not all."""

    def __init__(self, proposals: list[BudgetProposal], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.proposals = proposals
        for proposal in proposals:
            self.fields[f"stance_{proposal.pk}"] = forms.ChoiceField(
                label=proposal.title,
                choices=Stance.choices,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"comment_{proposal.pk}"] = forms.CharField(
                label=_("Your comment on “%(title)s” (optional)") % {"title": proposal.title},
                required=False,
                max_length=COMMENT_MAX,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Comments are read by a council officer before they are shown."),
            )

    def rows(self) -> list[tuple[BudgetProposal, forms.BoundField, forms.BoundField]]:
        return [(p, self[f"stance_{p.pk}"], self[f"comment_{p.pk}"]) for p in self.proposals]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        answered = False
        for proposal in self.proposals:
            stance = data.get(f"stance_{proposal.pk}")
            comment = (data.get(f"comment_{proposal.pk}") or "").strip()
            if comment and not stance:
                self.add_error(
                    f"stance_{proposal.pk}",
                    _("Choose whether you support “%(title)s” to go with your comment.")
                    % {"title": proposal.title},
                )
            answered = answered or bool(stance)
        if not answered and not self.errors:
            raise ValidationError(_("Give your view on at least one proposal."))
        return data

    def answers(self) -> list[tuple[BudgetProposal, str, str]]:
        data = self.cleaned_data
        return [
            (p, data[f"stance_{p.pk}"], data.get(f"comment_{p.pk}") or "")
            for p in self.proposals
            if data.get(f"stance_{p.pk}")
        ]


class DemographicsForm(forms.ModelForm):
    class Meta:
        model = DemographicProfile
        fields = ["age_band", "connection", "disabled"]
        labels = {
            "age_band": gettext_lazy("How old are you?"),
            "connection": gettext_lazy("How are you connected to Cheshire East?"),
            "disabled": gettext_lazy("Do you consider yourself disabled?"),
        }
        widgets = {
            "age_band": forms.RadioSelect,
            "connection": forms.RadioSelect,
            "disabled": forms.RadioSelect,
        }


class SimulatorForm(forms.Form):
    """A step for each service and a council tax rise; every choice starts at no change."""

    def __init__(self, simulator: Any, services: list[Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.services = services
        for service in services:
            self.fields[f"service_{service.pk}"] = forms.TypedChoiceField(
                label=service.name,
                choices=[(str(step.percent), f"{step.percent:+d}%") for step in service.steps.all()],
                coerce=int,
                initial="0",
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose a step for %(service)s.") % {"service": service.name}},
            )
        self.fields["tax"] = forms.TypedChoiceField(
            label=_("Council tax rise"),
            choices=[(str(n), f"{n}%") for n in range(simulator.tax_cap_percent + 1)],
            coerce=int,
            initial="0",
            widget=forms.RadioSelect,
        )

    def choices(self) -> dict[int, int]:
        return {service.pk: self.cleaned_data[f"service_{service.pk}"] for service in self.services}

    def chosen(self) -> tuple[dict[int, int], int]:
        """What the form holds now (valid or not), for the running balance; unknown values count as 0."""

        def value(name: str) -> int:
            raw = self.data.get(name, "0") if self.is_bound else "0"
            try:
                return int(raw)
            except (TypeError, ValueError):
                return 0

        return {s.pk: value(f"service_{s.pk}") for s in self.services}, value("tax")


class PoundsField(forms.CharField):
    def to_python(self, value: Any) -> int:  # type: ignore[override]
        text = super().to_python(value)
        try:
            return parse_pounds(text or "")
        except ValueError:
            raise ValidationError(_("Enter an amount in pounds, such as 10,000,000.")) from None

    def prepare_value(self, value: Any) -> Any:
        return format_pence(value).lstrip("£") if isinstance(value, int) else value


class SimulatorSettingsForm(forms.Form):
    savings_target = PoundsField(label=gettext_lazy("Savings residents must find (£)"))
    tax_one_percent = PoundsField(label=gettext_lazy("What a 1% council tax rise raises (£)"))
    tax_cap_percent = forms.IntegerField(
        label=gettext_lazy("Highest council tax rise without a referendum (%)"), min_value=0, max_value=20
    )
    is_open = forms.BooleanField(label=gettext_lazy("Open the simulator to residents"), required=False)


class PublishForm(forms.Form):
    closes_on = forms.DateField(
        label=gettext_lazy("Responses close at the end of (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Leave empty to keep the consultation open until you close it."),
    )
