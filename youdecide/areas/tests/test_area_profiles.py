"""Ward profiles from the real Cheshire East files: domain scores and life expectancy, rolled up to the
sub-regions and the council, imported with the wards in one step, all or nothing."""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict

from youdecide.areas.models import Area, AreaKind, Neighbourhood
from youdecide.areas.services import import_wards
from youdecide.areas.ward_files import DOMAINS, PACKAGED_DATA_DIR, AreaDataError, AreaDataFiles
from youdecide.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def rows_of(name: str, directory: Path = PACKAGED_DATA_DIR) -> list[dict[str, str]]:
    with (directory / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def expected_life_expectancy() -> dict[tuple[str, str], float | None]:
    """(area code, sex) -> life expectancy worked out from the CSVs: each ward the population-weighted mean
    of its LSOAs' MSOA figures (suppressed ones left out), each sub-region and the council the
    population-weighted mean of the wards that have a figure."""
    figures = {
        (row["msoa_name"], row["sex"]): float(row["life_expectancy"])
        for row in rows_of("msoa_life_expectancy_2016_2020.csv")
        if row["life_expectancy"]
    }
    ward_of = {row["lsoa_code"]: row["ward_code"] for row in rows_of("lsoa_to_ward.csv")}
    people: dict[str, int] = defaultdict(int)
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for lsoa in rows_of("lsoa_imd2019.csv"):
        ward, n = ward_of[lsoa["lsoa_code"]], int(lsoa["population_2015"])
        people[ward] += n
        for sex in ("Males", "Females"):
            figure = figures.get((lsoa["lsoa_name"][:-1], sex))
            if figure is not None:
                sums[(ward, sex)][0] += n * figure
                sums[(ward, sex)][1] += n
    result: dict[tuple[str, str], float | None] = {}
    for ward in people:
        for sex in ("Males", "Females"):
            weighted, counted = sums.get((ward, sex), [0.0, 0.0])
            result[(ward, sex)] = weighted / counted if counted else None
    groups: dict[str, list[str]] = defaultdict(list)
    for row in rows_of("sub_regions.csv"):
        groups[row["sub_region_code"]].append(row["ward_code"])
        groups["E06000049"].append(row["ward_code"])
    for code, wards in groups.items():
        for sex in ("Males", "Females"):
            known = [(people[w], result[(w, sex)]) for w in wards if result[(w, sex)] is not None]
            result[(code, sex)] = sum(n * v for n, v in known if v is not None) / sum(n for n, _v in known)
    return result


def test_the_import_stores_every_wards_domains_and_life_expectancy() -> None:
    import_wards()
    wards = Area.objects.filter(kind=AreaKind.WARD)
    assert all(set(w.domain_scores) == set(DOMAINS) for w in wards)
    crewe_central = Area.objects.get(name="Crewe Central")
    best = max(wards, key=lambda w: w.life_expectancy_male or 0)
    assert crewe_central.life_expectancy_male is not None and best.life_expectancy_male is not None
    assert best.life_expectancy_male - crewe_central.life_expectancy_male > 5  # the borough's inequality
    assert crewe_central.domain_scores["health"] == pytest.approx(crewe_central.health_deprivation_score)
    assert Area.objects.get(name="Leighton").life_expectancy_male is None  # every MSOA figure suppressed


def test_life_expectancy_of_every_area_recomputed_from_the_files_for_both_sexes() -> None:
    import_wards()
    expected = expected_life_expectancy()
    for area in Area.objects.all():
        for sex, stored in (("Males", area.life_expectancy_male), ("Females", area.life_expectancy_female)):
            want = expected[(area.code, sex)]
            assert (stored is None) == (want is None), (area.name, sex)
            if want is not None:
                assert stored == pytest.approx(want, abs=0.01), (area.name, sex)
    crewe = Area.objects.get(name="Crewe", kind=AreaKind.SUB_REGION)
    # Leighton has no figure for men: it is left out, not counted as 0 (which gave 74.95).
    assert crewe.life_expectancy_male == pytest.approx(80.52, abs=0.01)
    assert crewe.life_expectancy_female is not None and 80 < crewe.life_expectancy_female < 90


def test_domain_scores_are_rolled_up_to_the_sub_regions_and_the_council_by_population() -> None:
    import_wards()
    ward_rows = {row["ward_code"]: row for row in rows_of("ward_imd2019.csv")}
    for area in Area.objects.exclude(kind=AreaKind.WARD):
        wards = list(Area.objects.filter(kind=AreaKind.WARD).filter(parent=area)) or list(
            Area.objects.filter(kind=AreaKind.WARD)
        )
        people = sum(w.population or 0 for w in wards)
        assert set(area.domain_scores) == set(DOMAINS)
        for domain, column in DOMAINS.items():
            want = sum((w.population or 0) * float(ward_rows[w.code][column]) for w in wards) / people
            assert area.domain_scores[domain] == pytest.approx(want, rel=1e-12), (area.name, domain)
    crewe = Area.objects.get(name="Crewe", kind=AreaKind.SUB_REGION)
    council = Area.objects.get(kind=AreaKind.LOCAL_AUTHORITY)
    assert crewe.domain_scores["income"] > council.domain_scores["income"]


def snapshot() -> dict[str, Any]:
    return {
        "areas": sorted((model_to_dict(a) for a in Area.objects.all()), key=lambda a: a["code"]),
        "neighbourhoods": sorted(
            (model_to_dict(n) for n in Neighbourhood.objects.all()), key=lambda n: n["code"]
        ),
        "events": AuditEvent.objects.count(),
    }


def copy_files(directory: Path) -> AreaDataFiles:
    for path in AreaDataFiles.in_directory(PACKAGED_DATA_DIR).all():
        shutil.copy(path, directory / path.name)
    return AreaDataFiles.in_directory(directory)


def spoil_line(path: Path, line: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_bad_life_expectancy_file_leaves_an_empty_database_empty(tmp_path: Path) -> None:
    files = copy_files(tmp_path)
    spoil_line(files.life_expectancy, 4, "Persons", "Everyone")
    with pytest.raises(AreaDataError) as caught:
        import_wards(files)
    assert any("line 4" in str(p) and "sex" in str(p) for p in caught.value.problems)
    assert snapshot() == {"areas": [], "neighbourhoods": [], "events": 0}


def test_a_bad_life_expectancy_file_given_by_its_option_leaves_the_database_exactly_as_before(
    tmp_path: Path,
) -> None:
    call_command("import_areas", stdout=StringIO())
    before = snapshot()
    files = copy_files(tmp_path)
    # Good changes in the other files, which must not be stored either ...
    spoil_line(files.ward_imd, 2, "3.658483299872239", "9.5")
    spoil_line(files.lsoa_imd, 2, "1388,27409,9", "1400,27409,9")
    # ... and an impossible life expectancy, given through its own option (not in --data-dir).
    bad = tmp_path / "elsewhere.csv"
    shutil.copy(files.life_expectancy, bad)
    spoil_line(bad, 2, "85.15", "185.15")
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command(
            "import_areas",
            "--data-dir",
            str(tmp_path),
            "--life-expectancy",
            str(bad),
            stdout=StringIO(),
            stderr=err,
        )
    assert "elsewhere.csv, line 2, life_expectancy: 185.15 years is not a life expectancy" in err.getvalue()
    assert snapshot() == before


def test_the_life_expectancy_option_is_the_file_used(tmp_path: Path) -> None:
    files = copy_files(tmp_path)
    other = tmp_path / "other_life_expectancy.csv"
    shutil.copy(files.life_expectancy, other)
    # Every MSOA of Leighton's LSOAs gets a figure for men: Leighton then has one.
    leighton = {
        r["lsoa_name"][:-1]
        for r in rows_of("lsoa_imd2019.csv")
        if r["lsoa_code"]
        in {row["lsoa_code"] for row in rows_of("lsoa_to_ward.csv") if row["ward_name"] == "Leighton"}
    }
    text = other.read_text(encoding="utf-8").splitlines()
    text = [
        line.replace(",,,", ",78.5,77.0,80.0")
        if any(f",{name},Males," in line for name in leighton)
        else line
        for line in text
    ]
    other.write_text("\n".join(text) + "\n", encoding="utf-8")
    call_command("import_areas", "--life-expectancy", str(other), stdout=StringIO())
    assert Area.objects.get(name="Leighton").life_expectancy_male == pytest.approx(78.5)
