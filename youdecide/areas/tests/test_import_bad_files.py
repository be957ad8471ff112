"""Bad area files are refused whole: each problem named by file, line or feature and field; nothing stored."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from youdecide.areas.models import Area, AreaKind, Neighbourhood
from youdecide.areas.services import import_wards
from youdecide.areas.tests.conftest import (
    LIFE_EXPECTANCY_HEADER,
    LIFE_EXPECTANCY_ROWS,
    LSOA_IMD_HEADER,
    LSOA_IMD_ROWS,
    LSOA_TO_WARD_HEADER,
    LSOA_TO_WARD_ROWS,
    SUB_REGIONS_HEADER,
    SUB_REGIONS_ROWS,
    TEST_AUTHORITY,
    WARD_IMD_HEADER,
    WARD_IMD_ROWS,
    square,
    ward_features,
    write_csv,
    write_geojson,
)
from youdecide.areas.ward_files import AreaDataError, AreaDataFiles, geometry_problem, read_area_data
from youdecide.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def problems_of(files: AreaDataFiles) -> list[str]:
    with pytest.raises(AreaDataError) as refused:
        import_wards(files, **TEST_AUTHORITY)
    return [str(problem) for problem in refused.value.problems]


def stored() -> dict[str, tuple[object, ...]]:
    return {
        area.code: (area.name, area.slug, area.kind, area.parent_id, area.population, area.imd_score)
        for area in Area.objects.all()
    }


def test_the_small_files_import_cleanly(small_files: AreaDataFiles) -> None:
    summary = import_wards(small_files, **TEST_AUTHORITY)

    assert (summary.wards, len(summary.sub_regions), summary.population) == (3, 2, 8000)
    alpha = Area.objects.get(code="TS-ALPHA")
    assert (alpha.kind, alpha.population, alpha.parent.code if alpha.parent else None) == (
        AreaKind.SUB_REGION,
        4800,
        "E06000099",
    )
    assert alpha.imd_score == pytest.approx((3200 * 31.5 + 1600 * 12.25) / 4800)
    assert Area.objects.get(code="E05000003").slug == "beta-vale"
    assert Area.objects.get(code="TS-BETA").slug == "beta-and-district"


def test_a_bad_number_names_the_file_the_line_and_the_column(small_files: AreaDataFiles) -> None:
    rows = [row[:] for row in WARD_IMD_ROWS]
    rows[1][2] = "12,25"
    write_csv(small_files.ward_imd, WARD_IMD_HEADER, rows)

    assert problems_of(small_files) == ["ward_imd2019.csv, line 3, Score: '12,25' is not a number"]
    assert Area.objects.count() == 0


def test_a_population_that_is_not_a_whole_number_is_refused(small_files: AreaDataFiles) -> None:
    rows = [row[:] for row in LSOA_IMD_ROWS]
    rows[3][2] = "1400.5"
    write_csv(small_files.lsoa_imd, LSOA_IMD_HEADER, rows)

    assert problems_of(small_files) == [
        "lsoa_imd2019.csv, line 5, population_2015: '1400.5' is not a whole number of people (digits only)"
    ]


def test_an_lsoa_mapped_to_an_unknown_ward_is_refused(small_files: AreaDataFiles) -> None:
    rows = [row[:] for row in LSOA_TO_WARD_ROWS]
    rows[2] = ["E01000003", "E05009999", ""]
    write_csv(small_files.lsoa_to_ward, LSOA_TO_WARD_HEADER, rows)

    problems = problems_of(small_files)

    assert (
        "lsoa_to_ward.csv, line 4, ward_code: LSOA E01000003 is mapped to ward E05009999, "
        "which is not a ward in wards.geojson"
    ) in problems
    assert "lsoa_to_ward.csv: no LSOA is mapped to ward E05000002 (Alpha South)" in problems
    assert Area.objects.count() == 0


def test_a_duplicate_ward_code_is_refused_in_the_geojson_and_in_the_csv(small_files: AreaDataFiles) -> None:
    features = ward_features()
    features[2]["properties"]["code"] = "E05000001"
    write_geojson(small_files.wards_geojson, features)
    again = ["E05000002", "Alpha South", "1", "1", *WARD_IMD_ROWS[1][4:]]
    write_csv(small_files.ward_imd, WARD_IMD_HEADER, [*WARD_IMD_ROWS, again])

    problems = problems_of(small_files)

    assert (
        "wards.geojson, feature index 2, properties.code: ward code E05000001 appears again "
        "(first at feature index 0)"
    ) in problems
    assert (
        "ward_imd2019.csv, line 5, ward_code: ward code E05000002 appears again (first on line 3)" in problems
    )


def test_a_ward_that_is_not_a_polygon_is_refused(small_files: AreaDataFiles) -> None:
    features = ward_features()
    features[1]["geometry"] = {"type": "Point", "coordinates": [-2.4, 53.0]}
    write_geojson(small_files.wards_geojson, features)

    problems = problems_of(small_files)

    assert problems == [
        "wards.geojson, feature index 1, geometry: a 'Point' geometry: a ward boundary must be a Polygon "
        "or MultiPolygon"
    ]


def test_an_empty_name_and_a_missing_column_are_each_reported(small_files: AreaDataFiles) -> None:
    features = ward_features()
    features[0]["properties"]["name"] = "  "
    write_geojson(small_files.wards_geojson, features)
    write_csv(
        small_files.sub_regions,
        ["ward_code", "ward_name", "sub_region_code"],
        [row[:3] for row in SUB_REGIONS_ROWS],
    )

    problems = problems_of(small_files)

    assert "wards.geojson, feature index 0, properties.name: empty: the ward's name is needed" in problems
    assert "sub_regions.csv, line 1, sub_region_name: this column is missing from the header" in problems


def test_every_ward_must_be_placed_in_one_sub_region(small_files: AreaDataFiles) -> None:
    write_csv(
        small_files.sub_regions,
        SUB_REGIONS_HEADER,
        [SUB_REGIONS_ROWS[0], SUB_REGIONS_ROWS[2], ["E05000003", "Beta Vale", "TS-ALPHA", "Alpha"]],
    )

    problems = problems_of(small_files)

    assert "sub_regions.csv, line 4, ward_code: ward E05000003 appears again (first on line 3)" in problems
    assert "sub_regions.csv: ward E05000002 (Alpha South) is not placed in a sub-region" in problems


def test_a_missing_file_is_reported_and_the_others_still_checked(small_files: AreaDataFiles) -> None:
    small_files.lsoa_imd.unlink()
    rows = [row[:] for row in WARD_IMD_ROWS]
    rows[0][3] = "high"
    write_csv(small_files.ward_imd, WARD_IMD_HEADER, rows)

    problems = problems_of(small_files)

    assert problems == [
        "ward_imd2019.csv, line 2, Health_Score: 'high' is not a number",
        "lsoa_imd2019.csv: the file does not exist",
    ]


def test_a_bad_import_leaves_the_areas_already_stored_as_they_were(small_files: AreaDataFiles) -> None:
    import_wards(small_files, **TEST_AUTHORITY)
    before = stored()
    events = AuditEvent.objects.count()
    rows = [row[:] for row in WARD_IMD_ROWS]
    rows[0][2:4] = ["99.9", "3.0"]  # a change that must not land ...
    write_csv(small_files.ward_imd, WARD_IMD_HEADER, rows)
    features = ward_features()
    features[2]["geometry"] = {"type": "Polygon", "coordinates": [[[-2.2, 53.2], [-2.1, 53.2], [-2.1, 53.3]]]}
    write_geojson(small_files.wards_geojson, features)  # ... because another feature is broken

    problems = problems_of(small_files)

    assert problems == ["wards.geojson, feature index 2, geometry: a ring has fewer than 4 positions"]
    assert stored() == before
    assert AuditEvent.objects.count() == events


def test_a_web_address_already_used_by_another_area_is_refused(small_files: AreaDataFiles) -> None:
    Area.objects.create(code="E05099999", name="Beta Vale", slug="beta-vale", kind=AreaKind.WARD)

    problems = problems_of(small_files)

    assert problems == [
        "wards.geojson, feature index 2, properties.name: "
        "the web address beta-vale of 'Beta Vale' is already used by area E05099999"
    ]
    assert Area.objects.count() == 1


@pytest.mark.parametrize(
    ("geometry", "problem"),
    [
        (None, "missing: each ward needs a Polygon or MultiPolygon boundary"),
        ({"type": "LineString", "coordinates": [[0, 0], [1, 1]]}, "a 'LineString' geometry"),
        ({"type": "MultiPolygon", "coordinates": []}, "the MultiPolygon has no coordinates"),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]},
            "a ring is not closed: its first and last positions differ",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[400000, 350000], [400100, 350000], [400100, 350100], [400000, 350000]]],
            },
            "a position is not [longitude, latitude] in degrees (WGS84)",
        ),
    ],
)
def test_geometry_problems_say_what_is_wrong(geometry: object, problem: str) -> None:
    found = geometry_problem(geometry)
    assert found is not None and found.startswith(problem)


def test_polygons_and_multipolygons_pass() -> None:
    assert geometry_problem(square(-2.4, 53.1)) is None
    assert geometry_problem({"type": "MultiPolygon", "coordinates": [square(0, 0)["coordinates"]]}) is None


def test_reading_the_files_touches_no_database(small_files: AreaDataFiles) -> None:
    data = read_area_data(small_files)

    assert [ward.population for ward in data.wards] == [3200, 1600, 3200]
    assert [region.ward_codes for region in data.sub_regions] == [("E05000001", "E05000002"), ("E05000003",)]
    assert Area.objects.count() == 0


def test_the_command_prints_every_problem_and_fails(small_files: AreaDataFiles) -> None:
    rows = [row[:] for row in WARD_IMD_ROWS]
    rows[1][2] = "n/a"
    write_csv(small_files.ward_imd, WARD_IMD_HEADER, rows)
    err = StringIO()

    with pytest.raises(CommandError) as failed:
        call_command(
            "import_areas",
            "--data-dir",
            str(small_files.ward_imd.parent),
            "--authority-code",
            "E06000099",
            "--authority-name",
            "Testshire",
            stderr=err,
            stdout=StringIO(),
        )

    assert failed.value.returncode != 0
    assert "Nothing was imported: 1 problem in the area files." in str(failed.value)
    assert "ward_imd2019.csv, line 3, Score: 'n/a' is not a number" in err.getvalue()
    assert Area.objects.count() == 0


def test_youdecide_import_areas_exits_non_zero_on_bad_files(
    small_files: AreaDataFiles, tmp_path: Path
) -> None:
    rows = [row[:] for row in LSOA_TO_WARD_ROWS]
    rows[0][1] = "E05000404"
    write_csv(small_files.lsoa_to_ward, LSOA_TO_WARD_HEADER, rows)
    env = {
        **os.environ,
        "SECRET_KEY": "import-areas-test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'never-opened.sqlite3'}",
        "DEBUG": "false",
    }

    finished = subprocess.run(  # noqa: S603 - runs this project's own command line
        [
            sys.executable,
            "-m",
            "youdecide.cli",
            "import-areas",
            "--data-dir",
            str(small_files.ward_imd.parent),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )

    assert finished.returncode == 1
    assert (
        "lsoa_to_ward.csv, line 2, ward_code: LSOA E01000001 is mapped to ward E05000404" in finished.stderr
    )
    assert "Nothing was imported" in finished.stderr


def test_a_neighbourhood_with_an_impossible_rank_or_a_decile_that_does_not_match_is_refused(
    small_files: AreaDataFiles,
) -> None:
    rows = [row[:] for row in LSOA_IMD_ROWS]
    rows[0][3] = "40000"
    rows[1][4] = "3"
    rows[2][4] = ""
    write_csv(small_files.lsoa_imd, LSOA_IMD_HEADER, rows)

    problems = problems_of(small_files)

    assert problems == [
        "lsoa_imd2019.csv, line 2, imd_rank: '40000' is not a whole number from 1 to 32844",
        "lsoa_imd2019.csv, line 3, imd_decile: decile 3 does not match rank 5000 "
        "(rank 5000 of 32,844 is in decile 2)",
        "lsoa_imd2019.csv, line 4, imd_decile: empty: a whole number is needed",
    ]
    assert not Area.objects.exists() and not Neighbourhood.objects.exists()


def test_a_bad_life_expectancy_row_is_refused_with_its_line(small_files: AreaDataFiles) -> None:
    rows = [row[:] for row in LIFE_EXPECTANCY_ROWS]
    rows[0][3] = "old"
    rows[1][3] = "12"
    rows.append(["E02000003", "Testshire 003", "Females", "85.0"])
    write_csv(small_files.life_expectancy, LIFE_EXPECTANCY_HEADER, rows)

    problems = problems_of(small_files)

    assert problems == [
        "msoa_life_expectancy_2016_2020.csv, line 2, life_expectancy: 'old' is not a number",
        "msoa_life_expectancy_2016_2020.csv, line 3, life_expectancy: 12 years is not a life expectancy "
        "(expected 40 to 110)",
        "msoa_life_expectancy_2016_2020.csv, line 9, sex: Females of Testshire 003 appear again "
        "(first on line 7)",
    ]


def test_the_small_files_give_each_ward_its_life_expectancy_and_domains(small_files: AreaDataFiles) -> None:
    import_wards(small_files, **TEST_AUTHORITY)

    alpha_north, alpha_south, beta = (Area.objects.get(code=f"E0500000{n}") for n in (1, 2, 3))
    assert (alpha_north.life_expectancy_male, alpha_north.life_expectancy_female) == (76.5, 80.25)
    assert (alpha_south.life_expectancy_male, alpha_south.life_expectancy_female) == (None, 83.0)
    alpha = Area.objects.get(code="TS-ALPHA")
    assert alpha.life_expectancy_male == 76.5  # Alpha South has none: left out, weight and all
    assert alpha.life_expectancy_female == round((3200 * 80.25 + 1600 * 83.0) / 4800, 2)
    assert alpha.domain_scores["income"] == pytest.approx((3200 * 0.2 + 1600 * 0.1) / 4800)
    assert beta.domain_scores["crime"] == -0.9
    assert Neighbourhood.objects.filter(ward=alpha_north).count() == 2
