"""Reading and checking the area data files (GeoJSON boundaries, IMD, population and life expectancy CSVs)
before storing.

Nothing here touches the database. ``read_area_data`` reads every file, checks each row and the files
against one another, and either returns the wards, sub-regions and neighbourhoods (LSOAs) ready to store
or raises ``AreaDataError`` listing every problem with its file, line (CSV) or feature index (GeoJSON) and
field.

Life expectancy is published per MSOA (ONS, 2016 to 2020); a ward's figure is the population-weighted mean
over its LSOAs of their MSOA's figure (an LSOA's name is its MSOA's name and a letter: "Cheshire East 042A");
figures ONS suppressed (too few deaths) are left out of the mean.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.text import slugify

PACKAGED_DATA_DIR = Path(__file__).resolve().parent / "data" / "cheshire-east"
CHESHIRE_EAST_CODE = "E06000049"
CHESHIRE_EAST_NAME = "Cheshire East"
ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0. "
    "Contains OS data © Crown copyright and database right."
)

ONS_CODE = re.compile(r"^[EWSN]\d{8}$")
NAME_MAX = 150
AREA_CODE_MAX = 20
SLUG_MAX = 160
LSOAS_IN_ENGLAND = 32_844  # IoD 2019 ranks the LSOAs of England from 1 (most deprived) to this
LIFE_EXPECTANCY_RANGE = (40.0, 110.0)  # years: a figure outside it is a mistake in the file

# IoD 2019 domains: our name -> the ward IMD file's score column.
DOMAINS = {
    "income": "Income_Score",
    "employment": "Employment_Score",
    "education": "Education_Score",
    "health": "Health_Score",
    "crime": "Crime_Score",
    "housing": "Housing_and_Access_Score",
    "environment": "Environment_Score",
}


@dataclass(frozen=True)
class AreaDataFiles:
    """Where the six files of one council's area data are."""

    wards_geojson: Path
    ward_imd: Path
    lsoa_imd: Path
    lsoa_to_ward: Path
    sub_regions: Path
    life_expectancy: Path

    @classmethod
    def in_directory(cls, directory: Path) -> AreaDataFiles:
        """The files under their usual names in one directory (as packaged for Cheshire East)."""
        return cls(
            wards_geojson=directory / "wards.geojson",
            ward_imd=directory / "ward_imd2019.csv",
            lsoa_imd=directory / "lsoa_imd2019.csv",
            lsoa_to_ward=directory / "lsoa_to_ward.csv",
            sub_regions=directory / "sub_regions.csv",
            life_expectancy=directory / "msoa_life_expectancy_2016_2020.csv",
        )

    def all(self) -> list[Path]:
        return [
            self.wards_geojson,
            self.ward_imd,
            self.lsoa_imd,
            self.lsoa_to_ward,
            self.sub_regions,
            self.life_expectancy,
        ]


def packaged_files() -> AreaDataFiles:
    """The Cheshire East files shipped inside the package."""
    return AreaDataFiles.in_directory(PACKAGED_DATA_DIR)


@dataclass(frozen=True)
class FileProblem:
    """One thing wrong in one file, said where a person can find it."""

    file: str
    message: str
    line: int | None = None
    feature: int | None = None
    field: str = ""

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.feature is not None:
            where.append(f"feature index {self.feature}")
        if self.field:
            where.append(self.field)
        return f"{', '.join(where)}: {self.message}"


