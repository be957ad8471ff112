"""The product's settings with one extra URL for the benchmark: a bare view that stores a ballot and its
items in one SQL statement, with none of the product's checks. It lives here, never in the product.

BENCH_CONN_MAX_AGE (seconds, default: the product's own setting) keeps database connections open between
requests, to measure what persistent connections would change.
"""

from __future__ import annotations

import os

from youdecide.settings import *  # noqa: F403
from youdecide.settings import DATABASES

ROOT_URLCONF = "bare_urls"
if os.environ.get("BENCH_CONN_MAX_AGE", "").strip():
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ["BENCH_CONN_MAX_AGE"])
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
