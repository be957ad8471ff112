"""The optional equality monitoring survey: questions, the answers counted per question, and the answers
set against the areas' populations and against who voted.

Only total populations per area are loaded (no census tables by age, sex, ethnic group or disability), so
answers are shown as a rate per 1,000 residents of each area, and the survey's age bands beside the
voters' age bands (from participations, so in-person voters count too)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from youdecide.areas.models import Area
from youdecide.programmes.models import Programme
from youdecide.programmes.selectors import area_pots
from youdecide.results import statistics as stats
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


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else ""


@dataclass(frozen=True)
class AreaAnswers:
    area: Area
    answers: int
    population: int | None
    per_thousand: str


def answers_by_area(programme: Programme) -> list[AreaAnswers]:
    """Per area: survey answers, residents, and answers per 1,000 residents."""
    counts = Counter(EqualityResponse.objects.filter(programme=programme).values_list("area_id", flat=True))
    rows = []
    for pot in area_pots(programme):
        answers, people = counts.get(pot.area_id, 0), pot.area.population
        rows.append(
            AreaAnswers(pot.area, answers, people, f"{1000 * answers / people:.1f}" if people else "")
        )
    return rows


@dataclass(frozen=True)
class AgeShare:
    band: str
    answers: int
    answers_share: str
    voters: int
    voters_share: str


def ages_against_voters(programme: Programme) -> list[AgeShare]:
    """Per age band: the survey's answers and their share of all answers, beside the voters and their
    share of all voters."""
    responses = EqualityResponse.objects.filter(programme=programme)
    answers, answered = Counter(responses.values_list("age_band", flat=True)), responses.count()
    voters, everyone = stats.by_age_band(programme), stats.total(programme)
    return [
        AgeShare(
            bar.label,
            answers.get(bar.label, 0),
            _share(answers.get(bar.label, 0), answered),
            bar.value,
            _share(bar.value, everyone),
        )
        for bar in voters
    ]