class AreaDataError(Exception):
    """The area files cannot be imported; ``problems`` says every reason."""

    def __init__(self, problems: list[FileProblem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the area files")


@dataclass(frozen=True)
class WardRecord:
    code: str
    name: str
    slug: str
    boundary: dict[str, Any]
    population: int
    imd_score: float
    health_deprivation_score: float
    sub_region_code: str
    feature_index: int
    domain_scores: dict[str, float] = field(default_factory=dict)
    life_expectancy_male: float | None = None
    life_expectancy_female: float | None = None


@dataclass(frozen=True)
class NeighbourhoodRecord:
    """One LSOA: its ward, its mid-2015 population and its national IMD 2019 rank and decile."""

    code: str
    name: str
    ward_code: str
    population: int
    imd_rank: int
    imd_decile: int


@dataclass(frozen=True)
class SubRegionRecord:
    code: str
    name: str
    slug: str
    ward_codes: tuple[str, ...]
    line: int


@dataclass
class AreaData:
    """Checked wards (in the GeoJSON's order) and their sub-regions (in the mapping file's order)."""

    wards: list[WardRecord]
    sub_regions: list[SubRegionRecord]
    neighbourhoods: list[NeighbourhoodRecord] = field(default_factory=list)

    @property
    def population(self) -> int:
        return sum(ward.population for ward in self.wards)


# --- reading each file ------------------------------------------------------------------------------------


@dataclass
class _Problems:
    items: list[FileProblem] = field(default_factory=list)

    def add(
        self,
        path: Path,
        message: str,
        *,
        line: int | None = None,
        feature: int | None = None,
        field: str = "",
    ) -> None:
        self.items.append(FileProblem(path.name, message, line=line, feature=feature, field=field))


@dataclass(frozen=True)
class _Row:
    path: Path
    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "")


def _csv_rows(path: Path, required: list[str], problems: _Problems) -> list[_Row] | None:
    """The file's data rows with their line numbers, or None when the file cannot be used at all."""
    rows: list[_Row] = []
    line = 0
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            line = reader.line_num
            if header is None:
                problems.add(path, "the file is empty: it needs a header line", line=1)
                return None
            columns = [column.strip() for column in header]
            missing = [column for column in required if column not in columns]
            for column in missing:
                problems.add(path, "this column is missing from the header", line=1, field=column)
            for column, times in Counter(columns).items():
                if times > 1 and column in required:
                    problems.add(path, f"the header has this column {times} times", line=1, field=column)
            if missing:
                return None
            for record in reader:
                line = reader.line_num
                if not any(cell.strip() for cell in record):
                    continue
                if len(record) != len(columns):
                    problems.add(
                        path, f"{len(record)} values where the header has {len(columns)} columns", line=line
                    )
                    continue
                rows.append(
                    _Row(path, line, dict(zip(columns, (cell.strip() for cell in record), strict=True)))
                )
    except FileNotFoundError:
        problems.add(path, "the file does not exist")
        return None
    except OSError as exc:
        problems.add(path, f"the file cannot be read ({exc.strerror or exc})")
        return None
    except UnicodeDecodeError:
        problems.add(path, "the file is not UTF-8 text", line=line + 1 if line else None)
        return None
    except csv.Error as exc:
        problems.add(path, f"this is not valid CSV ({exc})", line=line + 1)
        return None
    return rows


def _text(row: _Row, column: str, problems: _Problems, *, max_length: int = NAME_MAX) -> str | None:
    value = row[column]
    if not value:
        problems.add(row.path, "empty: a value is needed", line=row.line, field=column)
        return None
    if len(value) > max_length:
        problems.add(row.path, f"longer than {max_length} characters", line=row.line, field=column)
        return None
    return value


def _ons_code(row: _Row, column: str, problems: _Problems) -> str | None:
    value = row[column]
    if not value:
        problems.add(row.path, "empty: an ONS code is needed", line=row.line, field=column)
        return None
    if not ONS_CODE.match(value):
        problems.add(
            row.path,
            f"{value!r} is not an ONS code (a letter and 8 digits, such as E05008620)",
            line=row.line,
            field=column,
        )
        return None
    return value


def _number(row: _Row, column: str, problems: _Problems) -> float | None:
    value = row[column]
    if not value:
        problems.add(row.path, "empty: a number is needed", line=row.line, field=column)
        return None
    try:
        number = float(value)
    except ValueError:
        problems.add(row.path, f"{value!r} is not a number", line=row.line, field=column)
        return None
    if not math.isfinite(number):
        problems.add(row.path, f"{value!r} is not a finite number", line=row.line, field=column)
        return None
    return number


def _head_count(row: _Row, column: str, problems: _Problems) -> int | None:
    value = row[column]
    if not value:
        problems.add(row.path, "empty: a number of people is needed", line=row.line, field=column)
        return None
    if not value.isdigit():
        problems.add(
            row.path, f"{value!r} is not a whole number of people (digits only)", line=row.line, field=column
        )
        return None
    return int(value)


def _duplicates(rows: list[_Row], column: str, problems: _Problems, what: str) -> None:
    first_line: dict[str, int] = {}
    for row in rows:
        value = row[column]
        if not value:
            continue
        if value in first_line:
            problems.add(
                row.path,
                f"{what} {value} appears again (first on line {first_line[value]})",
                line=row.line,
                field=column,
            )
        else:
            first_line[value] = row.line


@dataclass(frozen=True)
class _GeoWard:
    index: int
    code: str
    name: str
    geometry: dict[str, Any]


def _position_ok(position: Any) -> bool:
    if not isinstance(position, list) or len(position) not in (2, 3):
        return False
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in position):
        return False
    longitude, latitude = position[0], position[1]
    return bool(-180 <= longitude <= 180 and -90 <= latitude <= 90)


