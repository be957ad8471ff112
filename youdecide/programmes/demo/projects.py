"""The demo's proposals: what the community groups ask the fund for, in their own words.

Each names the outcomes it aims at (slugs of the standard outcomes), its budget lines in whole pounds and
where its review has got to: most are eligible, some await review, a few were found not eligible (with
the reason the group reads), a few are drafts and two were withdrawn by their group.
"""

from __future__ import annotations

from dataclasses import dataclass

from youdecide.proposals.models import ProposalStatus

ELIGIBLE = ProposalStatus.ELIGIBLE
SUBMITTED = ProposalStatus.SUBMITTED
INELIGIBLE = ProposalStatus.INELIGIBLE
DRAFT = ProposalStatus.DRAFT
WITHDRAWN = ProposalStatus.WITHDRAWN

ACTIVITY = "more-physical-activity"
EATING = "healthier-eating"
OBESITY = "less-obesity"
SMOKING = "less-smoking"
DRINKING = "less-harmful-drinking"
WELLBEING = "better-wellbeing"
INEQUALITIES = "fewer-health-inequalities"
ENGAGEMENT = "community-engagement"
EMPOWERMENT = "community-empowerment"
CAPACITY = "community-capacity"
CONNECTEDNESS = "community-connectedness"


@dataclass(frozen=True)
class DemoProject:
    group: str
    title: str
    summary: str
    description: str
    outcomes: tuple[str, ...]
    lines: tuple[tuple[str, int], ...]
    location: str
    status: str = ELIGIBLE
    reason: str = ""

    @property
    def cost_pounds(self) -> int:
        return sum(amount for _item, amount in self.lines)


