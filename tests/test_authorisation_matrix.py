"""Who may open which page: a declared policy, checked cell by cell against the seeded demo.

`POLICY` says, route by route, which roles may GET and POST it, and for a route that takes someone's
object, whether the object's owner may (the group's members for a group's pages, proposals, grants, returns
and photos; the resident for their own suggestion or visit report). It is written from what a council
expects, not read off the app. The cells are every route of the URL conf x every role x (for a route that
takes an object) an object of the person's own and one of someone else x (for a route whose use depends on
the programme's phase) the phase open and closed. A route without a rule fails the test.

An allowed cell answers 2xx or a redirect that is not to the sign-in page (a POST with no form data may
also answer 400 or 422: it got past the permission check to the form's). A denied cell answers 401, 403 or
404, or a redirect to sign-in (the second step of signing in sends anyone without a first step back to it),
and a denied POST writes no row. With its phase closed, a page that says why (200) passes if its POST writes
nothing. Each cell runs inside a savepoint that is rolled back, so no cell sees what another wrote. The test
prints how many cells it checked: 1,848 for the 145 routes of December 2026.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import ClassVar

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpResponseBase
from django.test import Client, TestCase
from django.utils import timezone

from tests.demo_snapshot import seeded_demo
from tests.url_walk import Route, candidates, changed_rows, named_routes, row_counts
from youdecide.accounts.models import NotificationKind, Role, User
from youdecide.accounts.notifications import unsubscribe_token
from youdecide.areas.models import Area
from youdecide.delivery.models import (
    Grant,
    GrantStatus,
    MonitoringReturn,
    PanelAssignment,
    PanelMember,
    ReturnStatus,
    VisitReport,
)
from youdecide.events.models import CheckIn, DecisionDay
from youdecide.groups.models import (
    Asset,
    AssetCategory,
    AssetStatus,
    CommunityGroup,
    GovernanceCheck,
    GovernanceDocument,
    GovernanceItem,
    SessionBooking,
    SupportSession,
)
from youdecide.programmes.demo import crewe_vote, past_round
from youdecide.programmes.demo.seeding import PROGRAMME_SLUG
from youdecide.programmes.models import Phase, PhaseKind, Programme
from youdecide.proposals.models import Proposal
from youdecide.results.models import CountRun
from youdecide.voting.models import CodeBatch
from youdecide.web.page_cache import pages

ANONYMOUS = "anonymous"
RESIDENT = "resident"
MEMBER = "member"  # a member of the group whose objects are "own"
OTHER_MEMBER = "other member"  # a member of another group
OFFICER = "officer"
COMMISSIONER = "commissioner"
COUNCILLOR = "councillor"
ADMINISTRATOR = "administrator"
ROLES = [ANONYMOUS, RESIDENT, MEMBER, OTHER_MEMBER, OFFICER, COMMISSIONER, COUNCILLOR, ADMINISTRATOR]
OWN = "own"  # in a rule: the owner of the object in the address

EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {ANONYMOUS}
STAFF = frozenset({OFFICER, ADMINISTRATOR})
NOBODY: frozenset[str] = frozenset()

GROUP = "group"  # the object belongs to a community group: "own" is the member's group, "other" another's
PERSON = "person"  # the object belongs to one person: "own" is the resident's, "other" a neighbour's
PROPOSALS = "proposals"  # the route is for use while the programme's proposals phase is open
RESULTS = "results"  # the route is for use once the area's count is published


@dataclass(frozen=True)
class Rule:
    get: frozenset[str] | None = None  # who may GET; None: the route takes no GET
    post: frozenset[str] | None = None  # who may POST; None: the route takes no POST
    owner: str = ""  # GROUP or PERSON: the address holds an object of that owner, tried own and other
    needs: str = ""  # PROPOSALS or RESULTS: tried with that phase open and closed
    # Closed, the page may still say why (200), so long as a POST writes nothing; else it is refused.
    explains_when_closed: bool = False
    # The view checks the form before the person (the service then refuses them): a refused POST may also
    # answer 400, so long as it writes nothing.
    form_first: bool = False


def office(*, get: bool = True, post: bool = False) -> Rule:
    return Rule(get=STAFF if get else None, post=STAFF if post else None)


def public(*, post: bool = False) -> Rule:
    return Rule(get=EVERYONE, post=EVERYONE if post else None)


GROUP_OR_STAFF = STAFF | {OWN}
REPORT_READERS = frozenset({OFFICER, ADMINISTRATOR, COUNCILLOR})
INSIGHT_READERS = frozenset({COMMISSIONER, OFFICER, ADMINISTRATOR})

POLICY: dict[str, Rule] = {
    # The group portal: a group's pages are for its members and the council's officers.
    "groups:dashboard": Rule(get=SIGNED_IN),
    "groups:register": Rule(get=SIGNED_IN, post=SIGNED_IN),
    "groups:sessions": public(),
    "groups:session_new": office(post=True),
    "groups:session": public(),
    "groups:session_book": Rule(post=SIGNED_IN),
    "groups:session_cancel": Rule(post=frozenset({OWN}), owner=GROUP),
    "groups:session_attendance": office(get=False, post=True),
    "groups:capacity": office(),
    "groups:detail": Rule(get=GROUP_OR_STAFF, owner=GROUP),
    "groups:add_member": Rule(post=GROUP_OR_STAFF, owner=GROUP),
    "groups:governance": Rule(post=GROUP_OR_STAFF, owner=GROUP),
    "groups:add_document": Rule(post=GROUP_OR_STAFF, owner=GROUP),
    "groups:document": Rule(get=GROUP_OR_STAFF, owner=GROUP),
    "groups:remove_document": Rule(post=GROUP_OR_STAFF, owner=GROUP),
    # The asset map: public once approved; a suggestion is its author's and the moderators'.
    "assets:list": public(),
    "assets:suggest": Rule(get=SIGNED_IN, post=SIGNED_IN),
    "assets:moderation": office(),
    "assets:detail": Rule(get=STAFF | {OWN}, owner=PERSON),
    "assets:approve": office(get=False, post=True),
    "assets:reject": office(get=False, post=True),
    # The programmes' back office.
    "programmes:office_list": office(),
    "programmes:office_create": office(post=True),
    "programmes:office_detail": office(),
    "programmes:office_edit": office(post=True),
    "programmes:office_phases": office(post=True),
    "programmes:office_pots": office(post=True),
    "programmes:office_pot_options": office(post=True),
    "programmes:office_voting_rules": office(post=True),
    "programmes:office_open_phase": office(get=False, post=True),
    "programmes:office_close_phase": office(get=False, post=True),
    # Proposals: a group writes its own while proposals are open; officers review them.
    "proposals:create": Rule(
        get=frozenset({OWN}), post=frozenset({OWN}), owner=GROUP, needs=PROPOSALS, explains_when_closed=True
    ),
    "proposals:detail_private": Rule(get=GROUP_OR_STAFF, owner=GROUP),
    "proposals:edit": Rule(get=frozenset({OWN}), post=frozenset({OWN}), owner=GROUP, needs=PROPOSALS),
    "proposals:submit": Rule(
        get=frozenset({OWN}), post=frozenset({OWN}), owner=GROUP, needs=PROPOSALS, explains_when_closed=True
    ),
    "proposals:withdraw": Rule(get=frozenset({OWN}), post=frozenset({OWN}), owner=GROUP),
    "proposals:review_queue": office(),
    "proposals:review": Rule(get=STAFF, post=STAFF, owner=GROUP),
    # The public API: anyone reads it, and residents vote through it without an account.
    "api:openapi": public(),
    "api:eligibility": Rule(post=EVERYONE),
    "api:ballots": Rule(post=EVERYONE),
    "api:receipts": Rule(post=EVERYONE),
    "api:programmes": public(),
    "api:programme": public(),
    "api:statistics": public(),
    "api:proposals": public(),
    "api:area_results": Rule(get=EVERYONE, needs=RESULTS),
    "api_not_found": Rule(get=NOBODY),
    # Voting needs no account: a voting code or an emailed link lets a resident in.
    "voting:start": public(),
    "voting:enter_code": Rule(post=EVERYONE),
    "voting:about_you": public(post=True),
    "voting:email_link": public(post=True),
    "voting:ballot": public(post=True),
    "voting:review": public(post=True),
    "voting:receipt": public(),
    "voting:link": public(post=True),  # anyone holding an emailed link; an unknown one is told so
    "voting:find_ballot": public(post=True),
    "voting:code_batches": office(post=True),
    "voting:void_code": office(get=False, post=True),
    "voting:cards_pdf": office(get=False, post=True),
    # Decision Days: the desk, the tablets and the count are the officers'; the hall's screens are public.
    "events:list": office(),
    "events:service_worker": public(),
    "events:desk": office(),
    "events:edit": office(post=True),
    "events:running_order": office(post=True),
    "events:check_in": office(post=True),
    "events:issue": office(get=False, post=True),
    "events:papers": office(post=True),
    "events:count": office(post=True),
    "events:papers_pdf": office(),
    "events:kiosk": office(),
    "events:kiosk_ballot": office(get=False, post=True),
    "events:kiosk_slip": office(get=False, post=True),
    "events:event": public(),
    "events:presenter": office(),
    "events:presenter_move": office(get=False, post=True),
    "events:results_screen": public(),
    "events:feedback": public(post=True),
    # Results: public once published; the count itself is the officers'.
    "results:area": Rule(get=EVERYONE, needs=RESULTS, explains_when_closed=True),  # "not published yet"
    "results:download": Rule(get=EVERYONE, needs=RESULTS),
    "results:statistics": public(),
    "results:transparency": public(),
    "results:inequality": public(),
    "results:transparency_pdf": public(),
    "results:equality_survey": public(),
    "results:office": office(),
    "results:office_count": office(get=False, post=True),
    # Delivery: officers run grants; a group sees and reports on its own; the public sees progress.
    "delivery:office_grants": office(),
    "delivery:office_offer": office(post=True),
    "delivery:office_assign_least_visited": office(get=False, post=True),
    "delivery:office_grant": office(),
    "delivery:office_payment": office(get=False, post=True),
    "delivery:office_target": office(get=False, post=True),
    "delivery:office_milestone": office(get=False, post=True),
    "delivery:office_milestone_progress": office(get=False, post=True),
    "delivery:office_status": office(get=False, post=True),
    "delivery:office_close": office(get=False, post=True),
    "delivery:office_assign": office(get=False, post=True),
    "delivery:office_return": office(post=True),
    "delivery:group_grants": Rule(get=SIGNED_IN),
    "delivery:grant": Rule(get=GROUP_OR_STAFF, owner=GROUP),
    "delivery:grant_accept": Rule(post=frozenset({OWN}), owner=GROUP, form_first=True),
    "delivery:return": Rule(get=GROUP_OR_STAFF, post=frozenset({OWN}), owner=GROUP, form_first=True),
    "delivery:return_photo_add": Rule(post=frozenset({OWN}), owner=GROUP, form_first=True),
    "delivery:return_photo_remove": Rule(post=frozenset({OWN}), owner=GROUP),
    "delivery:photo": Rule(get=GROUP_OR_STAFF, owner=GROUP),
    "delivery:progress": public(),
    "delivery:evaluation": public(),
    "delivery:evaluation_csv": public(),
    "delivery:evaluation_pdf": public(),
    "delivery:panel": Rule(get=SIGNED_IN, post=SIGNED_IN),
    # A panel member's own visit form (officers read visit reports on the grant's page).
    "delivery:visit": Rule(get=frozenset({OWN}), post=frozenset({OWN}), owner=PERSON),
    # Budget consultations: public while published; the results go to officers and councillors first.
    "consultation:plans": public(),
    "consultation:plan": public(),
    "consultation:proposal": public(),
    "consultation:respond": public(post=True),
    "consultation:about_you": public(post=True),
    "consultation:thanks": public(),
    "consultation:simulator": public(post=True),
    "consultation:simulator_thanks": public(),
    "consultation:plan_csv": public(),
    "consultation:plan_xlsx": public(),
    "consultation:results": Rule(get=REPORT_READERS),
    "consultation:results_pdf": Rule(get=REPORT_READERS),
    "consultation:results_csv": Rule(get=REPORT_READERS),
    "consultation:office_plans": office(),
    "consultation:office_plan": office(post=True),
    "consultation:moderation": office(),
    "consultation:moderate": office(get=False, post=True),
    # Accounts.
    "notifications:choose": Rule(get=SIGNED_IN, post=SIGNED_IN),
    "notifications:unsubscribe": public(post=True),  # anyone holding the emailed link, signed in or not
    "accounts:login": public(post=True),
    "accounts:two_factor": Rule(get=NOBODY, post=NOBODY),  # only after a password, which no cell gave
    "accounts:two_factor_setup": Rule(get=SIGNED_IN, post=SIGNED_IN),
    "accounts:logout": Rule(post=EVERYONE),
    "accounts:register": public(post=True),
    # Public pages; a proposal's page before it is public is for its group and officers.
    "web:home": public(),
    "web:programme": public(),
    "web:area": public(),
    "web:proposal": Rule(get=GROUP_OR_STAFF, owner=GROUP),
    "web:area_profile": public(),
    "web:neighbourhood": public(),
    "web:councillor_dashboard": Rule(get=frozenset({COUNCILLOR})),
    "web:insight": Rule(get=INSIGHT_READERS),
    "web:insight_csv": Rule(get=INSIGHT_READERS),
}


SIGN_IN = "/accounts/sign-in/"
ALLOWED = "allowed"
DENIED = "denied"
EXPLAINED = "explained"  # the phase is closed: the page may say why, a POST writes nothing


@dataclass(frozen=True)
class Cell:
    route: Route
    method: str
    role: str
    side: str  # "own", "other", or "" for a route without an object
    state: str  # "open", "closed", or "" for a route whose phase does not matter
    url: str
    expected: str  # ALLOWED, DENIED or EXPLAINED

    def __str__(self) -> str:
        where = f" ({self.side} object)" if self.side else ""
        when = f" ({self.rule.needs} {self.state})" if self.state else ""
        return f"{self.role} {self.method} {self.url}{where}{when}"

    @property
    def rule(self) -> Rule:
        return POLICY[self.route.name]

    @property
    def writes_nothing(self) -> bool:
        """A POST whose row counts must not move."""
        return self.method == "POST" and self.expected != ALLOWED


def expectation(rule: Rule, method: str, role: str, owner_role: str, state: str) -> str:
    roles = rule.get if method == "GET" else rule.post
    assert roles is not None
    if not (role in roles or (OWN in roles and role == owner_role)):
        return DENIED
    if state == "closed":
        return EXPLAINED if rule.explains_when_closed else DENIED
    return ALLOWED


def answered(cell: Cell, response: HttpResponseBase) -> str:
    """What the response amounts to: ALLOWED, DENIED, or a description of anything else."""
    status = response.status_code
    redirect = 300 <= status < 400
    to_sign_in = redirect and response["Location"].startswith(SIGN_IN)
    form_refused = cell.method == "POST" and status in {400, 422}
    if status in {401, 403, 404} or to_sign_in:
        return DENIED
    if cell.expected == EXPLAINED and (status == 200 or form_refused):
        return EXPLAINED
    if cell.expected == DENIED and form_refused and cell.rule.form_first:
        return DENIED
    if 200 <= status < 300 or redirect or form_refused:
        return ALLOWED
    return f"{status}"


class AuthorisationMatrix(TestCase):
    users: ClassVar[dict[str, User]]
    owned: ClassVar[dict[str, dict[str, dict[str, str]]]]  # side -> route name -> parameter -> value
    programmes: ClassVar[dict[str, str]]
    fixed: ClassVar[dict[str, str]]  # parameter -> value, wherever it appears

    @classmethod
    def setUpTestData(cls) -> None:
        seeded_demo()
        now = timezone.now()
        mine = CommunityGroup.objects.get(slug="railway-town-walkers")
        theirs = CommunityGroup.objects.get(slug="audlem-good-neighbours")
        resident = User.objects.get(role=Role.RESIDENT, username="resident@youdecide.example")
        neighbour = User.objects.create(username="neighbour@example.org", role=Role.RESIDENT)
        cls.users = {
            RESIDENT: resident,
            MEMBER: mine.memberships.get().user,
            OTHER_MEMBER: theirs.memberships.get().user,
            OFFICER: User.objects.get(username="officer@youdecide.example"),
            COMMISSIONER: User.objects.get(role=Role.COMMISSIONER),
            COUNCILLOR: User.objects.get(role=Role.COUNCILLOR),
            ADMINISTRATOR: User.objects.get(role=Role.ADMINISTRATOR),
        }
        main = Programme.objects.get(slug=PROGRAMME_SLUG)
        future_session = SupportSession.objects.filter(starts_at__gt=now).order_by("-starts_at").first()
        assert future_session is not None
        group_objects = {
            "own": cls._group_objects(mine, main, future_session),
            "other": cls._group_objects(theirs, main, future_session),
        }
        grant = Grant.objects.filter(proposal__group=mine).get()
        person_objects = {
            "own": cls._person_objects(resident, grant, mine),
            "other": cls._person_objects(neighbour, grant, mine),
        }
        cls.owned = {side: {**group_objects[side], **person_objects[side]} for side in ("own", "other")}
        cls.programmes = {"main": main.slug, "voting": crewe_vote.SLUG, "past": past_round.SLUG}
        # The demo offered every funded project its grant: take one back, so that one can be offered.
        offerable = Grant.objects.filter(status=GrantStatus.COMPLETED).exclude(
            proposal__group__in=[mine, theirs]
        )
        funded = offerable.values_list("proposal__reference", flat=True)[0]
        offerable.filter(proposal__reference=funded).delete()
        hall = DecisionDay.objects.filter(programme__slug=crewe_vote.SLUG).order_by("pk").first()
        check_in = CheckIn.objects.filter(event=hall).order_by("pk").first()
        assert hall is not None and check_in is not None
        cls.fixed = {
            "decision_day": hall.slug,
            "check_in_id": str(check_in.pk),
            "offerable": funded,
            "granted": grant.proposal.reference,
            "batch_id": str(
                CodeBatch.objects.filter(programme__slug=crewe_vote.SLUG).values_list("pk")[0][0]
            ),
            "name": "results.csv",
            "token": unsubscribe_token(resident.email, NotificationKind.RESULTS_OUT),
        }

    @staticmethod
    def _group_objects(
        group: CommunityGroup, programme: Programme, session: SupportSession
    ) -> dict[str, dict[str, str]]:
        lead = group.memberships.get().user
        area = Area.objects.filter(pots__programme=programme).order_by("name").first()
        assert area is not None
        draft = Proposal.objects.create(
            group=group,
            programme=programme,
            area=area,
            reference=f"YD-DRAFT-{group.pk}",
            title="A draft of our own",
            summary="Still being written.",
            description="Still being written.",
            cost_pence=500_000,
        )
        check, _created = GovernanceCheck.objects.get_or_create(group=group, item=GovernanceItem.CONSTITUTION)
        document = GovernanceDocument(
            governance_check=check, original_name="constitution.pdf", content_type="application/pdf", size=9
        )
        document.file.save("constitution.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        document.save()
        booking, _created = SessionBooking.objects.get_or_create(
            session=session, group=group, defaults={"booked_by": lead}
        )
        grant = Grant.objects.filter(proposal__group=group).get()
        changes = MonitoringReturn.objects.filter(grant=grant, status=ReturnStatus.CHANGES_REQUESTED).get()
        photo = changes.photos.order_by("pk").first()
        assert photo is not None
        slug = {"slug": group.slug}
        proposal = {**slug, "pk": str(draft.pk)}
        on_return = {"pk": str(grant.pk), "number": str(changes.number)}
        return {
            "groups:session_cancel": {"pk": str(session.pk), "booking_pk": str(booking.pk)},
            "groups:detail": slug,
            "groups:add_member": slug,
            "groups:governance": slug,
            "groups:add_document": slug,
            "groups:document": {**slug, "pk": str(document.pk)},
            "groups:remove_document": {**slug, "pk": str(document.pk)},
            "proposals:create": slug,
            "proposals:detail_private": proposal,
            "proposals:edit": proposal,
            "proposals:submit": proposal,
            "proposals:withdraw": proposal,
            "proposals:review": {"pk": str(draft.pk)},
            "delivery:grant": {"pk": str(grant.pk)},
            "delivery:grant_accept": {"pk": str(grant.pk)},
            "delivery:return": on_return,
            "delivery:return_photo_add": on_return,
            "delivery:return_photo_remove": {**on_return, "photo_pk": str(photo.pk)},
            "delivery:photo": {"pk": str(photo.pk)},
            "web:proposal": {"slug": programme.slug, "reference": draft.reference},
        }

    @staticmethod
    def _person_objects(person: User, grant: Grant, group: CommunityGroup) -> dict[str, dict[str, str]]:
        area = grant.proposal.area
        suggestion = Asset.objects.create(
            name=f"{person.username}'s suggestion",
            category=AssetCategory.VENUE,
            area=area,
            status=AssetStatus.PENDING,
            suggested_by=person,
        )
        member = PanelMember.objects.create(user=person, area=area)
        assignment = PanelAssignment.objects.create(member=member, grant=grant)
        visit = VisitReport.objects.create(
            assignment=assignment, visited_on=timezone.localdate(), report=f"{group.name} were busy."
        )
        return {
            "assets:detail": {"pk": str(suggestion.pk)},
            "delivery:visit": {"pk": str(visit.assignment_id)},
        }

    def values(self, route: Route, side: str) -> dict[str, str]:
        """The route's parameters: the owner's objects where it takes one, else a seeded value."""
        chosen = dict(self.owned[side].get(route.name, {})) if side else {}
        for name in route.parameters:
            if name in chosen:
                continue
            if name in {"slug", "programme"} and (
                route.pattern.startswith(("programmes/", "office/programmes/", "api/"))
            ):
                chosen[name] = self.programme_for(route)
            elif name in {"area_slug", "area"}:
                slug = self.programme_for(route)
                area = Area.objects.filter(pots__programme__slug=slug).order_by("name").first()
                assert area is not None
                chosen[name] = area.slug
            elif name == "reference" and route.name == "delivery:office_offer":
                chosen[name] = self.fixed["offerable"]
            elif name == "reference" and route.name == "delivery:progress":
                chosen[name] = self.fixed["granted"]
            elif name == "slug" and "decision-days/" in route.pattern:
                chosen[name] = self.fixed["decision_day"]
            elif name in self.fixed:
                chosen[name] = self.fixed[name]
            else:
                chosen[name] = candidates(route.pattern, name)[0]
        return chosen

    def programme_for(self, route: Route) -> str:
        if route.name.startswith(("results:", "delivery:", "api:area_results")):
            return self.programmes["past"]
        if route.name.startswith("voting:"):
            return self.programmes["voting"]
        return self.programmes["main"]

    def cells(self) -> Iterator[Cell]:
        for route in named_routes():
            rule = POLICY.get(route.name)
            self.assertIsNotNone(rule, f"route {route.name} ({route.pattern}) has no authorisation rule")
            assert rule is not None
            sides = ["own", "other"] if rule.owner else [""]
            states = ["open", "closed"] if rule.needs else [""]
            for method, roles in (("GET", rule.get), ("POST", rule.post)):
                if roles is None:
                    continue
                for side in sides:
                    url = self.url(route, side)
                    for state in states:
                        for role in ROLES:
                            owner_role = self.owner_role(rule, side)
                            yield Cell(
                                route,
                                method,
                                role,
                                side,
                                state,
                                url,
                                expectation(rule, method, role, owner_role, state),
                            )

    def url(self, route: Route, side: str) -> str:
        if route.name == "api_not_found":
            return "/api/v1/no-such-thing"
        return route.url(self.values(route, side))

    @staticmethod
    def owner_role(rule: Rule, side: str) -> str:
        if rule.owner == GROUP:
            return MEMBER if side == "own" else OTHER_MEMBER
        if rule.owner == PERSON and side == "own":
            return RESIDENT
        return ""

    def set_state(self, cell: Cell) -> None:
        """Close the phase the route needs, inside the cell's savepoint."""
        if cell.state != "closed":
            return
        pages.clear()
        now = timezone.now()
        if cell.rule.needs == PROPOSALS:
            Phase.objects.filter(programme__slug=self.programmes["main"], kind=PhaseKind.PROPOSALS).update(
                closed_at=now - timedelta(minutes=1)
            )
        elif cell.rule.needs == RESULTS:
            CountRun.objects.filter(programme__slug=self.programmes["past"]).update(published_at=None)

    def test_every_role_reaches_only_the_pages_the_policy_gives_it(self) -> None:
        clients = {ANONYMOUS: Client()}
        sessions: dict[str, str] = {}
        for role, user in self.users.items():
            clients[role] = Client()
            clients[role].force_login(user)
            sessions[role] = clients[role].cookies["sessionid"].value
        # Refusals are what this test expects: they are not worth a logged warning each.
        request_log = logging.getLogger("django.request")
        self.addCleanup(request_log.setLevel, request_log.level)
        request_log.setLevel(logging.ERROR)
        started = time.monotonic()
        tally: Counter[str] = Counter()
        for cell in self.cells():
            client = clients[cell.role]
            if cell.role in sessions:  # signing out (or anything else) must not change who the next cell is
                client.cookies["sessionid"] = sessions[cell.role]
            with transaction.atomic():
                self.set_state(cell)
                before = row_counts() if cell.writes_nothing else {}
                response = client.get(cell.url) if cell.method == "GET" else client.post(cell.url)
                changed = changed_rows(before, row_counts()) if cell.writes_nothing else {}
                transaction.set_rollback(True)
            tally[cell.expected] += 1
            got = answered(cell, response)
            with self.subTest(cell=str(cell)):
                self.assertEqual(
                    got,
                    cell.expected,
                    f"{cell}: expected {cell.expected}, got {got} "
                    f"({response.status_code} {response.get('Location', '')})".rstrip(),
                )
                self.assertEqual(changed, {}, f"{cell}: a refused POST changed rows")
        print(
            f"\n{sum(tally.values())} cells ({', '.join(f'{n} {kind}' for kind, n in tally.items())}) "
            f"over {len(POLICY)} routes and {len(ROLES)} roles in {time.monotonic() - started:.1f} s"
        )


def test_every_route_has_a_rule_and_every_rule_a_route() -> None:
    names = {route.name for route in named_routes()}
    assert sorted(names - POLICY.keys()) == [], "routes with no authorisation rule"
    assert sorted(POLICY.keys() - names) == [], "rules for routes that do not exist"
