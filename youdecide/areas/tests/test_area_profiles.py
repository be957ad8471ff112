"""Ward profiles from the real Cheshire East files: domain scores and life expectancy, all or nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from youdecide.areas.models import Area, AreaKind
from youdecide.areas.services import import_area_profiles, import_wards
from youdecide.areas.ward_files import PACKAGED_DATA_DIR, AreaDataError


@pytest.mark.django_db
def test_profiles_of_the_cheshire_east_wards() -> None:
    import_wards()
    updated = import_area_profiles("officer")
    assert updated == 52 + 8 + 1
    wards = Area.objects.filter(kind=AreaKind.WARD)
    assert all(
        set(w.domain_scores)
        == {"income", "employment", "education", "health", "crime", "housing", "environment"}
        for w in wards
    )
    crewe_central = Area.objects.get(name="Crewe Central")
    best = max(wards, key=lambda w: w.life_expectancy_male or 0)
    assert crewe_central.life_expectancy_male is not None and best.life_expectancy_male is not None
    assert best.life_expectancy_male - crewe_central.life_expectancy_male > 5  # the borough's inequality
    crewe = Area.objects.get(name="Crewe", kind=AreaKind.SUB_REGION)
    assert crewe.life_expectancy_female is not None and 70 < crewe.life_expectancy_female < 95
    assert crewe_central.domain_scores["health"] == pytest.approx(crewe_central.health_deprivation_score)


@pytest.mark.django_db
def test_a_bad_life_expectancy_file_changes_nothing(tmp_path: Path) -> None:
    import_wards()
    for name in (
        "ward_imd2019.csv",
        "lsoa_imd2019.csv",
        "lsoa_to_ward.csv",
        "msoa_life_expectancy_2016_2020.csv",
    ):
        shutil.copy(PACKAGED_DATA_DIR / name, tmp_path / name)
    path = tmp_path / "msoa_life_expectancy_2016_2020.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("Persons", "Everyone")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(AreaDataError) as caught:
        import_area_profiles("officer", tmp_path)
    assert any("line 4" in str(p) and "sex" in str(p) for p in caught.value.problems)
    assert not Area.objects.filter(life_expectancy_male__isnull=False).exists()
