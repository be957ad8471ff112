"""Who lives in how deprived a neighbourhood, per ward: population by national IMD 2019 quintile, rolled
up from the LSOA files (LSOA → ward); the packaged Cheshire East files by default."""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import cache
from pathlib import Path

from youdecide.areas.ward_files import PACKAGED_DATA_DIR

QUINTILES = (1, 2, 3, 4, 5)  # 1: the most deprived 20% of neighbourhoods in England


@cache
def ward_population_by_quintile(data_dir: Path = PACKAGED_DATA_DIR) -> dict[str, dict[int, int]]:
    """ward code -> {quintile: people}, from lsoa_imd2019.csv (decile, population) and lsoa_to_ward.csv."""
    with (data_dir / "lsoa_to_ward.csv").open(encoding="utf-8-sig", newline="") as handle:
        ward_of = {row["lsoa_code"]: row["ward_code"] for row in csv.DictReader(handle)}
    wards: dict[str, dict[int, int]] = defaultdict(lambda: dict.fromkeys(QUINTILES, 0))
    with (data_dir / "lsoa_imd2019.csv").open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            ward = ward_of.get(row["lsoa_code"])
            if ward is None:
                continue
            quintile = (int(row["imd_decile"]) + 1) // 2
            wards[ward][quintile] += int(row["population_2015"])
    return dict(wards)
