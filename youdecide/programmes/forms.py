"""Forms for setting up a programme, and the form pieces the group portal and back office share:
amounts typed in pounds, and errors raised by a service shown against the fields they concern."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from youdecide.areas.allocation import Split
from youdecide.areas.models import Area, AreaKind, Domain
from youdecide.money import format_pence, parse_pounds
from youdecide.programmes.models import PHASE_ORDER, Outcome, Phase, PhaseKind, Programme, VotingRules

MAX_POUNDS_LENGTH = 20


class PoundsField(forms.CharField):
    """An amount typed in pounds ("1,250.50" or "£1250"), cleaned to integer pence."""

    default_error_messages = {
        "invalid": _("Enter an amount in pounds, such as 1250 or 1,250.50."),
        "min_value": _("Enter an amount of at least %(minimum)s."),
    }

    def __init__(self, *, min_pence: int = 0, **kwargs: Any) -> None:
        self.min_pence = min_pence
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"})
        attrs.setdefault("maxlength", str(MAX_POUNDS_LENGTH))
        return attrs

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            return format_pence(value).removeprefix("£")
        return value

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = super().to_python(value)
        if text is None or text in self.empty_values:
            return None
        if len(str(text)) > MAX_POUNDS_LENGTH:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            pence = parse_pounds(str(text))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if pence < self.min_pence:
            raise ValidationError(
                self.error_messages["min_value"],
                code="min_value",
                params={"minimum": format_pence(self.min_pence)},
            )
        return pence

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(data) != (initial if isinstance(initial, int) else self.to_python(initial))
        except ValidationError:
            return True


class ServiceErrorsMixin:
    """Shows a service's ValidationError on the form, and points each input at its error message.

    ``service_fields`` maps a service's error key (e.g. ``total_pot_pence``) to this form's field
    (``total_pot``); keys the form has no field for become errors of the whole form.
    """

    service_fields: Mapping[str, str] = {}

    fields: dict[str, forms.Field]
    errors: Any
    add_error: Any
    auto_id: Any
    add_prefix: Any

    def add_service_error(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, messages in error.message_dict.items():
            field = self.service_fields.get(key, key)
            self.add_error(field if field in self.fields else None, messages)
        self.describe_errors()

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        self.describe_errors()

    def describe_errors(self) -> None:
        """Screen readers read a field's error with it: aria-describedby names the error (and the hint)."""
        for name, field in self.fields.items():
            if name not in self.errors:
                continue
            auto_id = self.auto_id % self.add_prefix(name) if self.auto_id else name
            described_by = [f"{auto_id}_error"]
            if field.help_text:
                described_by.append(f"{auto_id}_helptext")
            field.widget.attrs["aria-describedby"] = " ".join(described_by)


def _local_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def phase_days(phase: Phase) -> tuple[date, date]:
    """A phase's first and last day, as an officer typed them (it ends at the start of the day after)."""
    starts = timezone.localtime(phase.starts_at)
    ends = timezone.localtime(phase.ends_at)
    last = ends.date() if ends.time() != time.min else ends.date() - timedelta(days=1)
    return starts.date(), max(last, starts.date())