def geometry_problem(geometry: Any) -> str | None:
    """Why ``geometry`` is not a usable GeoJSON Polygon or MultiPolygon in longitude/latitude, or None."""
    if not isinstance(geometry, dict):
        return "missing: each ward needs a Polygon or MultiPolygon boundary"
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind not in ("Polygon", "MultiPolygon"):
        return f"a {kind!r} geometry: a ward boundary must be a Polygon or MultiPolygon"
    if not isinstance(coordinates, list) or not coordinates:
        return f"the {kind} has no coordinates"
    polygons = [coordinates] if kind == "Polygon" else coordinates
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return "a polygon has no rings"
        for ring in polygon:
            if not isinstance(ring, list) or len(ring) < 4:
                return "a ring has fewer than 4 positions"
            if not all(_position_ok(position) for position in ring):
                return "a position is not [longitude, latitude] in degrees (WGS84)"
            if ring[0] != ring[-1]:
                return "a ring is not closed: its first and last positions differ"
    return None


def _crs_problem(collection: dict[str, Any]) -> str | None:
    crs = collection.get("crs")
    if crs is None:
        return None
    name = str((crs.get("properties") or {}).get("name", "")) if isinstance(crs, dict) else ""
    if "CRS84" in name or name.endswith(":4326") or name.endswith("::4326"):
        return None
    return f"coordinates in {name or 'an unknown system'}: they must be WGS84 longitude/latitude"


def _read_geojson(path: Path, problems: _Problems) -> list[_GeoWard] | None:
    try:
        collection = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        problems.add(path, "the file does not exist")
        return None
    except OSError as exc:
        problems.add(path, f"the file cannot be read ({exc.strerror or exc})")
        return None
    except UnicodeDecodeError:
        problems.add(path, "the file is not UTF-8 text")
        return None
    except json.JSONDecodeError as exc:
        problems.add(path, f"this is not valid JSON ({exc.msg}, column {exc.colno})", line=exc.lineno)
        return None
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        problems.add(path, "the file must be a GeoJSON FeatureCollection")
        return None
    crs_problem = _crs_problem(collection)
    if crs_problem:
        problems.add(path, crs_problem, field="crs")
        return None
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        problems.add(path, "the FeatureCollection has no features", field="features")
        return None
    wards: list[_GeoWard] = []
    first_index: dict[str, int] = {}
    for index, feature in enumerate(features):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(properties, dict):
            problems.add(path, "not a Feature with properties", feature=index)
            continue
        code = str(properties.get("code") or "").strip()
        name = str(properties.get("name") or "").strip()
        usable = True
        if not code:
            problems.add(path, "empty: the ward's ONS code is needed", feature=index, field="properties.code")
            usable = False
        elif not ONS_CODE.match(code):
            problems.add(path, f"{code!r} is not an ONS code", feature=index, field="properties.code")
            usable = False
        elif code in first_index:
            problems.add(
                path,
                f"ward code {code} appears again (first at feature index {first_index[code]})",
                feature=index,
                field="properties.code",
            )
            usable = False
        else:
            first_index[code] = index
        if not name:
            problems.add(path, "empty: the ward's name is needed", feature=index, field="properties.name")
        elif len(name) > NAME_MAX:
            problems.add(path, f"longer than {NAME_MAX} characters", feature=index, field="properties.name")
        geometry = feature.get("geometry")
        problem = geometry_problem(geometry)
        if problem:
            # The ward stays in the list, without a boundary, so the other files are checked against it.
            problems.add(path, problem, feature=index, field="geometry")
            boundary = {}
        else:
            boundary = {"type": geometry["type"], "coordinates": geometry["coordinates"]}
        if usable:
            wards.append(_GeoWard(index, code, name, boundary))
    return wards


