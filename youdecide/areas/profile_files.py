"""Ward profiles from the area data files: the deprivation domain scores (IMD 2019) and life expectancy.

Life expectancy is published per MSOA (ONS, 2016 to 2020); a ward's figure is the population-weighted mean
over its LSOAs of their MSOA's figure (an LSOA's name is its MSOA's name and a letter: "Cheshire East 042A");
figures ONS suppressed (too few deaths) are left out of the mean.
Every problem is reported with its file, line and column, and nothing is used from files with problems.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from youdecide.areas.ward_files import AreaDataError, _csv_rows, _number, _Problems

DOMAINS = {
    "income": "Income_Score",
    "employment": "Employment_Score",
    "education": "Education_Score",
    "health": "Health_Score",
    "crime": "Crime_Score",
    "housing": "Housing_and_Access_Score",
    "environment": "Environment_Score",
}


@dataclass
class WardProfile:
    domain_scores: dict[str, float] = field(default_factory=dict)
    life_expectancy_male: float | None = None
    life_expectancy_female: float | None = None


def read_ward_profiles(directory: Path) -> dict[str, WardProfile]:
    problems = _Problems()
    ward_imd = _csv_rows(directory / "ward_imd2019.csv", ["ward_code", *DOMAINS.values()], problems)
    lsoas = _csv_rows(directory / "lsoa_imd2019.csv", ["lsoa_code", "lsoa_name", "population_2015"], problems)
    wards_of = _csv_rows(directory / "lsoa_to_ward.csv", ["lsoa_code", "ward_code"], problems)
    expectancy = _csv_rows(
        directory / "msoa_life_expectancy_2016_2020.csv", ["msoa_name", "sex", "life_expectancy"], problems
    )
    if problems.items or ward_imd is None or lsoas is None or wards_of is None or expectancy is None:
        raise AreaDataError(problems.items)
    profiles: dict[str, WardProfile] = {}
    for row in ward_imd:
        scores = {name: _number(row, column, problems) for name, column in DOMAINS.items()}
        profiles[row["ward_code"]] = WardProfile({k: v for k, v in scores.items() if v is not None})
    by_msoa: dict[tuple[str, str], float] = {}
    for row in expectancy:
        sex = row["sex"].strip().lower()
        if sex not in ("males", "females", "persons"):
            problems.add(
                row.path, f"{row['sex']!r} is not Males, Females or Persons", line=row.line, field="sex"
            )
            continue
        if not row["life_expectancy"].strip():
            continue  # suppressed by ONS where there were too few deaths: that MSOA is left out
        value = _number(row, "life_expectancy", problems)
        if value is not None:
            by_msoa[(row["msoa_name"].strip(), sex)] = value
    ward_of = {row["lsoa_code"]: row["ward_code"] for row in wards_of}
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for row in lsoas:
        people = _number(row, "population_2015", problems)
        ward = ward_of.get(row["lsoa_code"])
        if people is None or ward is None:
            continue
        for sex in ("males", "females"):
            figure = by_msoa.get((row["lsoa_name"].strip()[:-1], sex))
            if figure is not None:
                sums[(ward, sex)][0] += people * figure
                sums[(ward, sex)][1] += people
    if problems.items:
        raise AreaDataError(problems.items)
    for (ward, sex), (weighted, people) in sums.items():
        profile = profiles.setdefault(ward, WardProfile())
        mean = round(weighted / people, 2)
        if sex == "males":
            profile.life_expectancy_male = mean
        else:
            profile.life_expectancy_female = mean
    return profiles
