"""What reading a pabulib file whole costs in memory, against reading it line by line.

    .venv/bin/python bench/counting/reader_memory.py [--dir /work/shared/pabulib] [--repeat 3]

``read_pabulib(path)`` reads the file a megabyte at a time; ``read_pabulib(open(path))`` takes it line by
line from the stream. For each of the largest shared files and each way, in its own
process: the median time of ``--repeat`` reads, the peak of Python's allocations (tracemalloc) while
the file is split into rows and during the whole read, and what the election keeps once read.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

FILES = [
    "Poland_Krakow_2024.pb",
    "Poland_Lodz_2022.pb",
    "Poland_Wroclaw_2020.pb",
    "Poland_Warszawa_2026.pb",
    "Poland_Warszawa_2023_Mokotow.pb",
]

MEASURE = """
import gc, json, statistics, sys, time, tracemalloc
from youdecide.counting import read_pabulib
from youdecide.counting.pabulib_reader import read_raw
path, how, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])

def read(reader=read_pabulib, **options):
    if how == "whole":
        return reader(path, **options)
    with open(path, encoding="utf-8-sig", newline=None) as stream:
        return reader(stream, **options)

tracemalloc.start()
raw = read(read_raw)
split_peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
del raw
gc.collect()

times = []
for _ in range(repeat):
    t = time.perf_counter()
    election = read(strict=False)
    times.append(time.perf_counter() - t)
    del election
    gc.collect()
tracemalloc.start()
election = read(strict=False)
gc.collect()
kept, peak = tracemalloc.get_traced_memory()
print(json.dumps({"seconds": statistics.median(times), "peak_mb": peak / 2**20, "kept_mb": kept / 2**20,
                  "split_mb": split_peak / 2**20}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", default="/work/shared/pabulib")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(
        "| election | file MB | whole: time | splitting peak MB | peak MB "
        "| stream: time | splitting peak MB | peak MB | election kept MB |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name in FILES:
        path = Path(args.dir) / name
        found = {}
        for how in ("whole", "stream"):
            done = subprocess.run(  # noqa: S603 - our own interpreter
                [sys.executable, "-c", MEASURE, str(path), how, str(args.repeat)],
                capture_output=True,
                text=True,
                check=True,
            )
            found[how] = json.loads(done.stdout.strip().splitlines()[-1])
        whole, stream = found["whole"], found["stream"]
        print(
            f"| {name.removesuffix('.pb')} | {path.stat().st_size / 2**20:.1f} | {whole['seconds']:.2f} s | "
            f"{whole['split_mb']:.0f} | {whole['peak_mb']:.0f} | {stream['seconds']:.2f} s | "
            f"{stream['split_mb']:.0f} | {stream['peak_mb']:.0f} | {whole['kept_mb']:.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
