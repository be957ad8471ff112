"""May this resident vote in this programme area? Every reason they may not, in words they can act on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from youdecide.areas.models import Area
from youdecide.areas.selectors import area_for_postcode, postcode_lookup_loaded
from youdecide.programmes.models import ConflictPolicy, Programme
from youdecide.programmes.selectors import pot_for
from youdecide.proposals.models import Proposal
from youdecide.voting.identity import VoterDetails, age_band, age_on
from youdecide.voting.models import Connection
from youdecide.voting.selectors import area_contains, ballot_proposals, voting_rules_for

CONNECTION_PHRASES: dict[str, Any] = {
    Connection.LIVES: gettext_lazy("live there"),
    Connection.WORKS: gettext_lazy("work there"),
    Connection.STUDIES: gettext_lazy("study there"),
    Connection.VOLUNTEERS: gettext_lazy("volunteer there"),
}


@dataclass
class Eligibility:
    reasons: list[str] = field(default_factory=list)
    age_band: str = ""
    ward: Area | None = None

    @property
    def eligible(self) -> bool:
        return not self.reasons


def check_eligibility(
    programme: Programme,
    area: Area,
    details: VoterDetails,
    today: date,
    *,
    proposals: list[Proposal] | None = None,
    postcode_lookup: bool | None = None,
) -> Eligibility:
    """`proposals` (the area's ballot proposals) and `postcode_lookup` (whether postcodes are loaded),
    when the caller has them, save reading them."""
    rules = voting_rules_for(programme)
    result = Eligibility()
    if pot_for(programme, area.pk) is None:
        result.reasons.append(
            _("%(area)s is not an area of %(programme)s.") % {"area": area.name, "programme": programme.name}
        )
        return result
    age = age_on(details.date_of_birth, today)
    result.age_band = age_band(max(age, 0))
    if age < rules.minimum_age:
        result.reasons.append(
            _("You must be %(min)d or over to vote in %(programme)s; you are %(age)d.")
            % {"min": rules.minimum_age, "programme": programme.name, "age": max(age, 0)}
        )
    if details.date_of_birth > today:
        result.reasons.append(
            _("Your date of birth, %(date)s, is in the future.")
            % {"date": date_format(details.date_of_birth)}
        )
    if details.connection not in rules.accepted_connections():
        phrases = [str(CONNECTION_PHRASES[name]) for name in rules.accepted_connections()]
        result.reasons.append(
            _("In %(programme)s, you may vote in an area if you %(accepted)s.")
            % {"programme": programme.name, "accepted": _(" or ").join(phrases)}
        )
    if postcode_lookup is None:
        postcode_lookup = details.connection == Connection.LIVES and postcode_lookup_loaded()
    if details.connection == Connection.LIVES and postcode_lookup:
        ward = area_for_postcode(details.postcode)
        result.ward = ward
        if ward is None:
            result.reasons.append(
                _("Postcode %(postcode)s is not in %(area)s. If you work, study or volunteer there, say so.")
                % {"postcode": details.postcode, "area": area.name}
            )
        elif not area_contains(area, ward):
            result.reasons.append(
                _("Postcode %(postcode)s is in %(ward)s, which is not in %(area)s.")
                % {"postcode": details.postcode, "ward": ward.name, "area": area.name}
            )
    if details.member_of and rules.conflict_policy == ConflictPolicy.NO_VOTE_IN_AREA:
        read = ballot_proposals(programme, area) if proposals is None else proposals
        applicants = {p.group_id for p in read}
        if applicants & details.member_of:
            result.reasons.append(
                _(
                    "Members of a group with a project in %(area)s may not vote in %(area)s "
                    "(a rule of this programme)."
                )
                % {"area": area.name}
            )
    return result
