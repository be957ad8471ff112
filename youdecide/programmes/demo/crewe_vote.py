"""The demo's second programme, in the middle of its vote: "You Decide Crewe 2026 — winter wellbeing".

£30,000 for Crewe, ten eligible projects asking for £42,100 between them, online voting open for a week
and the Decision Day at the Lyceum today. Residents score every project from 1 to 5. A few hundred have
voted already: online with a card's code, and at the Decision Day, checked in at the desk, on tablets
and on paper (a handful who voted online came along too, and their vote there is the one that counts).
Paper ballots have been keyed by two officers; one where they disagree waits for a third. A batch of
unused codes is kept for whoever runs the demo to try voting with.

Everything goes through the services, dated as it happened: proposals in the proposals phase, review in
the review phase, ballots now.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from youdecide.accounts.models import User
from youdecide.areas.models import Area
from youdecide.areas.selectors import postcode_lookup_loaded
from youdecide.events import services as events
from youdecide.events.models import DecisionDay
from youdecide.groups.models import CommunityGroup
from youdecide.programmes.demo.accounts import ADMINISTRATOR, DESK_OFFICER
from youdecide.programmes.demo.projects import (
    ACTIVITY,
    CAPACITY,
    CONNECTEDNESS,
    EATING,
    INEQUALITIES,
    WELLBEING,
    DemoProject,
)
from youdecide.programmes.demo.proposing import propose, with_rules_phases_and_pots
from youdecide.programmes.demo.timeline import VOTING_NOW, demo_phases
from youdecide.programmes.models import BallotKind, Outcome, PhaseKind, Programme
from youdecide.programmes.services import create_programme, set_area_pots, set_voting_rules
from youdecide.proposals.models import Proposal
from youdecide.proposals.services import mark_eligible, submit_proposal
from youdecide.voting import services as voting
from youdecide.voting import tokens
from youdecide.voting.identity import VoterDetails
from youdecide.voting.models import VotingCode
from youdecide.voting.selectors import ballot_proposals, code_for

SLUG = "you-decide-crewe-2026-winter-wellbeing"
NAME = "You Decide Crewe 2026 — winter wellbeing"
POT_PENCE = 3_000_000
SUMMARY = (
    "£30,000 for projects that keep Crewe people warm, fed, active and in company through the winter. "
    "Ten local groups pitched their ideas; residents aged 11 and over score every project from 1 to 5, "
    "online or at the Decision Day at the Lyceum, and the projects with the highest scores are funded "
    "until the money runs out."
)
ONLINE_VOTERS = 180
TABLET_VOTERS = 45
PAPER_VOTERS = 15
ALSO_ONLINE = 6  # Decision Day voters who had voted online: their vote in person counts
FEEDBACK = 38
TRY_CODES = 12
CODES_FILE = "demo-voting-codes.txt"


@dataclass(frozen=True)
class CreweProject(DemoProject):
    appeal: float = 3.0  # how warmly voters score it, on the 1-5 scale


PROJECTS = [
    CreweProject(
        "stbarnabas-kitchen",
        "Winter Warm Lunches",
        "A hot two-course lunch every weekday from December to March for anyone who is cold or alone.",
        "Last winter our Wednesday meal doubled in size, and many who came told us it was the only hot meal "
        "of their week. We will open the church hall as a warm space every weekday lunchtime from December "
        "to March, with a hot two-course lunch cooked from fresh, a pay-as-you-feel larder and a "
        "benefits adviser once a fortnight.",
        (EATING, CONNECTEDNESS, INEQUALITIES),
        (
            ("Ingredients for 80 lunches a week, 16 weeks", 3100),
            ("Heating and hall hire", 1200),
            ("Cook's hours", 500),
        ),
        "St Barnabas church hall, West Street",
        appeal=4.3,
    ),
    CreweProject(
        "mill-street-shed",
        "Shed on Wheels",
        "A trailer of tools and two volunteers that brings the Men's Shed to sheltered housing schemes.",
        "Many older men in sheltered housing cannot get to our workshop. A fitted trailer with hand tools, "
        "a bench and a kettle will visit four schemes a week, so residents can mend, make and chat at "
        "their own front door.",
        (WELLBEING, CONNECTEDNESS),
        (
            ("Second-hand trailer and fit-out", 3900),
            ("Hand tools and bench", 1100),
            ("Insurance and fuel", 600),
        ),
        "Sheltered housing schemes across Crewe",
        appeal=3.4,
    ),
    CreweProject(
        "railway-town-walkers",
        "Walk Leader Training",
        "Training for twelve volunteer walk leaders so that there is a free led walk in every Crewe ward.",
        "Our walks are full and our four leaders cannot do more. We will train twelve new volunteers in "
        "leading walks and first aid, so that every ward has a weekly walk, including gentle ones for "
        "people recovering from illness.",
        (ACTIVITY, CAPACITY),
        (
            ("Walk leader course, 12 places", 1500),
            ("First aid course", 600),
            ("Hi-vis and first aid kits", 300),
        ),
        "Parks and greenways across Crewe",
        appeal=3.9,
    ),
    CreweProject(
        "crewe-central-boxing",
        "Girls' Boxing Fitness",
        "Two weekly boxing fitness sessions for girls aged 11 to 16, with a female coach.",
        "Girls drop out of sport in their teens. Our girls-only sessions, led by a female coach, build "
        "fitness and confidence without sparring; the grant pays for the coach, the gym and the kit for a "
        "year.",
        (ACTIVITY, WELLBEING),
        (("Female coach, 2 sessions a week", 2900), ("Gloves, pads and mats", 800), ("Gym hire", 500)),
        "Crewe Central Boxing Academy, Edleston Road",
        appeal=3.7,
    ),
    CreweProject(
        "gresty-allotments",
        "Raised Beds for Everyone",
        "Ten waist-high raised beds and a level path so that wheelchair users and older growers can garden.",
        "Half the people on our waiting list cannot kneel or reach a ground-level plot. Ten raised beds on "
        "a firm path, with a shared tool store, will let them grow their own vegetables alongside "
        "everyone else.",
        (EATING, ACTIVITY, INEQUALITIES),
        (("Ten raised beds", 2200), ("Level path", 1300), ("Tool store", 400)),
        "Gresty Road allotments",
        appeal=3.5,
    ),
    CreweProject(
        "coppenhall-memory-cafe",
        "Singing for the Brain",
        "A weekly singing group for people living with dementia and the people who care for them.",
        "Singing familiar songs helps people with dementia remember and connect. A trained leader will run "
        "a weekly session at the memory café, with tea afterwards, for forty weeks.",
        (WELLBEING, CONNECTEDNESS),
        (("Music leader, 40 sessions", 2200), ("Room hire", 500), ("Song books and a keyboard", 200)),
        "Coppenhall Methodist church",
        appeal=4.0,
    ),
    CreweProject(
        "crewe-polish-community",
        "Family Football Saturdays",
        "Saturday morning football for parents and children together, followed by a healthy breakfast.",
        "Parents tell us they would like to be more active with their children. Every Saturday families "
        "play small-sided football together, then share a healthy breakfast, with a different recipe each "
        "month.",
        (ACTIVITY, EATING),
        (("Pitch hire, 40 weeks", 1800), ("Coach", 1000), ("Breakfast food", 500)),
        "Crewe Alex community pitch",
        appeal=3.2,
    ),
    CreweProject(
        "crewe-young-carers",
        "Young Carers' Summer Breaks",
        "Six days out over the summer for young carers who rarely get a break from looking after family.",
        "Young carers miss out on the things their friends do. Six days out (the beach, an outdoor "
        "centre, a theme park) with transport and lunch give forty young carers time to be children, "
        "and their parents know they are safe.",
        (WELLBEING, INEQUALITIES),
        (("Coach hire, 6 trips", 2700), ("Entry and activities", 1900), ("Lunches", 800)),
        "From the Crewe Young Carers Club, Ruskin Road",
        appeal=4.1,
    ),
    CreweProject(
        "mablins-lane-garden",
        "Growing Together Cookery",
        "Cook what we grow: twelve sessions where neighbours harvest from the community garden and cook it.",
        "Our garden grows more than we can use. Twelve sessions pair harvesting with cooking in the "
        "community room, so families learn to cook fresh vegetables cheaply and take a meal home.",
        (EATING, CONNECTEDNESS),
        (("Sessional cook", 1800), ("Cooking equipment", 1100), ("Ingredients", 700)),
        "Mablins Lane community garden",
        appeal=3.3,
    ),
    CreweProject(
        "crewe-recovery-cafe",
        "Recovery Café Evening Opening",
        "Opening the recovery café two evenings a week, when people in recovery from addiction most need it.",
        "Evenings are when people in recovery are most at risk of relapse, and when most help is closed. "
        "We will open two evenings a week with peer mentors, a hot drink and a quiet space, for a year.",
        (WELLBEING, INEQUALITIES),
        (
            ("Peer mentors' sessional pay", 3800),
            ("Building costs for evening opening", 1500),
            ("Training", 700),
        ),
        "Crewe Recovery Café, Market Street",
        appeal=3.8,
    ),
]

FIRST_NAMES = [
    "Amelia",
    "Olivia",
    "Isla",
    "Ava",
    "Mia",
    "Grace",
    "Sophie",
    "Lily",
    "Ella",
    "Freya",
    "Evie",
    "Chloe",
    "Oliver",
    "George",
    "Harry",
    "Jack",
    "Noah",
    "Leo",
    "Charlie",
    "Jacob",
    "Alfie",
    "Thomas",
    "Oscar",
    "James",
    "Margaret",
    "Susan",
    "Linda",
    "Patricia",
    "David",
    "John",
    "Michael",
    "Peter",
    "Agnieszka",
    "Piotr",
    "Kasia",
    "Tomasz",
    "Priya",
    "Aisha",
    "Mohammed",
    "Kwame",
    "Siobhan",
    "Declan",
]
SURNAMES = [
    "Smith",
    "Jones",
    "Williams",
    "Taylor",
    "Brown",
    "Davies",
    "Evans",
    "Wilson",
    "Thomas",
    "Johnson",
    "Roberts",
    "Robinson",
    "Thompson",
    "Wright",
    "Walker",
    "White",
    "Edwards",
    "Hughes",
    "Green",
    "Hall",
    "Lewis",
    "Harris",
    "Clarke",
    "Patel",
    "Jackson",
    "Wood",
    "Turner",
    "Kowalski",
    "Nowak",
    "Wiśniewska",
    "O'Brien",
    "Murphy",
    "Ahmed",
    "Khan",
    "Mensah",
]
POSTCODE_DISTRICTS = ["CW1 2", "CW1 3", "CW1 4", "CW1 5", "CW1 6", "CW2 6", "CW2 7", "CW2 8"]


def seed_crewe_vote(
    officer: User, groups: dict[str, tuple[CommunityGroup, User]], outcomes: list[Outcome], crewe: Area
) -> Programme:
    """Create the programme, its proposals and the votes so far. Called only when it does not exist."""
    now = timezone.now()
    programme = create_programme(
        officer,
        name=NAME,
        slug=SLUG,
        funding_source="Cheshire East Council public health grant",
        total_pot_pence=POT_PENCE,
        summary=SUMMARY,
        grant_cap_pence=600_000,
        area_kind="sub_region",
        outcomes=outcomes,
        phases=demo_phases(now, VOTING_NOW),
        is_published=True,
    )
    set_area_pots(officer, programme, {crewe: POT_PENCE})
    set_voting_rules(
        officer, programme, ballot_kind=BallotKind.SCORES, score_min=1, score_max=5, minimum_age=11
    )
    read = with_rules_phases_and_pots(programme)
    phases = {phase.kind: phase for phase in read.phases.all()}
    proposed_at = phases[PhaseKind.PROPOSALS].starts_at + timedelta(days=10)
    reviewed_at = phases[PhaseKind.REVIEW].starts_at + timedelta(days=5)
    by_slug = {outcome.slug: outcome for outcome in outcomes}
    appeal: dict[int, float] = {}
    for number, project in enumerate(PROJECTS):
        group, lead = groups[project.group]
        when = proposed_at + timedelta(days=number)
        proposal = propose(lead, group, read, crewe, project, by_slug, 40 + 10 * number, when)
        submit_proposal(lead, proposal, now=when)
        mark_eligible(officer, proposal, now=reviewed_at + timedelta(hours=number))
        appeal[proposal.pk] = project.appeal
    _cast_demo_votes(officer, read, crewe, appeal, random.Random(2026_11))
    return programme


def _resident(rng: random.Random, today: date) -> VoterDetails:
    age_days = rng.randint(11 * 366, 88 * 365)
    return VoterDetails(
        full_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)} {rng.randint(1, 999)}",
        date_of_birth=today - timedelta(days=age_days),
        postcode=f"{rng.choice(POSTCODE_DISTRICTS)}{rng.choice('ABDEFGHJLNPQRSTUWXY')}{rng.choice('ABDEFGHJLNPQRSTUWXY')}",
        connection=rng.choices(["lives", "works", "studies", "volunteers"], weights=[85, 9, 3, 3])[0],
    )


def _scores(rng: random.Random, appeal: dict[int, float]) -> dict[int, int]:
    return {pid: min(5, max(1, round(rng.gauss(mean, 1.0)))) for pid, mean in appeal.items()}


@dataclass
class OnlineVoting:
    """One area's online vote in the demo, read once for its many residents: the programme (as
    `with_rules_phases_and_pots` reads it), the ballot's proposals and a new batch's cards by digest."""

    programme: Programme
    area: Area
    codes: list[str]
    proposals: list[Proposal]
    cards: dict[str, VotingCode]
    postcodes: bool

    @classmethod
    def open(cls, officer: User, programme: Programme, area: Area, size: int, label: str) -> OnlineVoting:
        batch, codes = voting.generate_code_batch(officer, programme, area, size, label)
        cards: dict[str, VotingCode] = {}
        for card in VotingCode.objects.filter(batch=batch):
            card.batch = batch  # with its area, as code_for reads it
            cards[card.digest] = card
        proposals = ballot_proposals(programme, area)
        return cls(programme, area, codes, proposals, cards, postcode_lookup_loaded())

    def vote(
        self, code: str, details: VoterDetails, choices: dict[int, int], now: datetime | None = None
    ) -> None:
        """The resident with this card is let in and casts `choices`, through the services."""
        voter = voting.admit_with_code(
            self.programme,
            code,
            details,
            now=now,
            code=self.cards[tokens.code_digest(code)],
            postcode_lookup=self.postcodes,
        )
        voting.cast_ballot(
            voter,
            choices,
            idempotency_key=uuid.uuid4().hex,
            now=now,
            programme=self.programme,
            area=self.area,
            proposals=self.proposals,
        )


def _cast_demo_votes(
    officer: User, programme: Programme, crewe: Area, appeal: dict[int, float], rng: random.Random
) -> None:
    """`programme` as `with_rules_phases_and_pots` reads it."""
    today = timezone.localdate()
    online_voting = OnlineVoting.open(officer, programme, crewe, ONLINE_VOTERS + 20, "Crewe libraries")
    online: list[VoterDetails] = []
    for code in online_voting.codes[:ONLINE_VOTERS]:
        details = _resident(rng, today)
        online_voting.vote(code, details, _scores(rng, appeal))
        online.append(details)
    event = _decision_day(officer, programme, crewe)
    event.programme = programme  # the same programme, with its rules, phases and pots already read
    attendees = [_resident(rng, today) for _ in range(TABLET_VOTERS + PAPER_VOTERS - ALSO_ONLINE)]
    attendees[5:5] = online[:ALSO_ONLINE]  # some who voted online came along too: their vote here counts
    for number, details in enumerate(attendees):
        check_in = events.check_in_attendee(officer, event, details).check_in
        if number < TABLET_VOTERS:
            slip = events.issue_tablet_ballot(officer, check_in)
            events.cast_tablet_ballot(
                officer, event, slip, _scores(rng, appeal), f"tablet-{number % 4}:{number}"
            )
        else:
            events.issue_paper_ballot(officer, check_in)
    _key_papers(event, appeal, rng)
    for _ in range(FEEDBACK):
        events.record_feedback(
            event,
            more_connected=rng.choices(
                ["strongly_agree", "agree", "neither", "disagree"], weights=[5, 8, 2, 1]
            )[0],
            learnt_about_groups=rng.choices(["strongly_agree", "agree", "neither"], weights=[6, 7, 2])[0],
            first_time=rng.random() < 0.55,
            age_band=rng.choice(["16-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"]),
        )


def _decision_day(officer: User, programme: Programme, crewe: Area) -> DecisionDay:
    event = lyceum_decision_day(officer, programme, crewe, timezone.localdate())
    events.set_running_order(officer, event, ballot_proposals(programme, crewe))
    return events.open_decision_day(officer, event)


def lyceum_decision_day(officer: User, programme: Programme, crewe: Area, day: date) -> DecisionDay:
    """Crewe's Decision Day at the Lyceum, 10:00 to 15:00 on `day`, planned (not yet open)."""
    opens = timezone.make_aware(datetime.combine(day, time(10)))
    return events.create_decision_day(
        officer,
        programme,
        [crewe],
        name="Crewe Decision Day",
        venue="Crewe Lyceum Theatre",
        address="Heath Street, Crewe CW1 2DA",
        accessibility=(
            "Step-free entrance on Heath Street and a lift to the circle bar; hearing loop in the main "
            "auditorium; accessible toilets on the ground floor; a quiet room is available on request. "
            "Blue badge parking in the Delamere Street car park, two minutes away."
        ),
        starts_at=opens,
        ends_at=opens + timedelta(hours=5),
        capacity=200,
    )


