"""Forms for drafting a proposal (with its budget lines) and for reviewing its eligibility."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from youdecide.areas.models import Area
from youdecide.money import format_pence
from youdecide.programmes.forms import PoundsField, ServiceErrorsMixin
from youdecide.programmes.models import Programme
from youdecide.programmes.selectors import area_pots
from youdecide.proposals.models import Proposal

BUDGET_LINES_ANCHOR = "budget-lines"


class ProgrammeChoiceForm(forms.Form):
    """Step one of a new proposal when more than one programme is taking proposals."""

    programme = forms.ModelChoiceField(
        label=_("Which programme is the proposal for?"),
        queryset=Programme.objects.none(),
        to_field_name="slug",
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, programmes: list[Programme], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["programme"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Programme.objects.filter(pk__in=[programme.pk for programme in programmes])


class AreaWithPotField(forms.ModelChoiceField):
    def __init__(self, pots: dict[int, int], **kwargs: Any) -> None:
        self.pots = pots
        super().__init__(**kwargs)

    def label_from_instance(self, obj: Any) -> str:
        pot = self.pots.get(obj.pk)
        if pot is None:
            return str(obj.name)
        return str(_("%(area)s (pot %(pot)s)") % {"area": obj.name, "pot": format_pence(pot)})


class ProposalForm(ServiceErrorsMixin, forms.Form):
    """The proposal itself; its budget lines come in a BudgetLineFormSet beside it."""

    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        help_text=_("A short name residents will recognise."),
        error_messages={"required": _("Enter a title for the project.")},
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        help_text=_("One or two sentences, shown on the ballot (300 characters at most)."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter a summary of the project.")},
    )
    description = forms.CharField(
        label=_("Full description"),
        help_text=_("What you will do, who it is for, and how you will know it worked."),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Describe the project in full.")},
    )
    expected_beneficiaries = forms.IntegerField(
        label=_("How many people do you expect to benefit?"), min_value=0, initial=0, required=False
    )
    location = forms.CharField(
        label=_("Where it happens"),
        max_length=200,
        required=False,
        help_text=_("e.g. Queens Park, Crewe, or “across the area”"),
    )

    def __init__(self, programme: Programme, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        pots = {pot.area_id: pot.amount_pence for pot in area_pots(programme)}
        self.fields["area"] = AreaWithPotField(
            pots,
            label=_("Which area's pot is it for?"),
            queryset=Area.objects.filter(pk__in=pots).order_by("name"),
            empty_label=_("Choose an area"),
            help_text=_("The project is voted on by residents of this area."),
            error_messages={"required": _("Choose the area whose pot the project asks for.")},
        )
        self.fields["outcomes"] = forms.ModelMultipleChoiceField(
            label=_("What will the project change?"),
            queryset=programme.outcomes.all(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Choose at least one before you submit."),
        )
        self.order_fields(
            ["title", "area", "summary", "description", "outcomes", "expected_beneficiaries", "location"]
        )

    @classmethod
    def for_proposal(cls, proposal: Proposal, data: Any = None) -> ProposalForm:
        initial = {
            "title": proposal.title,
            "summary": proposal.summary,
            "description": proposal.description,
            "area": proposal.area_id,
            "outcomes": list(proposal.outcomes.all()),
            "expected_beneficiaries": proposal.expected_beneficiaries,
            "location": proposal.location,
        }
        return cls(proposal.programme, data=data, initial=initial)

    def service_arguments(self, budget_lines: list[tuple[str, int]]) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "area": data["area"],
            "title": data["title"],
            "summary": data["summary"],
            "description": data["description"],
            "outcomes": list(data["outcomes"]),
            "expected_beneficiaries": data["expected_beneficiaries"] or 0,
            "location": data["location"],
            "budget_lines": budget_lines,
        }


class BudgetLineForm(ServiceErrorsMixin, forms.Form):
    description = forms.CharField(label=_("Item"), max_length=200, required=False)
    amount = PoundsField(label=_("Amount (£)"), required=False, min_pence=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        line = {"n": self.line_number()}
        self.fields["amount"].error_messages.update(
            {
                "invalid": _("Line %(n)d: enter an amount in pounds, such as 1250 or 1,250.50.") % line,
                "min_value": _("Line %(n)d: enter an amount of at least 1p.") % line,
            }
        )

    def line_number(self) -> int:
        return int(self.prefix.rsplit("-", 1)[-1]) + 1 if self.prefix else 1

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        description, amount = cleaned.get("description"), cleaned.get("amount")
        if description and amount is None and "amount" not in self.errors:
            self.add_error(
                "amount",
                _("Line %(n)d: enter what “%(item)s” costs.")
                % {"n": self.line_number(), "item": description},
            )
        if amount is not None and not description:
            self.add_error(
                "description", _("Line %(n)d: say what the money buys.") % {"n": self.line_number()}
            )
        return cleaned

    def is_empty(self) -> bool:
        return not self.cleaned_data.get("description") and self.cleaned_data.get("amount") is None


class BaseBudgetLineFormSet(forms.BaseFormSet):
    """Budget lines; a row left empty is no line. There must be at least one line."""

    def clean(self) -> None:
        if any(self.errors):
            return
        if not self.lines():
            raise ValidationError(_("Add at least one budget line: what the money buys and what it costs."))

    def lines(self) -> list[tuple[str, int]]:
        return [
            (form.cleaned_data["description"], form.cleaned_data["amount"])
            for form in self.forms
            if hasattr(form, "cleaned_data") and not form.is_empty()
        ]

    def add_service_error(self, error: ValidationError) -> None:
        messages = (
            error.message_dict.get("budget_lines", []) if hasattr(error, "error_dict") else error.messages
        )
        self._non_form_errors = self.error_class([*self.non_form_errors(), *messages], error_class="nonform")


NEW_PROPOSAL_ROWS = 5
EXTRA_ROWS_WHEN_EDITING = 3


def budget_line_formset(data: Any = None, proposal: Proposal | None = None) -> BaseBudgetLineFormSet:
    """Blank rows to fill in; when editing, the proposal's lines and a few blank rows."""
    initial: list[dict[str, Any]] = []
    if proposal is not None:
        initial = [
            {"description": line.description, "amount": line.amount_pence}
            for line in proposal.budget_lines.all()
        ]
    rows = len(initial) + (EXTRA_ROWS_WHEN_EDITING if initial else NEW_PROPOSAL_ROWS)
    formset_class = forms.formset_factory(
        BudgetLineForm,
        formset=BaseBudgetLineFormSet,
        extra=rows - len(initial),
        max_num=40,
        validate_max=True,
    )
    formset: Any = formset_class(data=data, initial=initial or None, prefix="lines")
    return cast(BaseBudgetLineFormSet, formset)


def apply_service_error(error: ValidationError, form: ProposalForm, formset: BaseBudgetLineFormSet) -> None:
    """Cost checks (area pot, grant cap, budget lines) belong to the budget lines; the rest to the form."""
    if hasattr(error, "error_dict") and "budget_lines" in error.error_dict:
        formset.add_service_error(error)
        rest = {key: value for key, value in error.message_dict.items() if key != "budget_lines"}
        if rest:
            form.add_service_error(ValidationError(rest))
        return
    form.add_service_error(error)


class ReviewFilterForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.order_by("-created_at"),
        required=False,
        empty_label=_("All programmes"),
        to_field_name="slug",
    )


class IneligibleForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is it not eligible?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The group reads this in an email and on their page, so say what they could change."),
    )
