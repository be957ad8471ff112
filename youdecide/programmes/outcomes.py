"""The outcomes framework the public health programme aims at, as the council words it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from youdecide.programmes.models import OutcomeKind

STANDARD_OUTCOMES = [
    (
        "more-physical-activity",
        _("More physical activity"),
        OutcomeKind.PUBLIC_HEALTH,
        _("More people moving more: walking, sport, dance, gardening and active play."),
    ),
    (
        "healthier-eating",
        _("Healthier eating"),
        OutcomeKind.PUBLIC_HEALTH,
        _("People cooking, growing and choosing healthier food."),
    ),
    (
        "less-obesity",
        _("Less obesity"),
        OutcomeKind.PUBLIC_HEALTH,
        _("Fewer children and adults living with excess weight."),
    ),
    (
        "less-smoking",
        _("Less smoking"),
        OutcomeKind.PUBLIC_HEALTH,
        _("Fewer people starting to smoke and more people stopping."),
    ),
    (
        "less-harmful-drinking",
        _("Less harmful and binge drinking"),
        OutcomeKind.PUBLIC_HEALTH,
        _("Less drinking that harms health, families and neighbourhoods."),
    ),
    (
        "better-wellbeing",
        _("Better emotional health and wellbeing"),
        OutcomeKind.PUBLIC_HEALTH,
        _("People feeling less isolated, less anxious and more in control of their lives."),
    ),
    (
        "fewer-health-inequalities",
        _("Fewer health inequalities"),
        OutcomeKind.PUBLIC_HEALTH,
        _("Narrowing the gap in health between the most and least deprived communities."),
    ),
    (
        "community-engagement",
        _("Engagement"),
        OutcomeKind.COMMUNITY,
        _("Residents taking part in local decisions, many for the first time."),
    ),
    (
        "community-empowerment",
        _("Empowerment"),
        OutcomeKind.COMMUNITY,
        _("Communities deciding what matters to them and acting on it."),
    ),
    (
        "community-capacity",
        _("Capacity"),
        OutcomeKind.COMMUNITY,
        _("Local groups growing the skills, governance and confidence to do more."),
    ),
    (
        "community-connectedness",
        _("Connectedness"),
        OutcomeKind.COMMUNITY,
        _("Neighbours, groups and services knowing and supporting one another."),
    ),
]