DEMO_PROJECTS: list[DemoProject] = [
    # --- Crewe -------------------------------------------------------------------------------------------
    DemoProject(
        "stbarnabas-kitchen",
        "Cook and Eat on West Street",
        "A ten-week course where families cook a cheap, healthy meal together, eat it together and take "
        "the recipe and ingredients home.",
        "Many families who come to our community meal tell us they would like to cook more from scratch but "
        "do not know where to start, or cannot risk wasting food they have paid for. Each week a sessional "
        "cook shows up to eight families how to make one meal for under £1.50 a head; we eat it together "
        "and everyone takes home a bag with the ingredients to make it again. Families who finish the "
        "course keep a slow cooker.",
        (EATING, OBESITY, INEQUALITIES),
        (
            ("Sessional cook, 10 weeks x 3 hours, two courses", 1800),
            ("Ingredients and take-home bags", 1500),
            ("Church hall and kitchen hire", 600),
            ("Slow cookers for families who finish the course", 900),
        ),
        "West Street church hall, Crewe",
    ),
    DemoProject(
        "stbarnabas-kitchen",
        "Holiday breakfast club for St Barnabas",
        "A free breakfast for children and their parents on Saturdays in the school holidays, with a "
        "cooking activity each week.",
        "In the holidays some children in the ward go without a proper breakfast. We would open the hall "
        "on Saturday mornings for twelve weeks of the school holidays, serve a healthy breakfast and run a "
        "simple cooking activity that children can repeat at home. Volunteers would take their food "
        "hygiene certificate first.",
        (EATING, INEQUALITIES),
        (
            ("Food for 12 Saturday breakfasts", 2200),
            ("Food hygiene level 2 training for 6 volunteers", 450),
            ("Toaster, urn and serving equipment", 650),
        ),
        "West Street church hall, Crewe",
        DRAFT,
    ),
    DemoProject(
        "mill-street-shed",
        "Shed Tuesdays: tools and talk for men on their own",
        "Open the shed a second day each week, with a volunteer host, so more men who live alone have "
        "somewhere to go, something to make and someone to talk to.",
        "Our Thursday sessions are full and the waiting list is growing, mostly men referred by GP social "
        "prescribers after a bereavement or retirement. A second weekly session needs another year's rent, "
        "more tools and a dust extractor so the workshop is safe with more people in it. Members make "
        "planters and benches for local schools and care homes.",
        (WELLBEING, CONNECTEDNESS),
        (
            ("Workshop rent for the second day, 12 months", 3600),
            ("Hand tools, bench vices and a dust extractor", 2150),
            ("Timber and materials", 900),
            ("Tea, coffee and biscuits", 350),
        ),
        "Mill Street workshops, Crewe",
    ),
    DemoProject(
        "mill-street-shed",
        "Woodwork in sheltered housing",
        "Take a portable workshop into two sheltered housing schemes once a month.",
        "Some residents of sheltered housing cannot get to the shed, so we planned to bring simple woodwork "
        "and repair sessions to them once a month.",
        (WELLBEING, CONNECTEDNESS),
        (
            ("Portable workbenches and tools", 1400),
            ("Materials", 600),
            ("Volunteer travel", 500),
        ),
        "Sheltered housing schemes in Crewe",
        WITHDRAWN,
    ),
    DemoProject(
        "railway-town-walkers",
        "Walk leader training and a year of led health walks",
        "Train twelve more volunteer walk leaders so we can run three short health walks a week in the "
        "parts of Crewe with the least green space.",
        "Our walks are popular in Queens Park but few people from Crewe Central and St Barnabas join us. "
        "With twelve more trained leaders we can start three new 30-minute walks from the town centre, "
        "the library and the Oakley Centre, for people who have been inactive or are recovering from "
        "illness. Every leader would be first aid trained.",
        (ACTIVITY, CAPACITY, INEQUALITIES),
        (
            ("Walk leader training for 12 volunteers", 1440),
            ("First aid courses", 720),
            ("Hi-vis vests, radios and first aid kits", 640),
            ("Printed route maps and publicity", 500),
        ),
        "Crewe town centre, Queens Park and the Valley Brook greenway",
    ),
    DemoProject(
        "railway-town-walkers",
        "Buggy walks for new parents",
        "A weekly pram-friendly walk in Queens Park for parents of babies, ending with a drink and a chat.",
        "New parents tell health visitors they feel isolated and unfit after the birth. A trained walk "
        "leader would lead a pram-friendly route every Wednesday, and six times in the year a health "
        "visitor would join us to talk about sleep, feeding and getting active again.",
        (ACTIVITY, WELLBEING),
        (
            ("Sessional walk leader, 50 weeks", 1300),
            ("Health visitor talks, 6 sessions", 480),
            ("Publicity at children's centres", 220),
        ),
        "Queens Park, Crewe",
        SUBMITTED,
    ),
    DemoProject(
        "crewe-central-boxing",
        "Box Clever: boxing and mentoring for 10 to 19 year olds",
        "Two free evening sessions a week of boxing training and mentoring for young people at risk of "
        "dropping out of school or getting into trouble.",
        "Boxing gets young people through the door who would not go near a youth club. Each session is an "
        "hour of training with qualified coaches, then time with a mentor and a healthy snack. Coaches talk "
        "openly about smoking, vaping and alcohol. Places are kept for young people referred by schools "
        "and the youth justice team.",
        (ACTIVITY, WELLBEING, INEQUALITIES),
        (
            ("Qualified coaches, 2 evenings a week for 40 weeks", 6400),
            ("Gloves, pads and head guards", 1450),
            ("Youth mentor training", 850),
            ("Healthy snacks after sessions", 600),
        ),
        "Crewe Central Boxing Academy, Mill Street",
    ),
    DemoProject(
        "gresty-allotments",
        "Grow your own plots for Crewe South families",
        "Turn six overgrown plots into accessible starter plots for families who have never grown food, "
        "with a gardening tutor to help them through their first year.",
        "Half the site's waiting list are families from the terraces around Gresty Road who have no garden. "
        "We would clear six plots, build raised beds with wide paths for pushchairs and wheelchairs, and "
        "run twenty Saturday sessions with a tutor on growing, harvesting and cooking what you grow.",
        (EATING, ACTIVITY, CONNECTEDNESS),
        (
            ("Raised beds and accessible paths", 3200),
            ("Tools, seeds and compost", 1100),
            ("Gardening tutor, 20 sessions", 1600),
            ("Water butts and a shared tool shed", 900),
        ),
        "Gresty Brook allotments, Crewe",
    ),
    DemoProject(
        "coppenhall-memory-cafe",
        "Coppenhall Memory Café",
        "Keep our fortnightly memory café going for another year and bring in people who cannot get there "
        "on their own.",
        "Thirty people living with dementia and their carers come to the café. It is often the only time "
        "carers get to talk to someone in the same position. The money pays for the hall, refreshments, "
        "music and reminiscence activities, and a taxi fund for members who no longer drive.",
        (WELLBEING, CONNECTEDNESS),
        (
            ("Hall hire, fortnightly for a year", 1040),
            ("Dementia Friends training for new volunteers", 300),
            ("Refreshments", 780),
            ("Reminiscence resources and live music", 880),
            ("Taxi fund for members who cannot get there", 1500),
        ),
        "St Michael's church hall, Coppenhall",
    ),
    DemoProject(
        "crewe-polish-community",
        "Stop smoking peer support in Polish and English",
        "Train six Polish-speaking peer supporters to help people quit, alongside the council's stop "
        "smoking service, in the places Polish families already go.",
        "Smoking rates among the Polish community in Crewe are high and few people use the stop smoking "
        "service, mainly because of language. We would train six volunteers as stop smoking peer "
        "supporters and run sessions with an interpreter and a specialist adviser at our Saturday school "
        "and at Polish shops and churches.",
        (SMOKING, INEQUALITIES),
        (
            ("Stop smoking peer supporter training for 6 volunteers", 1200),
            ("Adviser and interpreter-led sessions", 1800),
            ("Publicity in Polish shops and churches", 400),
            ("Carbon monoxide monitor", 350),
        ),
        "Crewe East and town centre",
    ),
    DemoProject(
        "crewe-polish-community",
        "Family sports Sundays",
        "Monthly sports afternoons for Polish and British families together: football, volleyball and "
        "games for small children.",
        "Our family events bring two hundred people together but are mostly sitting down. Monthly sports "
        "Sundays would get families moving and meeting their neighbours, with qualified coaches and kit "
        "for all ages.",
        (ACTIVITY, CONNECTEDNESS),
        (
            ("Qualified coaches, 12 afternoons", 1800),
            ("Sports kit", 700),
            ("Pitch and sports hall hire", 1000),
        ),
        "Queens Park playing fields, Crewe",
        SUBMITTED,
    ),
    DemoProject(
        "hungerford-road-residents",
        "Street play days on Hungerford Road",
        "Twelve summer play days with the road closed to traffic, play workers and active games for "
        "children who have nowhere safe to play out.",
        "There is no park within walking distance for most children on our streets. With a temporary road "
        "closure, trained play workers and equipment, the street becomes a playground for an afternoon. "
        "Parents bring chairs out, neighbours meet and children are active for hours.",
        (ACTIVITY, ENGAGEMENT, CONNECTEDNESS),
        (
            ("Play workers, 12 sessions", 2160),
            ("Play equipment", 900),
            ("Road closure notices and insurance", 500),
            ("Fruit and water", 300),
        ),
        "Hungerford Road, Crewe",
    ),
    DemoProject(
        "crewe-young-carers",
        "Time out for young carers",
        "Monthly trips and activity days for young carers, so they get a break, have fun and meet others "
        "in the same position.",
        "Young carers miss out on things other children take for granted. Once a month we would take up to "
        "twenty young carers climbing, swimming or to the outdoor centre, with a youth worker they can "
        "talk to. Transport is included so no one misses out because a parent cannot drive them.",
        (WELLBEING, INEQUALITIES),
        (
            ("Monthly activity trips", 3600),
            ("Youth worker hours", 2400),
            ("Minibus hire", 1800),
        ),
        "Crewe West and across Crewe",
    ),
    DemoProject(
        "mablins-lane-garden",
        "A polytunnel for year-round growing",
        "A polytunnel and a horticultural therapist so the garden can run all year, including for people "
        "referred by their GP for low mood.",
        "The garden closes in winter just when people need it most. A polytunnel means sessions all year, "
        "and a horticultural therapist would lead a weekly group for people referred by social prescribers.",
        (EATING, WELLBEING),
        (
            ("Polytunnel, base and staging", 2400),
            ("Tools and accessible kneelers", 600),
            ("Horticultural therapist, 25 sessions", 2000),
        ),
        "Mablins Lane, Leighton",
        SUBMITTED,
    ),
    DemoProject(
        "wistaston-friendship-club",
        "Chair-based exercise and a chat",
        "A weekly chair-based exercise class with a qualified instructor, followed by tea and a chat.",
        "Several members have had falls. A qualified instructor would run 45 weekly sessions of chair-based "
        "strength and balance exercise, which the NHS recommends to prevent falls, and we would stay on "
        "for tea afterwards.",
        (ACTIVITY, CONNECTEDNESS),
        (
            ("Qualified instructor, 45 sessions", 1575),
            ("Hall hire", 900),
            ("Resistance bands and soft balls", 300),
            ("Refreshments", 225),
        ),
        "Wistaston Memorial Hall",
    ),
    DemoProject(
        "crewe-recovery-cafe",
        "Friday nights without a drink",
        "Open the recovery café on Friday evenings, the hardest night of the week, with a shared meal, "
        "music and peer mentors.",
        "Friday night is when many people in recovery relapse: it is the night they used to drink. An "
        "alcohol-free Friday evening with a cooked meal, a quiz or live music and trained peer mentors "
        "gives them somewhere to be. Anyone worried about their drinking is welcome.",
        (DRINKING, WELLBEING),
        (
            ("Venue, Friday evenings for a year", 2600),
            ("Food for a shared meal", 2400),
            ("Peer mentor training", 1200),
            ("Quiz and music nights", 400),
        ),
        "Crewe Recovery Café, Victoria Street",
    ),
    DemoProject(
        "crewe-recovery-cafe",
        "A minibus for the recovery café",
        "Lease a minibus to bring people to the café and to mutual aid meetings.",
        "Many of our members cannot get to us in the evening. A leased minibus would collect them.",
        (DRINKING, INEQUALITIES),
        (
            ("Minibus lease deposit and first year's payments", 8200),
            ("Insurance", 1300),
        ),
        "Crewe",
        INELIGIBLE,
        "The programme does not pay for vehicle leases or other contracts that run beyond the year of the "
        "project. Hiring transport for the sessions themselves would be eligible: you could revise the "
        "proposal to do that and submit it again.",
    ),
    # --- Macclesfield ------------------------------------------------------------------------------------
    DemoProject(
        "hurdsfield-community-centre",
        "Hurdsfield healthy lunches and cookery school",
        "Turn the centre's weekly lunch into a cookery school: residents learn to cook the meal, then "
        "everyone eats it together.",
        "Our lunches feed forty people but most are cooked by two volunteers. A cookery tutor would teach "
        "a different group of residents each term to cook healthy, low-cost meals, and they would cook "
        "the Friday lunch. New kitchen equipment lets more people cook at once.",
        (EATING, OBESITY),
        (
            ("Cookery tutor, 3 terms", 2400),
            ("Ingredients", 1800),
            ("Kitchen equipment", 1300),
        ),
        "Hurdsfield Community Centre, Macclesfield",
    ),
    DemoProject(
        "hurdsfield-community-centre",
        "Hurdsfield stop smoking drop-in",
        "A weekly stop smoking drop-in at the community centre with a trained adviser, so people do not "
        "have to travel into town.",
        "Smoking is far more common on the estate than across Cheshire East. A trained adviser at the "
        "centre every Monday, where people already come, would make quitting easier to start.",
        (SMOKING, INEQUALITIES),
        (
            ("Trained stop smoking adviser, 40 sessions", 1800),
            ("Publicity", 300),
            ("Room hire", 600),
        ),
        "Hurdsfield Community Centre, Macclesfield",
        SUBMITTED,
    ),
    DemoProject(
        "moss-rose-growers",
        "Moss community orchard and growing plots",
        "Plant a community orchard and twelve growing plots on the Moss estate, with a part-time "
        "volunteer coordinator.",
        "The land behind the shops has been empty for years. With the housing association's agreement we "
        "would plant thirty fruit trees, build twelve raised plots and pay a coordinator to run weekly "
        "sessions so residents, schools and the youth club can grow and share food.",
        (EATING, ACTIVITY, CONNECTEDNESS),
        (
            ("Fruit trees and guards", 1200),
            ("Raised beds", 1800),
            ("Tools and a storage shed", 1500),
            ("Volunteer coordinator, 10 hours a month", 2000),
        ),
        "The Moss estate, Macclesfield",
    ),
    DemoProject(
        "silk-town-shed",
        "Silk Town Men's Shed: equipping the new workshop",
        "Benches, tools and safety equipment for the shed's new home in a former mill workshop.",
        "We have outgrown a garage. The new workshop has space for twenty members at a time, but it needs "
        "benches, a lathe, safety equipment and a first stock of materials before we can open it.",
        (WELLBEING, CONNECTEDNESS),
        (
            ("Workbenches and a lathe", 3000),
            ("Safety equipment and first aid", 600),
            ("Timber and materials", 900),
        ),
        "Former mill workshop, Macclesfield town centre",
    ),
    DemoProject(
        "weston-youth-project",
        "Weston youth boxing and fitness nights",
        "Two nights a week of boxing and fitness training for 11 to 18 year olds on the Weston estate.",
        "Young people asked for boxing. Two coached sessions a week, with a youth worker present and a "
        "healthy snack afterwards, would give them something to do, a way to get fit and adults they "
        "trust.",
        (ACTIVITY, INEQUALITIES),
        (
            ("Boxing coach, 2 nights a week", 4200),
            ("Bags, gloves and mats", 1800),
            ("Healthy snacks", 500),
        ),
        "Weston Community Centre, Macclesfield",
    ),
    DemoProject(
        "weston-youth-project",
        "Summer holiday food and fun",
        "Four weeks of free summer holiday activities with a hot lunch for children on the Weston estate.",
        "Holidays mean hunger and boredom for some of our children. Four weeks of daily activities, "
        "sport and trips with a cooked lunch each day, open to any child on the estate.",
        (EATING, ACTIVITY),
        (
            ("Cooked lunches, 20 days", 2800),
            ("Activity leaders", 2400),
            ("Trips and transport", 1800),
        ),
        "Weston Community Centre, Macclesfield",
    ),
    DemoProject(
        "macclesfield-mind-matters",
        "Mental health peer support groups",
        "Train new peer facilitators and run three weekly peer support groups, including one in the "
        "evening for people in work.",
        "People waiting for talking therapies tell us the wait is the hardest part. Our peer groups are "
        "run by people who have been there. Funding trains eight new facilitators, pays for rooms and for "
        "clinical supervision so facilitators are supported too.",
        (WELLBEING, CAPACITY),
        (
            ("Peer facilitator training for 8 volunteers", 1800),
            ("Room hire, 3 groups a week", 1200),
            ("Clinical supervision for facilitators", 1500),
            ("Publicity through GPs and pharmacies", 500),
        ),
        "Macclesfield town centre",
    ),
    DemoProject(
        "macclesfield-mind-matters",
        "Mindful Macclesfield app",
        "Commission a mindfulness app with local content for Macclesfield.",
        "An app would let people practise mindfulness at home with recordings made in Macclesfield.",
        (WELLBEING,),
        (
            ("App design and development", 8400),
            ("Recording local content", 1400),
        ),
        "Online",
        INELIGIBLE,
        "Most of the cost is software development, with no activity for residents. The fund pays for "
        "community activity in Cheshire East; a proposal that used an existing free app within "
        "face-to-face groups would be eligible.",
    ),
    DemoProject(
        "victoria-park-residents",
        "Victoria Park walking and talking group",
        "Train two residents as walk leaders and start a weekly walk from the flats to South Park.",
        "Many tenants rarely leave the flats. A weekly walk led by neighbours would get people out, moving "
        "and talking, and finish with a cuppa in the community room.",
        (ACTIVITY, CONNECTEDNESS),
        (
            ("Walk leader training for 2 residents", 480),
            ("Publicity", 200),
            ("Refreshments for a year", 520),
        ),
        "Victoria Park flats to South Park, Macclesfield",
        SUBMITTED,
    ),
    DemoProject(
        "broken-cross-lunch-club",
        "Lunch club and chair yoga",
        "Add a chair yoga session after our Wednesday lunch and open the club to twenty more older people.",
        "Our lunch club is full and has a waiting list. Moving to the larger hall lets twenty more people "
        "join, and a chair yoga teacher after lunch helps members stay strong and supple.",
        (ACTIVITY, EATING, CONNECTEDNESS),
        (
            ("Cook, 48 Wednesdays", 1500),
            ("Food", 1400),
            ("Chair yoga teacher", 900),
        ),
        "Broken Cross Methodist Church, Macclesfield",
    ),
    # --- Congleton and Holmes Chapel ---------------------------------------------------------------------
    DemoProject(
        "dane-valley-walkers",
        "Nordic walking in the Dane Valley",
        "Nordic walking courses for beginners, with poles to borrow, on routes along the River Dane.",
        "Nordic walking works the whole body and suits people with bad knees or backs. A qualified "
        "instructor would run six-week beginner courses through the year, with thirty pairs of poles to "
        "lend, so cost is no barrier.",
        (ACTIVITY,),
        (
            ("Qualified Nordic walking instructor", 1600),
            ("30 pairs of poles", 1050),
            ("Publicity", 250),
        ),
        "Congleton Park and the River Dane",
    ),
    DemoProject(
        "dane-valley-walkers",
        "Bowls for beginners in Congleton Park",
        "Free taster sessions of bowls with coaching for people who have never played.",
        "The bowling green in the park is underused in the mornings.",
        (ACTIVITY, CONNECTEDNESS),
        (
            ("Coaching, 10 sessions", 800),
            ("Sets of bowls to lend", 700),
        ),
        "Congleton Park",
        DRAFT,
    ),
    DemoProject(
        "bromley-farm-community",
        "Bromley Farm Friday youth club",
        "A Friday night youth club for 11 to 16 year olds with sport, cooking and a safe place to be.",
        "Friday nights on the estate are when trouble starts. Young people helped design a club with "
        "football, cooking, music and two qualified youth workers who can talk about the things worrying "
        "them.",
        (WELLBEING, INEQUALITIES, ENGAGEMENT),
        (
            ("Two youth workers, 40 Fridays", 4800),
            ("Activities and equipment", 1200),
            ("Healthy food", 900),
        ),
        "Bromley Farm community room, Congleton",
    ),
    DemoProject(
        "bromley-farm-community",
        "Bromley Farm community fridge",
        "A community fridge stocked with surplus food from local shops, free to anyone.",
        "Supermarkets throw away good food every day. A community fridge in the community room, checked "
        "daily by trained volunteers, would share it with families who need it and cut waste.",
        (EATING, INEQUALITIES),
        (
            ("Commercial fridge and freezer", 1200),
            ("Food hygiene training", 300),
            ("Volunteer expenses", 500),
        ),
        "Bromley Farm community room, Congleton",
        SUBMITTED,
    ),
    DemoProject(
        "holmes-chapel-cook-together",
        "Cook Together: family cooking on a budget",
        "Six-week family cooking courses using low-cost, seasonal food, with a recipe book made by the "
        "families themselves.",
        "Parents and children cook together each week, learn about food labels and portion sizes, and "
        "take home what they cook. At the end the families' favourite recipes go into a booklet we give "
        "out at the food bank.",
        (EATING, OBESITY),
        (
            ("Cookery tutor, 3 courses", 1500),
            ("Ingredients", 1200),
            ("Recipe booklet printing", 400),
            ("Kitchen hire", 500),
        ),
        "Holmes Chapel Community Centre",
    ),
    DemoProject(
        "congleton-boxing-fitness",
        "Knockout: boxing fitness for people stopping smoking",
        "A twelve-week boxing fitness programme for adults who want to stop smoking, run alongside the "
        "stop smoking service.",
        "Exercise helps with cravings. Adults signed up with the stop smoking service get twelve weeks of "
        "free boxing fitness classes, a buddy from the group and a carbon monoxide check each month to "
        "see their progress.",
        (SMOKING, ACTIVITY),
        (
            ("Coach, 3 twelve-week courses", 3600),
            ("Equipment", 900),
            ("Carbon monoxide monitor and mouthpieces", 400),
            ("Publicity with the stop smoking service", 300),
        ),
        "Congleton Boxing and Fitness, Congleton",
    ),
    DemoProject(
        "rode-heath-carers",
        "Carers' respite mornings",
        "Monthly mornings off for unpaid carers, with a sitter for the person they care for and a "
        "treatment, a walk or a chat for the carer.",
        "Carers in the villages rarely get time for themselves. While trained sitters look after their "
        "loved ones at the village hall, carers can have a massage, join a gentle walk or just talk.",
        (WELLBEING,),
        (
            ("Trained sitters, 12 mornings", 1200),
            ("Therapists and walk leader", 800),
            ("Village hall hire", 400),
        ),
        "Rode Heath Village Hall",
    ),
    # --- Sandbach, Middlewich and Alsager ----------------------------------------------------------------
    DemoProject(
        "middlewich-food-club",
        "Food club cookery workshops",
        "Monthly cookery workshops for food club members, with recipe bags so they can cook the dish at "
        "home that week.",
        "Members get good food at low cost but often not the confidence to cook it. A monthly workshop, "
        "then a recipe bag with everything needed, helps them make the most of it and eat better.",
        (EATING, INEQUALITIES),
        (
            ("Cookery tutor, 12 workshops", 1800),
            ("Recipe bags", 1600),
            ("Kitchen equipment", 800),
        ),
        "Middlewich Community Church",
    ),
    DemoProject(
        "middlewich-canal-walkers",
        "Canal health walks with a litter pick",
        "Weekly health walks along the canals with litter picking, for people who want to get active and "
        "do some good.",
        "We would train six walk leaders and buy litter picking kit so that anyone can join a weekly walk "
        "and leave the towpath cleaner than they found it.",
        (ACTIVITY, CONNECTEDNESS),
        (
            ("Walk leader training for 6 volunteers", 720),
            ("Litter pickers, bags and gloves", 480),
            ("Hi-vis and first aid kits", 400),
            ("Publicity", 500),
        ),
        "Trent and Mersey canal, Middlewich",
    ),
    DemoProject(
        "middlewich-canal-walkers",
        "Paddleboard taster days",
        "Free paddleboarding taster days on the canal for teenagers.",
        "Paddleboarding would get teenagers active on the water in the summer holidays.",
        (ACTIVITY,),
        (
            ("Instructors, 6 days", 1500),
            ("Board hire", 900),
        ),
        "Shropshire Union canal, Middlewich",
        WITHDRAWN,
    ),
    DemoProject(
        "wheelock-heath-gardeners",
        "A sensory garden for people living with dementia",
        "Create a sensory garden by the community centre, designed with people living with dementia, and "
        "run weekly gardening sessions in it.",
        "Gardening calms and connects people with dementia. The garden would have raised beds at wheelchair "
        "height, scented plants, a safe looped path and seating; a weekly session would be run with the "
        "memory café.",
        (WELLBEING, ACTIVITY, CONNECTEDNESS),
        (
            ("Raised beds and a looped path", 3000),
            ("Plants and scented shrubs", 1200),
            ("Benches", 1000),
            ("Gardening sessions leader", 800),
        ),
        "Wheelock community centre, Sandbach",
    ),
    DemoProject(
        "alsager-parents-together",
        "Active after school",
        "Free after-school sport and dance clubs for children on free school meals at three primary schools.",
        "Children from low-income families are least likely to join paid clubs. Free weekly clubs run by "
        "qualified coaches, with a healthy snack, would give them the same chance to be active as their "
        "classmates.",
        (ACTIVITY, OBESITY, INEQUALITIES),
        (
            ("Qualified coaches, 3 schools x 36 weeks", 5400),
            ("Equipment", 1300),
            ("Healthy snacks", 800),
        ),
        "Three primary schools in Alsager",
    ),
    DemoProject(
        "alsager-parents-together",
        "Healthy tuck shop fit-out",
        "Fit out a healthy tuck shop in the school hall.",
        "A tuck shop selling fruit and healthy snacks would replace crisps and sweets at break time.",
        (EATING, OBESITY),
        (
            ("Counter, fridge and display", 4800),
            ("Opening stock", 1400),
        ),
        "Alsager",
        INELIGIBLE,
        "The fund cannot pay for what a school's own budget should cover: the tuck shop is part of the "
        "school's premises and day. Activities for families outside school hours would be eligible.",
    ),
    DemoProject(
        "sandbach-heath-youth-fc",
        "Girls' football for Sandbach Heath",
        "Start two girls' teams, under-10 and under-14, with trained female coaches and free kit.",
        "Girls drop out of sport at secondary school. Two new teams, coached by women we would train, with "
        "kit provided so cost is no barrier, would keep them playing.",
        (ACTIVITY, ENGAGEMENT),
        (
            ("Coaching qualifications for 4 volunteers", 1600),
            ("Kits and balls", 1400),
            ("Pitch hire", 1200),
            ("League fees", 600),
        ),
        "Sandbach Heath playing fields",
        SUBMITTED,
    ),
    # --- Nantwich and rural south ------------------------------------------------------------------------
    DemoProject(
        "nantwich-riverside-strollers",
        "Walks for people with long-term conditions",
        "Short, flat, led walks by the river for people with heart or lung conditions, diabetes or after "
        "cancer treatment.",
        "Patients are told to be more active but are afraid of overdoing it. Our walks are short, flat and "
        "led by people trained in walking with long-term conditions. The money trains leaders and pays for "
        "publicity through GP surgeries.",
        (ACTIVITY, WELLBEING),
        (
            ("Walk leader training with long-term conditions module", 1400),
            ("First aid training", 500),
            ("Publicity through GP surgeries", 400),
            ("Equipment and first aid kits", 300),
        ),
        "Riverside, Nantwich",
    ),
    DemoProject(
        "nantwich-riverside-strollers",
        "Dementia-friendly walks along the Weaver",
        "Monthly dementia-friendly walks with a café stop.",
        "We are still planning this with the memory café.",
        (ACTIVITY, WELLBEING),
        (
            ("Dementia Friends training", 300),
            ("Café stop refreshments", 600),
            ("Publicity", 500),
        ),
        "Riverside, Nantwich",
        DRAFT,
    ),
    DemoProject(
        "audlem-good-neighbours",
        "Lifts and lunch for isolated older people",
        "Volunteer driver lifts to a weekly lunch and activity for older people in Audlem and the "
        "surrounding villages.",
        "There is no bus on most of our lanes. Volunteer drivers would bring people to a weekly lunch and "
        "gentle exercise session, and home again. We pay drivers' mileage and the lunch.",
        (WELLBEING, CONNECTEDNESS, INEQUALITIES),
        (
            ("Volunteer drivers' mileage", 1900),
            ("Lunches", 1700),
            ("Gentle exercise instructor", 800),
        ),
        "Audlem Public Hall and villages around",
    ),
    DemoProject(
        "wrenbury-lunch-club",
        "Rural lunch club with transport",
        "Open a second weekly lunch club in Marbury, with a minibus hired to bring members from outlying "
        "farms and hamlets.",
        "Our Wrenbury lunch club is full. A second club in Marbury, with hired transport, would reach "
        "older people who live miles from anyone and may see no one else all week.",
        (WELLBEING, CONNECTEDNESS, EATING),
        (
            ("Minibus hire with driver, 48 weeks", 2900),
            ("Cook", 1500),
            ("Food", 1000),
            ("Hall hire", 400),
        ),
        "Marbury village hall",
    ),
    DemoProject(
        "nantwich-talking-together",
        "Men's mental health peer group",
        "A weekly peer support group for men, meeting at the rugby club, led by trained volunteers.",
        "Men are least likely to ask for help. A group that meets at the rugby club, led by men who have "
        "been through it, makes talking easier. Funding covers training, supervision and room hire.",
        (WELLBEING, INEQUALITIES),
        (
            ("Peer facilitator training", 1500),
            ("Clinical supervision", 1200),
            ("Room hire", 800),
            ("Publicity", 400),
        ),
        "Nantwich rugby club",
    ),
    DemoProject(
        "nantwich-talking-together",
        "Walk and talk for new mums",
        "A weekly walk and talk group for mothers with low mood after the birth of a baby.",
        "Postnatal depression is common and often hidden. A weekly walk with a trained peer supporter, "
        "ending in a café, gives mums a gentle way to talk and get out of the house.",
        (WELLBEING, ACTIVITY),
        (
            ("Peer supporter training", 900),
            ("Café refreshments", 500),
            ("Publicity with health visitors", 400),
        ),
        "Nantwich town centre",
        SUBMITTED,
    ),
    DemoProject(
        "shavington-parish-council",
        "Outdoor gym on Shavington playing fields",
        "Five pieces of outdoor gym equipment on the playing fields, with free introductory sessions "
        "for adults.",
        "Shavington has no gym. Outdoor equipment is free to use at any time; a trainer would run "
        "introductory sessions so people use it safely. The parish council will maintain it.",
        (ACTIVITY, OBESITY),
        (
            ("Outdoor gym equipment, 5 pieces", 7200),
            ("Safety surfacing", 1900),
            ("Introductory sessions with a trainer", 600),
        ),
        "Shavington playing fields",
    ),
    # --- Wilmslow, Alderley Edge and Handforth -----------------------------------------------------------
    DemoProject(
        "handforth-community-pantry",
        "Pantry cook-and-eat nights",
        "Monthly cook-and-eat evenings for pantry members using what is in that week's pantry bag.",
        "Members sometimes do not know what to do with what is in the bag. A monthly evening cooking it "
        "together, with a tutor, builds skills and friendships.",
        (EATING, CONNECTEDNESS),
        (
            ("Cookery tutor, 12 evenings", 1800),
            ("Ingredients", 1400),
            ("Kitchen hire", 900),
            ("Recipe cards", 500),
        ),
        "Handforth Community Pantry",
    ),
    DemoProject(
        "lacey-green-project",
        "Lacey Green get active",
        "Family fitness sessions and swimming lessons for families on the Lacey Green estate.",
        "Families here are priced out of the leisure centre. Weekly family fitness in the community hall "
        "and block-booked swimming lessons for children who cannot swim get whole families moving.",
        (ACTIVITY, OBESITY, INEQUALITIES),
        (
            ("Family fitness instructor", 2400),
            ("Swimming lessons, block booked", 3200),
            ("Equipment", 700),
            ("Publicity", 500),
        ),
        "Lacey Green community hall and Wilmslow Leisure Centre",
    ),
    DemoProject(
        "lacey-green-project",
        "Smoke-free homes",
        "Support for parents who want to make their homes and cars smoke-free, with rewards for families "
        "who stick with it.",
        "Children breathing smoke at home are more likely to have asthma. We would visit families, help "
        "them plan a smoke-free home and link them to the stop smoking service.",
        (SMOKING,),
        (
            ("Trained family worker hours", 1800),
            ("Rewards and materials", 400),
            ("Publicity", 300),
        ),
        "Lacey Green estate, Wilmslow",
        SUBMITTED,
    ),
    DemoProject(
        "wilmslow-stroke-survivors",
        "Exercise and conversation after a stroke",
        "Fortnightly seated exercise and speech practice groups for stroke survivors, with their partners "
        "welcome.",
        "After rehab ends, many stroke survivors lose the progress they made. An exercise specialist and a "
        "speech practice volunteer keep them moving and talking.",
        (ACTIVITY, WELLBEING),
        (
            ("Exercise specialist, 26 sessions", 1800),
            ("Speech practice volunteer training", 600),
            ("Hall hire", 500),
            ("Transport help", 300),
        ),
        "Wilmslow",
    ),
    DemoProject(
        "alderley-edge-carers",
        "Carers' café",
        "Keep our monthly carers' café going and add an advice session with the carers' hub.",
        "Unpaid carers come for a break and leave with advice and friends.",
        (WELLBEING, CONNECTEDNESS),
        (
            ("Hall hire", 600),
            ("Refreshments", 500),
            ("Advice sessions", 800),
        ),
        "Alderley Edge",
    ),
    # --- Knutsford and rural north -----------------------------------------------------------------------
    DemoProject(
        "longridge-community-hub",
        "Longridge community kitchen",
        "Cook-and-eat sessions twice a week at the hub, with take-home portions for families.",
        "Longridge is the most deprived part of Knutsford. Twice-weekly sessions teach residents to cook "
        "healthy, filling meals on a budget, and families take home portions for the next day.",
        (EATING, OBESITY, INEQUALITIES),
        (
            ("Sessional cook", 2600),
            ("Ingredients", 2100),
            ("Kitchen equipment", 800),
            ("Food containers", 400),
        ),
        "Longridge, Knutsford",
    ),
    DemoProject(
        "longridge-community-hub",
        "Longridge youth boxing",
        "Weekly boxing sessions for young people on the Longridge estate.",
        "Young people have asked for boxing at the hub.",
        (ACTIVITY, WELLBEING),
        (
            ("Coach, 40 sessions", 2800),
            ("Equipment", 1200),
            ("Snacks", 500),
        ),
        "Longridge, Knutsford",
        INELIGIBLE,
        "Before the council can fund work with children and young people, the group needs a safeguarding "
        "policy and public liability insurance; both are missing from its governance checklist. Once they "
        "are in place you can submit the proposal again.",
    ),
    DemoProject(
        "knutsford-heath-walkers",
        "Heath walks for health",
        "A slower weekly walk on the Heath for people new to walking or recovering from illness.",
        "Our regular walks are too fast for some. A slower, shorter walk with two trained leaders would "
        "welcome people referred by their GP or who have not walked far for years.",
        (ACTIVITY,),
        (
            ("Walk leader training", 720),
            ("First aid kits and hi-vis", 380),
            ("Publicity", 500),
        ),
        "Knutsford Heath",
    ),
    DemoProject(
        "knutsford-heath-walkers",
        "Couch to 5k in Tatton",
        "A nine-week beginners' running course in Tatton Park.",
        "Still working out the details with the park.",
        (ACTIVITY,),
        (
            ("Run leader training", 600),
            ("Publicity", 300),
        ),
        "Tatton Park",
        DRAFT,
    ),
    DemoProject(
        "mobberley-wellbeing",
        "Tea dances and seated exercise",
        "Monthly tea dances and weekly seated exercise in the village hall for older people.",
        "Dancing and seated exercise keep older people strong and steady and give them a reason to get "
        "together. We would pay for a teacher, music and the hall.",
        (ACTIVITY, CONNECTEDNESS),
        (
            ("Dance teacher and music, 12 tea dances", 1100),
            ("Seated exercise instructor", 800),
            ("Village hall hire", 400),
        ),
        "Mobberley Village Hall",
    ),
    # --- Poynton, Disley and Bollington ------------------------------------------------------------------
    DemoProject(
        "poynton-youth-centre",
        "Youth mental health mentors",
        "Train volunteer mentors and a part-time youth worker to support young people with anxiety and "
        "low mood.",
        "Waiting lists for young people's mental health services are long. Trained mentors meeting young "
        "people weekly at the centre, supervised by a youth worker, can help them cope while they wait "
        "and often stop things getting worse.",
        (WELLBEING, CAPACITY),
        (
            ("Part-time youth worker", 4800),
            ("Mentor training for 10 volunteers", 1600),
            ("Clinical supervision", 800),
        ),
        "Poynton Youth and Community Centre",
    ),
    DemoProject(
        "poynton-youth-centre",
        "Vape-free youth campaign",
        "Young people design and run a campaign about vaping in Poynton's secondary school and clubs.",
        "Vaping has become common among young teenagers. Young people would make their own campaign, with "
        "facts from the public health team, and take it to school, clubs and parents.",
        (SMOKING, ENGAGEMENT, EMPOWERMENT),
        (
            ("Youth worker sessions", 900),
            ("Campaign materials and printing", 700),
        ),
        "Poynton",
        SUBMITTED,
    ),
    DemoProject(
        "bollington-growers",
        "Growing and cooking for health",
        "Weekly growing sessions and a monthly harvest meal cooked from the plot.",
        "Volunteers grow fruit and vegetables and learn to cook them; a monthly harvest meal brings the "
        "town together around food grown a few yards away.",
        (EATING, ACTIVITY, CONNECTEDNESS),
        (
            ("Gardening tutor", 1400),
            ("Seeds, plants and tools", 900),
            ("Harvest meals", 700),
            ("Water supply to the plot", 400),
        ),
        "Bollington Recreation Ground",
    ),
    DemoProject(
        "disley-friendship-circle",
        "Friendship lunches and gentle exercise",
        "Fortnightly lunches with a gentle exercise session for older people in Disley and Newtown.",
        "Loneliness is as bad for health as smoking. Fortnightly lunches, a gentle exercise session and "
        "lifts for people who cannot walk to the hall bring isolated older people together.",
        (WELLBEING, CONNECTEDNESS, ACTIVITY),
        (
            ("Lunches", 1300),
            ("Exercise instructor", 700),
            ("Hall hire", 500),
            ("Lifts for members", 300),
        ),
        "Disley Community Centre",
    ),
]
