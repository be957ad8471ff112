"""The optional equality monitoring survey: questions, and the answers counted per question."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from youdecide.areas.models import Area
from youdecide.programmes.models import Programme
from youdecide.results.models import EqualityResponse
from youdecide.voting.identity import AGE_BANDS

NOT_SAY = ("prefer_not_to_say", _("Prefer not to say"))
QUESTIONS: dict[str, tuple[Any, list[tuple[str, Any]]]] = {
    "age_band": (
        _("Your age"),
        [((f"{lo}+" if hi is None else f"{lo}-{hi}"),) * 2 for lo, hi in AGE_BANDS if lo >= 11],
    ),
    "sex": (
        _("Are you"),
        [("woman", _("A woman")), ("man", _("A man")), ("other", _("I describe myself another way"))],
    ),
    "ethnic_group": (
        _("Your ethnic group"),
        [
            ("asian", _("Asian or Asian British")),
            ("black", _("Black, Black British, Caribbean or African")),
            ("mixed", _("Mixed or multiple ethnic groups")),
            ("white", _("White")),
            ("other", _("Another ethnic group")),
        ],
    ),
    "disabled": (
        _("Are your day-to-day activities limited by a health problem or disability?"),
        [("a_lot", _("Yes, a lot")), ("a_little", _("Yes, a little")), ("no", _("No"))],
    ),
}


class EqualityForm(forms.Form):
    area = forms.ModelChoiceField(label=_("The area you voted in"), queryset=Area.objects.none())

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(pots__programme=programme).order_by("name")  # type: ignore[attr-defined]
        for name, (label, choices) in QUESTIONS.items():
            self.fields[name] = forms.ChoiceField(
                label=label, choices=[*choices, NOT_SAY], required=False, widget=forms.RadioSelect
            )


def record_equality_response(programme: Programme, area: Area, answers: dict[str, str]) -> EqualityResponse:
    """Stored with the day only, so it cannot be lined up with the time anyone voted."""
    return EqualityResponse.objects.create(
        programme=programme,
        area=area,
        given_on=timezone.localdate(),
        **{k: answers.get(k, "") for k in QUESTIONS},
    )


def equality_summary(programme: Programme) -> list[tuple[Any, list[tuple[Any, int, str]]]]:
    """Per question: (answer, count, share of those who answered the survey)."""
    responses = EqualityResponse.objects.filter(programme=programme)
    total = responses.count()
    summary = []
    for name, (label, choices) in QUESTIONS.items():
        counts = Counter(responses.values_list(name, flat=True))
        rows = [
            (text, counts.get(value, 0), f"{100 * counts.get(value, 0) / total:.0f}%" if total else "")
            for value, text in [*choices, NOT_SAY]
        ]
        summary.append((label, rows))
    return summary