@dataclass(frozen=True)
class _WardFigures:
    line: int
    name: str
    imd_score: float | None
    health_score: float | None
    domain_scores: dict[str, float]


def _read_ward_imd(path: Path, problems: _Problems) -> dict[str, _WardFigures] | None:
    domain_columns = [column for column in DOMAINS.values() if column != "Health_Score"]
    rows = _csv_rows(path, ["ward_code", "ward_name", "Score", "Health_Score", *domain_columns], problems)
    if rows is None:
        return None
    _duplicates(rows, "ward_code", problems, "ward code")
    figures: dict[str, _WardFigures] = {}
    for row in rows:
        code = _ons_code(row, "ward_code", problems)
        name = _text(row, "ward_name", problems)
        score = _number(row, "Score", problems)
        health = _number(row, "Health_Score", problems)
        domains = {
            domain: health if column == "Health_Score" else _number(row, column, problems)
            for domain, column in DOMAINS.items()
        }
        if code and code not in figures:
            figures[code] = _WardFigures(
                row.line,
                name or "",
                score,
                health,
                {domain: value for domain, value in domains.items() if value is not None},
            )
    return figures


@dataclass(frozen=True)
class _LsoaFigures:
    line: int
    name: str
    population: int | None
    imd_rank: int | None
    imd_decile: int | None


def _bounded_whole(row: _Row, column: str, low: int, high: int, problems: _Problems) -> int | None:
    value = row[column]
    if not value:
        problems.add(row.path, "empty: a whole number is needed", line=row.line, field=column)
        return None
    if not value.isdigit() or not low <= int(value) <= high:
        problems.add(
            row.path, f"{value!r} is not a whole number from {low} to {high}", line=row.line, field=column
        )
        return None
    return int(value)


def _read_lsoas(path: Path, problems: _Problems) -> dict[str, _LsoaFigures] | None:
    """LSOA code -> its line, name, mid-2015 population and national IMD 2019 rank and decile."""
    rows = _csv_rows(path, ["lsoa_code", "lsoa_name", "population_2015", "imd_rank", "imd_decile"], problems)
    if rows is None:
        return None
    _duplicates(rows, "lsoa_code", problems, "LSOA")
    lsoas: dict[str, _LsoaFigures] = {}
    for row in rows:
        code = _ons_code(row, "lsoa_code", problems)
        name = _text(row, "lsoa_name", problems)
        population = _head_count(row, "population_2015", problems)
        rank = _bounded_whole(row, "imd_rank", 1, LSOAS_IN_ENGLAND, problems)
        decile = _bounded_whole(row, "imd_decile", 1, 10, problems)
        expected = (rank - 1) * 10 // LSOAS_IN_ENGLAND + 1 if rank is not None else None
        if decile is not None and expected is not None and decile != expected:
            problems.add(
                row.path,
                f"decile {decile} does not match rank {rank} "
                f"(rank {rank} of {LSOAS_IN_ENGLAND:,} is in decile {expected})",
                line=row.line,
                field="imd_decile",
            )
        if code and code not in lsoas:
            lsoas[code] = _LsoaFigures(row.line, name or "", population, rank, decile)
    return lsoas


_SEXES = {"males": "male", "females": "female", "persons": None}


