"""The demo's community groups: invented, but of the kinds that apply to a Cheshire East health fund.

Each is based in a real ward (by its name in the ward data). More of them are in Crewe and the other most
deprived wards, as in the real programme. Any likeness to a real group's name is chance.
"""

from __future__ import annotations

from dataclasses import dataclass

from youdecide.groups.models import GroupKind


class Governance:
    """How far a group has got with its governance checklist."""

    VERIFIED = "verified"  # every item checked by an officer
    PROVIDED = "provided"  # every item sent in, awaiting an officer's check
    PARTLY = "partly"  # some checked, one sent in, the rest still to come
    JUST_REGISTERED = "just_registered"  # nothing sent in yet
    NO_SAFEGUARDING = "no_safeguarding"  # checked, but no safeguarding policy or insurance yet
    RANDOM = "random"  # chosen by the seeded random generator


@dataclass(frozen=True)
class DemoGroup:
    key: str
    name: str
    kind: str
    ward: str
    description: str
    governance: str = Governance.RANDOM
    charity_number: str = ""
    company_number: str = ""


DEMO_GROUPS: list[DemoGroup] = [
    # Crewe
    DemoGroup(
        "stbarnabas-kitchen",
        "St Barnabas Community Kitchen",
        GroupKind.COMMUNITY,
        "Crewe St Barnabas",
        "Volunteers who cook a weekly community meal and run a pay-as-you-feel larder from the church hall "
        "on West Street.",
        Governance.VERIFIED,
    ),
    DemoGroup(
        "mill-street-shed",
        "Mill Street Men's Shed",
        GroupKind.CIO,
        "Crewe Central",
        "A workshop where older men, and anyone else who wants to, make and mend things over a brew.",
        charity_number="1187342",
    ),
    DemoGroup(
        "railway-town-walkers",
        "Railway Town Walkers",
        GroupKind.COMMUNITY,
        "Crewe North",
        "Free led walks around Crewe's parks and the Valley Brook greenway, from a gentle half hour to ten "
        "miles, every week of the year.",
    ),
    DemoGroup(
        "crewe-central-boxing",
        "Crewe Central Boxing Academy CIC",
        GroupKind.COMMUNITY_INTEREST_COMPANY,
        "Crewe Central",
        "Boxing training, fitness and mentoring for young people aged 10 to 19, five nights a week.",
        Governance.VERIFIED,
        company_number="11823456",
    ),
    DemoGroup(
        "gresty-allotments",
        "Gresty Brook Allotment Society",
        GroupKind.COMMUNITY,
        "Crewe South",
        "Forty plot holders on the Gresty Brook site, opening plots to families who have never grown food.",
    ),
    DemoGroup(
        "coppenhall-memory-cafe",
        "Coppenhall Memory Café",
        GroupKind.FAITH,
        "Crewe North",
        "A fortnightly café at the parish church for people living with dementia and their carers.",
        Governance.VERIFIED,
    ),
    DemoGroup(
        "crewe-polish-community",
        "Crewe Polish Community Association",
        GroupKind.COMMUNITY,
        "Crewe East",
        "Brings together Crewe's Polish families: Saturday school, advice sessions and family events.",
    ),
    DemoGroup(
        "hungerford-road-residents",
        "Hungerford Road Residents' Association",
        GroupKind.COMMUNITY,
        "Crewe South",
        "Neighbours who organise street clean-ups, play days and a residents' voice with the council.",
        Governance.PARTLY,
    ),
    DemoGroup(
        "crewe-young-carers",
        "Crewe Young Carers Club",
        GroupKind.CHARITY,
        "Crewe West",
        "Time out, trips and a listening ear for children and teenagers who look after someone at home.",
        Governance.VERIFIED,
        charity_number="1164928",
    ),
    DemoGroup(
        "mablins-lane-garden",
        "Mablins Lane Community Garden",
        GroupKind.COMMUNITY,
        "Leighton",
        "A growing space on spare land by the community centre, open to anyone on Tuesdays and Saturdays.",
        Governance.PROVIDED,
    ),
    DemoGroup(
        "wistaston-friendship-club",
        "Wistaston Over-60s Friendship Club",
        GroupKind.COMMUNITY,
        "Wistaston",
        "Weekly get-togethers, outings and gentle exercise for older people in Wistaston and Willaston.",
    ),
    DemoGroup(
        "crewe-recovery-cafe",
        "Crewe Recovery Café",
        GroupKind.COMMUNITY_INTEREST_COMPANY,
        "Crewe Central",
        "A café run by and for people in recovery from alcohol and drugs, with peer mentors on hand.",
        company_number="12456781",
    ),
    # Macclesfield
    DemoGroup(
        "hurdsfield-community-centre",
        "Hurdsfield Community Centre Association",
        GroupKind.COMMUNITY,
        "Macclesfield Hurdsfield",
        "Runs the community centre on the Hurdsfield estate: lunches, clubs and a place to meet.",
        Governance.VERIFIED,
    ),
    DemoGroup(
        "moss-rose-growers",
        "Moss Rose Growers",
        GroupKind.COMMUNITY,
        "Macclesfield South",
        "Residents of the Moss estate turning a neglected corner into allotments and a small orchard.",
    ),
    DemoGroup(
        "silk-town-shed",
        "Silk Town Men's Shed",
        GroupKind.CHARITY,
        "Macclesfield Central",
        "A men's shed in a former mill workshop: woodwork, repairs for neighbours and good company.",
        charity_number="1179903",
    ),
    DemoGroup(
        "weston-youth-project",
        "Weston Estate Youth Project",
        GroupKind.CHARITY,
        "Macclesfield West and Ivy",
        "Youth club, sport and holiday activities for young people on and around the Weston estate.",
        Governance.VERIFIED,
        charity_number="1152277",
    ),
    DemoGroup(
        "macclesfield-mind-matters",
        "Macclesfield Mind Matters Peer Support",
        GroupKind.CIO,
        "Macclesfield Central",
        "Peer support groups run by people with lived experience of anxiety, depression and psychosis.",
        charity_number="1190415",
    ),
    DemoGroup(
        "victoria-park-residents",
        "Victoria Park Flats Residents' Group",
        GroupKind.COMMUNITY,
        "Macclesfield Central",
        "Tenants of the Victoria Park flats working together on the things that matter on the estate.",
        Governance.JUST_REGISTERED,
    ),
    DemoGroup(
        "broken-cross-lunch-club",
        "Broken Cross Methodist Lunch Club",
        GroupKind.FAITH,
        "Broken Cross and Upton",
        "A hot two-course lunch every Wednesday for older people, with a chat and an activity afterwards.",
    ),
    # Congleton and Holmes Chapel
    DemoGroup(
        "dane-valley-walkers",
        "Congleton Dane Valley Walkers",
        GroupKind.COMMUNITY,
        "Congleton West",
        "Walks along the River Dane and up to the Cloud for all abilities, with a café stop at the end.",
    ),
    DemoGroup(
        "bromley-farm-community",
        "Bromley Farm Community Association",
        GroupKind.COMMUNITY,
        "Congleton East",
        "Residents of the Bromley Farm estate running a youth club, a community fridge and fun days.",
        Governance.VERIFIED,
    ),
    DemoGroup(
        "holmes-chapel-cook-together",
        "Holmes Chapel Cook Together",
        GroupKind.COMMUNITY,
        "Dane Valley",
        "Cooking sessions for families and for people living alone, using what is cheap and in season.",
    ),
    DemoGroup(
        "congleton-boxing-fitness",
        "Congleton Boxing and Fitness CIC",
        GroupKind.COMMUNITY_INTEREST_COMPANY,
        "Congleton East",
        "Boxercise, strength and fitness classes priced for people on low incomes.",
        company_number="13302718",
    ),
    DemoGroup(
        "rode-heath-carers",
        "Rode Heath Carers' Circle",
        GroupKind.COMMUNITY,
        "Odd Rode",
        "Unpaid carers in Rode Heath and Scholar Green meeting for support, information and a break.",
    ),
    # Sandbach, Middlewich and Alsager
    DemoGroup(
        "middlewich-food-club",
        "Middlewich Community Church Food Club",
        GroupKind.FAITH,
        "Middlewich",
        "A low-cost food club for members, with cooking tips, recipe bags and a warm space on Thursdays.",
        Governance.VERIFIED,
    ),
    DemoGroup(
        "wheelock-heath-gardeners",
        "Wheelock Heath Gardeners",
        GroupKind.COMMUNITY,
        "Sandbach Ettiley Heath and Wheelock",
        "Volunteers who look after green spaces in Wheelock and Ettiley Heath and run gardening sessions.",
    ),
    DemoGroup(
        "middlewich-canal-walkers",
        "Middlewich Canal Walkers",
        GroupKind.COMMUNITY,
        "Middlewich",
        "Walks on the Trent and Mersey and Shropshire Union canals, often with a litter pick on the way.",
    ),
    DemoGroup(
        "alsager-parents-together",
        "Alsager Parents Together",
        GroupKind.SCHOOL,
        "Alsager",
        "Parents and carers from Alsager's primary schools, raising money and running family activities.",
        Governance.PROVIDED,
    ),
    DemoGroup(
        "sandbach-heath-youth-fc",
        "Sandbach Heath Youth Football Club",
        GroupKind.COMMUNITY,
        "Sandbach Heath and East",
        "Grassroots football for boys and girls aged 5 to 16, run by volunteer coaches.",
    ),
    # Nantwich and rural south
    DemoGroup(
        "nantwich-riverside-strollers",
        "Nantwich Riverside Strollers",
        GroupKind.COMMUNITY,
        "Nantwich North and West",
        "Short, flat walks by the River Weaver for people getting back to activity after illness.",
    ),
    DemoGroup(
        "audlem-good-neighbours",
        "Audlem Good Neighbours",
        GroupKind.COMMUNITY,
        "Audlem",
        "Volunteers giving lifts, shopping help and company to older and isolated people around Audlem.",
        Governance.VERIFIED,
    ),
    DemoGroup(
        "wrenbury-lunch-club",
        "Wrenbury and District Lunch Club",
        GroupKind.CHARITY,
        "Wrenbury",
        "A weekly lunch with transport for older people in the villages between Wrenbury and Marbury.",
        charity_number="1102385",
    ),
    DemoGroup(
        "nantwich-talking-together",
        "Nantwich Talking Together",
        GroupKind.CIO,
        "Nantwich South and Stapeley",
        "Peer-led mental health support groups, including a men's group and a group for new parents.",
        charity_number="1195560",
    ),
    DemoGroup(
        "shavington-parish-council",
        "Shavington-cum-Gresty Parish Council",
        GroupKind.TOWN_COUNCIL,
        "Shavington",
        "The parish council for Shavington and Gresty, working with local groups on health and play.",
        Governance.VERIFIED,
    ),
    # Wilmslow, Alderley Edge and Handforth
    DemoGroup(
        "handforth-community-pantry",
        "Handforth Community Pantry",
        GroupKind.COMMUNITY,
        "Handforth",
        "A membership pantry where families pay a few pounds a week for a bag of groceries and fresh food.",
    ),
    DemoGroup(
        "lacey-green-project",
        "Lacey Green Neighbourhood Project",
        GroupKind.SOCIAL_ENTERPRISE,
        "Wilmslow Lacey Green",
        "A neighbourhood project for the Lacey Green estate: family activities, advice and a drop-in.",
        Governance.VERIFIED,
    ),
    DemoGroup(
        "wilmslow-stroke-survivors",
        "Wilmslow Stroke Survivors' Social",
        GroupKind.COMMUNITY,
        "Wilmslow West and Chorley",
        "Stroke survivors and their partners meeting monthly for exercise, speech practice and friendship.",
    ),
    DemoGroup(
        "alderley-edge-carers",
        "Alderley Edge Carers' Café",
        GroupKind.COMMUNITY,
        "Alderley Edge",
        "A monthly café where unpaid carers get a break, a listening ear and advice.",
    ),
    # Knutsford and rural north
    DemoGroup(
        "longridge-community-hub",
        "Longridge Community Hub",
        GroupKind.COMMUNITY,
        "Knutsford",
        "A hub on the Longridge estate with a community kitchen, youth sessions and advice surgeries.",
        Governance.NO_SAFEGUARDING,
    ),
    DemoGroup(
        "knutsford-heath-walkers",
        "Knutsford Heath Walking Group",
        GroupKind.COMMUNITY,
        "Knutsford",
        "Weekly walks on the Heath and Tatton, with a slower group for people new to walking.",
    ),
    DemoGroup(
        "mobberley-wellbeing",
        "Mobberley Village Hall Wellbeing Group",
        GroupKind.COMMUNITY,
        "Mobberley",
        "Tea dances, seated exercise and talks in the village hall for older people in Mobberley.",
    ),
    # Poynton, Disley and Bollington
    DemoGroup(
        "poynton-youth-centre",
        "Poynton Youth and Community Centre",
        GroupKind.CHARITY,
        "Poynton West and Adlington",
        "Youth clubs, mentoring and holiday activities for young people in Poynton and Adlington.",
        Governance.VERIFIED,
        charity_number="1098826",
    ),
    DemoGroup(
        "bollington-growers",
        "Bollington Growers",
        GroupKind.COMMUNITY,
        "Bollington",
        "A community growing project on the edge of the Recreation Ground, sharing its harvest.",
    ),
    DemoGroup(
        "disley-friendship-circle",
        "Disley Friendship Circle",
        GroupKind.COMMUNITY,
        "Disley",
        "A friendship group for older people in Disley and Newtown: lunches, outings and gentle exercise.",
    ),
]