class PhaseDatesMixin:
    """A first and last day for each of the eight phases; a phase left empty is not scheduled."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]
    add_error: Any

    def add_phase_fields(self, required_kinds: Collection[str] = ()) -> None:
        for kind in PHASE_ORDER:
            label = PhaseKind(kind).label
            required = kind in required_kinds
            self.fields[f"{kind}_starts"] = forms.DateField(
                label=_("%(phase)s: first day") % {"phase": label},
                required=required,
                error_messages={
                    "required": _(
                        "%(phase)s: enter the first day (a phase with dates cannot be removed here)."
                    )
                    % {"phase": label},
                    "invalid": _("%(phase)s: enter the first day as a date.") % {"phase": label},
                },
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )
            self.fields[f"{kind}_ends"] = forms.DateField(
                label=_("%(phase)s: last day") % {"phase": label},
                required=required,
                error_messages={
                    "required": _(
                        "%(phase)s: enter the last day (a phase with dates cannot be removed here)."
                    )
                    % {"phase": label},
                    "invalid": _("%(phase)s: enter the last day as a date.") % {"phase": label},
                },
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )

    def phase_rows(self) -> list[tuple[Any, Any, Any]]:
        form: Any = self
        return [(PhaseKind(kind).label, form[f"{kind}_starts"], form[f"{kind}_ends"]) for kind in PHASE_ORDER]

    def clean_phases(self, cleaned: dict[str, Any]) -> dict[str, tuple[datetime, datetime]]:
        phases: dict[str, tuple[datetime, datetime]] = {}
        for kind in PHASE_ORDER:
            first, last = cleaned.get(f"{kind}_starts"), cleaned.get(f"{kind}_ends")
            if first is None and last is None:
                continue
            phase = {"phase": PhaseKind(kind).label}
            if first is None:
                self.add_error(
                    f"{kind}_starts", _("%(phase)s: enter the first day, or leave both days empty.") % phase
                )
                continue
            if last is None:
                self.add_error(
                    f"{kind}_ends", _("%(phase)s: enter the last day, or leave both days empty.") % phase
                )
                continue
            if last < first:
                self.add_error(
                    f"{kind}_ends", _("%(phase)s: the last day must be on or after the first day.") % phase
                )
                continue
            phases[kind] = (_local_start(first), _local_start(last + timedelta(days=1)))
        return phases


NAME_REQUIRED = _("Enter the programme's name.")
FUNDING_REQUIRED = _("Enter where the money comes from.")
POT_REQUIRED = _("Enter the total pot in pounds.")

PROGRAMME_AREA_KINDS = [
    (AreaKind.SUB_REGION.value, AreaKind.SUB_REGION.label),
    (AreaKind.WARD.value, AreaKind.WARD.label),
    (AreaKind.NEIGHBOURHOOD.value, AreaKind.NEIGHBOURHOOD.label),
    (AreaKind.LOCAL_AUTHORITY.value, AreaKind.LOCAL_AUTHORITY.label),
]


class ProgrammeCreateForm(ServiceErrorsMixin, PhaseDatesMixin, forms.Form):
    service_fields = {"total_pot_pence": "total_pot", "grant_cap_pence": "grant_cap"}

    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("e.g. You Decide 2026 — public health"),
        error_messages={"required": NAME_REQUIRED},
    )
    slug = forms.SlugField(
        label=_("Web address"),
        max_length=100,
        help_text=_("Lower-case letters, numbers and hyphens, e.g. you-decide-2026"),
        error_messages={
            "required": _("Enter the programme's web address."),
            "invalid": _("Use only lower-case letters, numbers and hyphens in the web address."),
        },
    )
    funding_source = forms.CharField(
        label=_("Funding source"),
        max_length=200,
        help_text=_("e.g. Public health grant"),
        error_messages={"required": FUNDING_REQUIRED},
    )
    total_pot = PoundsField(
        label=_("Total pot (£)"),
        min_pence=1,
        help_text=_("For example 400,000"),
        error_messages={"required": POT_REQUIRED},
    )
    grant_cap = PoundsField(
        label=_("Largest grant for one project (£)"),
        required=False,
        min_pence=1,
        help_text=_("Leave empty for no cap."),
    )
    area_kind = forms.ChoiceField(
        label=_("Areas the money is split across"),
        choices=PROGRAMME_AREA_KINDS,
        initial=AreaKind.SUB_REGION,
        help_text=_("Proposals are made and voted on in areas of this kind. It cannot be changed later."),
    )
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    outcomes = forms.ModelMultipleChoiceField(
        label=_("Outcomes the programme aims at"),
        queryset=Outcome.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_phase_fields()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["phases"] = self.clean_phases(cleaned)
        return cleaned

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "slug": data["slug"],
            "funding_source": data["funding_source"],
            "total_pot_pence": data["total_pot"],
            "grant_cap_pence": data["grant_cap"],
            "area_kind": data["area_kind"],
            "summary": data["summary"],
            "outcomes": list(data["outcomes"]),
            "phases": data["phases"],
        }


class ProgrammeEditForm(ServiceErrorsMixin, forms.Form):
    service_fields = {"total_pot_pence": "total_pot", "grant_cap_pence": "grant_cap"}
    field_for_service = {
        "name": "name",
        "summary": "summary",
        "funding_source": "funding_source",
        "total_pot": "total_pot_pence",
        "grant_cap": "grant_cap_pence",
        "is_published": "is_published",
    }

    name = forms.CharField(label=_("Name"), max_length=200, error_messages={"required": NAME_REQUIRED})
    funding_source = forms.CharField(
        label=_("Funding source"), max_length=200, error_messages={"required": FUNDING_REQUIRED}
    )
    total_pot = PoundsField(
        label=_("Total pot (£)"),
        min_pence=1,
        error_messages={"required": POT_REQUIRED},
        help_text=_("Once the pot is split across areas, change the total on the area pots page."),
    )
    grant_cap = PoundsField(
        label=_("Largest grant for one project (£)"),
        required=False,
        min_pence=1,
        help_text=_("Leave empty for no cap."),
    )
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    is_published = forms.BooleanField(label=_("Published: residents can see the programme"), required=False)

    @classmethod
    def for_programme(cls, programme: Programme, data: Any = None) -> ProgrammeEditForm:
        initial = {field: getattr(programme, attribute) for field, attribute in cls.field_for_service.items()}
        return cls(data=data, initial=initial)

    def changes(self) -> dict[str, Any]:
        """Only what the officer changed, in the service's words."""
        return {self.field_for_service[name]: self.cleaned_data[name] for name in self.changed_data}