def _read_life_expectancy(path: Path, problems: _Problems) -> dict[tuple[str, str], float] | None:
    """(MSOA name, "male" or "female") -> life expectancy at birth; suppressed figures are left out."""
    rows = _csv_rows(path, ["msoa_name", "sex", "life_expectancy"], problems)
    if rows is None:
        return None
    figures: dict[tuple[str, str], float] = {}
    first_line: dict[tuple[str, str], int] = {}
    low, high = LIFE_EXPECTANCY_RANGE
    for row in rows:
        sex = row["sex"].lower()
        if sex not in _SEXES:
            problems.add(
                row.path, f"{row['sex']!r} is not Males, Females or Persons", line=row.line, field="sex"
            )
            continue
        name = _text(row, "msoa_name", problems)
        if not row["life_expectancy"]:
            continue  # suppressed by ONS where there were too few deaths: that MSOA is left out
        value = _number(row, "life_expectancy", problems)
        if value is not None and not low <= value <= high:
            problems.add(
                row.path,
                f"{value:g} years is not a life expectancy (expected {low:g} to {high:g})",
                line=row.line,
                field="life_expectancy",
            )
            continue
        key = (name or "", _SEXES[sex] or "")
        if name is None or value is None or not key[1]:
            continue
        if key in first_line:
            problems.add(
                row.path,
                f"{row['sex']} of {name} appear again (first on line {first_line[key]})",
                line=row.line,
                field="sex",
            )
            continue
        first_line[key] = row.line
        figures[key] = value
    return figures


def _read_lsoa_to_ward(path: Path, problems: _Problems) -> list[tuple[_Row, str, str]] | None:
    """(row, LSOA code, ward code) for each LSOA."""
    rows = _csv_rows(path, ["lsoa_code", "ward_code"], problems)
    if rows is None:
        return None
    _duplicates(rows, "lsoa_code", problems, "LSOA")
    mapping: list[tuple[_Row, str, str]] = []
    seen: set[str] = set()
    for row in rows:
        lsoa = _ons_code(row, "lsoa_code", problems)
        ward = _ons_code(row, "ward_code", problems)
        if lsoa and ward and lsoa not in seen:
            seen.add(lsoa)
            mapping.append((row, lsoa, ward))
    return mapping


def _read_sub_regions(path: Path, problems: _Problems) -> list[tuple[_Row, str, str, str]] | None:
    """(row, ward code, sub-region code, sub-region name) for each ward."""
    rows = _csv_rows(path, ["ward_code", "sub_region_code", "sub_region_name"], problems)
    if rows is None:
        return None
    _duplicates(rows, "ward_code", problems, "ward")
    placements: list[tuple[_Row, str, str, str]] = []
    seen: set[str] = set()
    for row in rows:
        ward = _ons_code(row, "ward_code", problems)
        code = _text(row, "sub_region_code", problems, max_length=AREA_CODE_MAX)
        name = _text(row, "sub_region_name", problems)
        if ward and code and name and ward not in seen:
            seen.add(ward)
            placements.append((row, ward, code, name))
    return placements


# --- checking the files against one another --------------------------------------------------------------


def _check_name(row: _Row, expected: str, source: str, problems: _Problems) -> None:
    """An optional ward_name column must agree with the ward's name in the reference file."""
    given = row["ward_name"]
    if given and expected and given != expected:
        problems.add(
            row.path,
            f"{given!r}, but {source} names this ward {expected!r}",
            line=row.line,
            field="ward_name",
        )


def _check_imd_against_wards(
    imd: dict[str, _WardFigures], geo: list[_GeoWard], files: AreaDataFiles, problems: _Problems
) -> None:
    names = {ward.code: ward.name for ward in geo}
    geo_file = files.wards_geojson.name
    for ward in geo:
        if ward.code not in imd:
            problems.add(
                files.ward_imd, f"no row for ward {ward.code} ({ward.name}) of {geo_file}", field="ward_code"
            )
    for code, figures in imd.items():
        if code not in names:
            problems.add(
                files.ward_imd,
                f"ward {code} is not a ward in {geo_file}",
                line=figures.line,
                field="ward_code",
            )
        elif figures.name and figures.name != names[code]:
            problems.add(
                files.ward_imd,
                f"{figures.name!r}, but {geo_file} names ward {code} {names[code]!r}",
                line=figures.line,
                field="ward_name",
            )


