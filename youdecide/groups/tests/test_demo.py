"""The community demo: sessions held and to come with bookings and attendance, thirty assets across six
wards, three suggestions awaiting a check; running it twice adds nothing."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from conftest import Setting
from tests import factories
from youdecide.areas.models import AreaKind
from youdecide.groups.demo import seed_community
from youdecide.groups.models import Asset, AssetStatus, SessionBooking, SupportSession
from youdecide.groups.selectors import asset_directory, capacity_trail


def square(lon: float, lat: float) -> dict[str, object]:
    ring = [[lon, lat], [lon + 0.02, lat], [lon + 0.02, lat + 0.02], [lon, lat + 0.02], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def test_seed_community_twice(setting: Setting) -> None:
    for n in range(7):
        factories.AreaFactory.create(
            name=f"Ward {n}", kind=AreaKind.WARD, boundary=square(-2.5 + n / 50, 53.1)
        )
    for _ in range(4):
        factories.member(factories.CommunityGroupFactory.create(), role="lead")
    now = timezone.now()
    first = seed_community(setting.officer, now)
    again = seed_community(setting.officer, now + timedelta(minutes=5))
    assert (first.sessions_created, first.assets_created, first.suggestions_awaiting) == (10, 30, 3)
    assert (again.sessions_created, again.assets_created, again.assets_existing) == (0, 0, 33)
    assert SupportSession.objects.count() == 10
    assert SupportSession.objects.filter(starts_at__gt=now).count() == 4
    assert (
        SessionBooking.objects.filter(session__starts_at__lt=now, attended=True).count() == first.attended > 0
    )
    assert not SessionBooking.objects.filter(session__starts_at__gt=now, attended__isnull=False).exists()
    assert Asset.objects.filter(status=AssetStatus.APPROVED).count() == 30
    assert len(asset_directory()) == 30
    assert sum(row.sessions_attended for row in capacity_trail()) == first.attended