class PhaseTimetableForm(ServiceErrorsMixin, PhaseDatesMixin, forms.Form):
    def __init__(self, programme: Programme, *args: Any, **kwargs: Any) -> None:
        self.existing = {phase.kind: phase for phase in programme.phases.all()}
        initial = kwargs.setdefault("initial", {})
        for kind, phase in self.existing.items():
            initial[f"{kind}_starts"], initial[f"{kind}_ends"] = phase_days(phase)
        super().__init__(*args, **kwargs)
        self.add_phase_fields(required_kinds=set(self.existing))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["phases"] = self.clean_phases(cleaned)
        return cleaned

    def changed_phases(self) -> dict[str, tuple[datetime, datetime]]:
        changed = {}
        for kind, dates in self.cleaned_data["phases"].items():
            if f"{kind}_starts" in self.changed_data or f"{kind}_ends" in self.changed_data:
                changed[kind] = dates
        return changed


class AreaPotsForm(ServiceErrorsMixin, forms.Form):
    """One amount per area of the programme's kind; together they must make the programme's total."""

    service_fields = {"total_pot_pence": "total_pot"}

    total_pot = PoundsField(label=_("Total pot (£)"), min_pence=1, error_messages={"required": POT_REQUIRED})

    def __init__(
        self,
        programme: Programme,
        areas: list[Area],
        *args: Any,
        suggested: Mapping[Area, int] | None = None,
        **kwargs: Any,
    ) -> None:
        self.programme = programme
        self.areas = areas
        current = {pot.area_id: pot.amount_pence for pot in programme.area_pots.all()}
        if suggested is not None:
            current = {area.pk: amount for area, amount in suggested.items()}
        initial = kwargs.setdefault("initial", {})
        initial["total_pot"] = programme.total_pot_pence
        for area in areas:
            if area.pk in current:
                initial[self.field_name(area)] = current[area.pk]
        super().__init__(*args, **kwargs)
        for area in areas:
            self.fields[self.field_name(area)] = PoundsField(
                label=_("%(area)s (£)") % {"area": area.name},
                required=False,
                error_messages={
                    "invalid": _("%(area)s: enter an amount in pounds, such as 25,000.") % {"area": area.name}
                },
            )

    @staticmethod
    def field_name(area: Area) -> str:
        return f"area_{area.pk}"

    def area_fields(self) -> list[tuple[Area, Any]]:
        return [(area, self[self.field_name(area)]) for area in self.areas]

    def pots(self) -> dict[Area, int]:
        """The areas given an amount above £0; an empty amount means the area has no pot."""
        amounts = {area: self.cleaned_data.get(self.field_name(area)) for area in self.areas}
        return {area: amount for area, amount in amounts.items() if amount}

    def sums(self) -> dict[str, int] | None:
        """The sum of the amounts typed, the total and the difference, for the officer to see."""
        if (
            not self.is_bound
            or not hasattr(self, "cleaned_data")
            or self.cleaned_data.get("total_pot") is None
        ):
            return None
        total = self.cleaned_data["total_pot"]
        allocated = sum(self.pots().values())
        return {"allocated": allocated, "total": total, "difference": total - allocated}