def _ward_populations(
    lsoa_wards: list[tuple[_Row, str, str]],
    populations: dict[str, _LsoaFigures] | None,
    ward_names: dict[str, str] | None,
    reference: str,
    files: AreaDataFiles,
    problems: _Problems,
) -> dict[str, int]:
    """Each ward's population: the sum of its LSOAs' mid-2015 populations."""
    totals: dict[str, int] = defaultdict(int)
    for row, lsoa, ward in lsoa_wards:
        if ward_names is not None:
            if ward not in ward_names:
                problems.add(
                    row.path,
                    f"LSOA {lsoa} is mapped to ward {ward}, which is not a ward in {reference}",
                    line=row.line,
                    field="ward_code",
                )
                continue
            _check_name(row, ward_names[ward], reference, problems)
        if populations is None:
            continue
        if lsoa not in populations:
            problems.add(
                row.path,
                f"LSOA {lsoa} is not in {files.lsoa_imd.name}, so its population is unknown",
                line=row.line,
                field="lsoa_code",
            )
        else:
            totals[ward] += populations[lsoa].population or 0
    mapped = {lsoa for _row, lsoa, _ward in lsoa_wards}
    for lsoa, figures in (populations or {}).items():
        if lsoa not in mapped:
            problems.add(
                files.lsoa_imd,
                f"LSOA {lsoa} is not mapped to a ward in {files.lsoa_to_ward.name}",
                line=figures.line,
                field="lsoa_code",
            )
    wards_with_lsoas = {ward for _row, _lsoa, ward in lsoa_wards}
    for code, name in (ward_names or {}).items():
        if code not in wards_with_lsoas:
            problems.add(files.lsoa_to_ward, f"no LSOA is mapped to ward {code} ({name})")
    return totals


def _sub_regions(
    placements: list[tuple[_Row, str, str, str]],
    ward_names: dict[str, str] | None,
    reference: str,
    files: AreaDataFiles,
    problems: _Problems,
) -> tuple[dict[str, str], dict[str, tuple[_Row, str]]]:
    """(ward code -> sub-region code, sub-region code -> (first row, name)), in the file's order."""
    sub_region_of: dict[str, str] = {}
    sub_regions: dict[str, tuple[_Row, str]] = {}
    for row, ward, code, name in placements:
        if ward_names is not None:
            if ward not in ward_names:
                problems.add(
                    row.path, f"ward {ward} is not a ward in {reference}", line=row.line, field="ward_code"
                )
                continue
            _check_name(row, ward_names[ward], reference, problems)
            if code in ward_names:
                problems.add(
                    row.path,
                    f"{code} is a ward's code; a sub-region needs a code of its own",
                    line=row.line,
                    field="sub_region_code",
                )
                continue
        if code in sub_regions and sub_regions[code][1] != name:
            first_row, first_name = sub_regions[code]
            problems.add(
                row.path,
                f"sub-region {code} is called {name!r} here but {first_name!r} on line {first_row.line}",
                line=row.line,
                field="sub_region_name",
            )
            continue
        sub_regions.setdefault(code, (row, name))
        sub_region_of[ward] = code
    placed = {ward for _row, ward, _code, _name in placements}
    for code, name in (ward_names or {}).items():
        if code not in placed:
            problems.add(files.sub_regions, f"ward {code} ({name}) is not placed in a sub-region")
    return sub_region_of, sub_regions


def _check_slugs(
    geo: list[_GeoWard], sub_regions: dict[str, tuple[_Row, str]], files: AreaDataFiles, problems: _Problems
) -> None:
    """Every ward and sub-region needs a web address (slug) of its own, made from its name."""
    first_use: dict[str, str] = {}

    def claim(slug: str, label: str, report: Any) -> None:
        if not slug:
            report("the name has no letters or digits to make a web address from")
        elif slug in first_use:
            report(f"{label} would have the same web address ({slug}) as {first_use[slug]}")
        else:
            first_use[slug] = label

    for ward in geo:
        claim(
            slugify(ward.name)[:SLUG_MAX],
            f"ward {ward.name!r}",
            lambda message, ward=ward: problems.add(
                files.wards_geojson, message, feature=ward.index, field="properties.name"
            ),
        )
    for row, name in sub_regions.values():
        claim(
            slugify(name)[:SLUG_MAX],
            f"sub-region {name!r}",
            lambda message, row=row: problems.add(row.path, message, line=row.line, field="sub_region_name"),
        )


