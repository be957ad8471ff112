"""Forms of the voting pages; the JSON API validates its input with the same forms."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from youdecide.areas.models import Area
from youdecide.areas.postcodes import InvalidPostcode, normalise_postcode
from youdecide.groups.models import CommunityGroup
from youdecide.programmes.forms import ServiceErrorsMixin
from youdecide.proposals.models import Proposal
from youdecide.voting.ballot_rules import BallotSpec
from youdecide.voting.errors import VotingRefused
from youdecide.voting.identity import VoterDetails
from youdecide.voting.models import Connection


def add_refusal(form: forms.Form, refused: VotingRefused) -> None:
    """Show a service's refusal at the top of the form, every reason it gave."""
    for text in refused.messages:
        form.add_error(None, text)


class VoterDetailsForm(ServiceErrorsMixin, forms.Form):
    """Who the voter is: checked for eligibility, then kept only as a keyed hash."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        help_text=_("For example, 17/05/1980 or 1980-05-17."),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d %m %Y"],
    )
    postcode = forms.CharField(label=_("Home postcode"), max_length=10)
    connection = forms.ChoiceField(
        label=_("Your connection to the area"), choices=Connection.choices, widget=forms.RadioSelect
    )
    member_of = forms.TypedMultipleChoiceField(
        label=_("Are you a member of a group with a project on this ballot?"),
        help_text=_("Tick your group. Members do not score their own group's project."),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, groups: Iterable[CommunityGroup] = (), **kwargs: Any) -> None:
        """`groups`: those with a project on the ballot, as the caller has read them (no query here)."""
        super().__init__(*args, **kwargs)
        _offer_groups(self.fields, _member_choices(groups))

    def clean_postcode(self) -> str:
        try:
            return normalise_postcode(self.cleaned_data["postcode"])
        except InvalidPostcode as error:
            raise forms.ValidationError(str(error)) from None

    def details(self) -> VoterDetails:
        data = self.cleaned_data
        return VoterDetails(
            full_name=data["full_name"],
            date_of_birth=data["date_of_birth"],
            postcode=data["postcode"],
            connection=data["connection"],
            member_of=frozenset(data.get("member_of") or ()),
        )


class CheckedDetails(VoterDetailsForm):
    """VoterDetailsForm for input that is never shown as a form (the JSON API): the same fields, checks and
    messages, but the fields are made once per process for each set of groups and shared, not copied for
    every request; nothing is rendered, so errors are not wired to inputs for screen readers."""

    def __init__(self, data: Mapping[str, Any], groups: Iterable[CommunityGroup] = ()) -> None:
        forms.Form.__init__(self, data=data)  # this class's base_fields are empty: nothing to copy
        self.fields = _shared_fields(tuple(_member_choices(groups)))

    def describe_errors(self) -> None:
        """Nothing to describe: the shared fields' widgets stay as they are."""


CheckedDetails.base_fields = {}


def _member_choices(groups: Iterable[CommunityGroup]) -> list[tuple[int, str]]:
    return sorted(((group.pk, str(group)) for group in groups), key=lambda choice: choice[1])


def _offer_groups(fields: dict[str, forms.Field], choices: list[tuple[int, str]]) -> None:
    """Voters tick their own group among those on the ballot; with none, the question is not asked."""
    if choices:
        fields["member_of"].choices = choices  # type: ignore[attr-defined]
    else:
        del fields["member_of"]


@lru_cache(maxsize=128)
def _shared_fields(choices: tuple[tuple[int, str], ...]) -> dict[str, forms.Field]:
    fields = copy.deepcopy(VoterDetailsForm.base_fields)
    _offer_groups(fields, list(choices))
    return fields


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your voting code"),
        help_text=_("The 12 letters and numbers on your card, e.g. 7KQM-3XR9-PT4D."),
        max_length=30,
    )


class EmailLinkForm(VoterDetailsForm):
    area = forms.ModelChoiceField(label=_("The area you are voting in"), queryset=Area.objects.none())
    email = forms.EmailField(
        label=_("Email address"), help_text=_("We send the link here and keep no copy of it.")
    )

    field_order = ["area", "full_name", "date_of_birth", "postcode", "connection", "member_of", "email"]

    def __init__(self, *args: Any, areas: Iterable[Area] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(pk__in=[a.pk for a in areas]).order_by("name")  # type: ignore[attr-defined]


class ReceiptForm(forms.Form):
    receipt = forms.CharField(
        label=_("Your receipt"),
        help_text=_("16 letters and numbers, e.g. 7KQM-3XR9-PT4D-W2HA."),
        max_length=40,
    )


class BallotForm(forms.Form):
    """One input per project, of the ballot's kind; the constraints are checked by the ballot rules."""

    def __init__(self, *args: Any, spec: BallotSpec, proposals: list[Proposal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spec = spec
        self.proposals = proposals
        if spec.kind == "choose_one":
            self.fields["choice"] = forms.TypedChoiceField(
                label=_("Your choice"),
                choices=[(p.pk, p.title) for p in proposals],
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )
            return
        for proposal in proposals:
            self.fields[f"p{proposal.pk}"] = self._field(spec, proposal)

    def _field(self, spec: BallotSpec, proposal: Proposal) -> forms.Field:
        label = proposal.title
        if spec.kind in ("approval", "knapsack"):
            return forms.BooleanField(label=label, required=False)
        if spec.kind == "points":
            return forms.IntegerField(label=label, required=False, min_value=0, max_value=spec.points_total)
        if spec.kind == "ranking":
            ranks = [("", _("Not ranked"))] + [(str(i), str(i)) for i in range(1, len(self.proposals) + 1)]
            return forms.TypedChoiceField(
                label=label, choices=ranks, coerce=int, required=False, empty_value=None
            )
        scale = [(str(i), str(i)) for i in range(spec.score_min, spec.score_max + 1)]
        return forms.TypedChoiceField(
            label=label, choices=scale, coerce=int, required=False, empty_value=None, widget=forms.RadioSelect
        )

    def rows(self) -> list[tuple[Proposal, forms.BoundField]]:
        return [(p, self[f"p{p.pk}"]) for p in self.proposals] if "choice" not in self.fields else []

    def choices(self) -> dict[int, int]:
        data = self.cleaned_data
        if "choice" in self.fields:
            return {data["choice"]: 1} if data.get("choice") else {}
        found: dict[int, int] = {}
        for proposal in self.proposals:
            value = data.get(f"p{proposal.pk}")
            if value is None or value == "":
                continue
            found[proposal.pk] = int(value)
        return found

    @staticmethod
    def initial_for(spec: BallotSpec, choices: dict[int, int]) -> dict[str, Any]:
        if spec.kind == "choose_one":
            return {"choice": next(iter(choices), None)}
        if spec.kind in ("approval", "knapsack"):
            return {f"p{pid}": True for pid in choices}
        return {f"p{pid}": str(value) if spec.kind != "points" else value for pid, value in choices.items()}
