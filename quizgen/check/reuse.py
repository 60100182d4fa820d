"""A sheet's check results kept to be reused: checking a large deck again after one sheet changed
checks that sheet only.

``check_sheet`` reads nothing but the loaded sheet (its facts, their places, its article) and the
sheet's file (its review comments), which it is given as loaded. So its problems are kept under a
key that hashes the path as it was named and the loaded sheet whole, the digest of the bytes it was
loaded from included; any change to the sheet or its article gives another key, and the sheet is
checked again. A sheet saved since it was loaded keeps nothing. The checks across sheets (ids,
images, aliases, form names) are made every time.

Kept problems are JSON, and are reused only when they have the shape checking gives: each of them
in the sheet's own file, with a line, a column, a message and a severity. Anything else is
checked again.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from quizgen.model import FactSheet, Location, Problem

PREFIX = "check:"  # kept beside the questions of sheets (``generate.reuse``), whose keys are bare
SEVERITIES = ("error", "warning")


def check_key(sheet: FactSheet) -> str:
    """The key of a sheet's problems: its path as named and the loaded sheet (``FactSheet.digest``
    is that of its file's bytes)."""
    return PREFIX + hashlib.sha256(f"{sheet.path}\0{sheet!r}".encode("utf-8", "surrogatepass")).hexdigest()


def problems_data(problems: list[Problem], sheet: FactSheet) -> str | None:
    """The problems as JSON, to keep; None when one is elsewhere than in the sheet's file."""
    if any(p.location.path != sheet.path for p in problems):
        return None
    rows = [[p.location.line, p.location.column, p.message, p.severity] for p in problems]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def kept_problems(text: str, sheet: FactSheet) -> list[Problem] | None:
    """The problems kept as ``problems_data`` wrote them, or None when the text is not that."""
    try:
        rows: Any = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(rows, list) or not all(_fits(row) for row in rows):
        return None
    return [Problem(Location(sheet.path, ln, col), text, severity) for ln, col, text, severity in rows]


def _fits(row: Any) -> bool:
    if not isinstance(row, list) or len(row) != 4:
        return False
    line, column, message, severity = row
    numbers = all(type(n) is int and n >= 0 for n in (line, column))
    return numbers and isinstance(message, str) and severity in SEVERITIES
