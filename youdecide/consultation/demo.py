"""The demo's budget consultation: the council's plan for 2019/20 to 2021/22 against the 2018/19
budget, with Outcome 1 ("Our local communities are strong and supportive") and its proposals, a budget
simulator of ten services, and some residents' views and budgets.

Everything goes through the services an officer or a resident would use. Safe to run twice: nothing is
written when the plan is there already.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from youdecide.consultation import services
from youdecide.consultation.balance import balance_of
from youdecide.consultation.models import BudgetPlan, Stance
from youdecide.consultation.plan_files import OUTCOME_HEADINGS, PROPOSAL_HEADINGS
from youdecide.consultation.selectors import comments_to_moderate, simulator_services
from youdecide.results.open_data import csv_lines

PLAN_TITLE = "Budget 2019/20 to 2021/22"
PLAN_SLUG = "budget-2019-20-to-2021-22"
RANDOM_SEED = 1920
STEPS = (-20, -10, -5, 0, 5, 10)

COMMUNITIES = [
    1,
    "Our local communities are strong and supportive",
    "People feel part of the place they live: they know their neighbours, look out for one another and "
    "can find help close to home before small problems become crises. The council works alongside town "
    "and parish councils, the voluntary sector and residents rather than doing things to them.",
    "Active, resilient and connected communities\nCommunities where people are and feel safe\n"
    "Residents who can find good information and advice early",
    "More people volunteering and taking part in local groups\nFewer people reporting that they feel "
    "lonely or isolated\nAnti-social behaviour falling in the places where it is highest\nResidents able "
    "to get advice on money, housing and benefits without waiting weeks",
    "Keep a free, universal information and advice service in every part of the borough\nBring community "
    "services together in shared local hubs\nTackle anti-social behaviour with partners\nSupport small "
    "voluntary groups to grow and find their own funding",
    "Demand for advice is rising as household budgets are squeezed\nGrant funding from government is "
    "falling year on year\nTown and parish councils want to do more themselves\nShared buildings can "
    "cut costs and make services easier to find",
]

THEME_WORK = "Changing the way we work"
THEME_SAFE = "Safer communities"
THEME_VOLUNTARY = "Working with the voluntary sector"

PROPOSALS = [
    [
        1,
        THEME_WORK,
        "1",
        "Restore the Universal Information and Advice grant",
        "growth",
        "Communities",
        "In 2015/16 the grant to the borough's free information and advice service went up by £30,000 "
        "for one year, to meet a surge in demand. That extra money was to be paid back over the next "
        "three years by holding the grant £10,000 a year lower. The repayment is now complete, so the "
        "grant goes back to its full level: £10,000 more than in 2018/19 in each of the three years. "
        "It is the same £10,000 each year, not £10,000 more every year.",
        "+0.010",
        "+0.010",
        "+0.010",
    ],
    [
        1,
        THEME_WORK,
        "2",
        "Bring community hubs and library enquiry desks together",
        "saving",
        "Communities and libraries",
        "Residents now visit a library, a customer service point and a community centre for help that "
        "one trained team in one building could give. Joining the desks in the towns where they are a "
        "short walk apart saves staff time and rent, with opening hours kept the same.",
        "-0.050",
        "-0.120",
        "-0.120",
    ],
    [
        1,
        THEME_SAFE,
        "3",
        "Offer CCTV monitoring to town and parish councils",
        "income",
        "Community safety",
        "The council's CCTV control room watches cameras around the clock. Town and parish councils that "
        "run their own cameras could pay for it to watch theirs too, sharing the cost of the staff.",
        "-0.030",
        "-0.060",
        "-0.060",
    ],
    [
        1,
        THEME_SAFE,
        "4",
        "Two more anti-social behaviour officers for two years",
        "revenue_investment",
        "Community safety",
        "Reports of anti-social behaviour have risen in several town centres. Two officers on two-year "
        "contracts would work with the police and landlords on the worst places; the money stops after "
        "2020/21 unless the posts prove their worth.",
        "+0.150",
        "+0.150",
        "0.000",
    ],
    [
        1,
        THEME_VOLUNTARY,
        "5",
        "Smaller community grants, with help to find other funding",
        "saving",
        "Communities",
        "The council's small grants scheme would give out £25,000 a year less, and a funding adviser "
        "would help groups apply to national funders who give much larger sums.",
        "-0.025",
        "-0.025",
        "-0.025",
    ],
    [
        1,
        THEME_VOLUNTARY,
        "6",
        "Share emergency planning with neighbouring councils",
        "saving",
        "Emergency planning",
        "A joint emergency planning team with neighbouring councils would keep the borough's plans and "
        "duty officers while sharing training, exercises and out-of-hours cover.",
        "-0.040",
        "-0.040",
        "-0.060",
    ],
]

# name, budget in pounds, what it pays for, the consequence of each step of STEPS (in order)
SERVICES: list[tuple[str, int, str, list[str]]] = [
    (
        "Adult social care",
        110_000_000,
        "Care at home and in care homes for older and disabled people.",
        [
            "Care only for people with the highest needs; many people now helped at home would not be.",
            "Fewer hours of home care; longer waits for an assessment.",
            "Tighter checks on care packages; some people get less support.",
            "Services stay as they are.",
            "Help for more people to stay at home after a spell in hospital.",
            "Better pay for care workers, so fewer vacancies and less use of agencies.",
        ],
    ),
    (
        "Children's social care",
        60_000_000,
        "Protecting children at risk, children in care and care leavers.",
        [
            "Only legal duties met: early help for families would stop.",
            "Family support centres closed in half the towns.",
            "Fewer family support workers; longer waits for help.",
            "Services stay as they are.",
            "More foster carers recruited, so fewer costly placements far from home.",
            "Early help in every town, to keep more families together.",
        ],
    ),
    (
        "Waste and recycling",
        28_000_000,
        "Bin collections, household waste recycling centres and street cleaning.",
        [
            "General waste collected every four weeks; two recycling centres closed.",
            "General waste collected every three weeks.",
            "Garden waste collections stop over the winter.",
            "Services stay as they are.",
            "Food waste collected weekly from every home.",
            "Recycling centres open seven days a week all year.",
        ],
    ),
    (
        "Roads and highways",
        14_000_000,
        "Repairing roads and pavements, gritting, street lights and drainage.",
        [
            "Only dangerous potholes repaired; gritting on main routes only.",
            "Resurfacing cut by a third; more potholes each winter.",
            "Street lights dimmed after midnight.",
            "Services stay as they are.",
            "More pavements repaired on routes to schools.",
            "A rolling programme to resurface the worst rural roads.",
        ],
    ),
    (
        "Libraries",
        4_500_000,
        "Fifteen libraries, the mobile library and online books.",
        [
            "Five libraries closed or handed to volunteers.",
            "Opening hours cut by a quarter.",
            "Fewer new books; the mobile library runs fortnightly.",
            "Services stay as they are.",
            "Longer opening hours in the busiest libraries.",
            "Libraries open on Sundays, with homework clubs.",
        ],
    ),
    (
        "Leisure centres",
        3_000_000,
        "The council's support for leisure centres and swimming pools.",
        [
            "Two pools closed; prices up for everyone.",
            "Concessions for older and disabled people reduced.",
            "Prices up a little for adults.",
            "Services stay as they are.",
            "Free swimming for children in the school holidays.",
            "Free activity sessions in the most deprived wards.",
        ],
    ),
    (
        "Parks and open spaces",
        5_000_000,
        "Parks, play areas, grass cutting and countryside sites.",
        [
            "Grass cut half as often; old play areas removed, not replaced.",
            "Flower beds grassed over; toilets in parks closed.",
            "Grass on verges cut less often.",
            "Services stay as they are.",
            "More trees planted and wildflower verges.",
            "Play areas renewed in every town.",
        ],
    ),
    (
        "Housing and homelessness",
        6_000_000,
        "Preventing homelessness, emergency housing and adaptations to homes.",
        [
            "Help only for people already homeless; more families in bed and breakfast.",
            "Fewer caseworkers; longer waits for advice.",
            "Smaller grants for adapting disabled people's homes.",
            "Services stay as they are.",
            "More help to stop people losing their homes in the first place.",
            "More short-term homes so no family waits in bed and breakfast.",
        ],
    ),
    (
        "Community grants and advice",
        2_000_000,
        "Grants to voluntary groups and the free information and advice service.",
        [
            "Grants to voluntary groups stop; the advice service shrinks.",
            "Grants cut by a fifth; fewer advice sessions.",
            "Fewer small grants each year.",
            "Services stay as they are.",
            "More advice sessions in rural areas.",
            "A new fund for groups tackling loneliness.",
        ],
    ),
    (
        "Planning and regulatory services",
        8_000_000,
        "Planning applications, building control, trading standards and environmental health.",
        [
            "Planning decisions take months longer; fewer food hygiene inspections.",
            "Trading standards answer only the most serious complaints.",
            "Higher fees for planning advice.",
            "Services stay as they are.",
            "Faster planning decisions for small businesses.",
            "More inspections of rogue landlords.",
        ],
    ),
]

SAVINGS_TARGET_PENCE = 1_000_000_000  # £10m
TAX_ONE_PERCENT_PENCE = 230_000_000  # £2.3m
TAX_CAP_PERCENT = 3

# One comment on each proposal, in the order of the proposals.
COMMENTS = [
    (
        Stance.SUPPORT,
        "The advice service helped my mum sort out her pension credit. It is worth every penny.",
    ),
    (Stance.OPPOSE, "Our community centre is the only warm place some older people go to in winter."),
    (Stance.SUPPORT, "Town councils should pay their share for the cameras."),
    (Stance.NEUTRAL, "Worth trying, but two years is not long to show results."),
    (Stance.OPPOSE, "Grants to small groups go a very long way. Cut somewhere else."),
    (Stance.NEUTRAL, "Fine as long as someone local still answers the phone at night."),
]


@dataclass(frozen=True)
class ConsultationSummary:
    plan: BudgetPlan
    created: bool
    proposals: int
    services: int
    responses: int
    budgets: int


def demo_plan_csv() -> bytes:
    rows: list[list[Any]] = [
        ["Budget plan", PLAN_TITLE],
        ["Base year", "2018/19"],
        [],
        list(OUTCOME_HEADINGS),
        COMMUNITIES,
        [],
        [*PROPOSAL_HEADINGS, "2019/20", "2020/21", "2021/22"],
        *PROPOSALS,
    ]
    return "".join(csv_lines(rows)).encode()


def seed_consultation(officer: Any) -> ConsultationSummary:
    """The demo plan, published, with its simulator and some residents' answers; nothing when it exists."""
    plan = BudgetPlan.objects.filter(slug=PLAN_SLUG).first()
    if plan is not None:
        return _summary(plan, created=False)
    plan = services.import_plan(officer, "budget-2019-22.csv", demo_plan_csv())
    plan = services.publish_plan(officer, plan)
    simulator = services.set_up_simulator(
        officer, plan, SAVINGS_TARGET_PENCE, TAX_ONE_PERCENT_PENCE, TAX_CAP_PERCENT, is_open=True
    )
    for name, pounds, description, consequences in SERVICES:
        services.set_simulator_service(
            officer,
            simulator,
            name,
            pounds * 100,
            description,
            [services.StepText(percent, text) for percent, text in zip(STEPS, consequences, strict=True)],
        )
    chance = random.Random(RANDOM_SEED)
    proposals = list(plan.proposals.order_by("position"))
    stances = [Stance.SUPPORT, Stance.SUPPORT, Stance.OPPOSE, Stance.NEUTRAL]
    for n in range(40):
        answers = [(p, chance.choice(stances), "") for p in proposals if chance.random() < 0.7]
        if n < len(COMMENTS):
            stance, comment = COMMENTS[n]
            answers = [(p, s, c) for p, s, c in answers if p != proposals[n]] + [
                (proposals[n], stance, comment)
            ]
        if answers:
            services.record_responses(plan, answers)
    for n, response in enumerate(comments_to_moderate(plan)):
        if n < 4:
            services.moderate_comment(officer, response, publish=True)
    listed = simulator_services(simulator)
    for _ in range(25):
        choices = {service.pk: 0 for service in listed}
        tax = chance.randint(0, TAX_CAP_PERCENT)
        while not balance_of(simulator, listed, choices, tax).meets_target:
            service = chance.choice(listed)
            lower = [step for step in STEPS if step < choices[service.pk]]
            if lower:
                choices[service.pk] = max(lower)
        services.submit_simulation(simulator, choices, tax)
    return _summary(plan, created=True)


def _summary(plan: BudgetPlan, created: bool) -> ConsultationSummary:
    simulator = getattr(plan, "simulator", None)
    return ConsultationSummary(
        plan=plan,
        created=created,
        proposals=plan.proposals.count(),
        services=simulator.services.count() if simulator else 0,
        responses=sum(p.responses.count() for p in plan.proposals.all()),
        budgets=simulator.submissions.count() if simulator else 0,
    )
