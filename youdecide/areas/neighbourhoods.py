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
def ward_population_by_decile(data_dir: Path = PACKAGED_DATA_DIR) -> dict[str, dict[int, int]]:
    """ward code -> {national IMD 2019 decile (1: most deprived 10%): people}."""
    with (data_dir / "lsoa_to_ward.csv").open(encoding="utf-8-sig", newline="") as handle:
        ward_of = {row["lsoa_code"]: row["ward_code"] for row in csv.DictReader(handle)}
    wards: dict[str, dict[int, int]] = defaultdict(lambda: dict.fromkeys(range(1, 11), 0))
    with (data_dir / "lsoa_imd2019.csv").open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            ward = ward_of.get(row["lsoa_code"])
            if ward is not None:
                wards[ward][int(row["imd_decile"])] += int(row["population_2015"])
    return dict(wards)


def ward_population_by_quintile(data_dir: Path = PACKAGED_DATA_DIR) -> dict[str, dict[int, int]]:
    """ward code -> {quintile: people}: deciles 1-2 are quintile 1, and so on."""
    return {
        ward: {q: deciles[2 * q - 1] + deciles[2 * q] for q in QUINTILES}
        for ward, deciles in ward_population_by_decile(data_dir).items()
    }
