"""The demo's finished round: "You Decide 2025 — healthy communities", counted, published and in delivery.

£50,000 for Crewe, Macclesfield and Nantwich and the rural south, split by need. Eighteen projects
stood; residents aged 11 and over picked up to three in their area online, and the Method of Equal
Shares decided, so that every part of each area's vote bought something. The results were published a
year ago and the funded projects are being delivered now.

Everything goes through the services, dated as it happened: proposals in the proposals phase, review in
the review phase, ballots in the voting phase; the counts are run and published by two officers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from youdecide.accounts.models import User
from youdecide.areas.allocation import pots_by_need
from youdecide.areas.models import Area
from youdecide.events import services as events
from youdecide.events.models import Agreement, DecisionDay
from youdecide.groups.models import CommunityGroup
from youdecide.programmes.demo.accounts import ADMINISTRATOR
from youdecide.programmes.demo.crewe_vote import OnlineVoting, lyceum_decision_day
from youdecide.programmes.demo.projects import (
    ACTIVITY,
    CAPACITY,
    CONNECTEDNESS,
    DRINKING,
    EATING,
    INEQUALITIES,
    OBESITY,
    SMOKING,
    WELLBEING,
    DemoProject,
)
from youdecide.programmes.demo.proposing import propose, with_rules_phases_and_pots
from youdecide.programmes.demo.timeline import Plan, demo_phases
from youdecide.programmes.models import BallotKind, CountingRule, Outcome, Phase, PhaseKind, Programme
from youdecide.programmes.services import create_programme, set_area_pots, set_voting_rules
from youdecide.proposals.services import mark_eligible, submit_proposal
from youdecide.results.models import CountRun
from youdecide.results.services import confirm_count, publish_count, run_count
from youdecide.voting.identity import VoterDetails, age_band

SLUG = "you-decide-2025-healthy-communities"
NAME = "You Decide 2025 — healthy communities"
POT_PENCE = 5_000_000
AREAS = ("Crewe", "Macclesfield", "Nantwich and rural south")
SUMMARY = (
    "The first round of You Decide: £50,000 of the public health grant for Crewe, Macclesfield and "
    "Nantwich and the rural south. Eighteen local projects stood; residents aged 11 and over picked up "
    "to three in their area, and the Method of Equal Shares made sure every part of each area's vote "
    "bought something. The funded projects are being delivered now: follow how they are doing."
)
# (phase, first day, last day) in days from today: voted a year ago, delivering now.
PLAN: Plan = [
    (PhaseKind.CO_DESIGN, -560, -500),
    (PhaseKind.PROPOSALS, -490, -430),
    (PhaseKind.REVIEW, -429, -405),
    (PhaseKind.ONLINE_VOTING, -400, -380),
    (PhaseKind.DECISION_DAYS, -390, -380),
    (PhaseKind.RESULTS, -377, -350),
    (PhaseKind.DELIVERY, -349, 40),
    (PhaseKind.EVALUATION, 41, 130),
]
VOTERS = {"Crewe": 190, "Macclesfield": 150, "Nantwich and rural south": 110}
POSTCODES = {
    "Crewe": ["CW1 2", "CW1 3", "CW1 4", "CW2 6", "CW2 7"],
    "Macclesfield": ["SK10 1", "SK10 2", "SK10 3", "SK11 6", "SK11 7"],
    "Nantwich and rural south": ["CW5 5", "CW5 6", "CW5 7", "CW3 0", "CW2 5"],
}
FIRST_NAMES = ["Amy", "Ben", "Chloe", "Dev", "Ella", "Finn", "Grace", "Harry", "Isla", "Jack", "Kasia"]
SURNAMES = ["Jones", "Smith", "Patel", "Hughes", "Evans", "Byrne", "Lewis", "Nowak", "Walker", "Khan"]


@dataclass(frozen=True)
class RoundProject(DemoProject):
    area: str = ""
    appeal: float = 0.3  # the share of the area's voters who pick it


PROJECTS = [
    # --- Crewe -------------------------------------------------------------------------------------------
    RoundProject(
        "railway-town-walkers",
        "Walk Crewe: Ten Weeks to Your First 5k",
        "Led walks three mornings a week that build up, over ten weeks, to walking five kilometres.",
        "Most people who join us have not walked far in years. Trained walk leaders take small groups out "
        "from the Lyceum three mornings a week, starting with twenty minutes on the flat and building up "
        "week by week. Each walker gets a step counter and a walking buddy, and the last walk is a 5k "
        "round Queen's Park with a cup of tea at the end.",
        (ACTIVITY, WELLBEING),
        (("Walk leader training (6 leaders)", 1_200), ("Step counters", 900), ("Publicity", 400)),
        "Starting at the Lyceum Square",
        area="Crewe",
        appeal=0.44,
    ),
    RoundProject(
        "stbarnabas-kitchen",
        "Family Food Bags and Cook-Alongs",
        "A weekly bag of fresh ingredients and a recipe card for fifty families, with a cook-along evening "
        "once a month.",
        "Families who use our food bank tell us they want fresh food and the confidence to cook it. Every "
        "week fifty families take home a bag with the fresh ingredients for two meals and a picture recipe "
        "card; once a month we cook one of the recipes together in the church hall kitchen.",
        (EATING, OBESITY, INEQUALITIES),
        (("Fresh ingredients (40 weeks)", 7_200), ("Sessional cook", 1_400), ("Recipe cards", 300)),
        "St Barnabas Church Hall, West Street",
        area="Crewe",
        appeal=0.52,
    ),
    RoundProject(
        "crewe-central-boxing",
        "Boxing Fit for Young People",
        "Free after-school boxing fitness sessions for 11 to 16 year olds, four evenings a week.",
        "Non-contact boxing fitness gets young people moving who would never join a team. Our coaches run "
        "free sessions four evenings a week in term time, with a healthy snack and a mentor to talk to.",
        (ACTIVITY, WELLBEING, OBESITY),
        (("Coaching (36 weeks)", 6_500), ("Gloves and pads", 800), ("Snacks", 600)),
        "Crewe Central Boxing Academy, Mill Street",
        area="Crewe",
        appeal=0.38,
    ),
    RoundProject(
        "crewe-recovery-cafe",
        "Recovery Café Saturdays",
        "An alcohol-free café every Saturday for people in recovery and their families.",
        "Saturday is the hardest day for many people in recovery. We will open the café every Saturday "
        "afternoon with peer supporters, a hot meal and activities for children, so families have "
        "somewhere to be together that is not the pub.",
        (DRINKING, WELLBEING, CONNECTEDNESS),
        (("Peer supporter sessions", 3_600), ("Food", 2_500), ("Family activities", 700)),
        "Crewe Recovery Café, Market Street",
        area="Crewe",
        appeal=0.27,
    ),
    RoundProject(
        "coppenhall-memory-cafe",
        "Memory Café Music Mornings",
        "Fortnightly music and reminiscence mornings for people living with dementia and their carers.",
        "Music reaches people with dementia when words do not. A music therapist will lead a singing and "
        "reminiscence morning every fortnight, with time for carers to talk to each other over coffee.",
        (WELLBEING, CONNECTEDNESS),
        (("Music therapist (26 sessions)", 2_300), ("Instruments and song books", 500)),
        "Coppenhall Methodist Church",
        area="Crewe",
        appeal=0.30,
    ),
    RoundProject(
        "gresty-allotments",
        "Grow Your Own Starter Plots",
        "Twenty half-plots with tools, seeds and a mentor for families who have never grown food.",
        "We will split five plots into twenty starter plots, each with a set of tools, seeds and a "
        "volunteer mentor for the first season, and hold a harvest lunch in September.",
        (EATING, ACTIVITY, CAPACITY),
        (("Plot preparation", 3_300), ("Tools and seeds", 1_600), ("Harvest lunch", 300)),
        "Gresty Brook Allotments",
        area="Crewe",
        appeal=0.22,
    ),
    # --- Macclesfield ------------------------------------------------------------------------------------
    RoundProject(
        "weston-youth-project",
        "Weston Street Sport",
        "Free football, basketball and dance on the Weston estate every Friday night.",
        "Friday nights on the estate have little for young people to do. Youth workers and coaches will "
        "run free sport and dance on the multi-use games area and in the community room every Friday, "
        "with a hot meal afterwards.",
        (ACTIVITY, WELLBEING, INEQUALITIES),
        (("Youth workers and coaches", 4_200), ("Equipment", 700), ("Food", 900)),
        "Weston estate games area",
        area="Macclesfield",
        appeal=0.45,
    ),
    RoundProject(
        "macclesfield-mind-matters",
        "Talk and Walk Peer Support",
        "Weekly peer support groups that meet for a walk and a talk, for people with anxiety or low mood.",
        "Our peer supporters have lived with anxiety and depression themselves. Each week they lead a "
        "gentle walk in West Park followed by a talking group, and they will train ten new peer "
        "supporters during the year.",
        (WELLBEING, ACTIVITY, CAPACITY),
        (("Peer supporter training", 1_900), ("Room hire", 800), ("Sessional coordinator", 2_100)),
        "West Park and Christ Church",
        area="Macclesfield",
        appeal=0.40,
    ),
    RoundProject(
        "moss-rose-growers",
        "Moss Rose Community Orchard",
        "An orchard and herb garden planted and tended with residents of the Moss estate.",
        "We will plant thirty fruit trees and a herb garden on the green by the community centre, with "
        "monthly planting and pruning days and a cooking session at each harvest.",
        (EATING, CONNECTEDNESS),
        (("Fruit trees and herbs", 1_500), ("Tools and compost", 700), ("Cooking sessions", 600)),
        "The Moss estate green",
        area="Macclesfield",
        appeal=0.28,
    ),
    RoundProject(
        "silk-town-shed",
        "Stop Smoking at the Shed",
        "A quit-smoking group for men that meets at the Shed, with a stop smoking adviser once a week.",
        "Men who would never go to a clinic will come to the Shed. A stop smoking adviser will meet the "
        "group every week for twelve weeks at a time, three times in the year, alongside woodwork.",
        (SMOKING, WELLBEING),
        (("Stop smoking adviser", 2_400), ("Carbon monoxide monitor", 300), ("Materials", 500)),
        "Silk Town Men's Shed, Hurdsfield",
        area="Macclesfield",
        appeal=0.24,
    ),
    RoundProject(
        "broken-cross-lunch-club",
        "Lunch and Chair Exercise",
        "A weekly lunch club for older people, with a chair-based exercise class before the meal.",
        "Many of our members live alone and rarely go out in winter. We will add a chair-based exercise "
        "class before our Thursday lunch and a minibus to bring people who can no longer walk to us.",
        (ACTIVITY, CONNECTEDNESS, WELLBEING),
        (("Exercise instructor", 1_400), ("Minibus hire", 2_200), ("Food", 1_200)),
        "Broken Cross Methodist Church",
        area="Macclesfield",
        appeal=0.33,
    ),
    RoundProject(
        "victoria-park-residents",
        "Victoria Park Family Fun Days",
        "Four free family days with sport, healthy food and local groups' stalls.",
        "We will hold a family day each season on the green between the flats, with sport taster "
        "sessions, a healthy barbecue and stalls from local groups and services.",
        (ACTIVITY, CONNECTEDNESS),
        (("Activities and taster sessions", 2_000), ("Food", 1_200), ("Marquee hire", 800)),
        "Victoria Park flats green",
        area="Macclesfield",
        appeal=0.20,
    ),
    # --- Nantwich and rural south ------------------------------------------------------------------------
    RoundProject(
        "audlem-good-neighbours",
        "Good Neighbours Lifts and Visits",
        "Volunteer drivers and befrienders for older people in the villages around Audlem.",
        "Without a bus, getting to the surgery or the shop is hard in the villages. We will recruit and "
        "train twenty volunteer drivers and befrienders and pay their mileage for a year.",
        (CONNECTEDNESS, WELLBEING, INEQUALITIES),
        (("Volunteer mileage", 2_800), ("Training and checks", 900), ("Coordinator hours", 1_600)),
        "Audlem and surrounding villages",
        area="Nantwich and rural south",
        appeal=0.46,
    ),
    RoundProject(
        "nantwich-riverside-strollers",
        "Riverside Buggy Walks",
        "Weekly buggy walks along the Weaver for parents and carers of young children.",
        "New parents can be very isolated. A walk leader will take parents and buggies along the river "
        "every Tuesday, ending at the children's centre for a drink and a chat.",
        (ACTIVITY, WELLBEING, CONNECTEDNESS),
        (("Walk leader", 1_100), ("Publicity", 300), ("Refreshments", 400)),
        "Riverside, Nantwich",
        area="Nantwich and rural south",
        appeal=0.35,
    ),
    RoundProject(
        "wrenbury-lunch-club",
        "Wrenbury Cook and Share",
        "A monthly cook and share where older men learn to cook simple, healthy meals.",
        "Several of our members were widowed and never learnt to cook. A chef will teach a simple meal "
        "each month, cooked and eaten together, with the recipe and the leftovers to take home.",
        (EATING, CONNECTEDNESS),
        (("Chef (12 sessions)", 1_300), ("Ingredients", 700), ("Kitchen equipment", 500)),
        "Wrenbury Village Hall",
        area="Nantwich and rural south",
        appeal=0.25,
    ),
    RoundProject(
        "nantwich-talking-together",
        "Talking Together Cafés",
        "English conversation cafés for newcomers, with health information in several languages.",
        "Newcomers to Nantwich often do not know how to see a GP or a dentist. Our volunteers run "
        "conversation cafés twice a week, with visits from the health visitor and the practice nurse.",
        (INEQUALITIES, CONNECTEDNESS, CAPACITY),
        (("Volunteer training", 800), ("Room hire", 1_100), ("Translated leaflets", 600)),
        "Nantwich Library",
        area="Nantwich and rural south",
        appeal=0.29,
    ),
    RoundProject(
        "shavington-parish-council",
        "Shavington Outdoor Gym",
        "Six pieces of outdoor gym equipment on the playing fields, with free taster sessions.",
        "Residents asked for somewhere to exercise that is free and open all hours. We will install six "
        "pieces of outdoor gym equipment and run free taster sessions with a fitness instructor.",
        (ACTIVITY, OBESITY),
        (("Outdoor gym equipment", 5_500), ("Installation", 1_800), ("Taster sessions", 400)),
        "Shavington playing fields",
        area="Nantwich and rural south",
        appeal=0.31,
    ),
    RoundProject(
        "audlem-good-neighbours",
        "Village Hall Warm Spaces",
        "Warm, welcoming village halls two afternoons a week through the winter.",
        "Heating bills keep some older people cold at home. Four village halls will open two afternoons "
        "a week from November to March, with hot drinks, soup and a friendly face.",
        (WELLBEING, CONNECTEDNESS, INEQUALITIES),
        (("Heating and hall hire", 2_400), ("Soup and drinks", 900)),
        "Audlem, Buerton, Hankelow and Wrenbury",
        area="Nantwich and rural south",
        appeal=0.21,
    ),
]


def seed_past_round(
    officer: User, groups: dict[str, tuple[CommunityGroup, User]], outcomes: list[Outcome], areas: list[Area]
) -> Programme:
    """Create the round, its proposals and votes, and count and publish it. Called only when it does not
    exist. ``areas`` are the sub-regions named in AREAS."""
    by_name = {area.name: area for area in areas}
    programme = create_programme(
        officer,
        name=NAME,
        slug=SLUG,
        funding_source="Cheshire East Council public health grant",
        total_pot_pence=POT_PENCE,
        summary=SUMMARY,
        grant_cap_pence=1_000_000,
        area_kind="sub_region",
        outcomes=outcomes,
        phases=demo_phases(None, PLAN),
        is_published=True,
    )
    set_area_pots(officer, programme, pots_by_need(POT_PENCE, [by_name[name] for name in AREAS]))
    set_voting_rules(
        officer,
        programme,
        ballot_kind=BallotKind.APPROVAL,
        min_picks=1,
        max_picks=3,
        minimum_age=11,
        counting_rule=CountingRule.EQUAL_SHARES,
    )
    read = with_rules_phases_and_pots(programme)
    phases = {phase.kind: phase for phase in read.phases.all()}
    outcome_of = {outcome.slug: outcome for outcome in outcomes}
    appeal: dict[str, dict[int, float]] = {name: {} for name in AREAS}
    for number, project in enumerate(PROJECTS):
        group, lead = groups[project.group]
        proposed = phases[PhaseKind.PROPOSALS].starts_at + timedelta(days=3 + 2 * number)
        area = by_name[project.area]
        beneficiaries = max(15, project.cost_pounds // 60)
        proposal = propose(lead, group, read, area, project, outcome_of, beneficiaries, proposed)
        submit_proposal(lead, proposal, now=proposed)
        mark_eligible(officer, proposal, now=phases[PhaseKind.REVIEW].starts_at + timedelta(hours=number))
        appeal[project.area][proposal.pk] = project.appeal
    voting_opens = phases[PhaseKind.ONLINE_VOTING].starts_at
    rng = random.Random(2025)
    for name in AREAS:
        _vote(officer, read, by_name[name], appeal[name], voting_opens, rng)
    _decision_day_feedback(officer, programme, by_name["Crewe"], phases[PhaseKind.DECISION_DAYS], rng)
    checker = User.objects.get(username=ADMINISTRATOR.username)
    counted = phases[PhaseKind.RESULTS].starts_at
    for name in AREAS:
        run: CountRun = run_count(officer, programme, by_name[name], now=counted)
        confirm_count(officer, run, now=counted + timedelta(hours=1))
        publish_count(checker, run, now=counted + timedelta(days=1))
    return programme


# Feedback forms handed in at the round's Decision Day: answers to "I feel more connected to my community"
# (weights of strongly agree .. strongly disagree) and "is this the first time you have taken part?".
FEEDBACK_FORMS = 86
CONNECTED_WEIGHTS = [31, 40, 18, 7, 4]
FIRST_TIME_SHARE = 0.57


def _decision_day_feedback(
    officer: User, programme: Programme, area: Area, phase: Phase, rng: random.Random
) -> DecisionDay:
    """The round's Decision Day, held and closed, with the feedback forms handed in there."""
    day = timezone.localtime(phase.starts_at).date() + timedelta(days=2)
    event = lyceum_decision_day(officer, programme, area, day)
    events.open_decision_day(officer, event)
    event = events.close_decision_day(officer, event)
    agreement = [choice for choice, _label in Agreement.choices]
    for _form in range(FEEDBACK_FORMS):
        events.record_feedback(
            event,
            given_on=day,
            more_connected=rng.choices(agreement, CONNECTED_WEIGHTS)[0] if rng.random() < 0.95 else "",
            learnt_about_groups=rng.choices(agreement, [38, 41, 14, 5, 2])[0],
            first_time=rng.random() < FIRST_TIME_SHARE if rng.random() < 0.9 else None,
            age_band=age_band(rng.randint(11, 88)) if rng.random() < 0.85 else "",
        )
    return event