class VotingRulesForm(ServiceErrorsMixin, forms.ModelForm):
    """Who may vote and on what ballot; saved by `set_voting_rules`, not by the form."""

    class Meta:
        model = VotingRules
        fields = [
            "ballot_kind",
            "minimum_age",
            "lives",
            "works",
            "studies",
            "volunteers",
            "min_picks",
            "max_picks",
            "min_share_spent_percent",
            "points_total",
            "ranking_max",
            "score_min",
            "score_max",
            "score_every_project",
            "conflict_policy",
            "in_person_policy",
            "allow_change",
            "counting_rule",
        ]
        widgets = {
            "ballot_kind": forms.RadioSelect,
            "conflict_policy": forms.RadioSelect,
            "in_person_policy": forms.RadioSelect,
            "counting_rule": forms.RadioSelect,
        }

    def settings(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.changed_data}


class SplitForm(ServiceErrorsMixin, forms.Form):
    """One way of splitting the pot, to add to the comparison or to choose: the method, the deprivation
    measure (overall, health, or a weight per domain), a share split equally first and bounds per area."""

    method = forms.ChoiceField(
        label=_("Split by"),
        choices=[
            ("need", _("need (population times deprivation)")),
            ("population", _("population")),
            ("equal", _("equal shares")),
        ],
        initial="need",
    )
    index = forms.ChoiceField(
        label=_("Deprivation measure (for need)"),
        choices=[
            ("overall", _("Indices of Deprivation 2019, overall")),
            ("health", _("Health deprivation and disability (its score plus 3)")),
            ("domains", _("A weight per domain (below)")),
        ],
        initial="overall",
        required=False,
    )
    floor_percent = forms.IntegerField(
        label=_("Share of the pot split equally first (%)"),
        min_value=0,
        max_value=100,
        initial=0,
        required=False,
    )
    minimum = PoundsField(label=_("Least for any area (£)"), required=False)
    maximum = PoundsField(label=_("Most for any area (£)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for domain in Domain:
            self.fields[self.weight_field(domain.value)] = forms.DecimalField(
                label=_("Weight of %(domain)s") % {"domain": str(domain.label).lower()},
                required=False,
                min_value=Decimal(0),
                max_value=Decimal(1000),
                decimal_places=2,
                error_messages={
                    "min_value": _("%(domain)s: a weight cannot be below 0.") % {"domain": domain.label},
                    "invalid": _("%(domain)s: enter a weight as a number, such as 22.5.")
                    % {"domain": domain.label},
                    "max_value": _("%(domain)s: a weight can be at most 1000.") % {"domain": domain.label},
                    "max_decimal_places": _("%(domain)s: use at most 2 decimal places.")
                    % {"domain": domain.label},
                },
            )

    @staticmethod
    def weight_field(domain: str) -> str:
        return f"weight_{domain}"

    def weight_fields(self) -> list[Any]:
        return [self[self.weight_field(domain.value)] for domain in Domain]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("method") == "need" and data.get("index") == "domains":
            weights = [data.get(self.weight_field(domain.value)) for domain in Domain]
            if not self.errors and not any(weight for weight in weights if weight is not None):
                self.add_error(
                    self.weight_field(Domain.INCOME.value),
                    _("Give at least one domain a weight above 0 to split by weights per domain."),
                )
        low, high = data.get("minimum"), data.get("maximum")
        if low is not None and high is not None and low > high:
            self.add_error("maximum", _("The most for any area cannot be less than the least."))
        return data

    def split(self) -> Split:
        data = self.cleaned_data
        domains = data["method"] == "need" and data["index"] == "domains"
        return Split(
            method=data["method"],
            index=(data.get("index") or "overall") if data["method"] == "need" else "overall",
            floor_percent=data["floor_percent"] or 0,
            minimum_pence=data.get("minimum"),
            maximum_pence=data.get("maximum"),
            weights=tuple(
                (domain.value, data[self.weight_field(domain.value)])
                for domain in Domain
                if domains and data.get(self.weight_field(domain.value))
            ),
        )

    @classmethod
    def data_of(cls, split: Split) -> dict[str, str]:
        """The form data that gives ``split`` back (for the "use this split" buttons)."""
        data = {
            "method": split.method,
            "index": split.index,
            "floor_percent": str(split.floor_percent),
            "minimum": str(split.minimum_pence // 100) if split.minimum_pence is not None else "",
            "maximum": str(split.maximum_pence // 100) if split.maximum_pence is not None else "",
        }
        for domain, weight in split.weights:
            data[cls.weight_field(domain)] = f"{weight.normalize():f}"
        return data