def read_area_data(files: AreaDataFiles) -> AreaData:
    """Read and check every file; raise AreaDataError with all the problems found, or return the data."""
    problems = _Problems()
    geo = _read_geojson(files.wards_geojson, problems)
    imd = _read_ward_imd(files.ward_imd, problems)
    populations = _read_lsoas(files.lsoa_imd, problems)
    lsoa_wards = _read_lsoa_to_ward(files.lsoa_to_ward, problems)
    placements = _read_sub_regions(files.sub_regions, problems)
    expectancy = _read_life_expectancy(files.life_expectancy, problems)

    # The GeoJSON defines the wards; the other files must describe exactly those. When the GeoJSON cannot
    # be read, the IMD file stands in so that the other files are still checked.
    ward_names: dict[str, str] | None = None
    reference = files.wards_geojson.name
    if geo is not None:
        ward_names = {ward.code: ward.name for ward in geo}
    elif imd is not None:
        ward_names = {code: figures.name for code, figures in imd.items()}
        reference = files.ward_imd.name
    if geo is not None and imd is not None:
        _check_imd_against_wards(imd, geo, files, problems)
    ward_population: dict[str, int] = {}
    if lsoa_wards is not None:
        ward_population = _ward_populations(lsoa_wards, populations, ward_names, reference, files, problems)
    sub_region_of: dict[str, str] = {}
    sub_regions: dict[str, tuple[_Row, str]] = {}
    if placements is not None:
        sub_region_of, sub_regions = _sub_regions(placements, ward_names, reference, files, problems)
    if geo is not None:
        _check_slugs(geo, sub_regions, files, problems)

    if problems.items:
        raise AreaDataError(problems.items)
    if geo is None or imd is None or populations is None or lsoa_wards is None or expectancy is None:
        # pragma: no cover - a file that was not read always adds a problem
        raise AreaDataError([FileProblem(files.wards_geojson.name, "the area files could not be read")])

    neighbourhoods = [
        NeighbourhoodRecord(
            code=lsoa,
            name=populations[lsoa].name,
            ward_code=ward,
            population=populations[lsoa].population or 0,
            imd_rank=populations[lsoa].imd_rank or 0,
            imd_decile=populations[lsoa].imd_decile or 0,
        )
        for _row, lsoa, ward in lsoa_wards
    ]
    life = _ward_life_expectancy(neighbourhoods, expectancy)
    wards = [
        WardRecord(
            code=ward.code,
            name=ward.name,
            slug=slugify(ward.name)[:SLUG_MAX],
            boundary=ward.geometry,
            population=ward_population.get(ward.code, 0),
            imd_score=float(imd[ward.code].imd_score or 0.0),
            health_deprivation_score=float(imd[ward.code].health_score or 0.0),
            sub_region_code=sub_region_of[ward.code],
            feature_index=ward.index,
            domain_scores=imd[ward.code].domain_scores,
            life_expectancy_male=life.get((ward.code, "male")),
            life_expectancy_female=life.get((ward.code, "female")),
        )
        for ward in geo
    ]
    records = [
        SubRegionRecord(
            code=code,
            name=name,
            slug=slugify(name)[:SLUG_MAX],
            ward_codes=tuple(ward.code for ward in wards if ward.sub_region_code == code),
            line=row.line,
        )
        for code, (row, name) in sub_regions.items()
    ]
    return AreaData(wards=wards, sub_regions=records, neighbourhoods=neighbourhoods)


def _ward_life_expectancy(
    neighbourhoods: list[NeighbourhoodRecord], expectancy: dict[tuple[str, str], float]
) -> dict[tuple[str, str], float]:
    """(ward code, sex) -> the population-weighted mean over the ward's LSOAs of their MSOA's figure,
    to 2 decimals; LSOAs whose MSOA has no figure (suppressed) are left out, weight and all."""
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for lsoa in neighbourhoods:
        for sex in ("male", "female"):
            figure = expectancy.get((lsoa.name[:-1], sex))
            if figure is not None and lsoa.population:
                sums[(lsoa.ward_code, sex)][0] += lsoa.population * figure
                sums[(lsoa.ward_code, sex)][1] += lsoa.population
    return {key: round(weighted / people, 2) for key, (weighted, people) in sums.items()}