def _vote(
    officer: User,
    programme: Programme,
    area: Area,
    appeal: dict[int, float],
    opens: datetime,
    rng: random.Random,
) -> None:
    voters = VOTERS[area.name]
    online_voting = OnlineVoting.open(officer, programme, area, voters, f"{area.name} libraries")
    for number, code in enumerate(online_voting.codes):
        when = opens + timedelta(days=number * 18 / voters, hours=rng.randint(0, 7))
        details = _resident(rng, area.name, timezone.localdate(when))
        online_voting.vote(code, details, _picks(rng, appeal), now=when)


def _resident(rng: random.Random, area_name: str, today: date) -> VoterDetails:
    letters = "ABDEFGHJLNPQRSTUWXY"
    return VoterDetails(
        full_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)} {rng.randint(1, 9999)}",
        date_of_birth=today - timedelta(days=rng.randint(11 * 366, 85 * 365)),
        postcode=f"{rng.choice(POSTCODES[area_name])}{rng.choice(letters)}{rng.choice(letters)}",
        connection=rng.choices(["lives", "works", "studies", "volunteers"], weights=[86, 8, 3, 3])[0],
    )


def _picks(rng: random.Random, appeal: dict[int, float]) -> dict[int, int]:
    """Up to three projects, each picked with its appeal; at least the most appealing of them."""
    picked = [pid for pid, share in appeal.items() if rng.random() < share][:3]
    if not picked:
        picked = [rng.choices(list(appeal), weights=list(appeal.values()))[0]]
    return dict.fromkeys(picked, 1)


def delivery_started(programme: Programme) -> datetime:
    """When the funded projects started: the first day of delivery, at 9am."""
    phase = programme.phases.get(kind=PhaseKind.DELIVERY)
    return timezone.make_aware(
        datetime.combine(timezone.localdate(phase.starts_at), time(9)), timezone.get_current_timezone()
    )
