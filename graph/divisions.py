"""China's administrative divisions (provinces, cities, counties with their codes), read in one place.

The table ships with the `cpca` package. Loaders use it to recognise regions in text; queries use it
to say which regions lie under another (a province covers its cities, a city its districts).
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources


@cache
def divisions() -> tuple[tuple[str, str], ...]:
    """(name, 12-digit administrative code) of every division, ordered by code."""
    text = resources.files("cpca.resources").joinpath("adcodes.csv").read_text(encoding="utf-8")
    return tuple(sorted(((r["name"], r["adcode"]) for r in csv.DictReader(io.StringIO(text))), key=lambda r: r[1]))
