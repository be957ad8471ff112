"""The demo's sign-in accounts, one per role, all with one published password, and the groups' leads."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from youdecide.accounts.models import Role, User
from youdecide.areas.services import assign_councillor_wards

DEMO_PASSWORD = "youdecide-demo"  # noqa: S105 - printed for people trying the demo; demo data only


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    role: str
    is_staff: bool = False
    is_superuser: bool = False


OFFICER = DemoAccount("officer@youdecide.example", "Priya Shah", Role.OFFICER)
DESK_OFFICER = DemoAccount("desk@youdecide.example", "Aled Hughes", Role.OFFICER)
ADMINISTRATOR = DemoAccount(
    "admin@youdecide.example", "Mark Leather", Role.ADMINISTRATOR, is_staff=True, is_superuser=True
)
COMMISSIONER = DemoAccount("commissioner@youdecide.example", "Helen Boote", Role.COMMISSIONER)
COUNCILLOR = DemoAccount("councillor@youdecide.example", "Cllr Gareth Jones", Role.COUNCILLOR)
GROUP_LEAD = DemoAccount("group@youdecide.example", "Bernadette Walsh", Role.GROUP_MEMBER)
RESIDENT = DemoAccount("resident@youdecide.example", "Jordan Price", Role.RESIDENT)

COUNCILLOR_WARDS = ["Crewe Central", "Crewe St Barnabas"]  # the demo councillor's wards

DEMO_ACCOUNTS = [OFFICER, DESK_OFFICER, ADMINISTRATOR, COMMISSIONER, COUNCILLOR, GROUP_LEAD, RESIDENT]

_FIRST_NAMES = [
    "Alison", "Andrew", "Anita", "Barry", "Beverley", "Carl", "Claire", "Colin", "Dawn", "Dean", "Debbie",
    "Gary", "Gemma", "Graham", "Hannah", "Ian", "Jackie", "Jason", "Joanne", "Karen", "Kevin", "Leanne",
    "Lee", "Lisa", "Lynne", "Marek", "Martin", "Michelle", "Nicola", "Paul", "Rachel", "Robert", "Sandra",
    "Sharon", "Simon", "Stuart", "Tracey", "Wayne", "Yvonne", "Zofia",
]  # fmt: skip
_LAST_NAMES = [
    "Bailey", "Bennett", "Booth", "Bradshaw", "Brookes", "Clarke", "Cooper", "Davies", "Dean", "Evans",
    "Hall", "Harding", "Hewitt", "Holland", "Hughes", "Kowalski", "Lea", "Lowe", "Mason", "Moss", "Nowak",
    "Owen", "Pickering", "Platt", "Roberts", "Shaw", "Slater", "Tomlinson", "Twigg", "Walker", "Whitehurst",
    "Wood", "Wright",
]  # fmt: skip


def ensure_demo_accounts() -> dict[str, User]:
    """Create the demo accounts that are missing; existing ones are left exactly as they are."""
    accounts: dict[str, User] = {}
    password_hash: str | None = None
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            password_hash = password_hash or make_password(DEMO_PASSWORD)
            user = User.objects.create(
                username=account.username,
                email=account.username,
                display_name=account.display_name,
                role=account.role,
                is_staff=account.is_staff,
                is_superuser=account.is_superuser,
                password=password_hash,
            )
        accounts[account.username] = user
    assign_councillor_wards(accounts[COUNCILLOR.username], COUNCILLOR_WARDS)
    return accounts


def lead_people(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """``count`` different (display name, email) pairs for the groups' lead contacts."""
    people: list[tuple[str, str]] = []
    seen: set[str] = set()
    while len(people) < count:
        first, last = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
        email = f"{first}.{last}@community.youdecide.example".lower()
        if email not in seen:
            seen.add(email)
            people.append((f"{first} {last}", email))
    return people


def lead_account(name: str, email: str) -> User:
    """A group lead's account: it cannot sign in until its owner sets a password by reset."""
    user = User.objects.filter(username=email).first()
    if user is None:
        user = User(username=email, email=email, display_name=name, role=Role.RESIDENT)
        user.set_unusable_password()
        user.save()
    return user
