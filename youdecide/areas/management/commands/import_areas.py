"""``youdecide import-areas``: load a council's wards, sub-regions, their deprivation and life expectancy, and
their neighbourhoods (LSOAs), all or nothing, safe to run twice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from youdecide.areas.services import AreaImportSummary, import_wards
from youdecide.areas.ward_files import (
    ATTRIBUTION,
    CHESHIRE_EAST_CODE,
    CHESHIRE_EAST_NAME,
    PACKAGED_DATA_DIR,
    AreaDataError,
    AreaDataFiles,
)


class Command(BaseCommand):
    help = (
        "Import wards (GeoJSON boundaries, IMD 2019 scores and domains, populations, life expectancy), their "
        "sub-regions and neighbourhoods (LSOAs). Without options, loads the packaged Cheshire East data. "
        "Nothing is written if a file has a problem."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=PACKAGED_DATA_DIR,
            help="directory holding wards.geojson, ward_imd2019.csv, lsoa_imd2019.csv, lsoa_to_ward.csv, "
            "sub_regions.csv and msoa_life_expectancy_2016_2020.csv "
            "(default: the packaged Cheshire East data)",
        )
        parser.add_argument("--wards-geojson", type=Path, help="ward boundaries (properties code, name)")
        parser.add_argument(
            "--ward-imd",
            type=Path,
            help="ward IMD CSV (ward_code, ward_name, Score, each domain's score)",
        )
        parser.add_argument(
            "--lsoa-imd",
            type=Path,
            help="LSOA CSV with lsoa_code, lsoa_name, population_2015, imd_rank, imd_decile",
        )
        parser.add_argument("--lsoa-to-ward", type=Path, help="CSV of lsoa_code, ward_code")
        parser.add_argument(
            "--sub-regions", type=Path, help="CSV of ward_code, sub_region_code, sub_region_name"
        )
        parser.add_argument(
            "--life-expectancy",
            type=Path,
            help="MSOA life expectancy CSV with msoa_name, sex (Males, Females, Persons), life_expectancy",
        )
        parser.add_argument("--authority-code", default=CHESHIRE_EAST_CODE, help="the council's ONS code")
        parser.add_argument("--authority-name", default=CHESHIRE_EAST_NAME, help="the council's name")

    def handle(self, *args: Any, **options: Any) -> None:
        standard = AreaDataFiles.in_directory(options["data_dir"])
        files = AreaDataFiles(
            wards_geojson=options["wards_geojson"] or standard.wards_geojson,
            ward_imd=options["ward_imd"] or standard.ward_imd,
            lsoa_imd=options["lsoa_imd"] or standard.lsoa_imd,
            lsoa_to_ward=options["lsoa_to_ward"] or standard.lsoa_to_ward,
            sub_regions=options["sub_regions"] or standard.sub_regions,
            life_expectancy=options["life_expectancy"] or standard.life_expectancy,
        )
        try:
            summary = import_wards(
                files,
                actor="youdecide import-areas",
                authority_code=options["authority_code"],
                authority_name=options["authority_name"],
            )
        except AreaDataError as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"Nothing was imported: {exc}.") from None
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.write_summary(summary)

    def write_summary(self, summary: AreaImportSummary) -> None:
        authority = summary.authority
        self.stdout.write(
            f"{authority.name} ({authority.code}): {summary.wards} wards in {len(summary.sub_regions)} "
            f"sub-regions, population {summary.population:,}."
        )
        self.stdout.write(
            f"Areas created: {summary.created}, updated: {summary.updated}, "
            f"already up to date: {summary.unchanged}."
        )
        self.stdout.write(
            f"Neighbourhoods (LSOAs): {summary.neighbourhoods}, "
            f"created, changed or removed: {summary.neighbourhoods_changed}."
        )
        self.stdout.write(f"\n  {'sub-region':<40} {'wards':>5} {'population':>11} {'IMD score':>10}")
        for region in summary.sub_regions:
            self.stdout.write(
                f"  {region.name:<40} {region.wards:>5} {region.population:>11,} {region.imd_score:>10.1f}"
            )
        self.stdout.write(f"\n{ATTRIBUTION}")