def _key_papers(event: DecisionDay, appeal: dict[int, float], rng: random.Random) -> None:
    """Two officers key each paper; one mismatch is left for a third officer, one paper is spoiled and one
    was taken home."""
    first = User.objects.get(username=ADMINISTRATOR.username)
    second = User.objects.get(username=DESK_OFFICER.username)
    for number in range(1, PAPER_VOTERS + 1):
        choices = _scores(rng, appeal)
        if number == PAPER_VOTERS:  # not returned
            continue
        if number == PAPER_VOTERS - 1:
            events.spoil_paper_ballot(first, event, number, "Two scores ticked for most projects")
            continue
        events.key_paper_ballot(first, event, number, choices)
        if number == 3:  # the second officer read a 3 as a 5
            misread = dict(choices)
            key = next(iter(misread))
            misread[key] = 5 if misread[key] != 5 else 3
            events.key_paper_ballot(second, event, number, misread)
        else:
            events.key_paper_ballot(second, event, number, choices)


def codes_to_try(officer: User, programme: Programme, crewe: Area) -> list[str]:
    """Unused codes for whoever runs the demo, kept in a file under var/ (made once, then read)."""
    path = Path(settings.VAR_DIR) / CODES_FILE
    if path.exists():
        kept = path.read_text(encoding="utf-8").split()
        if kept and all(code_for(programme, code) is not None for code in kept):
            return kept
    _batch, codes = voting.generate_code_batch(officer, programme, crewe, TRY_CODES, "Demo: codes to try")
    printed = [tokens.grouped(code) for code in codes]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(printed) + "\n", encoding="utf-8")
    return printed
