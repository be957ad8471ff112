"""A small but complete set of area files (three wards in two sub-regions), written for each test."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from youdecide.areas.ward_files import AreaDataFiles

TEST_AUTHORITY = {"authority_code": "E06000099", "authority_name": "Testshire"}

DOMAIN_COLUMNS = [
    "Income_Score",
    "Employment_Score",
    "Education_Score",
    "Crime_Score",
    "Housing_and_Access_Score",
    "Environment_Score",
]
WARD_IMD_HEADER = ["ward_code", "ward_name", "Score", "Health_Score", *DOMAIN_COLUMNS]
WARD_IMD_ROWS = [
    ["E05000001", "Alpha North", "31.5", "0.92", "0.2", "0.15", "40.5", "0.6", "20.0", "15.5"],  # line 2
    ["E05000002", "Alpha South", "12.25", "-0.4", "0.1", "0.08", "20.0", "-0.2", "18.0", "9.0"],  # line 3
    ["E05000003", "Beta Vale", "8.0", "-1.1", "0.05", "0.04", "10.0", "-0.9", "25.0", "6.0"],  # line 4
]
LSOA_IMD_HEADER = ["lsoa_code", "lsoa_name", "population_2015", "imd_rank", "imd_decile"]
LSOA_IMD_ROWS = [
    ["E01000001", "Testshire 001A", "1500", "1200", "1"],
    ["E01000002", "Testshire 001B", "1700", "5000", "2"],
    ["E01000003", "Testshire 002A", "1600", "15000", "5"],
    ["E01000004", "Testshire 003A", "1400", "25000", "8"],
    ["E01000005", "Testshire 003B", "1800", "32000", "10"],
]
LIFE_EXPECTANCY_HEADER = ["msoa_code", "msoa_name", "sex", "life_expectancy"]
LIFE_EXPECTANCY_ROWS = [
    ["E02000001", "Testshire 001", "Males", "76.5"],  # line 2
    ["E02000001", "Testshire 001", "Females", "80.25"],
    ["E02000002", "Testshire 002", "Males", ""],  # suppressed
    ["E02000002", "Testshire 002", "Females", "83.0"],
    ["E02000003", "Testshire 003", "Males", "82.0"],
    ["E02000003", "Testshire 003", "Females", "85.5"],
    ["E02000003", "Testshire 003", "Persons", "83.7"],
]
LSOA_TO_WARD_HEADER = ["lsoa_code", "ward_code", "ward_name"]
LSOA_TO_WARD_ROWS = [
    ["E01000001", "E05000001", "Alpha North"],
    ["E01000002", "E05000001", "Alpha North"],
    ["E01000003", "E05000002", "Alpha South"],
    ["E01000004", "E05000003", "Beta Vale"],
    ["E01000005", "E05000003", "Beta Vale"],
]
SUB_REGIONS_HEADER = ["ward_code", "ward_name", "sub_region_code", "sub_region_name"]
SUB_REGIONS_ROWS = [
    ["E05000001", "Alpha North", "TS-ALPHA", "Alpha"],
    ["E05000002", "Alpha South", "TS-ALPHA", "Alpha"],
    ["E05000003", "Beta Vale", "TS-BETA", "Beta and district"],
]


def square(west: float, south: float, size: float = 0.01) -> dict[str, Any]:
    ring = [
        [west, south],
        [west + size, south],
        [west + size, south + size],
        [west, south + size],
        [west, south],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def ward_features() -> list[dict[str, Any]]:
    return [
        {
            "type": "Feature",
            "properties": {"code": "E05000001", "name": "Alpha North"},
            "geometry": square(-2.4, 53.1),
        },
        {
            "type": "Feature",
            "properties": {"code": "E05000002", "name": "Alpha South"},
            "geometry": square(-2.4, 53.0),
        },
        {
            "type": "Feature",
            "properties": {"code": "E05000003", "name": "Beta Vale"},
            "geometry": {"type": "MultiPolygon", "coordinates": [square(-2.2, 53.2)["coordinates"]]},
        },
    ]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_geojson(path: Path, features: list[dict[str, Any]]) -> None:
    collection = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        "features": features,
    }
    path.write_text(json.dumps(collection), encoding="utf-8")


@pytest.fixture
def small_files(tmp_path: Path) -> AreaDataFiles:
    files = AreaDataFiles.in_directory(tmp_path)
    write_geojson(files.wards_geojson, ward_features())
    write_csv(files.ward_imd, WARD_IMD_HEADER, WARD_IMD_ROWS)
    write_csv(files.lsoa_imd, LSOA_IMD_HEADER, LSOA_IMD_ROWS)
    write_csv(files.lsoa_to_ward, LSOA_TO_WARD_HEADER, LSOA_TO_WARD_ROWS)
    write_csv(files.sub_regions, SUB_REGIONS_HEADER, SUB_REGIONS_ROWS)
    write_csv(files.life_expectancy, LIFE_EXPECTANCY_HEADER, LIFE_EXPECTANCY_ROWS)
    return files
